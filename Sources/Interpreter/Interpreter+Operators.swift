import Glibc
import PySyntax
import Autograd
import TensorEngine

extension Interpreter {
    func unaryOperation(_ op: UnaryOperator, _ operand: Value) throws -> Value {
        if let result = try numpyUnary(op, operand) { return result }
        switch (op, operand) {
        case (.not, _): return .bool(!(try truthy(operand)))
        case let (.negate, .instance(instance)) where instance.classObject.lookup("__neg__") != nil:
            return try call(instance.classObject.lookup("__neg__") ?? .none, CallArguments([operand]))
        case let (.negate, .tensor(tensor)): return .tensor(try Autodiff.unary(.negate, tensor))
        case let (.invert, .tensor(tensor)):
            return .tensor(try Autodiff.unary(tensor.dtype == .bool ? .logicalNot : .bitwiseNot, tensor))
        case (.plus, .tensor): return operand
        case let (.negate, .int(value)):
            guard value != .min else { return try .integer(-BigInt(value)) }
            return .int(-value)
        case let (.negate, .float(value)): return .float(-value)
        case let (.negate, .bool(flag)): return .int(flag ? -1 : 0)
        case (.plus, .int), (.plus, .float): return operand
        case let (.plus, .bool(flag)): return .int(flag ? 1 : 0)
        case let (.invert, .int(value)): return .int(~value)
        case let (.negate, .native(big as BigIntObject)): return try .integer(-big.value)
        case let (.invert, .native(big as BigIntObject)): return try .integer(-big.value - BigInt(1))
        case (.plus, .native(is BigIntObject)): return operand
        case let (.invert, .bool(flag)): return .int(flag ? -2 : -1)
        default:
            throw PythonError.typeError("bad operand type for unary \(op.rawValue): '\(operand.typeName)'")
        }
    }

    func binaryOperation(_ op: BinaryOperator, _ left: Value, _ right: Value) throws -> Value {
        if let result = try instanceBinary(op, left, right) { return result }
        if op == .add, case let .native(container as IndexedModuleContainer) = left { return try container.concatenated(with: right, self) }
        if let result = try numpyBinary(op, left, right) { return result }
        if case let .list(a) = left, case let .list(b) = right, (a.isSet || a.isKeysView) && (b.isSet || b.isKeysView),
           let result = setBinary(op, a.items, b.items) { return result }
        if case .tensor = left { return try tensorBinary(op, left, right) }
        if case .tensor = right { return try tensorBinary(op, left, right) }
        switch (left, right) {
        case let (.int(a), .int(b)):
            do {
                return try integerBinary(op, a, b)
            } catch let error as PythonError where error.message == Self.int64Overflow {
                // Python ints have no limit: continue in arbitrary precision.
                if let result = try bigIntBinary(op, left, right) { return result }
                throw error
            }
        case let (.bool(a), .bool(b)) where [.bitAnd, .bitOr, .bitXor].contains(op):
            switch op {
            case .bitAnd: return .bool(a && b)
            case .bitOr: return .bool(a || b)
            default: return .bool(a != b)
            }
        case (.int, .float), (.float, .int), (.float, .float), (.bool, .float), (.float, .bool):
            return try floatBinary(op, try pythonDouble(left), try pythonDouble(right))
        case (.bool, .int), (.int, .bool), (.bool, .bool):
            return try integerBinary(op, try pythonInt(left), try pythonInt(right))
        case (.native(is BigIntObject), _), (_, .native(is BigIntObject)):
            if let result = try bigIntBinary(op, left, right) { return result }
            if op == .multiply, [left, right].contains(where: { if case .string = $0 { true } else if case .list = $0 { true } else if case .tuple = $0 { true } else { false } }) {
                throw PythonError.overflow("cannot fit 'int' into an index-sized integer")
            }
        default: break
        }
        switch (op, left, right) {
        case let (.add, .string(a), .string(b)):
            try limits.checkStringBytes(a.utf8.count + b.utf8.count)
            return .string(a + b)
        case let (.add, .list(a), .list(b)):
            try limits.checkItems(a.items.count + b.items.count)
            return .list(ListStorage(a.items + b.items))
        case let (.add, .tuple(a), .tuple(b)):
            try limits.checkItems(a.count + b.count, what: "this tuple")
            return .tuple(a + b)
        case let (.add, .size(a), .size(b)): return .size(a + b)
        case let (.add, .size(a), .tuple(b)): return .size(a + (try b.map { try pythonIntValue($0) }))
        case let (.multiply, .string(text), .int(count)), let (.multiply, .int(count), .string(text)):
            try limits.checkStringRepetition(length: text.utf8.count, times: count)
            // String(repeating:) loops `count` times even for an empty string.
            return .string(text.isEmpty ? "" : String(repeating: text, count: max(0, Int(count))))
        case let (.multiply, .list(list), .int(count)), let (.multiply, .int(count), .list(list)):
            return .list(ListStorage(try repeatItems(list.items, count, what: "this list")))
        case let (.multiply, .tuple(items), .int(count)), let (.multiply, .int(count), .tuple(items)):
            return .tuple(try repeatItems(items, count, what: "this tuple"))
        case let (.modulo, .string(template), arguments):
            return .string(try percentFormat(template, arguments))
        case let (.bitOr, .dict(a), .dict(b)):
            let merged = DictStorage(a.entries)
            for (key, value) in b.entries { merged[key] = value }
            return .dict(merged)
        default:
            throw sequenceOperandError(op, left, right) ?? PythonError.typeError(
                "unsupported operand type(s) for \(op.rawValue): '\(left.typeName)' and '\(right.typeName)'")
        }
    }

    /// CPython's own wording when a str, list or tuple meets an operand it cannot take.
    private func sequenceOperandError(_ op: BinaryOperator, _ left: Value, _ right: Value) -> PythonError? {
        func isSequence(_ value: Value) -> Bool {
            switch value {
            case .string, .tuple: true
            case let .list(list): !list.isSet && !list.isKeysView
            default: false
            }
        }
        switch op {
        case .add where isSequence(left):
            return PythonError.typeError("can only concatenate \(left.typeName) (not \"\(right.typeName)\") to \(left.typeName)")
        case .multiply where isSequence(left) || isSequence(right):
            let other = isSequence(left) ? right : left
            return PythonError.typeError("can't multiply sequence by non-int of type '\(other.typeName)'")
        default:
            return nil
        }
    }

    private func repeatItems(_ items: [Value], _ count: Int64, what: String) throws -> [Value] {
        guard count > 0, !items.isEmpty else { return [] }
        try limits.checkRepetition(itemCount: items.count, times: count, what: what)
        var result: [Value] = []
        result.reserveCapacity(items.count * Int(count))
        for _ in 0..<count { result += items }
        return result
    }

    func pythonDouble(_ value: Value) throws -> Double {
        switch value {
        case let .int(number): return Double(number)
        case let .float(number): return number
        case let .bool(flag): return flag ? 1 : 0
        case let .native(scalar as NumPyScalar): return scalar.value.doubleValue
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
        default: throw PythonError.typeError("'\(value.typeName)' object cannot be interpreted as an integer")
        }
    }

    func pythonIntValue(_ value: Value) throws -> Int { Int(try pythonInt(value)) }

    static let int64Overflow = "integer overflow: the result does not fit in 64 bits"

    private func integerBinary(_ op: BinaryOperator, _ a: Int64, _ b: Int64) throws -> Value {
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

    private func floatBinary(_ op: BinaryOperator, _ a: Double, _ b: Double) throws -> Value {
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

    private func tensorBinary(_ op: BinaryOperator, _ left: Value, _ right: Value) throws -> Value {
        if op == .matrixMultiply {
            guard case let .tensor(a) = left, case let .tensor(b) = right else {
                throw PythonError.typeError("unsupported operand type(s) for @: '\(left.typeName)' and '\(right.typeName)'")
            }
            return .tensor(try Autodiff.matmul(a, b))
        }
        let lhs = try operand(left, op)
        let rhs = try operand(right, op)
        // `@` returned above, so every operator left is elementwise.
        let engineOp = op.elementwiseOp ?? .multiply
        return .tensor(try Autodiff.binary(engineOp, lhs, rhs))
    }

    private func operand(_ value: Value, _ op: BinaryOperator) throws -> Operand {
        switch value {
        case let .tensor(tensor): return .tensor(tensor)
        case let .int(number): return .scalar(.int(number))
        case let .float(number): return .scalar(.float(number))
        case let .bool(flag): return .scalar(.bool(flag))
        case let .native(big as BigIntObject): return try bigIntOperand(big.value)
        case let .list(list): return .tensor(try tensorFromNested(.list(list), dtype: nil))
        case let .tuple(items): return .tensor(try tensorFromNested(.tuple(items), dtype: nil))
        default:
            throw PythonError.typeError(
                "unsupported operand type(s) for \(op.rawValue): 'Tensor' and '\(value.typeName)'")
        }
    }

    func compare(_ op: CompareOperator, _ left: Value, _ right: Value) throws -> Value {
        switch op {
        case .is: return .bool(identical(left, right))
        case .isNot: return .bool(!identical(left, right))
        case .in: return .bool(try contains(right, left))
        case .notIn: return .bool(!(try contains(right, left)))
        default: break
        }
        if let result = try numpyCompare(op, left, right) { return result }
        if case .tensor = left { return try tensorCompare(op, left, right) }
        if case .tensor = right { return try tensorCompare(op, left, right) }
        if let result = try instanceCompare(op, left, right) { return result }
        if case let .native(ordered as NativeOrdered) = left { return .bool(try ordered.compare(op, right, self)) }
        switch op {
        case .equal, .notEqual:
            _ = NativeStack.takeOverflow()
            let equal = pythonEquals(left, right)
            if NativeStack.takeOverflow() { throw PythonError("RecursionError", "maximum recursion depth exceeded in comparison") }
            return .bool(op == .equal ? equal : !equal)
        default: return .bool(try orderedCompare(op, left, right))
        }
    }

    private func tensorCompare(_ op: CompareOperator, _ left: Value, _ right: Value) throws -> Value {
        let engineOp = op.elementwiseOp ?? .notEqual
        if (op == .equal || op == .notEqual), left.isNone || right.isNone { return .bool(op == .notEqual) }
        return .tensor(try Autodiff.binary(engineOp, try operand(left, .add), try operand(right, .add)))
    }

    private func orderedCompare(_ op: CompareOperator, _ left: Value, _ right: Value) throws -> Bool {
        try NativeStack.check()
        if left.isBigInt || right.isBigInt, let order = try bigIntOrder(left, right) { return orderSatisfies(op, order) }
        func order<T: Comparable>(_ a: T, _ b: T) -> Bool {
            switch op {
            case .less: a < b
            case .lessEqual: a <= b
            case .greater: a > b
            default: a >= b
            }
        }
        switch (left, right) {
        case let (.int(a), .int(b)): return order(a, b)
        case let (.string(a), .string(b)): return order(a, b)
        case (.int, .float), (.float, .int), (.float, .float), (.bool, _), (_, .bool):
            if let a = try? pythonDouble(left), let b = try? pythonDouble(right) { return order(a, b) }
        case let (.tuple(a), .tuple(b)):
            return try orderedCompareSequences(op, a, b)
        case let (.list(a), .list(b)):
            return try orderedCompareSequences(op, a.items, b.items)
        default: break
        }
        throw PythonError.typeError(
            "'\(op.rawValue)' not supported between instances of '\(left.typeName)' and '\(right.typeName)'")
    }

    private func orderedCompareSequences(_ op: CompareOperator, _ a: [Value], _ b: [Value]) throws -> Bool {
        for (x, y) in zip(a, b) where !pythonEquals(x, y) { return try orderedCompare(op, x, y) }
        switch op {
        case .less: return a.count < b.count
        case .lessEqual: return a.count <= b.count
        case .greater: return a.count > b.count
        default: return a.count >= b.count
        }
    }

    private func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case let .string(text):
            guard case let .string(needle) = item else {
                throw PythonError.typeError("'in <string>' requires string as left operand, not \(item.typeName)")
            }
            // By code point, as Python compares; a combining mark after a match still matches.
            return try findSubstring(Array(needle.unicodeScalars), in: Array(text.unicodeScalars), last: false) != nil
        case let .dict(dict): return dict.index(of: item) != nil
        case let .list(list) where list.isSet: return list.setContains(item)
        case let .tensor(tensor):
            let matches = try Autodiff.binary(.equal, .tensor(tensor), try operand(item, .add))
            return matches.bools().contains(true)
        default:
            return try iterate(container).contains { pythonEquals($0, item) }
        }
    }

    private func identical(_ left: Value, _ right: Value) -> Bool {
        switch (left, right) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.tensor(a), .tensor(b)): return a === b
        case let (.list(a), .list(b)): return a === b
        case let (.dict(a), .dict(b)): return a === b
        case let (.instance(a), .instance(b)): return a === b
        case let (.classObject(a), .classObject(b)): return a === b
        case let (.native(a), .native(b)): return a === b
        case let (.function(a), .function(b)): return a === b
        case let (.builtin(a), .builtin(b)): return a === b
        case let (.dtype(a), .dtype(b)): return a == b
        case let (.module(a), .module(b)): return a === b
        case let (.int(a), .int(b)): return a == b && a >= -5 && a <= 256
        default: return false
        }
    }

    /// Python truthiness; a tensor needs exactly one element.
    func truthy(_ value: Value) throws -> Bool {
        switch value {
        case .none: return false
        case let .bool(flag): return flag
        case let .int(number): return number != 0
        case let .float(number): return number != 0
        case let .string(text): return !text.isEmpty
        case let .list(list): return !list.items.isEmpty
        case let .tuple(items): return !items.isEmpty
        case let .dict(dict): return !dict.entries.isEmpty
        case let .size(sizes): return !sizes.isEmpty
        case let .range(start, stop, step): return rangeCount(start, stop, step) > 0
        case let .tensor(tensor):
            if tensor.count == 0 { throw PythonError.runtimeError("Boolean value of Tensor with no values is ambiguous") }
            if tensor.count > 1 {
                throw PythonError.runtimeError("Boolean value of Tensor with more than one value is ambiguous")
            }
            return try tensor.item().boolValue
        case let .native(object as NativeTruthValue): return try object.truthValue()
        case let .native(object as NativeSized): return object.count > 0
        case let .instance(instance):
            // Python asks `__bool__`, then `__len__`; an object with neither is true.
            if let method = instance.classObject.lookup("__bool__") {
                let result = try call(method, CallArguments([value]))
                guard case let .bool(flag) = result else {
                    throw PythonError.typeError("__bool__ should return bool, returned \(result.typeName)")
                }
                return flag
            }
            if instance.classObject.lookup("__len__") != nil { return try length(value) > 0 }
            return true
        default: return true
        }
    }
}

/// Python `==` for non-tensor values (and identity for tensors, as dict keys need).
public func pythonEquals(_ left: Value, _ right: Value) -> Bool {
    // Lists nested a million deep recurse here; past the stack margin the answer is
    // "not equal" and a noted overflow, which `compare` raises as a RecursionError.
    if NativeStack.isNearlyFull() {
        NativeStack.noteOverflow()
        return false
    }
    if let number = left.numpyScalarNumber { return pythonEquals(number, right) }
    if let number = right.numpyScalarNumber { return pythonEquals(left, number) }
    if let equal = bigIntEquals(left, right) { return equal }
    switch (left, right) {
    case (.none, .none), (.ellipsis, .ellipsis): return true
    // Identity first, as CPython's containers do: a list that holds itself equals itself.
    case let (.list(a), .list(b)) where a === b: return true
    case let (.dict(a), .dict(b)) where a === b: return true
    case let (.int(a), .int(b)): return a == b
    case let (.float(a), .float(b)): return a == b
    case let (.int(a), .float(b)), let (.float(b), .int(a)): return Double(a) == b
    case let (.bool(a), .bool(b)): return a == b
    case let (.bool(a), .int(b)), let (.int(b), .bool(a)): return (a ? 1 : 0) == b
    case let (.bool(a), .float(b)), let (.float(b), .bool(a)): return (a ? 1.0 : 0.0) == b
    case let (.string(a), .string(b)): return a == b
    case let (.tuple(a), .tuple(b)): return a.count == b.count && zip(a, b).allSatisfy(pythonEquals)
    case let (.namedTuple(a), .namedTuple(b)): return pythonEquals(.tuple(a.values), .tuple(b.values))
    case let (.namedTuple(a), .tuple(b)), let (.tuple(b), .namedTuple(a)): return pythonEquals(.tuple(a.values), .tuple(b))
    case let (.list(a), .list(b)) where a.isSet && b.isSet:
        return a.items.count == b.items.count && a.items.allSatisfy { item in b.items.contains { pythonEquals($0, item) } }
    case let (.list(a), .list(b)): return a.items.count == b.items.count && zip(a.items, b.items).allSatisfy(pythonEquals)
    case let (.size(a), .size(b)): return a == b
    case let (.size(a), .tuple(b)), let (.tuple(b), .size(a)):
        return a.count == b.count && zip(a, b).allSatisfy { pythonEquals(.int(Int64($0)), $1) }
    case let (.dtype(a), .dtype(b)): return a == b
    case let (.tensor(a), .tensor(b)): return a === b
    case let (.dict(a), .dict(b)):
        return a.entries.count == b.entries.count
            && a.entries.allSatisfy { entry in b[entry.key].map { pythonEquals($0, entry.value) } ?? false }
    case let (.range(a0, a1, a2), .range(b0, b1, b2)): return a0 == b0 && a1 == b1 && a2 == b2
    case let (.instance(a), .instance(b)): return a === b
    case let (.native(view as InstanceDict), other), let (other, .native(view as InstanceDict)):
        // `vars(obj) == obj.__dict__`: the live view compares as the dict it shows.
        if case let .native(otherView as InstanceDict) = other { return view.instance === otherView.instance }
        return pythonEquals(.dict(view.snapshot), other)
    case let (.native(a), .native(b)): return a === b
    case let (.function(a), .function(b)): return a === b
    case let (.classObject(a), .classObject(b)): return a === b
    case let (.module(a), .module(b)): return a === b
    case let (.builtin(a), .builtin(b)): return a === b
    default: return false
    }
}

func rangeCount(_ start: Int64, _ stop: Int64, _ step: Int64) -> Int64 {
    // The distance as UInt64 cannot overflow, whatever the bounds.
    if step > 0 {
        guard stop > start else { return 0 }
        let distance = UInt64(bitPattern: stop &- start)
        return Int64(clamping: (distance - 1) / UInt64(step) + 1)
    }
    guard start > stop else { return 0 }
    let distance = UInt64(bitPattern: start &- stop)
    // range(-2**63, 2**63 - 1) has 2**64 - 1 items: saturated, and refused by every
    // caller that would materialize or index it.
    return Int64(clamping: (distance - 1) / step.magnitude + 1)
}
