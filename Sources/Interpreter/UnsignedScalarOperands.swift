import Foundation
import TensorEngine

// PyTorch's argument parser reads a Python int in [2**63, 2**64) as an unsigned 64-bit
// scalar. What becomes of it depends on the tensor beside it, through type promotion:
// an integer tensor keeps its dtype and the value wraps (`x + 2**63` is `x - 2**63` for
// int64, `x` for int32), a floating tensor takes it as a double, and a bool tensor, which
// would promote to uint64, is refused.

/// `value` as an elementwise operand of an op on `partner`.
func tensorOperand(_ value: Value, beside partner: Tensor, function: String) throws -> Operand {
    guard case let .native(big as BigIntObject) = value else { return try toOperand(value, function: function) }
    return .scalar(try unsignedOperand(try unsignedScalar(big.value), beside: partner.dtype))
}

func unsignedOperand(_ unsigned: UInt64, beside dtype: DType) throws -> Scalar {
    if dtype == .bool { throw unsignedPromotionError(.bool, first: true) }
    if dtype.isFloatingPoint { return .float(Double(unsigned)) }
    return .int(Int64(truncatingIfNeeded: unsigned))
}

/// PyTorch has no promotion rule between uint64 and the other dtypes but floating ones.
private func unsignedPromotionError(_ other: DType, first otherFirst: Bool) -> PythonError {
    let names = otherFirst ? "\(other.scalarTypeName) and UInt64" : "UInt64 and \(other.scalarTypeName)"
    return .runtimeError("Promotion for uint16, uint32, uint64 types is not supported, attempted to promote \(names)")
}

/// The dtype a Python number stands for in promotion (an int is Long, a float Double).
private func scalarKind(_ value: Value) -> DType? {
    switch value {
    case .int: .int64
    case .float: .float64
    case .bool: .bool
    default: nil
    }
}

extension BoundArguments {
    /// A scalar-or-tensor argument of an elementwise op on `partner`.
    func operand(_ name: String, beside partner: Tensor) throws -> Operand {
        try tensorOperand(try value(name), beside: partner, function: function)
    }
}

extension Interpreter {
    /// The operands of `torch.where(condition, a, b)`. Beside an integer tensor a big int
    /// is a fill value (PyTorch's checked conversion refuses it); beside another number
    /// it must promote with that number's dtype.
    static func whereOperands(_ a: Value, _ b: Value) throws -> (Operand, Operand) {
        func resolve(_ value: Value, beside other: Value, first: Bool) throws -> Operand {
            guard case let .native(big as BigIntObject) = value else { return try toOperand(value, function: "where") }
            let unsigned = try unsignedScalar(big.value)
            if case let .tensor(tensor) = other {
                if tensor.dtype == .bool { throw unsignedPromotionError(.bool, first: true) }
                return .scalar(try bigIntFill(big.value, dtype: tensor.dtype))
            }
            if let kind = scalarKind(other), !kind.isFloatingPoint { throw unsignedPromotionError(kind, first: !first) }
            return .scalar(.float(Double(unsigned)))
        }
        // PyTorch converts the later argument first, so its overflow is the one reported.
        let second = try resolve(b, beside: a, first: false)
        return (try resolve(a, beside: b, first: true), second)
    }
}

/// `clamp`'s bounds for `tensor`. An integer tensor checks integer bounds against its
/// dtype's range, as PyTorch does: a bound past the side it limits does nothing, one
/// past the other side is an error (`Clamp min value 300 is outside the representable
/// range of Byte`). A big int bound follows the promotion rules above.
func clampBounds(_ tensor: Tensor, min lower: Value?, max upper: Value?) throws -> (min: Operand?, max: Operand?) {
    // PyTorch's binding converts max before min, so max's overflow is the one reported.
    let unsignedMax = try upper.flatMap(unsignedBound)
    let unsignedMin = try lower.flatMap(unsignedBound)
    if tensor.dtype == .bool, unsignedMin != nil || unsignedMax != nil { throw unsignedPromotionError(.bool, first: true) }
    if unsignedMin != nil, unsignedMax == nil, let other = upper.flatMap(scalarKind), !other.isFloatingPoint {
        throw unsignedPromotionError(other, first: false)
    }
    if unsignedMax != nil, unsignedMin == nil, let other = lower.flatMap(scalarKind), !other.isFloatingPoint {
        throw unsignedPromotionError(other, first: true)
    }
    func bound(_ value: Value?, unsigned: UInt64?, isMin: Bool) throws -> Operand? {
        guard let value else { return nil }
        if let unsigned {
            if tensor.dtype.isFloatingPoint { return .scalar(.float(Double(unsigned))) }
            return try integerBound(.unsigned(unsigned), isMin: isMin, dtype: tensor.dtype)
        }
        let converted = try toOperand(value, function: "clamp")
        guard case let .int(number) = value else { return converted }
        return try integerBound(.signed(number), isMin: isMin, dtype: tensor.dtype) ?? converted
    }
    return (try bound(lower, unsigned: unsignedMin, isMin: true), try bound(upper, unsigned: unsignedMax, isMin: false))
}

private func unsignedBound(_ value: Value) throws -> UInt64? {
    guard case let .native(big as BigIntObject) = value else { return nil }
    return try unsignedScalar(big.value)
}

/// The range of an integer dtype other than bool.
private func integerRange(_ dtype: DType) -> ClosedRange<Int64>? {
    switch dtype {
    case .uint8: 0...Int64(UInt8.max)
    case .int8: Int64(Int8.min)...Int64(Int8.max)
    case .int16: Int64(Int16.min)...Int64(Int16.max)
    case .int32: Int64(Int32.min)...Int64(Int32.max)
    case .int64: Int64.min...Int64.max
    default: nil
    }
}

private enum IntegerBound {
    case signed(Int64)
    case unsigned(UInt64)
}

/// nil when the bound fits the dtype (the caller keeps it as given); the dtype's own
/// extreme when it lies past the side it limits; an error when past the other side.
private func integerBound(_ bound: IntegerBound, isMin: Bool, dtype: DType) throws -> Operand? {
    guard let range = integerRange(dtype) else {
        if case let .unsigned(value) = bound { return .scalar(.int(Int64(truncatingIfNeeded: value))) }
        return nil
    }
    let (aboveRange, belowRange, shown): (Bool, Bool, Double)
    switch bound {
    case let .signed(value): (aboveRange, belowRange, shown) = (value > range.upperBound, value < range.lowerBound, Double(value))
    case let .unsigned(value): (aboveRange, belowRange, shown) = (true, false, Double(value))
    }
    if !aboveRange && !belowRange { return nil }
    if isMin ? belowRange : aboveRange { return .scalar(.int(isMin ? range.lowerBound : range.upperBound)) }
    throw PythonError.runtimeError("Clamp \(isMin ? "min" : "max") value \(String(format: "%g", shown)) is outside the representable range of \(dtype.scalarTypeName)")
}
