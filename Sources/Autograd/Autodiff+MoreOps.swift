import TensorEngine

/// Products, scatters and index additions: PyTorch's formulas for the ops real code and
/// recorded cases reach beyond the core families.
extension Autodiff {
    /// `prod` (ProdBackward0 over everything, ProdBackward1 along a dim): grad · result / x,
    /// or, where an input is zero, the product of the others.
    public static func prod(_ input: Tensor, dim: Int?, keepDim: Bool, dtype: DType? = nil) throws -> Tensor {
        let output = try input.prod(dim: dim, keepDim: keepDim, dtype: dtype)
        return Recorder.record(dim == nil ? "ProdBackward0" : "ProdBackward1", inputs: [input], output: output) { node in
            let savedInput = node.save(input), savedOutput = node.save(output, isOutput: true)
            return { gradient, _ in
                let x = try savedInput.unpack()
                let axis = dim.map { $0 < 0 ? $0 + max(x.rank, 1) : $0 }
                var result = try savedOutput.unpack(), grad = gradient
                if let axis, !keepDim, x.rank > 0 {
                    result = try result.unsqueeze(axis)
                    grad = try grad.unsqueeze(axis)
                }
                let hasZero = try compare(.equal, x, 0).any(dims: nil, keepDim: false).item() == .bool(true)
                if !hasZero { return [try mul(grad, try div(result, x))] }
                return [try mul(grad, try productOfOthers(x, axis: axis))]
            }
        }
    }

    /// `scatter(dim, index, src)` and `scatter_add`: the source's gradient is gathered back;
    /// a plain scatter also blocks the overwritten positions from the target's gradient.
    public static func scattered(_ input: Tensor, dim: Int, index: Tensor, source: Operand, reduction: ScatterReduction) throws -> Tensor {
        let output = try input.scattered(dim: dim, index: index, source: source, reduction: reduction)
        guard reduction != .multiply else {
            if Recorder.shouldRecord([input, source.tensorValue]) { markNotDifferentiable(output, inputs: [input], name: "scatter(reduce='multiply')") }
            return output
        }
        let name = reduction == .add ? "ScatterAddBackward0" : (source.tensorValue == nil ? "ScatterBackward1" : "ScatterBackward0")
        // A number source is not an input of the node (ScatterBackward1 has one edge).
        let inputs = source.tensorValue.map { [input, $0] } ?? [input]
        return Recorder.record(name, inputs: inputs, output: output) { _ in
            { gradient, node in
                var gradInput: Tensor?
                if node.needsGradient(0) {
                    gradInput = reduction == .add ? gradient : try gradient.scattered(dim: dim, index: index, source: .scalar(.int(0)))
                }
                return [gradInput, node.needsGradient(1) ? try gradient.gather(dim: dim, index: index) : nil]
            }
        }
    }

    /// `index_add(dim, index, source, alpha)`: the source's gradient is the selected rows, scaled.
    public static func indexAdd(_ input: Tensor, dim: Int, index: Tensor, source: Tensor, alpha: Scalar) throws -> Tensor {
        let output = try input.indexAdd(dim: dim, index: index, source: source, alpha: alpha)
        return Recorder.record("IndexAddBackward0", inputs: [input, source], output: output) { _ in
            { gradient, node in
                var gradSource: Tensor?
                if node.needsGradient(1) {
                    let selected = source.rank == 0 ? try gradient.indexSelect(dim: dim, index: index).reshape([]) : try gradient.indexSelect(dim: dim, index: index)
                    gradSource = try binary(.multiply, .tensor(selected), .scalar(alpha))
                }
                return [node.needsGradient(0) ? gradient : nil, gradSource]
            }
        }
    }

    /// `torch.outer` is `a.reshape(n, 1) * b` in PyTorch (MulBackward0).
    public static func outer(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.rank == 1, b.rank == 1 else { return try a.outer(b) }
        return try binary(.multiply, .tensor(try reshape(a, [a.count, 1])), .tensor(b))
    }
}

/// For each element, the product of the others along `axis` (all elements when nil):
/// exclusive products from the left times those from the right, safe with zeros.
private func productOfOthers(_ x: Tensor, axis: Int?) throws -> Tensor {
    guard let axis, x.rank > 0 else {
        let flat = try productOfOthers(try x.reshape([-1]), axis: 0)
        return try flat.reshape(x.shape)
    }
    let length = x.shape[axis]
    let ones = try Tensor.zeros(shape: try x.narrow(axis, start: 0, length: min(1, length)).shape, dtype: x.dtype)
    try ones.copy(from: try Tensor(values: [Float(1)], shape: []).to(x.dtype))
    guard length > 1 else { return try ones.expand(x.shape).contiguous() }
    let left = try concatenate([ones, try x.narrow(axis, start: 0, length: length - 1).cumprod(dim: axis)], dim: axis)
    let right = try concatenate([try x.flip([axis]).narrow(axis, start: 0, length: length - 1).cumprod(dim: axis).flip([axis]), ones], dim: axis)
    return try binary(.multiply, .tensor(left), .tensor(right))
}

extension Autodiff {
    /// `nan_to_num` (NanToNumBackward0): the gradient passes where the input was finite.
    /// The caller computes the replaced values; this records the node for them.
    public static func nanToNumber(_ input: Tensor, output: Tensor) -> Tensor {
        Recorder.record("NanToNumBackward0", inputs: [input], output: output) { node in
            let saved = node.save(input)
            return { gradient, _ in
                [try TensorEngine.whereSelect(try saved.unpack().unary(.isFinite), .tensor(gradient), .scalar(.int(0)))]
            }
        }
    }

}
