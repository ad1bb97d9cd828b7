import Glibc
import PySyntax
import Autograd
import TensorEngine

/// Comparisons, membership, identity and truth: `<`, `==`, `in`, `is`, `bool(x)`.
extension Interpreter {
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
        return .tensor(try Autodiff.binary(engineOp, try operand(left, .add, beside: right), try operand(right, .add, beside: left)))
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
        // A namedtuple orders as the tuple of its values, against either kind.
        case let (.namedTuple(a), _):
            return try orderedCompare(op, .tuple(a.values), { if case let .namedTuple(b) = right { .tuple(b.values) } else { right } }())
        case let (.tuple, .namedTuple(b)):
            return try orderedCompare(op, left, .tuple(b.values))
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

    func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case let .instance(instance):
            if let method = instance.classObject.lookup("__contains__") {
                return try truthy(try call(method, CallArguments([container, item])))
            }
            if let wrapped = instance.builtinValue { return try contains(wrapped, item) }
            return try containsItem(in: container) { pythonEquals($0, item) }
        case let .string(text):
            guard case let .string(needle) = item else {
                throw PythonError.typeError("'in <string>' requires string as left operand, not \(item.typeName)")
            }
            // By code point, as Python compares; a combining mark after a match still matches.
            return try findSubstring(Array(needle.unicodeScalars), in: Array(text.unicodeScalars), last: false) != nil
        case let .dict(dict):
            try requireHashable(item)
            return dict.index(of: item) != nil
        case .range where item.bigInt != nil, .native(is BigRangeObject) where item.bigInt != nil:
            return rangeView(container)?.contains(item.bigInt ?? BigInt(0)) ?? false
        case let .list(list) where list.isSet:
            try requireHashable(item)
            return list.setContains(item)
        case let .tensor(tensor):
            let matches = try Autodiff.binary(.equal, .tensor(tensor), try operand(item, .add))
            return matches.bools().contains(true)
        default:
            return try containsItem(in: container) { pythonEquals($0, item) }
        }
    }

    /// `id(x)`: the object's address for values that are objects here (tensors, lists,
    /// instances, ...), agreeing with `is`: the singletons and CPython's cached small ints
    /// have fixed ids, and any other value, a new object each time, a fresh one.
    func pythonIdentity(_ value: Value) -> Int64 {
        func address(_ object: AnyObject) -> Int64 { Int64(Int(bitPattern: ObjectIdentifier(object).hashValue.magnitude)) }
        switch value {
        case let .tensor(object): return address(object)
        case let .list(object): return address(object)
        case let .dict(object): return address(object)
        case let .instance(object): return address(object)
        case let .classObject(object): return address(object)
        case let .native(object): return address(object)
        case let .function(object): return address(object)
        case let .builtin(object): return address(object)
        case let .module(object): return address(object)
        case .none: return 0x1000
        case .ellipsis: return 0x1010
        case let .bool(flag): return flag ? 0x1020 : 0x1030
        case let .dtype(dtype): return 0x2000 + Int64(DType.allCases.firstIndex(of: dtype) ?? 0) * 32
        case let .int(number) where number >= -5 && number <= 256: return 0x3000 + (number + 5) * 32
        default:
            freshIdentity &+= 16
            return freshIdentity
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
            if let wrapped = instance.builtinValue { return try truthy(wrapped) }
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
    if let a = rangeView(left), let b = rangeView(right) { return a.holdsSameItems(as: b) }
    // An instance's live `__dict__` compares as the dict it shows.
    if case let .native(view as InstanceDict) = left { return pythonEquals(.dict(view.snapshot), right) }
    if case let .native(view as InstanceDict) = right { return pythonEquals(left, .dict(view.snapshot)) }
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
    case let (.native(a as Device), .native(b as Device)): return a.name == b.name
    case let (.native(a), .native(b)): return a === b
    case let (.function(a), .function(b)): return a === b
    case let (.classObject(a), .classObject(b)): return a === b
    case let (.module(a), .module(b)): return a === b
    case let (.builtin(a), .builtin(b)): return a === b
    default: return false
    }
}
