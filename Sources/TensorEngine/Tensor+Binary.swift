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
            throw TensorError(.notImplementedError, "\"\(op.kernelName)_cpu\" not implemented for '\(computeType.scalarTypeName)'")
        }
    case .subtract:
        if computeType == .bool {
            throw TensorError(.notImplementedError,
                "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
        }
    default: break
    }
    let outputType: DType = op.isComparison ? .bool : computeType
    let output = try Tensor.zeros(shape: shape, dtype: outputType)
    switch computeType {
    case .bool: try runBoolean(op, a, b, shape, output)
    case .uint8: try runInteger(op, a, b, shape, output, UInt8.self)
    case .int8: try runInteger(op, a, b, shape, output, Int8.self)
    case .int16: try runInteger(op, a, b, shape, output, Int16.self)
    case .int32: try runInteger(op, a, b, shape, output, Int32.self)
    case .int64: try runInteger(op, a, b, shape, output, Int64.self)
    case .float16, .bfloat16: try runReducedFloat(op, a, b, shape, output, computeType)
    case .float32: runFloating(op, a, b, shape, output, Float.self)
    case .float64: runFloating(op, a, b, shape, output, Double.self)
    }
    return output
}

private func fill<T: TensorElement, R: TensorElement>(
    _ output: Tensor, _ lhs: [T], _ rhs: [T], _ type: R.Type, _ body: (T, T) -> R
) {
    let destination = output.pointer(R.self)
    for index in 0..<lhs.count { destination[index] = body(lhs[index], rhs[index]) }
}

private func comparison<T: TensorElement & Comparable>(_ op: BinaryOp) -> ((T, T) -> Bool)? {
    switch op {
    case .equal: { $0 == $1 }
    case .notEqual: { $0 != $1 }
    case .less: { $0 < $1 }
    case .lessEqual: { $0 <= $1 }
    case .greater: { $0 > $1 }
    case .greaterEqual: { $0 >= $1 }
    case .logicalAnd: { $0.boolValue && $1.boolValue }
    case .logicalOr: { $0.boolValue || $1.boolValue }
    case .logicalXor: { $0.boolValue != $1.boolValue }
    default: nil
    }
}

private func runFloating<T: TensorElement & BinaryFloatingPoint>(
    _ op: BinaryOp, _ a: Operand, _ b: Operand, _ shape: [Int], _ output: Tensor, _ type: T.Type
) {
    let lhs = a.values(as: T.self, broadcastTo: shape)
    let rhs = b.values(as: T.self, broadcastTo: shape)
    if let compare: (T, T) -> Bool = comparison(op) {
        fill(output, lhs, rhs, Bool.self, compare)
        return
    }
    let body: (T, T) -> T
    switch op {
    case .add: body = { $0 + $1 }
    case .subtract: body = { $0 - $1 }
    case .multiply: body = { $0 * $1 }
    case .divide: body = { $0 / $1 }
    case .floorDivide: body = { T(floatFloorDivide(Double($0), Double($1))) }
    case .remainder: body = { T(floatRemainder(Double($0), Double($1))) }
    case .power:
        body = T.self == Float.self
            ? { T(powf(Float($0), Float($1))) }
            : { T(pow(Double($0), Double($1))) }
    case .maximum: body = { ($0.isNaN || $1.isNaN) ? T.nan : Swift.max($0, $1) }
    case .minimum: body = { ($0.isNaN || $1.isNaN) ? T.nan : Swift.min($0, $1) }
    case .atan2: body = { T(Glibc.atan2(Double($0), Double($1))) }
    default: body = { _, _ in T.nan }
    }
    fill(output, lhs, rhs, T.self, body)
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
        runFloating(op, lhs, rhs, shape, output, Float.self)
        return
    }
    let wide = try Tensor.zeros(shape: shape, dtype: .float32)
    runFloating(op, lhs, rhs, shape, wide, Float.self)
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
    _ op: BinaryOp, _ a: Operand, _ b: Operand, _ shape: [Int], _ output: Tensor, _ type: T.Type
) throws {
    let lhs = a.values(as: T.self, broadcastTo: shape)
    let rhs = b.values(as: T.self, broadcastTo: shape)
    if let compare: (T, T) -> Bool = comparison(op) {
        fill(output, lhs, rhs, Bool.self, compare)
        return
    }
    if op == .floorDivide || op == .remainder, rhs.contains(0) {
        throw TensorError.runtime("ZeroDivisionError")
    }
    // Only a negative Python-number exponent is refused; tensor exponents give 0, ±1.
    if op == .power, case .scalar = b, rhs.first.map({ $0 < 0 }) ?? false {
        throw TensorError.runtime("Integers to negative integer powers are not allowed.")
    }
    let body: (T, T) -> T
    switch op {
    case .add: body = { $0 &+ $1 }
    case .subtract: body = { $0 &- $1 }
    case .multiply: body = { $0 &* $1 }
    case .floorDivide: body = integerFloorDivide
    case .remainder: body = { a, b in
        let mod = a.remainderReportingOverflow(dividingBy: b).partialValue
        return (mod != 0 && (mod < 0) != (b < 0)) ? mod &+ b : mod
    }
    case .power: body = integerPower
    case .maximum: body = { Swift.max($0, $1) }
    case .minimum: body = { Swift.min($0, $1) }
    case .bitwiseAnd: body = { $0 & $1 }
    case .bitwiseOr: body = { $0 | $1 }
    case .bitwiseXor: body = { $0 ^ $1 }
    case .leftShift: body = { a, b in (b < 0 || b >= T.bitWidth) ? 0 : a << b }
    case .rightShift: body = { a, b in (b < 0 || b >= T.bitWidth) ? (a < 0 ? -1 : 0) : a >> b }
    default: body = { _, _ in 0 }
    }
    fill(output, lhs, rhs, T.self, body)
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

private func runBoolean(_ op: BinaryOp, _ a: Operand, _ b: Operand, _ shape: [Int], _ output: Tensor) throws {
    let lhs = a.values(as: Bool.self, broadcastTo: shape)
    let rhs = b.values(as: Bool.self, broadcastTo: shape)
    let body: (Bool, Bool) -> Bool
    switch op {
    case .equal: body = { $0 == $1 }
    case .notEqual, .bitwiseXor, .logicalXor: body = { $0 != $1 }
    case .less: body = { !$0 && $1 }
    case .lessEqual: body = { !$0 || $1 }
    case .greater: body = { $0 && !$1 }
    case .greaterEqual: body = { $0 || !$1 }
    case .add, .bitwiseOr, .logicalOr, .maximum: body = { $0 || $1 }
    case .multiply, .bitwiseAnd, .logicalAnd, .minimum: body = { $0 && $1 }
    case .power: body = { $0 || !$1 }
    default:
        throw TensorError(.notImplementedError, "\"\(op.kernelName)_cpu\" not implemented for 'Bool'")
    }
    fill(output, lhs, rhs, Bool.self, body)
}
