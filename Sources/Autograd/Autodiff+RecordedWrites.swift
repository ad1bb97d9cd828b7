import TensorEngine

/// Writes the engine does in place (`fill_`, `zero_`, `copy_`, `index_fill_`, the random
/// fills) as autograd records them: in the graph, the target's history moves to a node named
/// as PyTorch names it, whose gradient for the overwritten values is zero where they were
/// overwritten. Outside the graph, the write is done directly, with no copy.
extension Autodiff {
    /// `write` changes a tensor's values in place. `gradients` maps the output's gradient to
    /// the gradients of the target's old values and of `otherInputs`, in order.
    public static func recordedWrite(_ target: Tensor, name: String, otherInputs: [Tensor?] = [],
                                     write: (Tensor) throws -> Void,
                                     gradients: @escaping (Tensor) throws -> [Tensor?]) throws {
        guard recordsWrite(into: target, otherInputs) else {
            try write(target)
            target.markWrittenInPlace()
            return
        }
        _ = try inPlace(target) { old in
            try writtenCopy(of: old, name: name, otherInputs: otherInputs, write: write, gradients: gradients)
        }
    }

    /// Whether an in-place write goes through autograd: the target or the written values are
    /// in the graph. Otherwise the engine writes directly, without the out-of-place copy.
    public static func recordsWrite(into target: Tensor, _ others: [Tensor?]) -> Bool {
        GradMode.isEnabled && (target.requiresGrad || others.contains { $0?.requiresGrad == true })
    }

    /// The out-of-place form (`index_fill`): a copy of `input` with the write done, recorded
    /// as one node whose inputs are `input` and `otherInputs`.
    public static func writtenCopy(of input: Tensor, name: String, otherInputs: [Tensor?] = [],
                                   write: (Tensor) throws -> Void,
                                   gradients: @escaping (Tensor) throws -> [Tensor?]) throws -> Tensor {
        let output = try input.clone()
        try write(output)
        return Recorder.record(name, inputs: [input] + otherInputs, output: output) { _ in
            { gradient, _ in try gradients(gradient) }
        }
    }

    /// A write of values that do not depend on the old ones (`fill_(2)`, `zero_()`,
    /// `normal_()`): the old values and any `parameters` (`bernoulli_(p)`) get a zero gradient.
    public static func overwrite(_ target: Tensor, name: String, parameters: [Tensor] = [], _ write: (Tensor) throws -> Void) throws {
        try recordedWrite(target, name: name, otherInputs: parameters, write: write) { gradient in
            [try Tensor.zeros(shape: gradient.shape, dtype: gradient.dtype)] + (try parameters.map { try Tensor.zeros(shape: $0.shape, dtype: $0.dtype) })
        }
    }

    /// `fill_(value)` with a 0-dim tensor value (FillBackward3): the value's gradient is
    /// the sum of the output's.
    public static func fill(_ target: Tensor, with value: Tensor) throws {
        let number = try value.item()
        try recordedWrite(target, name: "FillBackward3", otherInputs: [value], write: { $0.fill(number) }) { gradient in
            [try Tensor.zeros(shape: gradient.shape, dtype: gradient.dtype), try gradient.sum(dims: nil, keepDim: false)]
        }
    }

    /// `copy_(src)` (CopyBackwards): the old values get zero, `src` the gradient, summed
    /// back to its shape and cast to its dtype by the engine.
    public static func copy(into target: Tensor, from source: Tensor) throws {
        try recordedWrite(target, name: "CopyBackwards", otherInputs: [source], write: { try $0.copy(from: source) }) { gradient in
            [try Tensor.zeros(shape: gradient.shape, dtype: gradient.dtype), gradient]
        }
    }
}

extension Autodiff {
    /// `fill_diagonal_(value, wrap)`. PyTorch fills strided views of the diagonal, so in the
    /// graph the node is CopySlices and the filled positions pass no gradient back.
    public static func fillDiagonal(_ target: Tensor, _ value: Scalar, wrap: Bool) throws {
        _ = try target.diagonalViews(wrap: wrap)  // PyTorch's shape checks come first
        if GradMode.isEnabled && target.isLeaf && target.requiresGrad { throw AutogradError.leafViewInPlace.tensorError }
        try recordedWrite(target, name: "CopySlices", write: { written in
            for diagonal in try written.diagonalViews(wrap: wrap) { diagonal.fill(value) }
        }) { gradient in
            let passed = try gradient.clone()
            for diagonal in try passed.diagonalViews(wrap: wrap) { diagonal.fill(.int(0)) }
            return [passed]
        }
    }
}
