import Glibc

/// Binary elementwise ops with broadcasting and PyTorch's type promotion.
public enum BinaryOp: String, Sendable {
    case add, subtract, multiply, divide, floorDivide, remainder, power
    case maximum, minimum, atan2
    case bitwiseAnd, bitwiseOr, bitwiseXor, leftShift, rightShift
    case logicalAnd, logicalOr, logicalXor
    case equal, notEqual, less, lessEqual, greater, greaterEqual

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual,
             .logicalAnd, .logicalOr, .logicalXor: true
        default: false
        }
    }

    /// The name PyTorch uses in "not implemented for" messages.
    var kernelName: String {
        switch self {
        case .add: "add"
        case .subtract: "sub"
        case .multiply: "mul"
        case .divide: "div_true"
        case .floorDivide: "div_floor"
        case .remainder: "remainder"
        case .power: "pow"
        case .maximum: "maximum"
        case .minimum: "minimum"
        case .atan2: "atan2"
        case .bitwiseAnd: "bitwise_and"
        case .bitwiseOr: "bitwise_or"
        case .bitwiseXor: "bitwise_xor"
        case .leftShift: "lshift"
        case .rightShift: "rshift"
        case .logicalAnd: "logical_and"
        case .logicalOr: "logical_or"
        case .logicalXor: "logical_xor"
        case .equal: "eq"
        case .notEqual: "ne"
        case .less: "lt"
        case .lessEqual: "le"
        case .greater: "gt"
        case .greaterEqual: "ge"
        }
    }
}

/// Applies `op` to two operands, broadcasting them.
public func binary(_ op: BinaryOp, _ a: Operand, _ b: Operand) throws -> Tensor {
    let shape = try broadcastShapes(a.shape, b.shape)
    var computeType = resultType(a, b)
    switch op {
    case .divide, .atan2:
        if !computeType.isFloatingPoint { computeType = defaultFloatDType }
    case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .leftShift, .rightShift:
        if computeType.isFloatingPoint {
            throw TensorError.kernelNotImplemented("\(op.kernelName)_cpu", computeType)
        }
    case .subtract:
        if computeType == .bool {
            throw TensorError(.notImplementedError,
                "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
        }
    default: break
    }
    let outputType: DType = op.isComparison ? .bool : computeType
    // Every kernel below writes every element (or throws before returning it).
    let output = try Tensor.uninitialized(shape: shape, dtype: outputType)
    switch computeType {
    case .bool: try runBoolean(op, a, b, output)
    case .uint8: try runInteger(op, a, b, output, UInt8.self)
    case .int8: try runInteger(op, a, b, output, Int8.self)
    case .int16: try runInteger(op, a, b, output, Int16.self)
    case .int32: try runInteger(op, a, b, output, Int32.self)
    case .int64: try runInteger(op, a, b, output, Int64.self)
    case .float16, .bfloat16: try runReducedFloat(op, a, b, shape, output, computeType)
    case .float32: try runFloating(op, a, b, output, Float.self)
    case .float64: try runFloating(op, a, b, output, Double.self)
    }
    return output
}

/// A comparison or logical op as a kernel body, or nil for arithmetic ops.
@inline(__always)
private func runComparison<T: TensorElement & Comparable>(
    _ op: BinaryOp, _ a: Operand, _ b: Operand, _ output: Tensor, _ type: T.Type
) -> Bool {
    switch op {
    case .equal: runElementwise(a, b, into: output) { (x: T, y: T) in x == y }
    case .notEqual: runElementwise(a, b, into: output) { (x: T, y: T) in x != y }
    case .less: runElementwise(a, b, into: output) { (x: T, y: T) in x < y }
    case .lessEqual: runElementwise(a, b, into: output) { (x: T, y: T) in x <= y }
    case .greater: runElementwise(a, b, into: output) { (x: T, y: T) in x > y }
    case .greaterEqual: runElementwise(a, b, into: output) { (x: T, y: T) in x >= y }
    case .logicalAnd: runElementwise(a, b, into: output) { (x: T, y: T) in x.boolValue && y.boolValue }
    case .logicalOr: runElementwise(a, b, into: output) { (x: T, y: T) in x.boolValue || y.boolValue }
    case .logicalXor: runElementwise(a, b, into: output) { (x: T, y: T) in x.boolValue != y.boolValue }
    default: return false
    }
    return true
}

/// Each op gets its own loop (the switch is outside it), so simple bodies vectorize.
private func runFloating<T: TensorElement & BinaryFloatingPoint>(
    _ op: BinaryOp, _ a: Operand, _ b: Operand, _ output: Tensor, _ type: T.Type
) throws {
    let a = try a.converted(to: T.dtype), b = try b.converted(to: T.dtype)
    if runComparison(op, a, b, output, T.self) { return }
    switch op {
    case .add: runElementwise(a, b, into: output) { (x: T, y: T) in x + y }
    case .subtract: runElementwise(a, b, into: output) { (x: T, y: T) in x - y }
    case .multiply: runElementwise(a, b, into: output) { (x: T, y: T) in x * y }
    case .divide: runElementwise(a, b, into: output) { (x: T, y: T) in x / y }
    case .floorDivide where T.self == Float.self:
        runFloat32FloorDivide(a, b, into: output)
    case .remainder where T.self == Float.self:
        runFloat32Remainder(a, b, into: output)
    case .floorDivide: runElementwise(a, b, into: output) { (x: T, y: T) in T(floatFloorDivide(Double(x), Double(y))) }
    case .remainder: runElementwise(a, b, into: output) { (x: T, y: T) in T(floatRemainder(Double(x), Double(y))) }
    case .power: runFloatingPower(a, b, into: output, T.self)
    case .maximum: runElementwise(a, b, into: output) { (x: T, y: T) in (x.isNaN || y.isNaN) ? T.nan : Swift.max(x, y) }
    case .minimum: runElementwise(a, b, into: output) { (x: T, y: T) in (x.isNaN || y.isNaN) ? T.nan : Swift.min(x, y) }
    case .atan2 where T.self == Float.self && output.dtype == .float32:
        // PyTorch's AVX2 kernel: SLEEF's atan2f on whole vector blocks, libm's atan2f elsewhere.
        runFloat32LikePyTorch(a, b, into: output, vector: sleefAtan2, scalar: { Glibc.atan2f($0, $1) })
    case .atan2: runElementwise(a, b, into: output) { (x: T, y: T) in T(Glibc.atan2(Double(x), Double(y))) }
    default: runElementwise(a, b, into: output) { (_: T, _: T) in T.nan }
    }
}

/// A 16-bit float op as PyTorch's CPU kernels run it: the operands are first cast to the
/// dtype (TensorIterator's common-dtype cast), computed in Float, and rounded once. mul and
/// div by a single-element second operand instead read its original value as Float
/// (`iter.original_scalar_value<opmath_t>(2)`), so `half * 0.1` uses 0.1f, not half(0.1).
private func runReducedFloat(
    _ op: BinaryOp, _ a: Operand, _ b: Operand, _ shape: [Int], _ output: Tensor, _ dtype: DType
) throws {
    func cast(_ operand: Operand) throws -> Operand {
        switch operand {
        case let .tensor(tensor): .tensor(try tensor.to(dtype))
        case let .scalar(scalar): .tensor(try Factory.full(shape: [], value: scalar, dtype: dtype))
        }
    }
    let keepsOriginal: Bool
    switch b {
    case let .tensor(tensor): keepsOriginal = (op == .multiply || op == .divide) && tensor.count == 1
    case .scalar: keepsOriginal = op == .multiply || op == .divide
    }
    let lhs = try cast(a)
    let rhs = keepsOriginal ? b : try cast(b)
    if op.isComparison {
        try runFloating(op, lhs, rhs, output, Float.self)
        return
    }
    let wide = try Tensor.uninitialized(shape: shape, dtype: .float32)
    try runFloating(op, lhs, rhs, wide, Float.self)
    try output.copy(from: wide)
}

/// Python's float floor division, as PyTorch's `div_floor_floating` computes it.
public func floatFloorDivide(_ a: Double, _ b: Double) -> Double {
    if b == 0 { return a / b }
    let mod = fmod(a, b)
    var div = (a - mod) / b
    if mod != 0 && (b < 0) != (mod < 0) { div -= 1 }
    if div == 0 { return copysign(0, a / b) }
    var floorDiv = div.rounded(.down)
    if div - floorDiv > 0.5 { floorDiv += 1 }
    return floorDiv
}

/// Python's float modulo: the result takes the divisor's sign.
public func floatRemainder(_ a: Double, _ b: Double) -> Double {
    var mod = fmod(a, b)
    if mod != 0 && (b < 0) != (mod < 0) { mod += b }
    return mod
}

private func runInteger<T: IntegerTensorElement>(
    _ op: BinaryOp, _ a: Operand, _ b: Operand, _ output: Tensor, _ type: T.Type
) throws {
    let a = try a.converted(to: T.dtype), b = try b.converted(to: T.dtype)
    if runComparison(op, a, b, output, T.self) { return }
    if op == .floorDivide || op == .remainder, output.count > 0, b.containsZero(as: T.self) {
        throw TensorError.runtime("ZeroDivisionError")
    }
    // Only a negative Python-number exponent is refused; tensor exponents give 0, ±1.
    if op == .power, case let .scalar(exponent) = b, exponent.converted(to: T.self) < 0 {
        throw TensorError.runtime("Integers to negative integer powers are not allowed.")
    }
    switch op {
    case .add: runElementwise(a, b, into: output) { (x: T, y: T) in x &+ y }
    case .subtract: runElementwise(a, b, into: output) { (x: T, y: T) in x &- y }
    case .multiply: runElementwise(a, b, into: output) { (x: T, y: T) in x &* y }
    case .floorDivide: runElementwise(a, b, into: output) { (x: T, y: T) in integerFloorDivide(x, y) }
    case .remainder:
        runElementwise(a, b, into: output) { (x: T, y: T) -> T in
            let mod = x.remainderReportingOverflow(dividingBy: y).partialValue
            return (mod != 0 && (mod < 0) != (y < 0)) ? mod &+ y : mod
        }
    case .power: runElementwise(a, b, into: output) { (x: T, y: T) in integerPower(x, y) }
    case .maximum: runElementwise(a, b, into: output) { (x: T, y: T) in Swift.max(x, y) }
    case .minimum: runElementwise(a, b, into: output) { (x: T, y: T) in Swift.min(x, y) }
    case .bitwiseAnd: runElementwise(a, b, into: output) { (x: T, y: T) in x & y }
    case .bitwiseOr: runElementwise(a, b, into: output) { (x: T, y: T) in x | y }
    case .bitwiseXor: runElementwise(a, b, into: output) { (x: T, y: T) in x ^ y }
    case .leftShift: runElementwise(a, b, into: output) { (x: T, y: T) in (y < 0 || y >= T.bitWidth) ? 0 : x << y }
    case .rightShift:
        runElementwise(a, b, into: output) { (x: T, y: T) in (y < 0 || y >= T.bitWidth) ? (x < 0 ? -1 : 0) : x >> y }
    default: runElementwise(a, b, into: output) { (_: T, _: T) in T.zero }
    }
}

private func integerFloorDivide<T: IntegerTensorElement>(_ a: T, _ b: T) -> T {
    let (quotient, overflow) = a.dividedReportingOverflow(by: b)
    if overflow { return quotient }
    let remainder = a.remainderReportingOverflow(dividingBy: b).partialValue
    return (remainder != 0 && (remainder < 0) != (b < 0)) ? quotient &- 1 : quotient
}

private func integerPower<T: IntegerTensorElement>(_ base: T, _ exponent: T) -> T {
    if exponent < 0 {
        // PyTorch: 1 for base 1, ±1 for base -1, otherwise 0.
        if base == 1 { return 1 }
        if base == 0 - 1 { return exponent & 1 == 0 ? 1 : base }
        return 0
    }
    var result: T = 1
    var factor = base
    var remaining = exponent
    while remaining > 0 {
        if remaining & 1 == 1 { result = result &* factor }
        factor = factor &* factor
        remaining >>= 1
    }
    return result
}

private func runBoolean(_ op: BinaryOp, _ a: Operand, _ b: Operand, _ output: Tensor) throws {
    let a = try a.converted(to: .bool), b = try b.converted(to: .bool)
    switch op {
    case .equal: runElementwise(a, b, into: output) { (x: Bool, y: Bool) in x == y }
    case .notEqual, .bitwiseXor, .logicalXor: runElementwise(a, b, into: output) { (x: Bool, y: Bool) in x != y }
    case .less: runElementwise(a, b, into: output) { (x: Bool, y: Bool) in !x && y }
    case .lessEqual: runElementwise(a, b, into: output) { (x: Bool, y: Bool) in !x || y }
    case .greater: runElementwise(a, b, into: output) { (x: Bool, y: Bool) in x && !y }
    case .greaterEqual: runElementwise(a, b, into: output) { (x: Bool, y: Bool) in x || !y }
    case .add, .bitwiseOr, .logicalOr, .maximum: runElementwise(a, b, into: output) { (x: Bool, y: Bool) in x || y }
    case .multiply, .bitwiseAnd, .logicalAnd, .minimum: runElementwise(a, b, into: output) { (x: Bool, y: Bool) in x && y }
    case .power: runElementwise(a, b, into: output) { (x: Bool, y: Bool) in x || !y }
    default:
        throw TensorError.kernelNotImplemented("\(op.kernelName)_cpu", .bool)
    }
}
