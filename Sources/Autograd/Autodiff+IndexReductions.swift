import TensorEngine

/// `scatter_reduce`, `index_reduce`, `index_copy` and `put`, as autograd records them
/// (derivatives.yaml's `scatter_reduce_backward` and `index_reduce_backward`).
extension Autodiff {
    /// `scatter_reduce(dim, index, src, reduce, include_self=)` (ScatterReduceBackward0).
    public static func scatterReduce(_ input: Tensor, dim: Int, index: Tensor, source: Tensor, reduction: IndexReduction,
                                     includeSelf: Bool) throws -> Tensor {
        let output = try input.scatterReduced(dim: dim, index: index, source: source, reduction: reduction, includeSelf: includeSelf)
        let layout = ReductionLayout(
            spread: { try $0.scattered(dim: dim, index: index, source: .tensor($1), reduction: .add) },
            pick: { try $0.gather(dim: dim, index: index) },
            clear: { try $0.scattered(dim: dim, index: index, source: .scalar(.int(0))) },
            run: { try $0.scatterReduced(dim: dim, index: index, source: $1, reduction: reduction, includeSelf: includeSelf) })
        return recordReduction("ScatterReduceBackward0", input, source, output, reduction, includeSelf, layout)
    }

    /// `index_reduce(dim, index, source, reduce, include_self=)` (IndexReduceBackward0).
    public static func indexReduce(_ input: Tensor, dim: Int, index: Tensor, source: Tensor, reduction: IndexReduction,
                                   includeSelf: Bool, checked: () -> Void = {}) throws -> Tensor {
        let output = try input.indexReduced(dim: dim, index: index, source: source, reduction: reduction, includeSelf: includeSelf,
                                            checked: checked)
        let rows = try index.rank == 0 ? index.reshape([1]) : index
        let layout = ReductionLayout(
            spread: { try $0.indexAdd(dim: dim, index: rows, source: $1) },
            pick: { try $0.indexSelect(dim: dim, index: rows) },
            clear: { try zeroingSlices($0, dim: dim, index: rows) },
            run: { try $0.indexReduced(dim: dim, index: rows, source: $1, reduction: reduction, includeSelf: includeSelf) })
        return recordReduction("IndexReduceBackward0", input, source, output, reduction, includeSelf, layout)
    }

    /// `index_copy(dim, index, source)` (IndexCopyBackward0): the copied-over slices pass no
    /// gradient to the input; the source gets the slices it was copied into.
    public static func indexCopy(_ input: Tensor, dim: Int, index: Tensor, source: Tensor) throws -> Tensor {
        let output = try input.indexCopied(dim: dim, index: index, source: source)
        let rows = try index.rank == 0 ? index.reshape([1]) : index
        return Recorder.record("IndexCopyBackward0", inputs: [input, source], output: output) { _ in
            { gradient, node in
                [node.needsGradient(0) ? try zeroingSlices(gradient, dim: dim, index: rows) : nil,
                 node.needsGradient(1) ? try gradient.indexSelect(dim: dim, index: rows).reshape(source.shape) : nil]
            }
        }
    }

    /// `put(index, source, accumulate=)` (PutBackward0): overwritten positions pass no
    /// gradient to the input unless the values were added; the source gets its positions'.
    public static func put(_ input: Tensor, index: Tensor, source: Tensor, accumulate: Bool) throws -> Tensor {
        let output = try input.put(index: index, source: source, accumulate: accumulate)
        return Recorder.record("PutBackward0", inputs: [input, source], output: output) { _ in
            { gradient, node in
                let gradInput = accumulate ? gradient : try gradient.put(index: index, source: try zerosLike(source), accumulate: false)
                let taken = try gradient.reshape([-1]).getItem([.tensor(index)])
                return [node.needsGradient(0) ? gradInput : nil, node.needsGradient(1) ? try taken.reshape(source.shape) : nil]
            }
        }
    }
}

/// How one reduction lays its values out: `scatter_add`/`gather`/`scatter(.., 0)` for
/// scatter_reduce, `index_add`/`index_select`/`index_fill(.., 0)` for index_reduce.
private struct ReductionLayout {
    /// A base with values added at the positions the index names.
    let spread: (Tensor, Tensor) throws -> Tensor
    /// The values at the positions the index names, in the source's layout.
    let pick: (Tensor) throws -> Tensor
    /// Zero at the positions the index names.
    let clear: (Tensor) throws -> Tensor
    /// The forward op on another input and source.
    let run: (Tensor, Tensor) throws -> Tensor
}

private func recordReduction(_ name: String, _ input: Tensor, _ source: Tensor, _ output: Tensor, _ reduction: IndexReduction,
                             _ includeSelf: Bool, _ layout: ReductionLayout) -> Tensor {
    Recorder.record(name, inputs: [input, source], output: output) { node in
        // Saved, so an in-place form (whose input is then overwritten) still sees the old values.
        let savedInput = node.save(input), savedSource = node.save(source), savedOutput = node.save(output, isOutput: true)
        return { gradient, node in
            var (gradInput, gradSource) = try reductionGradients(gradient, try savedInput.unpack(), try savedSource.unpack(),
                                                                 try savedOutput.unpack(), reduction, includeSelf, layout)
            if !includeSelf { gradInput = try layout.clear(gradInput) }
            return [node.needsGradient(0) ? try gradInput.reshape(input.shape) : nil,
                    node.needsGradient(1) ? try gradSource.reshape(source.shape) : nil]
        }
    }
}

/// PyTorch's gradients of the input and the source, before include_self=False clears the input's.
private func reductionGradients(_ gradient: Tensor, _ input: Tensor, _ source: Tensor, _ result: Tensor, _ reduction: IndexReduction,
                                _ includeSelf: Bool, _ layout: ReductionLayout) throws -> (Tensor, Tensor) {
    let dtype = input.dtype
    switch reduction {
    case .sum:
        return (gradient, try layout.pick(gradient))
    case .mean:
        // Each position's gradient is shared by the values averaged into it.
        let start = try Factory.full(shape: gradient.shape, value: .int(includeSelf ? 1 : 0), dtype: dtype)
        let counts = try layout.spread(start, try Factory.full(shape: source.shape, value: .int(1), dtype: dtype))
        let shares = try counts.maskedFill(try compare(.equal, counts, 0), .scalar(.int(1)))
        return (try div(gradient, shares), try div(try layout.pick(gradient), try layout.pick(shares)))
    case .amax, .amin:
        // Shared evenly among the values equal to the extreme.
        let value = try layout.pick(result)
        let inputIsResult = try binary(.equal, .tensor(input), .tensor(result)).to(dtype)
        let sourceIsResult = try binary(.equal, .tensor(source), .tensor(value)).to(dtype)
        let distributed = try div(gradient, try layout.spread(inputIsResult, sourceIsResult))
        return (try mul(inputIsResult, distributed), try mul(sourceIsResult, try layout.pick(distributed)))
    case .prod:
        return try productGradients(gradient, input, source, result, layout)
    }
}

/// The product's gradient without dividing by zero: an input's own zero is masked out of
/// the product, and a source's lone zero in its group gets the product of the others.
private func productGradients(_ gradient: Tensor, _ input: Tensor, _ source: Tensor, _ result: Tensor,
                              _ layout: ReductionLayout) throws -> (Tensor, Tensor) {
    let maskedInput = try input.maskedFill(try compare(.equal, input, 0), .scalar(.int(1)))
    let gradInput = try div(try mul(gradient, try layout.run(maskedInput, source)), maskedInput)
    let sourceZero = try compare(.equal, source, 0)
    let zerosPerGroup = try layout.pick(try layout.spread(try zerosLike(input), try sourceZero.to(input.dtype)))
    let loneZero = try binary(.logicalAnd, .tensor(sourceZero), .tensor(try compare(.equal, zerosPerGroup, 1)))
    let othersProduct = try layout.run(input, try source.maskedFill(loneZero, .scalar(.int(1))))
    let gradSource = try whereSelect(loneZero, .tensor(try layout.pick(try mul(gradient, othersProduct))),
                                     .tensor(try div(try layout.pick(try mul(gradient, result)), try source.maskedFill(sourceZero, .scalar(.int(1))))))
    return (gradInput, gradSource)
}

/// `grad.index_fill(dim, index, 0)`.
private func zeroingSlices(_ tensor: Tensor, dim: Int, index: Tensor) throws -> Tensor {
    let result = try tensor.clone()
    let rows = try result.rank == 0 ? result.reshape([1]) : result
    let axis = try normalizeDim(dim, rank: rows.rank)
    for position in index.int64s() {
        let resolved = position < 0 ? Int(position) + rows.shape[axis] : Int(position)
        try rows.select(axis, resolved).fill(.int(0))
    }
    return result
}
