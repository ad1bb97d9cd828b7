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
        return Recorder.record("MaskedFillBackward0", inputs: [input, value.tensorValue], output: output) { _ in
            { gradient, node in
                [node.needsGradient(0) ? try gradient.maskedFill(mask, .scalar(.int(0))) : nil,
                 node.needsGradient(1) ? try TensorEngine.whereSelect(mask, .tensor(gradient), .scalar(.int(0))).sum(dims: nil, keepDim: false) : nil]
            }
        }
    }

    /// `clamp` with Python-number bounds (ClampBackward1, ClampMinBackward0, ClampMaxBackward0).
    public static func clamp(_ input: Tensor, min lower: Operand?, max upper: Operand?) throws -> Tensor {
        let output = try input.clamp(min: lower, max: upper)
        let name = lower != nil && upper != nil ? "ClampBackward1" : (lower != nil ? "ClampMinBackward0" : "ClampMaxBackward0")
        return Recorder.record(name, inputs: [input], output: output) { node in
            let saved = node.save(input)
            return { gradient, _ in
                let x = try saved.unpack()
                var keep = try binary(.equal, .tensor(x), .tensor(x))
                if let lower { keep = try binary(.logicalAnd, .tensor(keep), .tensor(try binary(.greaterEqual, .tensor(x), lower))) }
                if let upper { keep = try binary(.logicalAnd, .tensor(keep), .tensor(try binary(.lessEqual, .tensor(x), upper))) }
                return [try TensorEngine.whereSelect(keep, .tensor(gradient), .scalar(.int(0)))]
            }
        }
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
    /// table; the padding row gets none.
    public static func embedding(_ indices: Tensor, weight: Tensor, paddingIndex: Int? = nil) throws -> Tensor {
        let output = try TensorEngine.embedding(indices, weight: weight)
        let shape = weight.shape
        return Recorder.record("EmbeddingBackward0", inputs: [weight], output: output) { _ in
            { gradient, _ in
                let base = try zeros(shape, gradient.dtype)
                let flatIndices = try indices.reshape([-1])
                try base.indexAddInPlace(dim: 0, index: flatIndices, source: try gradient.reshape([flatIndices.count, shape[1]]))
                if let paddingIndex {
                    let row = paddingIndex < 0 ? paddingIndex + shape[0] : paddingIndex
                    try base.select(0, row).copy(from: try zeros([shape[1]], gradient.dtype))
                }
                return [base]
            }
        }
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
