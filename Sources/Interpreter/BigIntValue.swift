import Glibc
import PySyntax

/// A Python int outside Int64. Ints inside it stay `.int`, so every existing fast path
/// is untouched: arithmetic that overflows Int64 continues here, and results that fit
/// again (`2**100 // 2**90`) come back as `.int`.
final class BigIntObject: NativeObject, NativeOrdered {
    let value: BigInt

    init(_ value: BigInt) { self.value = value }

    var typeName: String { "int" }
    func repr() -> String { value.text() }

    /// `str()` and `repr()`: CPython refuses decimal conversions past 4300 digits.
    func decimalText() throws -> String {
        // log10(2) < 0.30103: a width whose digits may pass the limit is converted to check.
        if Double(value.bitWidth) * 0.30103 > Double(BigInt.maximumDecimalDigits) - 1 {
            let text = value.magnitude.text()
            if text.count > BigInt.maximumDecimalDigits {
                throw PythonError.valueError("Exceeds the limit (\(BigInt.maximumDecimalDigits) digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
            }
        }
        return value.text()
    }

    func compare(_ op: CompareOperator, _ other: Value, _ interpreter: Interpreter) throws -> Bool {
        if op == .equal || op == .notEqual { return pythonEquals(.native(self), other) == (op == .equal) }
        guard let order = try interpreter.bigIntOrder(.native(self), other) else {
            throw PythonError.typeError("'\(op.rawValue)' not supported between instances of 'int' and '\(other.typeName)'")
        }
        return orderSatisfies(op, order)
    }
}

func orderSatisfies(_ op: CompareOperator, _ order: Int) -> Bool {
    switch op {
    case .less: order < 0
    case .lessEqual: order <= 0
    case .greater: order > 0
    default: order >= 0
    }
}

extension Value {
    /// `.int` when the value fits Int64, else a `BigIntObject`; refuses results wider
    /// than `BigInt.maximumBits`.
    static func integer(_ value: BigInt) throws -> Value {
        if let small = value.int64 { return .int(small) }
        guard value.bitWidth <= BigInt.maximumBits else {
            throw PythonError("MemoryError", "this int would have \(value.bitWidth) bits, above the limit of \(BigInt.maximumBits)")
        }
        return .native(BigIntObject(value))
    }

    /// The value as a BigInt, for ints of either size and bools.
    var bigInt: BigInt? {
        switch self {
        case let .int(number): BigInt(number)
        case let .bool(flag): BigInt(flag ? 1 : 0)
        case let .native(object as BigIntObject): object.value
        default: nil
        }
    }

    var isBigInt: Bool {
        if case .native(is BigIntObject) = self { return true }
        return false
    }
}

extension Interpreter {
    /// An operator with a big int on either side, or an Int64 operation that overflowed.
    /// Nil when the other operand is not a number (the caller reports the TypeError).
    func bigIntBinary(_ op: BinaryOperator, _ left: Value, _ right: Value) throws -> Value? {
        if case .float = left, let b = right.bigInt { return try floatOperation(op, try pythonDouble(left), try bigIntDouble(b)) }
        if case .float = right, let a = left.bigInt { return try floatOperation(op, try bigIntDouble(a), try pythonDouble(right)) }
        guard let a = left.bigInt, let b = right.bigInt else { return nil }
        switch op {
        case .add: return try .integer(a + b)
        case .subtract: return try .integer(a - b)
        case .multiply:
            try checkWidth(a.bitWidth + b.bitWidth)
            return try .integer(a * b)
        case .divide:
            guard !b.isZero else { throw PythonError.zeroDivision("division by zero") }
            return .float(try trueDivide(a, b))
        case .floorDivide, .modulo:
            guard !b.isZero else { throw PythonError.zeroDivision("integer division or modulo by zero") }
            let (quotient, remainder) = a.flooredDivided(by: b)
            return try .integer(op == .floorDivide ? quotient : remainder)
        case .power: return try bigIntPower(a, b)
        case .bitAnd: return try .integer(BigInt.bitwise(a, b, &))
        case .bitOr: return try .integer(BigInt.bitwise(a, b, |))
        case .bitXor: return try .integer(BigInt.bitwise(a, b, ^))
        case .leftShift, .rightShift:
            guard !b.isNegative else { throw PythonError.valueError("negative shift count") }
            guard let count = b.int64, count <= Int64(BigInt.maximumBits) else {
                if op == .rightShift { return .int(a.isNegative ? -1 : 0) }
                throw PythonError("MemoryError", "this int would have more than \(BigInt.maximumBits) bits")
            }
            if op == .rightShift { return try .integer(a.shiftedRight(by: Int(count))) }
            try checkWidth(a.bitWidth + Int(count))
            return try .integer(a.shiftedLeft(by: Int(count)))
        case .matrixMultiply:
            throw PythonError.typeError("unsupported operand type(s) for @: 'int' and 'int'")
        }
    }

    private func checkWidth(_ bits: Int) throws {
        if bits > BigInt.maximumBits + 1 {
            throw PythonError("MemoryError", "this int would have about \(bits) bits, above the limit of \(BigInt.maximumBits)")
        }
    }

    private func floatOperation(_ op: BinaryOperator, _ a: Double, _ b: Double) throws -> Value {
        try binaryOperation(op, .float(a), .float(b))
    }

    func bigIntDouble(_ value: BigInt) throws -> Double {
        guard let double = value.double else { throw PythonError.overflow("int too large to convert to float") }
        return double
    }

    /// `a / b` rounded once, as CPython's true division (not via two rounded doubles).
    private func trueDivide(_ a: BigInt, _ b: BigInt) throws -> Double {
        if let x = a.double, let y = b.double, a.bitWidth <= 53, b.bitWidth <= 53 { return x / y }
        // Scale so the quotient has 64 significant bits, then round that once.
        let shift = 64 - (a.bitWidth - b.bitWidth)
        let numerator = shift > 0 ? a.magnitude.shiftedLeft(by: shift) : a.magnitude
        let denominator = shift < 0 ? b.magnitude.shiftedLeft(by: -shift) : b.magnitude
        let (quotient, remainder) = numerator.flooredDivided(by: denominator)
        let sticky = remainder.isZero ? quotient : quotient.shiftedLeft(by: 1) + BigInt(1)
        let scale = remainder.isZero ? -shift : -shift - 1
        guard let digits = sticky.double else { throw PythonError.overflow("integer division result too large for a float") }
        let result = Glibc.scalbn(digits, Int32(scale))
        guard result.isFinite else { throw PythonError.overflow("integer division result too large for a float") }
        return a.isNegative != b.isNegative ? -result : result
    }

    private func bigIntPower(_ base: BigInt, _ exponent: BigInt) throws -> Value {
        if exponent.isNegative {
            guard !base.isZero else { throw PythonError.zeroDivision("0.0 cannot be raised to a negative power") }
            return try binaryOperation(.power, .float(try bigIntDouble(base)), .float(try bigIntDouble(exponent)))
        }
        if let small = base.int64, small == 0 || small == 1 { return .int(small) }
        if base.int64 == -1 { return .int(exponent.limbs.first.map { $0 & 1 == 1 } == true ? -1 : 1) }
        guard let count = exponent.int64, count <= Int64(BigInt.maximumBits) else {
            throw PythonError("MemoryError", "this int would have more than \(BigInt.maximumBits) bits")
        }
        try checkWidth(Int(count) * (base.bitWidth - 1))
        var result = BigInt(1), square = base, remaining = count
        while remaining > 0 {
            if remaining & 1 == 1 { result = result * square }
            remaining >>= 1
            if remaining > 0 { square = square * square }
        }
        return try .integer(result)
    }

    /// The order of two numbers when either is a big int, or nil when not comparable.
    func bigIntOrder(_ left: Value, _ right: Value) throws -> Int? {
        if let a = left.bigInt, let b = right.bigInt { return a == b ? 0 : (a < b ? -1 : 1) }
        func orderAgainstFloat(_ big: BigInt, _ number: Double) -> Int? {
            if number.isNaN { return nil }
            if number.isInfinite { return number > 0 ? -1 : 1 }
            // Compare against the float's exact integer part, then its fraction.
            guard let whole = BigInt(truncating: number) else { return nil }
            if big != whole { return big < whole ? -1 : 1 }
            let fraction = number - number.rounded(.towardZero)
            return fraction == 0 ? 0 : (fraction > 0 ? -1 : 1)
        }
        if let a = left.bigInt, case let .float(b) = right { return orderAgainstFloat(a, b) }
        if case let .float(a) = left, let b = right.bigInt { return orderAgainstFloat(b, a).map { -$0 } }
        return nil
    }

    /// A big int where a size or an index of a tensor is expected: PyTorch's error.
    func bigIntArgumentError() -> PythonError {
        PythonError.valueError("Overflow when unpacking long long")
    }
}

/// Equality of a big int with another number (a big int never equals an Int64: the
/// representations are normalized).
func bigIntEquals(_ left: Value, _ right: Value) -> Bool? {
    guard left.isBigInt || right.isBigInt else { return nil }
    if let a = left.bigInt, let b = right.bigInt { return a == b }
    if case let .native(object as BigIntObject) = left, case let .float(number) = right { return BigInt(truncating: number) == object.value && number == number.rounded() }
    if case let .float(number) = left, case let .native(object as BigIntObject) = right { return BigInt(truncating: number) == object.value && number == number.rounded() }
    return false
}
