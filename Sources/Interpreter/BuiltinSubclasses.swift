/// Classes that extend a built-in type: `class Config(dict)`, `class Tokens(list)`,
/// `class Name(str)`, `class Registry(OrderedDict)`. Each instance wraps a value of that
/// type (`Instance.builtinValue`), which answers whatever the class does not define —
/// items, `len`, iteration, printing, operators and the type's methods — as the built-in
/// base does in Python's method resolution order, after the user's classes.
extension Interpreter {
    /// The class attribute that names the built-in type a class extends; inherited by
    /// its subclasses through the ordinary lookup.
    static let builtinBaseAttribute = "__tensortutor_builtin_base__"

    /// The types a class may extend here. The mutable ones start empty and are filled by
    /// their `__init__`; the immutable ones are made from the call's arguments, as their
    /// `__new__` makes them, before the class's `__init__` runs.
    private static let mutableBuiltinTypes: Set<String> = ["dict", "list", "set", "OrderedDict", "defaultdict", "Counter"]
    private static let immutableBuiltinTypes: Set<String> = ["str", "int", "float", "tuple", "frozenset"]

    /// `value` as a base class: the built-in type's constructor, when it is one.
    func subclassableBuiltinType(_ value: Value) -> Builtin? {
        guard case let .builtin(builtin) = value, builtin.owner == nil,
              Self.mutableBuiltinTypes.contains(builtin.name) || Self.immutableBuiltinTypes.contains(builtin.name) else { return nil }
        return builtin
    }

    func builtinBase(of classObject: ClassObject) -> Builtin? {
        guard case let .builtin(base)? = classObject.lookup(Self.builtinBaseAttribute) else { return nil }
        return base
    }

    /// Makes the wrapped value when an instance is created: empty for a mutable type, which
    /// its `__init__` fills, from the arguments for an immutable one, as its `__new__` does.
    func createBuiltinValue(_ instance: Instance, _ base: Builtin, _ arguments: CallArguments) throws {
        let immutable = Self.immutableBuiltinTypes.contains(base.name)
        instance.builtinValue = try call(.builtin(base), immutable ? arguments : CallArguments())
    }

    /// The built-in `__init__`: `dict.__init__` and `Counter.__init__` add to the mapping,
    /// `list.__init__` and `set.__init__` replace the items; the wrapped object stays the
    /// same one, so earlier references to it see the change.
    func fillBuiltinValue(_ instance: Instance, _ arguments: CallArguments) throws {
        guard let base = builtinBase(of: instance.classObject), Self.mutableBuiltinTypes.contains(base.name) else { return }
        let filled = try call(.builtin(base), arguments)
        switch (instance.builtinValue, filled) {
        case let (.dict(target)?, .dict(source)):
            for (key, value) in source.entries {
                target[key] = if case .counter = target.flavor { try binaryOperation(.add, target[key] ?? .int(0), value) } else { value }
            }
            if case .defaultFactory = source.flavor { target.flavor = source.flavor }
        case let (.list(target)?, .list(source)):
            target.items = source.items
        default:
            instance.builtinValue = filled
        }
    }

    /// `copy.copy`/`copy.deepcopy` of a subclass instance copy the wrapped value as the
    /// type copies it, and a replaced `__dict__`.
    func copyBuiltinState(from original: Instance, to copy: Instance, _ copyValue: (Value) throws -> Value) throws {
        if let wrapped = original.builtinValue { copy.builtinValue = try copyValue(wrapped) }
        if original.attributeStoreIsSelf, case let .dict(store)? = copy.builtinValue {
            // Python's copy restores the state `__dict__` gave, the dict itself, into the
            // copy's fresh namespace: the copy's attributes start equal to its items but
            // are no longer the same dict.
            for case let (.string(name), value) in store.entries { copy.set(name, value) }
        } else if let store = original.attributeStore, case let .dict(copied) = try copyValue(.dict(store)) {
            copy.attributeStore = copied
        }
    }

    /// The value a built-in operation works on: the wrapped value of a subclass instance.
    func unwrappingBuiltinSubclass(_ value: Value) -> Value {
        if case let .instance(instance) = value, let wrapped = instance.builtinValue { return wrapped }
        return value
    }

    /// `instance[key]` on the wrapped value; a dict subclass's `__missing__` answers a
    /// key the dict lacks, as `dict.__getitem__` asks it.
    func builtinSubclassItem(_ instance: Instance, _ wrapped: Value, _ index: Value) throws -> Value {
        if case let .dict(dict) = wrapped, let missing = instance.classObject.lookup("__missing__") {
            try requireHashable(index)
            if dict[index] == nil { return try call(missing, CallArguments([.instance(instance), index])) }
        }
        return try subscriptValue(wrapped, index)
    }

    /// `instance.items`, `instance.append`: the wrapped value's method, after the class's
    /// own attributes; nil when the type has no such method either.
    func builtinSubclassAttribute(_ instance: Instance, _ name: String) throws -> Value? {
        guard let wrapped = instance.builtinValue else { return nil }
        if name == "__init__" {
            return .builtin(Builtin("__init__", owner: instance.classObject.name) { interpreter, arguments in
                try interpreter.fillBuiltinValue(instance, arguments)
                return .none
            })
        }
        return try builtinTypeMethod(wrapped, name, owner: instance.classObject.name)
    }

    /// A method of a built-in value: its special methods, then its ordinary ones.
    private func builtinTypeMethod(_ wrapped: Value, _ name: String, owner: String) throws -> Value? {
        try builtinDunder(wrapped, name, owner: owner) ?? valueMethod(wrapped, name)
    }

    /// The special methods a built-in type defines, for `super().__getitem__(key)` and
    /// `dict.__setitem__(self, key, value)`: each runs the interpreter's own operation.
    func builtinDunder(_ wrapped: Value, _ name: String, owner: String) -> Value? {
        func method(_ parameters: [String], _ body: @escaping (Interpreter, [Value]) throws -> Value) -> Value {
            .builtin(Builtin(name, owner: owner) { interpreter, arguments in
                let bound = try arguments.bind(name, parameters)
                return try body(interpreter, try parameters.map { try bound.value($0) })
            })
        }
        switch name {
        case "__getitem__": return method(["key"]) { try $0.subscriptValue(wrapped, $1[0]) }
        case "__setitem__": return method(["key", "value"]) { try $0.setSubscript(wrapped, $1[0], $1[1]); return .none }
        case "__delitem__": return method(["key"]) { try $0.deleteItem(of: wrapped, $1[0]); return .none }
        case "__contains__": return method(["key"]) { .bool(try $0.contains(wrapped, $1[0])) }
        case "__len__": return method([]) { interpreter, _ in .int(Int64(try interpreter.length(wrapped))) }
        case "__iter__": return method([]) { interpreter, _ in .native(IteratorObject(kind: "iterator", items: try interpreter.iterate(wrapped))) }
        case "__repr__": return method([]) { interpreter, _ in .string(try interpreter.repr(wrapped)) }
        case "__str__": return method([]) { interpreter, _ in .string(try interpreter.str(wrapped)) }
        case "__eq__": return method(["other"]) { try $0.compare(.equal, wrapped, $0.unwrappingBuiltinSubclass($1[0])) }
        default: return nil
        }
    }

    /// `dict.__getitem__`, `dict.get`, `str.upper` read from the type: a method descriptor
    /// that takes its receiver first (`map(str.upper, names)`) and binds like a method
    /// when a class stores it (`__getattr__ = dict.__getitem__`).
    func unboundBuiltinMethod(_ type: Builtin, _ name: String) throws -> Value? {
        // Only the names the type has: `hasattr(dict, "nope")` stays False.
        guard subclassableBuiltinType(.builtin(type)) != nil, let exemplar = try? call(.builtin(type), CallArguments()),
              try builtinTypeMethod(exemplar, name, owner: type.name) != nil else { return nil }
        return .native(MethodDescriptor(name, of: type.name) { interpreter, receiver, arguments in
            let wrapped = interpreter.unwrappingBuiltinSubclass(receiver)
            guard interpreter.isInstanceOfBuiltinType(wrapped, type),
                  let method = try interpreter.builtinTypeMethod(wrapped, name, owner: type.name) else {
                throw PythonError.typeError("descriptor '\(name)' for '\(type.name)' objects doesn't apply to a '\(receiver.typeName)' object")
            }
            return try interpreter.call(method, arguments)
        })
    }

    private func isInstanceOfBuiltinType(_ value: Value, _ type: Builtin) -> Bool {
        (try? isInstance(value, .builtin(type))) ?? false
    }

    /// A subclass instance prints as its type prints (`{'a': 1}`, `[1, 2]`), except that
    /// the collections types name the subclass: `Registry({'a': 1})`.
    func builtinSubclassRepr(_ instance: Instance, _ wrapped: Value) throws -> String {
        let text = try repr(wrapped)
        if case let .dict(dict) = wrapped, !dict.flavor.isPlain, text.hasPrefix(dict.flavor.typeName) {
            return instance.classObject.name + text.dropFirst(dict.flavor.typeName.count)
        }
        return text
    }
}

/// A method read from a built-in type (`dict.__setitem__`, `object.__setattr__`): called
/// with its receiver first, or bound to the instance when read through a class that
/// stores it, as CPython's method descriptors behave.
final class MethodDescriptor: NativeCallable, NativeMethodBinding {
    typealias Body = (Interpreter, _ receiver: Value, CallArguments) throws -> Value
    let name: String
    let ownerType: String
    let body: Body

    init(_ name: String, of ownerType: String, _ body: @escaping Body) {
        self.name = name
        self.ownerType = ownerType
        self.body = body
    }

    var typeName: String { "method_descriptor" }
    func repr() -> String { "<method '\(name)' of '\(ownerType)' objects>" }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        guard let receiver = arguments.positional.first else {
            throw PythonError.typeError("unbound method \(ownerType).\(name)() needs an argument")
        }
        return try body(interpreter, receiver, CallArguments(Array(arguments.positional.dropFirst()), keywords: arguments.keywords))
    }

    func bound(to receiver: Value) -> Value {
        .builtin(Builtin(name, owner: receiver.typeName) { [self] interpreter, arguments in
            try body(interpreter, receiver, arguments)
        })
    }
}

extension Value {
    /// A Python int, as an int subclass wraps one (bools are ints too).
    var isInt: Bool {
        switch self {
        case .int, .bool: true
        case let .native(object): object is BigIntObject
        default: false
        }
    }

    var isNumber: Bool { if case .float = self { true } else { isInt } }
}
