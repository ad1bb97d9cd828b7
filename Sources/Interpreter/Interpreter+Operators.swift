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
           let result = setBinary(op, a.items, b.items) { return a.isFrozen ? frozen(result) : result }
        if case .tensor = left { return try tensorBinary(op, left, right) }
        // `str.__mod__` runs before the tensor's reflected `%` and takes any object.
        if op == .modulo, case let .string(template) = left { return .string(try percentFormat(template, right)) }
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
            return .string(repeatedText(text, count: Int(count)))
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

    private func tensorBinary(_ op: BinaryOperator, _ left: Value, _ right: Value) throws -> Value {
        if op == .matrixMultiply {
            guard case let .tensor(a) = left, case let .tensor(b) = right else {
                throw PythonError.typeError("unsupported operand type(s) for @: '\(left.typeName)' and '\(right.typeName)'")
            }
            return .tensor(try Autodiff.matmul(a, b))
        }
        // A big int takes its meaning from the tensor beside it (see tensorOperand).
        let lhs = try operand(left, op, beside: right)
        let rhs = try operand(right, op, beside: left)
        // `@` returned above, so every operator left is elementwise.
        let engineOp = op.elementwiseOp ?? .multiply
        return .tensor(try Autodiff.binary(engineOp, lhs, rhs))
    }

    func operand(_ value: Value, _ op: BinaryOperator, beside other: Value? = nil) throws -> Operand {
        if case .native(is BigIntObject) = value, case let .tensor(partner)? = other {
            return try tensorOperand(value, beside: partner, function: op.rawValue)
        }
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
                "unsupported operand type(s) for \(op.rawValue): '\(other?.typeName ?? "Tensor")' and '\(value.typeName)'")
        }
    }
}

/// `text * count` by doubling its UTF-8 bytes: `String(repeating:)` appends one copy at
/// a time, seconds for `'a' * (7 * 10**7)`, and loops even for an empty string.
func repeatedText(_ text: String, count: Int) -> String {
    let unit = Array(text.utf8)
    guard count > 0, !unit.isEmpty else { return "" }
    let total = unit.count * count
    var bytes = unit
    bytes.reserveCapacity(total)
    while bytes.count * 2 <= total { bytes.append(contentsOf: bytes) }
    bytes.append(contentsOf: bytes[0..<(total - bytes.count)])
    return String(decoding: bytes, as: UTF8.self)
}

/// Whether `range(start, stop, step)` holds more items than an Int64 counts.
func rangeCountExceedsInt64(_ start: Int64, _ stop: Int64, _ step: Int64) -> Bool {
    guard step != 0, step > 0 ? stop > start : start > stop else { return false }
    let distance = step > 0 ? UInt64(bitPattern: stop &- start) : UInt64(bitPattern: start &- stop)
    return (distance - 1) / step.magnitude >= UInt64(Int64.max)
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
