/// Two elementwise ops PyTorch computes as one kernel, composed here from engine ops in
/// the kernel's order.

/// `torch.fmod`: x − trunc(x / other)·other, with C's sign rule: the result has the
/// dividend's sign, so fmod(−2.0, 1.0) is −0.0. An integer division by zero raises.
public func fmod(_ input: Tensor, _ other: Operand) throws -> Tensor {
    let outputType = resultType(.tensor(input), other)
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
