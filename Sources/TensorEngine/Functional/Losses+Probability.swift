import Glibc

/// Losses over probabilities and log-probabilities (aten/src/ATen/native/Loss.cpp).

/// `F.binary_cross_entropy`: (t - 1)·max(log(1 - x), -100) - t·max(log x, -100). The
/// clamp at -100 keeps x = 0 or 1 finite; values outside [0, 1] (nan included) raise.
public func binaryCrossEntropy(
    _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: LossReduction = .mean
) throws -> Tensor {
    guard target.shape == input.shape else {
        throw TensorError(.valueError, .targetSizeMismatch(target: target.shape, input: input.shape))
    }
    guard target.dtype == input.dtype else {
        throw TensorError(.runtimeError, .targetDtypeMismatch(found: target.dtype, expected: input.dtype))
    }
    guard input.dtype.isFloatingPoint else {
        throw TensorError.kernelNotImplemented("binary_cross_entropy", input.dtype)
    }
    var loss: Tensor
    if input.dtype == .float32 {
        loss = try float32BinaryCrossEntropy(input, target)
    } else {
        let probabilities = input.doubles()
        let labels = target.doubles()
        var values = [Double](repeating: 0, count: probabilities.count)
        for index in 0..<probabilities.count {
            let x = probabilities[index]
            let t = labels[index]
            try checkBinaryCrossEntropyRange(x, t)
            values[index] = (t - 1) * Swift.max(Glibc.log1p(-x), -100) - t * Swift.max(Glibc.log(x), -100)
        }
        loss = try ResultBuilder.tensor(doubles: values, shape: input.shape, dtype: input.dtype)
    }
    if let weight {
        let expanded = try weight.expand(try broadcastShapes(target.shape, weight.shape))
        loss = try functionalBinary(.multiply, loss, expanded)
    }
    return try reduceLoss(loss, reduction)
}

/// PyTorch's float32 kernel is scalar float arithmetic with logf and log1pf; the same
/// here gives its results to the bit (computing in double differed in a third of them).
private func float32BinaryCrossEntropy(_ input: Tensor, _ target: Tensor) throws -> Tensor {
    let probabilities = try input.contiguous(), labels = try target.contiguous()
    let result = try Tensor.uninitialized(shape: input.shape, dtype: .float32)
    let x = UnsafePointer(probabilities.pointer(Float.self)) + probabilities.storageOffset
    let t = UnsafePointer(labels.pointer(Float.self)) + labels.storageOffset
    let output = result.pointer(Float.self)
    for index in 0..<input.count {
        try checkBinaryCrossEntropyRange(x[index], t[index])
        output[index] = (t[index] - 1) * Swift.max(Glibc.log1pf(-x[index]), -100)
            - t[index] * Swift.max(Glibc.logf(x[index]), -100)
    }
    return result
}

@inline(__always)
private func checkBinaryCrossEntropyRange<T: BinaryFloatingPoint>(_ x: T, _ t: T) throws {
    guard x >= 0, x <= 1 else { throw TensorError.runtime("all elements of input should be between 0 and 1") }
    guard t >= 0, t <= 1 else { throw TensorError.runtime("all elements of target should be between 0 and 1") }
}

/// `F.binary_cross_entropy_with_logits`, in PyTorch's stable form:
/// (1 - t)·x - log_weight·logsigmoid(x), where log_weight = (pos_weight - 1)·t + 1.
public func binaryCrossEntropyWithLogits(
    _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, positiveWeight: Tensor? = nil, reduction: LossReduction = .mean
) throws -> Tensor {
    guard target.shape == input.shape else {
        throw TensorError.value(
            "Target size (\(formatTorchSize(target.shape))) must be the same as input size (\(formatTorchSize(input.shape)))")
    }
    var logSigmoid = try input.activation(.logSigmoid)
    if let positiveWeight {
        let logWeight = try functionalBinary(.add, try functionalBinary(.multiply, try functionalBinary(.subtract, positiveWeight, 1), target), 1)
        logSigmoid = try functionalBinary(.multiply, logSigmoid, logWeight)
    }
    // PyTorch computes (1 - target) in the target's dtype, then multiplies in place.
    let complement = try binary(.subtract, .scalar(.int(1)), .tensor(target))
    if !complement.dtype.isFloatingPoint {
        throw TensorError(.runtimeError, .castNotAllowed(result: input.dtype, desired: complement.dtype))
    }
    var loss = try functionalBinary(.subtract, try functionalBinary(.multiply, complement, input), logSigmoid)
    if let weight { loss = try functionalBinary(.multiply, loss, weight) }
    return try reduceLoss(loss, reduction)
}

/// `F.kl_div(input, target)` with `input` in log space: target·(log target - input),
/// which is 0 where target is 0 (xlogy). With `logTarget`: exp(t)·(t - input).
/// 'batchmean' divides the sum by input.size(0).
/// kl_div's xlogy(t, t), 0 where t is 0; float32 in float with logf, as PyTorch's kernel
/// computes it (bit for bit).
public func klEntropyTerms(_ target: Tensor) throws -> Tensor {
    target.dtype == .float32
        ? try target.map(Float.self, Float.self) { t in t == 0 ? 0 : t * Glibc.logf(t) }
        : try target.map(Double.self, Double.self) { t in t == 0 ? 0 : t * Glibc.log(t) }.to(target.dtype)
}

public func klDivergence(
    _ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, logTarget: Bool = false
) throws -> Tensor {
    guard input.dtype.isFloatingPoint, target.dtype.isFloatingPoint else {
        throw TensorError.runtime("kl_div: Integral inputs not supported.")
    }
    let loss: Tensor
    if logTarget {
        loss = try functionalBinary(.multiply, try target.unary(.exp), try functionalBinary(.subtract, target, input))
    } else {
        loss = try functionalBinary(.subtract, try klEntropyTerms(target), try functionalBinary(.multiply, target, input))
    }
    if reduction == .batchMean, input.rank == 0 { throw TensorError(.indexError, .sequenceIndexOutOfRange(sequence: "tuple")) }
    if reduction == .batchMean {
        let total = try loss.sum(dims: nil, keepDim: false)
        return try binary(.divide, .tensor(total), .scalar(.int(Int64(input.shape[0]))))
    }
    return try reduceLoss(loss, reduction)
}
