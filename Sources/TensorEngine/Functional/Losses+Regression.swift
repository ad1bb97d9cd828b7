/// Regression losses: mse, l1, smooth l1 and huber. Operands broadcast (the interpreter
/// warns when their sizes differ, as torch.nn.functional does).

/// `F.mse_loss`: (input - target)².
public func mseLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, weight: Tensor? = nil) throws -> Tensor {
    let loss: Tensor
    if input.dtype == target.dtype, input.dtype == .float32 || input.dtype == .float64 {
        // PyTorch's mse kernel: diff = a - b, then diff * diff, each rounded in the dtype.
        if let fused = try float32SameShapeMap(input, target, { x, y in (x - y) * (x - y) }) {
            loss = fused
        } else {
            let difference = try functionalBinary(.subtract, input, target)
            loss = try functionalBinary(.multiply, difference, difference)
        }
    } else {
        loss = try pointwiseLoss(input, target, kernel: "mse_cpu") { x, y in (x - y) * (x - y) }
    }
    return try weightedReduction(loss, weight: weight, inputShape: input.shape, reduction: reduction, meanOverWeights: true)
}

/// `F.l1_loss`: |input - target|, in the promoted dtype (integers allowed until a mean).
public func l1Loss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, weight: Tensor? = nil) throws -> Tensor {
    let loss = try functionalBinary(.subtract, input, target).unary(.abs)
    return try weightedReduction(loss, weight: weight, inputShape: input.shape, reduction: reduction, meanOverWeights: true)
}

/// `F.smooth_l1_loss`: 0.5·z²/beta below beta, z - 0.5·beta above; beta = 0 is l1.
public func smoothL1Loss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, beta: Double = 1) throws -> Tensor {
    guard beta >= 0 else { throw TensorError.runtime("smooth_l1_loss does not support negative values for beta.") }
    if beta == 0 { return try l1Loss(input, target, reduction: reduction) }
    // PyTorch's float32 kernel rounds each step in float: ((0.5·z)·z)/beta.
    let threshold = Float(beta)
    let fused = try float32SameShapeMap(input, target) { x, y in
        let z = Swift.abs(x - y)
        return z < threshold ? 0.5 * z * z / threshold : z - 0.5 * threshold
    }
    let loss = try fused ?? pointwiseLoss(input, target, kernel: "smooth_l1_cpu") { x, y in
        let z = Swift.abs(x - y)
        return z < beta ? 0.5 * z * z / beta : z - 0.5 * beta
    }
    return try reduceLoss(loss, reduction)
}

/// `F.huber_loss`: 0.5·z² below delta, delta·(z - 0.5·delta) above.
public func huberLoss(
    _ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, delta: Double = 1, weight: Tensor? = nil
) throws -> Tensor {
    guard delta > 0 else { throw TensorError.runtime("huber_loss does not support non-positive values for delta.") }
    let limit = Float(delta)
    let fused = try float32SameShapeMap(input, target) { x, y in
        let z = Swift.abs(x - y)
        return z < limit ? 0.5 * z * z : limit * (z - 0.5 * limit)
    }
    let loss = try fused ?? pointwiseLoss(input, target, kernel: "huber_cpu") { x, y in
        let z = Swift.abs(x - y)
        return z < delta ? 0.5 * z * z : delta * (z - 0.5 * delta)
    }
    return try weightedReduction(loss, weight: weight, inputShape: input.shape, reduction: reduction, meanOverWeights: false)
}

/// The `weight=` path of the Python-side losses: scale elementwise, then either
/// Σ(w·loss)/Σw (mse, l1) or a plain mean (huber).
private func weightedReduction(
    _ loss: Tensor, weight: Tensor?, inputShape: [Int], reduction: LossReduction, meanOverWeights: Bool
) throws -> Tensor {
    guard let weight else { return try reduceLoss(loss, reduction) }
    guard weight.shape == inputShape else { throw TensorError.value("Weights and input must have the same size.") }
    let weighted = try functionalBinary(.multiply, weight, loss)
    switch reduction {
    case .mean where meanOverWeights:
        return try functionalBinary(.divide, try weighted.sum(dims: nil, keepDim: false), try weight.sum(dims: nil, keepDim: false))
    default:
        return try reduceLoss(weighted, reduction)
    }
}

/// mse_loss's gradient, `scale · (input - target) · gradient` for a one-element
/// `gradient`, in one pass with the three float roundings of the separate ops; nil
/// unless input and target are float32 tensors of one shape.
public func mseLossGradient(_ input: Tensor, _ target: Tensor, scale: Double, gradient: Tensor) throws -> Tensor? {
    guard gradient.dtype == .float32, gradient.count == 1 else { return nil }
    let factor = Float(scale), outer = gradient.pointer(Float.self)[gradient.storageOffset]
    return try float32SameShapeMap(input, target) { x, y in (factor * (x - y)) * outer }
}

/// `body(a, b)` elementwise over two float32 tensors of one shape, or nil for anything else.
private func float32SameShapeMap(_ a: Tensor, _ b: Tensor, _ body: (Float, Float) -> Float) throws -> Tensor? {
    guard a.dtype == .float32, b.dtype == .float32, a.shape == b.shape else { return nil }
    let first = try a.contiguous(), second = try b.contiguous()
    let result = try Tensor.uninitialized(shape: a.shape, dtype: .float32)
    let x = UnsafePointer(first.pointer(Float.self)) + first.storageOffset
    let y = UnsafePointer(second.pointer(Float.self)) + second.storageOffset
    let output = result.pointer(Float.self)
    for index in 0..<a.count { output[index] = body(x[index], y[index]) }
    return result
}
