import TensorEngine

extension Autodiff {
    /// `cumprod` (CumprodBackward0), with PyTorch's O(n) backward that stays exact when the
    /// input holds zeros, where dividing the output by the input would give NaN.
    public static func cumprod(_ input: Tensor, dim: Int, dtype: DType? = nil) throws -> Tensor {
        let output = try input.cumprod(dim: dim, dtype: dtype)
        return Recorder.record("CumprodBackward0", inputs: [input], output: output) { node in
            let (savedInput, savedOutput) = (node.save(input), node.save(output))
            return { gradient, _ in
                [try cumprodGradient(gradient, input: try savedInput.unpack(), output: try savedOutput.unpack(), dim: dim)]
            }
        }
    }
}

private func reversedCumsum(_ x: Tensor, dim: Int) throws -> Tensor {
    try x.flip([dim]).cumsum(dim: dim).flip([dim])
}

/// PyTorch's `cumprod_backward` for first-order gradients.
/// Before the first zero of a slice, ∂/∂x_k = Σ_{j≥k} g_j·out_j / x_k. At the first zero z1,
/// the products skip x_z1: Σ_{z1≤j<z2} g_j·Π_{z1<i≤j} x_i, times out_{z1-1}. After it, 0.
private func cumprodGradient(_ gradient: Tensor, input: Tensor, output: Tensor, dim rawDim: Int) throws -> Tensor {
    guard input.count > 1, input.rank > 0 else { return gradient }
    let dim = rawDim < 0 ? rawDim + input.rank : rawDim
    guard input.shape[dim] > 1 else { return gradient }
    let weighted = try mul(output, gradient)
    let isZero = try binary(.equal, .tensor(input), .scalar(.int(0)))
    guard try isZero.any(dims: nil, keepDim: false).item().boolValue else {
        return try div(try reversedCumsum(weighted, dim: dim), input)
    }
    let zerosSoFar = try isZero.cumsum(dim: dim)
    let beforeFirstZero = try binary(.equal, .tensor(zerosSoFar), .scalar(.int(0)))
    let early = try div(try reversedCumsum(try weighted.maskedFill(try beforeFirstZero.unary(.logicalNot), .scalar(.int(0))), dim: dim), input)
    var result = try whereSelect(beforeFirstZero, .tensor(early), .scalar(.int(0)))

    let afterOneZero = try binary(.equal, .tensor(zerosSoFar), .scalar(.int(1)))
    let firstZeroIndex = try afterOneZero.max(dim: dim, keepDim: true).indices
    let firstZeroMask = try binary(.logicalAnd, .tensor(try Tensor.zeros(shape: input.shape, dtype: .bool)
        .scattered(dim: dim, index: firstZeroIndex, source: .scalar(.bool(true)))), .tensor(afterOneZero))
    let betweenZeros = try binary(.logicalAnd, .tensor(afterOneZero), .tensor(try firstZeroMask.unary(.logicalNot)))
    let productsAfterZero = try input.maskedFill(try betweenZeros.unary(.logicalNot), .scalar(.int(1))).cumprod(dim: dim)
    let gradientsAfterZero = try gradient.maskedFill(try afterOneZero.unary(.logicalNot), .scalar(.int(0)))
    let previousIndex = try binary(.maximum, .tensor(try binary(.subtract, .tensor(firstZeroIndex), .scalar(.int(1)))), .scalar(.int(0)))
    let productBefore = try output.gather(dim: dim, index: previousIndex)
        .maskedFill(try binary(.equal, .tensor(firstZeroIndex), .scalar(.int(0))), .scalar(.int(1)))
    let atZero = try mul(try mul(productsAfterZero, gradientsAfterZero).sum(dims: [dim], keepDim: true), productBefore)
    result = try whereSelect(firstZeroMask, .tensor(atZero), .tensor(result))
    return result
}

extension Autodiff {
    /// `torch.diag_embed` (DiagEmbedBackward0): the last dim of `input` written on the
    /// diagonal (`offset`) of the (dim1, dim2) planes of a new zero tensor; the gradient
    /// is that diagonal of the incoming gradient.
    public static func diagEmbed(_ input: Tensor, offset: Int, dim1: Int, dim2: Int) throws -> Tensor {
        guard input.rank > 0 else { throw TensorError.runtime("diag_embed(): input must be at least 1-dimensional") }
        let rank = input.rank + 1
        let (first, second) = (try normalizeDim(dim1, rank: rank), try normalizeDim(dim2, rank: rank))
        guard first != second else { throw TensorError.runtime("diagonal dimensions cannot be identical \(dim1), \(dim2)") }
        let (size, overflow) = input.shape[input.rank - 1].addingReportingOverflow(offset == Int.min ? Int.max : abs(offset))
        if overflow { throw TensorError.runtime("diag_embed(): offset \(offset) is too large") }
        var shape = Array(input.shape.dropLast())
        for dim in [first, second].sorted() { shape.insert(size, at: dim) }
        let output = try Tensor.zeros(shape: shape, dtype: input.dtype)
        try output.diagonal(offset: offset, first, second).copy(from: input)
        return Recorder.record("DiagEmbedBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.diagonal(offset: offset, first, second)] }
        }
    }

    /// `F.gumbel_softmax` as functional.py computes it, so its graph and gradient are
    /// PyTorch's: softmax((logits + g) / tau) with g = -log(Exp(1) noise), and for `hard`
    /// the straight-through `y_hard - y_soft.detach() + y_soft`.
    public static func gumbelSoftmax(_ logits: Tensor, tau: Double, hard: Bool, dim: Int, generator: Generator) throws -> Tensor {
        let noise = try Tensor.zeros(shape: logits.shape, dtype: logits.dtype.isFloatingPoint ? logits.dtype : defaultFloatDType)
        try generator.exponential_(noise, lambda: 1)
        let gumbels = try noise.unary(.log).unary(.negate)
        let perturbed = try binary(.divide, .tensor(try binary(.add, .tensor(logits), .tensor(gumbels))), .scalar(.float(tau)))
        let soft = try softmax(perturbed, dim: dim)
        guard hard else { return soft }
        let axis = try normalizeDim(dim, rank: soft.rank)
        let index = try soft.max(dim: axis, keepDim: true).indices
        let oneHot = try Tensor.zeros(shape: logits.shape, dtype: soft.dtype).scattered(dim: axis, index: index, source: .scalar(.float(1)))
        return try binary(.add, .tensor(try binary(.subtract, .tensor(oneHot), .tensor(soft.detach()))), .tensor(soft))
    }
}
