/// The gradient of GELU's erf form for contiguous float32 tensors of two or more elements,
/// as PyTorch computes it: `gelu_backward` hands such tensors to oneDNN, whose
/// `gelu_erf` backward kernel multiplies the incoming gradient by `oneDNNGELUDerivative`,
/// built on the same Abramowitz-Stegun erf and oneDNN exp as the forward kernel. Composing
/// cdf + x·pdf from correctly rounded erf and exp instead agreed with PyTorch's bits on
/// about 30% of random inputs; this follows oneDNN's order of operations, several times
/// fewer instructions than the double-precision erf.
/// Nil for other dtypes, shapes that differ, a single element (ATen's scalar formula) or
/// strided tensors, whose bits follow other kernels not reproduced here; the caller
/// composes the formula for those.
public func float32GELUErfGradient(_ gradient: Tensor, _ input: Tensor) throws -> Tensor? {
    guard gradient.dtype == .float32, input.dtype == .float32, gradient.shape == input.shape,
          input.count > 1, gradient.isContiguous, input.isContiguous else { return nil }
    let (x, g) = (input, gradient)
    let result = try Tensor.uninitialized(shape: input.shape, dtype: .float32)
    let inputs = UnsafePointer(x.pointer(Float.self)) + x.storageOffset
    let gradients = UnsafePointer(g.pointer(Float.self)) + g.storageOffset
    let target = result.pointer(Float.self) + result.storageOffset
    let total = input.count, wholeEnd = total & ~7
    var index = 0
    while index < wholeEnd {
        // Poll for a stop every 65536 elements; the caller throws and drops the result.
        if index & 0xFFFF == 0, OperationStop.isRequested { break }
        let values = UnsafeRawPointer(gradients + index).loadUnaligned(as: SIMD8<Float>.self)
            * oneDNNGELUDerivative(UnsafeRawPointer(inputs + index).loadUnaligned(as: SIMD8<Float>.self))
        UnsafeMutableRawPointer(target + index).storeBytes(of: values, as: SIMD8<Float>.self)
        index &+= 8
    }
    try OperationStop.check()
    guard index < total else { return result }
    // The last partial vector, padded with zeros as oneDNN's masked tail is.
    var gradientTail = SIMD8<Float>(), inputTail = SIMD8<Float>()
    for lane in 0..<(total &- index) {
        gradientTail[lane] = gradients[index &+ lane]
        inputTail[lane] = inputs[index &+ lane]
    }
    let values = gradientTail * oneDNNGELUDerivative(inputTail)
    for lane in 0..<(total &- index) { target[index &+ lane] = values[lane] }
    return result
}
