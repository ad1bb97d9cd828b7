import Glibc
import PySyntax
import Autograd
import TensorEngine

/// Arithmetic on Python's own numbers: int overflow into big ints, float division by zero, ...
extension Interpreter {
    func pythonDouble(_ value: Value) throws -> Double {
        switch value {
        case let .int(number): return Double(number)
        case let .float(number): return number
        case let .bool(flag): return flag ? 1 : 0
        case let .native(scalar as NumPyScalar): return scalar.value.doubleValue
        case let .instance(instance) where instance.builtinValue?.isNumber == true: return try pythonDouble(instance.builtinValue ?? .none)
        default: throw PythonError.typeError("must be real number, not \(value.typeName)")
        }
    }

    func pythonInt(_ value: Value) throws -> Int64 {
        switch value {
        case let .int(number): return number
        case let .bool(flag): return flag ? 1 : 0
        case let .native(scalar as NumPyScalar) where !scalar.dtype.isFloatingPoint: return scalar.value.int64Value
        case .native(is BigIntObject): throw PythonError.overflow("Python int too large to convert to C long")
        // `Tensor.__index__`: a one-element integer tensor stands in for an int (list slices, range).
        case let .tensor(tensor) where tensor.count == 1 && !tensor.dtype.isFloatingPoint:
            if case let .int(number) = try tensor.item() { return number }
            if case let .bool(flag) = try tensor.item() { return flag ? 1 : 0 }
            throw PythonError.typeError("only integer tensors of a single element can be converted to an index")
        // `__index__` (an IntEnum member) stands in for its int.
        case let .instance(instance) where instance.classObject.lookup("__index__") != nil:
            return try pythonInt(try call(instance.classObject.lookup("__index__") ?? .none, CallArguments([value])))
        case let .instance(instance) where instance.builtinValue?.isInt == true: return try pythonInt(instance.builtinValue ?? .none)
        default: throw PythonError.typeError("'\(value.typeName)' object cannot be interpreted as an integer")
        }
    }

    func pythonIntValue(_ value: Value) throws -> Int { Int(try pythonInt(value)) }

    static let int64Overflow = "integer overflow: the result does not fit in 64 bits"

    func integerBinary(_ op: BinaryOperator, _ a: Int64, _ b: Int64) throws -> Value {
        func checked(_ result: (partialValue: Int64, overflow: Bool)) throws -> Value {
            if result.overflow { throw PythonError.overflow(Self.int64Overflow) }
            return .int(result.partialValue)
        }
        switch op {
        case .add: return try checked(a.addingReportingOverflow(b))
        case .subtract: return try checked(a.subtractingReportingOverflow(b))
        case .multiply: return try checked(a.multipliedReportingOverflow(by: b))
        case .divide:
            guard b != 0 else { throw PythonError.zeroDivision("division by zero") }
            return .float(Double(a) / Double(b))
        case .floorDivide, .modulo:
            guard b != 0 else {
                throw PythonError.zeroDivision(op == .modulo ? "integer modulo by zero" : "integer division or modulo by zero")
            }
            let (quotient, overflow) = a.dividedReportingOverflow(by: b)
            if overflow { throw PythonError.overflow(Self.int64Overflow) }
            let remainder = a - quotient * b
            let adjust = remainder != 0 && (remainder < 0) != (b < 0)
            return op == .floorDivide ? .int(adjust ? quotient - 1 : quotient) : .int(adjust ? remainder + b : remainder)
        case .power:
            if b < 0 {
                guard a != 0 else { throw PythonError.zeroDivision("0.0 cannot be raised to a negative power") }
                return .float(Glibc.pow(Double(a), Double(b)))
            }
            var result: Int64 = 1
            var base = a
            var exponent = b
            while exponent > 0 {
                if exponent & 1 == 1 { result = try checkedMultiply(result, base) }
                exponent >>= 1
                if exponent > 0 { base = try checkedMultiply(base, base) }
            }
            return .int(result)
        case .bitAnd: return .int(a & b)
        case .bitOr: return .int(a | b)
        case .bitXor: return .int(a ^ b)
        case .leftShift:
            guard b >= 0 else { throw PythonError.valueError("negative shift count") }
            guard b < 63, a == (a << b) >> b else { throw PythonError.overflow(Self.int64Overflow) }
            return .int(a << b)
        case .rightShift:
            guard b >= 0 else { throw PythonError.valueError("negative shift count") }
            return .int(b >= 64 ? (a < 0 ? -1 : 0) : a >> b)
        case .matrixMultiply:
            throw PythonError.typeError("unsupported operand type(s) for @: 'int' and 'int'")
        }
    }

    private func checkedMultiply(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        if overflow { throw PythonError.overflow(Self.int64Overflow) }
        return product
    }

    func floatBinary(_ op: BinaryOperator, _ a: Double, _ b: Double) throws -> Value {
        switch op {
        case .add: return .float(a + b)
        case .subtract: return .float(a - b)
        case .multiply: return .float(a * b)
        case .divide:
            guard b != 0 else { throw PythonError.zeroDivision("float division by zero") }
            return .float(a / b)
        case .floorDivide:
            guard b != 0 else { throw PythonError.zeroDivision("float floor division by zero") }
            return .float(floatFloorDivide(a, b))
        case .modulo:
            guard b != 0 else { throw PythonError.zeroDivision("float modulo") }
            var mod = Glibc.fmod(a, b)
            if mod != 0 && (b < 0) != (mod < 0) { mod += b }
            // CPython's float_rem: a zero remainder takes the divisor's sign (-1 % 0.25 is 0.0).
            return .float(mod == 0 ? Glibc.copysign(0, b) : mod)
        case .power:
            if a == 0 && b < 0 { throw PythonError.zeroDivision("0.0 cannot be raised to a negative power") }
            if a < 0 && b != b.rounded() { throw PythonError.valueError("math domain error: complex results are not supported") }
            let power = Glibc.pow(a, b)
            if power.isInfinite && a.isFinite && b.isFinite { throw PythonError.overflow("(34, 'Numerical result out of range')") }
            return .float(power)
        default:
            throw PythonError.typeError("unsupported operand type(s) for \(op.rawValue): 'float' and 'float'")
        }
    }
}
