import PySyntax
import TensorEngine

/// Python's type objects (`type(x)`, `type(x).__name__`), sets, decorators that change
/// how class attributes bind, and the operator methods (`__add__`, `__eq__`) of user classes.
extension Interpreter {
    /// Builtins that are also Python's types: `type(3)` returns the `int` builtin itself,
    /// so `type(3) == int` and `type(x) is list` hold.
    static let builtinTypeNames: Set<String> = ["int", "float", "str", "bool", "list", "tuple", "dict", "set", "frozenset", "range"]

    func typeObject(of value: Value) -> Value {
        switch value {
        case let .instance(instance): return .classObject(instance.classObject)
        case let .native(module as NNModule):
            if case let .module(nn)? = modules["torch.nn"], let factory = nn.members[module.name] { return factory }
        case let .tensor(tensor):
            if tensor.isParameter, case let .module(nn)? = modules["torch.nn"], let parameterType = nn.members["Parameter"] { return parameterType }
            if case let .module(torch)? = modules["torch"], let tensorType = torch.members["Tensor"] { return tensorType }
        case let .native(object as ExceptionObject):
            if let exceptionClass = builtinNames[object.type] { return exceptionClass }
        case .native where value.isNumPy:
            if let numpyType = numpyTypeObject(of: value) { return numpyType }
        case let .namedTuple(tuple):
            if let owner = tuple.owner { return .native(owner) }
        default: break
        }
        let name = value.typeName
        if Interpreter.builtinTypeNames.contains(name), let type = builtinNames[name] { return type }
        return .native(PythonTypeObject(name))
    }

    /// Where a class attribute binds: methods to the instance, `@staticmethod`
    /// functions to nothing, `@classmethod` to the class, `@property` runs its getter.
    func bindClassAttribute(_ value: Value, instance: Value?, classObject: ClassObject) throws -> Value {
        try bindClassAttribute(value, instance: instance, owner: .classObject(classObject))
    }

    /// The same for a class that is not a `ClassObject` (a NamedTuple class): `owner` is
    /// what a class method binds to.
    func bindClassAttribute(_ value: Value, instance: Value?, owner: Value) throws -> Value {
        switch value {
        case let .function(function):
            guard let instance else { return value }
            return bindMethod(function, to: instance)
        case let .native(decorated as DecoratedFunction):
            switch decorated.kind {
            case .staticMethod: return .function(decorated.function)
            case .classMethod: return bindMethod(decorated.function, to: owner)
            }
        case let .native(descriptor as ClassBodyDescriptor):
            guard let instance else { return value }
            return try descriptor.get(instance, self)
        case let .native(method as NativeMethodBinding):
            guard let instance else { return value }
            return method.bound(to: instance)
        default: return value
        }
    }

    func bindMethod(_ function: Function, to receiver: Value) -> Value {
        let method = Builtin(function.name, owner: receiver.typeName) { interpreter, arguments in
            try interpreter.callFunction(function, arguments.prepending(receiver))
        }
        method.boundMethod = (function, receiver)
        return .builtin(method)
    }

    /// `a + b` where a user class defines `__add__` (or `b` defines `__radd__`).
    func instanceBinary(_ op: BinaryOperator, _ left: Value, _ right: Value) throws -> Value? {
        let name = Interpreter.operatorMethodNames[op] ?? ""
        if case let .instance(instance) = left, let method = instance.classObject.lookup("__\(name)__") {
            return try call(method, CallArguments([left, right]))
        }
        if case let .instance(instance) = right, let method = instance.classObject.lookup("__r\(name)__") {
            return try call(method, CallArguments([right, left]))
        }
        if let result = try namedTupleDunder(left, "__\(name)__", right) ?? namedTupleDunder(right, "__r\(name)__", left) { return result }
        return try builtinSubclassOperands(left, right) { try binaryOperation(op, $0, $1) }
    }

    /// An operator between values one of which extends a built-in type runs on the wrapped
    /// values (`tokens + [x]` is a list, `name == "a"` compares strings).
    private func builtinSubclassOperands(_ left: Value, _ right: Value, _ operation: (Value, Value) throws -> Value) throws -> Value? {
        func wrapped(_ value: Value) -> Value? { if case let .instance(instance) = value { instance.builtinValue } else { nil } }
        guard wrapped(left) != nil || wrapped(right) != nil else { return nil }
        return try operation(wrapped(left) ?? left, wrapped(right) ?? right)
    }

    static let operatorMethodNames: [BinaryOperator: String] = [
        .add: "add", .subtract: "sub", .multiply: "mul", .divide: "truediv", .floorDivide: "floordiv",
        .modulo: "mod", .power: "pow", .matrixMultiply: "matmul", .bitAnd: "and", .bitOr: "or",
        .bitXor: "xor", .leftShift: "lshift", .rightShift: "rshift",
    ]

    /// `a == b`, `a < b` where a user class defines the rich comparison.
    func instanceCompare(_ op: CompareOperator, _ left: Value, _ right: Value) throws -> Value? {
        let names: [CompareOperator: (String, String)] = [
            .equal: ("eq", "eq"), .notEqual: ("ne", "ne"), .less: ("lt", "gt"),
            .lessEqual: ("le", "ge"), .greater: ("gt", "lt"), .greaterEqual: ("ge", "le"),
        ]
        guard let (name, reflected) = names[op] else { return nil }
        if case let .instance(instance) = left, let method = instance.classObject.lookup("__\(name)__") {
            return try call(method, CallArguments([left, right]))
        }
        if case let .instance(instance) = right, let method = instance.classObject.lookup("__\(reflected)__") {
            return try call(method, CallArguments([right, left]))
        }
        if let result = try namedTupleDunder(left, "__\(name)__", right) ?? namedTupleDunder(right, "__\(reflected)__", left) { return result }
        return try builtinSubclassOperands(left, right) { try compare(op, $0, $1) }
    }

    /// An operator a `class P(NamedTuple)` body defines (`__add__`, `__lt__`), called on the
    /// tuple; nil when its class does not define it, so tuple behaviour applies.
    private func namedTupleDunder(_ receiver: Value, _ name: String, _ other: Value) throws -> Value? {
        guard case let .namedTuple(tuple) = receiver, let method = try tuple.owner?.member(name, receiver: receiver, self) else { return nil }
        return try call(method, CallArguments([other]))
    }

    /// `{1, 2}` and `set(...)`: a list marked as a set, its items unique.
    func makeSet(_ items: [Value]) -> Value {
        let storage = ListStorage([])
        storage.isSet = true
        for item in items { storage.setInsert(item) }
        return .list(storage)
    }

    /// `|`, `&`, `-`, `^` between sets.
    func setBinary(_ op: BinaryOperator, _ a: [Value], _ b: [Value]) -> Value? {
        func contains(_ items: [Value], _ item: Value) -> Bool { items.contains { pythonEquals($0, item) } }
        switch op {
        case .bitOr: return makeSet(a + b)
        case .bitAnd: return makeSet(a.filter { contains(b, $0) })
        case .subtract: return makeSet(a.filter { !contains(b, $0) })
        case .bitXor: return makeSet(a.filter { !contains(b, $0) } + b.filter { !contains(a, $0) })
        default: return nil
        }
    }

    func setMethod(_ set: ListStorage, _ name: String, _ method: (@escaping (Interpreter, CallArguments) throws -> Value) -> Value) -> Value? {
        func items(_ arguments: CallArguments, _ interpreter: Interpreter) throws -> [Value] {
            try arguments.positional.flatMap { try interpreter.iterate($0) }
        }
        switch name {
        case "add": return method { interpreter, arguments in
            if let item = arguments.positional.first {
                try interpreter.requireHashable(item)
                set.setInsert(item)
            }
            return .none
        }
        case "discard": return method { _, arguments in
            set.items.removeAll { pythonEquals($0, arguments.positional.first ?? .none) }
            return .none
        }
        case "union": return method { interpreter, arguments in try interpreter.makeCheckedSet(set.items + (try items(arguments, interpreter))) }
        case "intersection": return method { interpreter, arguments in
            let other = try items(arguments, interpreter)
            return interpreter.makeSet(set.items.filter { item in other.contains { pythonEquals($0, item) } })
        }
        case "difference": return method { interpreter, arguments in
            let other = try items(arguments, interpreter)
            return interpreter.makeSet(set.items.filter { item in !other.contains { pythonEquals($0, item) } })
        }
        case "issubset": return method { interpreter, arguments in
            let other = try items(arguments, interpreter)
            return .bool(set.items.allSatisfy { item in other.contains { pythonEquals($0, item) } })
        }
        case "copy": return method { interpreter, _ in interpreter.makeSet(set.items) }
        default: return moreSetMethods(set, name, method)
        }
    }
}

/// A type with no builtin of its own, such as `type(None)` or `type(len)`.
final class PythonTypeObject: NativeObject {
    let name: String
    init(_ name: String) { self.name = name }
    var typeName: String { "type" }
    func repr() -> String { "<class '\(name)'>" }
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        name == "__name__" ? .string(self.name) : nil
    }
}

/// A function wrapped by `@staticmethod`, `@classmethod` or `@property`.
final class DecoratedFunction: NativeObject {
    enum Kind: String { case staticMethod = "staticmethod", classMethod = "classmethod" }
    let kind: Kind
    let function: Function

    init(_ kind: Kind, _ function: Function) {
        self.kind = kind
        self.function = function
    }

    var typeName: String { kind.rawValue }
    func repr() -> String { "<\(kind.rawValue) object>" }
}

extension Interpreter {
    /// `super()` inside a method: attribute lookups start after the defining class.
    func makeSuper() -> Value {
        var current: Scope? = scope
        while let candidate = current, candidate.function == nil { current = candidate.parent }
        guard let callScope = current, let function = callScope.function,
              let definingClass = function.definingClass,
              let selfName = function.parameters.first?.name,
              let receiver = callScope.variables[selfName] else { return .native(SuperProxy(receiver: nil, startClass: nil)) }
        return .native(SuperProxy(receiver: receiver, startClass: definingClass))
    }

    /// `pow(base, exp, mod)` for integers, by square-and-multiply without overflow.
    func modularPower(_ base: Value, _ exponent: Value, _ modulus: Value) throws -> Value {
        let b = try pythonInt(base), e = try pythonInt(exponent), m = try pythonInt(modulus)
        guard m != 0 else { throw PythonError.valueError("pow() 3rd argument cannot be 0") }
        guard e >= 0 else { throw PythonError.valueError("base is not invertible for the given modulus") }
        func mulmod(_ x: Int64, _ y: Int64) -> Int64 {
            // x and y are already reduced below |m|, so the quotient fits in 64 bits.
            m.dividingFullWidth(x.multipliedFullWidth(by: y)).remainder
        }
        func normalized(_ value: Int64) -> Int64 {
            let r = value % m
            return (r != 0 && (r < 0) != (m < 0)) ? r + m : r
        }
        var result: Int64 = normalized(1)
        var factor = normalized(b)
        var remaining = e
        while remaining > 0 {
            if remaining & 1 == 1 { result = normalized(mulmod(result, factor)) }
            factor = normalized(mulmod(factor, factor))
            remaining >>= 1
        }
        return .int(result)
    }
}

extension Interpreter {
    /// `staticmethod`, `classmethod`, `property`, `hex`, `bin`, `oct`, `slice` and `hash`.
    func addLanguageBuiltins(to table: inout [String: Value]) {
        func define(_ name: String, _ body: @escaping Builtin.Body) {
            table[name] = .builtin(Builtin(name, body))
        }
        define("property") { interpreter, arguments in try interpreter.makeProperty(arguments) }
        for kind in [DecoratedFunction.Kind.staticMethod, .classMethod] {
            define(kind.rawValue) { _, arguments in
                guard case let .function(function)? = arguments.positional.first else {
                    throw PythonError.typeError("\(kind.rawValue) expects a function")
                }
                return .native(DecoratedFunction(kind, function))
            }
        }
        for (name, radix, prefix) in [("hex", 16, "0x"), ("bin", 2, "0b"), ("oct", 8, "0o")] {
            define(name) { interpreter, arguments in
                let value = try arguments.bind(name, ["number"]).value("number")
                if case let .native(big as BigIntObject) = value {
                    return .string((big.value.isNegative ? "-" : "") + prefix + big.value.magnitude.text(radix: radix))
                }
                let number = try interpreter.pythonInt(value)
                return .string((number < 0 ? "-" : "") + prefix + String(number.magnitude, radix: radix))
            }
        }
        // `slice(stop)` / `slice(start, stop[, step])`, as Swin's mask code builds them.
        define("slice") { _, arguments in
            let items = arguments.positional
            switch items.count {
            case 1: return .slice(start: .none, stop: items[0], step: .none)
            case 2: return .slice(start: items[0], stop: items[1], step: .none)
            case 3: return .slice(start: items[0], stop: items[1], step: items[2])
            default: throw PythonError.typeError("slice expected at least 1 argument, got \(items.count)")
            }
        }
        define("hash") { interpreter, arguments in
            let value = try arguments.bind("hash", ["obj"]).value("obj")
            switch value {
            // Python hashes ints modulo 2**61 - 1.
            case let .int(number): return .int(Int64(BigInt(number).pythonHash))
            case let .native(big as BigIntObject): return .int(Int64(big.value.pythonHash))
            case let .bool(flag): return .int(flag ? 1 : 0)
            case let .float(number) where number.isFinite && number == number.rounded() && Swift.abs(number) < 9e18:
                return .int(Int64(number))
            case let .list(list) where list.isFrozen: return .int(Int64(truncatingIfNeeded: pythonHash(value) ?? 0))
            case .list, .dict: throw PythonError.typeError("unhashable type: '\(value.typeName)'")
            // A tuple hashes by its items, so a namedtuple hashes as the plain tuple it equals.
            case .tuple, .namedTuple:
                guard let hash = pythonHash(value) else {
                    let items: [Value] = if case let .namedTuple(tuple) = value { tuple.values } else if case let .tuple(items) = value { items } else { [] }
                    let unhashable = items.first { pythonHash($0) == nil }
                    throw PythonError.typeError("unhashable type: '\(unhashable?.typeName ?? "list")'")
                }
                return .int(Int64(truncatingIfNeeded: hash))
            default: return .int(Int64(truncatingIfNeeded: (try interpreter.repr(value)).hashValue))
            }
        }
    }
}
