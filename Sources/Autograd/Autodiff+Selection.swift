import TensorEngine

extension Autodiff {
    public static func whereSelect(_ condition: Tensor, _ a: Operand, _ b: Operand) throws -> Tensor {
        let output = try TensorEngine.whereSelect(condition, a, b)
        return Recorder.record("WhereBackward0", inputs: [a.tensorValue, b.tensorValue], output: output) { node in
            { gradient, node in
                [node.needsGradient(0) ? try TensorEngine.whereSelect(condition, .tensor(gradient), .scalar(.int(0))) : nil,
                 node.needsGradient(1) ? try TensorEngine.whereSelect(condition, .scalar(.int(0)), .tensor(gradient)) : nil]
            }
        }
    }

    public static func maskedFill(_ input: Tensor, _ mask: Tensor, _ value: Operand) throws -> Tensor {
        let output = try input.maskedFill(mask, value)
        // PyTorch's `masked_fill.Tensor` overload records its own node.
        let name = value.tensorValue == nil ? "MaskedFillBackward0" : "MaskedFillBackward1"
        // A number value is not an input of the node (MaskedFillBackward0 has one edge).
        return Recorder.record(name, inputs: value.tensorValue.map { [input, $0] } ?? [input], output: output) { _ in
            { gradient, node in
                [node.needsGradient(0) ? try gradient.maskedFill(mask, .scalar(.int(0))) : nil,
                 node.needsGradient(1) ? try TensorEngine.whereSelect(mask, .tensor(gradient), .scalar(.int(0))).sum(dims: nil, keepDim: false) : nil]
            }
        }
    }

    /// `clamp`, `clip`, `clamp_min` and `clamp_max`. With number bounds (ClampBackward1, or
    /// `backwardName`) the gradient passes only strictly inside them. With tensor bounds
    /// (ClampBackward0) an input equal to a bound shares the gradient with it, half each,
    /// as PyTorch 2's kernel does.
    public static func clamp(_ input: Tensor, min lower: Operand?, max upper: Operand?, backwardName: String? = nil) throws -> Tensor {
        let output = try input.clamp(min: lower, max: upper)
        let tensorBounds = lower?.tensorValue != nil || upper?.tensorValue != nil
        let name = backwardName ?? (tensorBounds ? "ClampBackward0" : "ClampBackward1")
        // Number bounds are not inputs of the node (ClampBackward1 has one edge).
        let inputs = tensorBounds ? [input, lower?.tensorValue, upper?.tensorValue] : [input]
        return Recorder.record(name, inputs: inputs, output: output) { node in
            let saved = node.save(input)
            let savedLower = lower?.tensorValue.map { node.save($0) }, savedUpper = upper?.tensorValue.map { node.save($0) }
            return { gradient, node in
                let x = try saved.unpack()
                let low = try savedLower.map { Operand.tensor(try $0.unpack()) } ?? lower
                let high = try savedUpper.map { Operand.tensor(try $0.unpack()) } ?? upper
                let zero = Operand.scalar(.int(0))
                let throughInside = try TensorEngine.whereSelect(try strictlyInside(x, low, high), .tensor(gradient), zero)
                guard tensorBounds else { return [throughInside, nil, nil] }
                return try tieShares(gradient, x, low, high, throughInside: throughInside, node: node)
            }
        }
    }

    /// Where x lies strictly between the bounds given (never where x is NaN).
    private static func strictlyInside(_ x: Tensor, _ low: Operand?, _ high: Operand?) throws -> Tensor {
        var inside = try binary(.equal, .tensor(x), .tensor(x))
        if let low { inside = try binary(.logicalAnd, .tensor(inside), .tensor(try binary(.greater, .tensor(x), low))) }
        if let high { inside = try binary(.logicalAnd, .tensor(inside), .tensor(try binary(.less, .tensor(x), high))) }
        return inside
    }

    /// Tensor bounds: the input keeps the gradient strictly inside plus half of it on a
    /// bound; each bound takes the whole gradient beyond it and the other half on it.
    private static func tieShares(_ gradient: Tensor, _ x: Tensor, _ low: Operand?, _ high: Operand?,
                                  throughInside: Tensor, node: Node) throws -> [Tensor?] {
        let half = try mul(gradient, 0.5)
        let zero = Operand.scalar(.int(0))
        func share(_ bound: Operand?, beyond: BinaryOp) throws -> (input: Tensor, bound: Tensor)? {
            guard let bound else { return nil }
            let onBound = try TensorEngine.whereSelect(try binary(.equal, .tensor(x), bound), .tensor(half), zero)
            let outside = try binary(beyond, .tensor(x), bound)
            return (onBound, try TensorEngine.whereSelect(outside, .tensor(gradient), .tensor(onBound)))
        }
        let lowShare = try share(low, beyond: .less), highShare = try share(high, beyond: .greater)
        var inputGradient = throughInside
        for piece in [lowShare?.input, highShare?.input].compactMap({ $0 }) { inputGradient = try add(inputGradient, piece) }
        return [node.needsGradient(0) ? inputGradient : nil,
                node.needsGradient(1) ? lowShare?.bound : nil,
                node.needsGradient(2) ? highShare?.bound : nil]
    }

    public static func concatenate(_ tensors: [Tensor], dim: Int) throws -> Tensor {
        let output = try TensorEngine.concatenate(tensors, dim: dim)
        let sizes = tensors.map { $0.rank == 1 && $0.shape[0] == 0 && output.rank > 1 ? 0 : $0.shape[$0.rank == 0 ? 0 : (dim < 0 ? dim + $0.rank : dim)] }
        return Recorder.record("CatBackward0", inputs: tensors, output: output) { _ in
            { gradient, node in
                let axis = dim < 0 ? dim + gradient.rank : dim
                var start = 0
                return try sizes.enumerated().map { index, size in
                    defer { start += size }
                    guard node.needsGradient(index) else { return nil }
                    return try gradient.narrow(axis, start: start, length: size)
                }
            }
        }
    }

    public static func stack(_ tensors: [Tensor], dim: Int) throws -> Tensor {
        let output = try TensorEngine.stack(tensors, dim: dim)
        return Recorder.record("StackBackward0", inputs: tensors, output: output) { _ in
            { gradient, node in
                let axis = dim < 0 ? dim + gradient.rank : dim
                return try (0..<tensors.count).map { index in
                    node.needsGradient(index) ? try gradient.select(axis, index) : nil
                }
            }
        }
    }

    public static func gather(_ input: Tensor, dim: Int, index: Tensor) throws -> Tensor {
        let output = try input.gather(dim: dim, index: index)
        let shape = input.shape
        return Recorder.record("GatherBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in
                let base = try zeros(shape, gradient.dtype)
                try base.scatterInPlace(dim: dim, index: index, source: .tensor(gradient), reduction: .add)
                return [base]
            }
        }
    }

    public static func indexSelect(_ input: Tensor, dim: Int, index: Tensor) throws -> Tensor {
        let output = try input.indexSelect(dim: dim, index: index)
        let shape = input.shape
        return Recorder.record("IndexSelectBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in
                let base = try zeros(shape, gradient.dtype)
                try base.indexAddInPlace(dim: dim, index: index.rank == 0 ? try index.reshape([1]) : index,
                                         source: shape.isEmpty ? gradient : gradient)
                return [base]
            }
        }
    }

    /// `F.embedding`: each looked-up row's gradient is added back into its row of the
    /// table; the padding row gets none. With `scaleGradByFrequency` each contribution is
    /// divided by how often its index occurs in the batch, as ATen's dense backward does.
    public static func embedding(_ indices: Tensor, weight: Tensor, paddingIndex: Int? = nil,
                                 scaleGradByFrequency: Bool = false) throws -> Tensor {
        let output = try TensorEngine.embedding(indices, weight: weight)
        let shape = weight.shape
        return Recorder.record("EmbeddingBackward0", inputs: [weight], output: output) { _ in
            { gradient, _ in
                let base = try zeros(shape, gradient.dtype)
                let flatIndices = try indices.reshape([-1])
                var rows = try gradient.reshape([flatIndices.count, shape[1]])
                if scaleGradByFrequency {
                    rows = try binary(.multiply, .tensor(rows), .tensor(try inverseFrequencies(flatIndices, dtype: gradient.dtype)))
                }
                try base.indexAddInPlace(dim: 0, index: flatIndices, source: rows)
                if let paddingIndex {
                    let row = paddingIndex < 0 ? paddingIndex + shape[0] : paddingIndex
                    try base.select(0, row).copy(from: try zeros([shape[1]], gradient.dtype))
                }
                return [base]
            }
        }
    }

    /// A column holding 1 / (occurrences of each position's index among `indices`).
    private static func inverseFrequencies(_ indices: Tensor, dtype: DType) throws -> Tensor {
        let values = indices.elements(as: Int64.self)
        var counts: [Int64: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        let scales = values.map { 1.0 / Double(counts[$0] ?? 1) }
        return try Tensor(values: scales, shape: [values.count, 1]).to(dtype)
    }

    /// `masked_select` (MaskedSelectBackward0): the gradient goes back to the selected
    /// positions of the (broadcast) input.
    public static func maskedSelect(_ input: Tensor, _ mask: Tensor) throws -> Tensor {
        let output = try input.maskedSelect(mask)
        let shape = input.shape
        return Recorder.record("MaskedSelectBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in
                let full = try broadcastShapes(shape, mask.shape)
                let base = try zeros(full, gradient.dtype)
                try base.setItem([.tensor(try mask.expand(full))], value: .tensor(gradient))
                return [base]
            }
        }
    }
}

extension Autodiff {
    /// `masked_scatter` (MaskedScatterBackward0): the unwritten positions' gradient goes to
    /// the input, the written ones' to the source elements they took.
    public static func maskedScatter(_ input: Tensor, _ mask: Tensor, _ source: Tensor, inPlace: Bool) throws -> Tensor {
        let (output, expandedMask) = try input.maskedScattered(mask, source, expandsMaskOnly: inPlace)
        let (inputShape, sourceShape) = (input.shape, source.shape)
        return Recorder.record("MaskedScatterBackward0", inputs: [input, source], output: output) { _ in
            { gradient, node in
                [node.needsGradient(0) ? try sumTo(try gradient.maskedFill(expandedMask, .scalar(.int(0))), inputShape) : nil,
                 node.needsGradient(1) ? try gradient.maskedScatterSourceGradient(mask: expandedMask, sourceShape: sourceShape) : nil]
            }
        }
    }
}
