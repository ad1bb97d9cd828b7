import Glibc

/// Two elementwise ops PyTorch computes as one kernel, composed here from engine ops in
/// the kernel's order.

/// `torch.fmod`: the remainder of x / other with the dividend's sign, so fmod(−2.0, 1.0)
/// is −0.0. float32 and float64 take the exact fmod PyTorch's kernels use (SLEEF's fmodf
/// on vector blocks, `std::fmod` elsewhere); x − trunc(x / other)·other, which the other
/// dtypes still compose, rounds away the answer once the quotient passes 2^24
/// (fmod(1e10, 3) gave 256). An integer division by zero raises.
public func fmod(_ input: Tensor, _ other: Operand) throws -> Tensor {
    let outputType = resultType(.tensor(input), other)
    if outputType == .float32 || outputType == .float64 {
        let shape = try broadcastShapes(input.shape, other.shape)
        let output = try Tensor.uninitialized(shape: shape, dtype: outputType)
        let a = try Operand.tensor(input).converted(to: outputType), b = try other.converted(to: outputType)
        if outputType == .float32 {
            runFloat32LikePyTorch(a, b, into: output, vector: floatFmodVector, scalar: exactFloatFmod)
        } else {
            runElementwise(a, b, into: output) { (x: Double, y: Double) in Glibc.fmod(x, y) }
        }
        return output
    }
    if !outputType.isFloatingPoint, try binary(.equal, other, .scalar(.int(0))).bools().contains(true) {
        throw TensorError.runtime("ZeroDivisionError")
    }
    let quotient = try binary(.divide, .tensor(input), other).unary(.trunc)
    let remainder = try binary(.subtract, .tensor(input), .tensor(try binary(.multiply, .tensor(quotient), other)))
    guard outputType.isFloatingPoint else { return try remainder.to(outputType) }
    let signedZero = try binary(.multiply, .tensor(input), .scalar(.int(0)))
    let isZero = try binary(.equal, .tensor(remainder), .scalar(.int(0)))
    return try whereSelect(isZero, .tensor(signedZero), .tensor(remainder)).to(outputType)
}

extension Tensor {
    /// `torch.logit` of a floating-point tensor: log(x / (1 − x)), with x first clamped to
    /// [eps, 1 − eps] when eps is given.
    public func logit(eps: Double?) throws -> Tensor {
        let input = try eps.map { try clamp(min: .scalar(.float($0)), max: .scalar(.float(1 - $0))) } ?? self
        let odds = try binary(.divide, .tensor(input), .tensor(try binary(.subtract, .scalar(.int(1)), .tensor(input))))
        return try odds.unary(.log)
    }
}
