/// `obj.__dict__`: a live view of an instance's attributes, so `self.__dict__.update(kw)`
/// (minGPT's CfgNode) sets attributes and `self.__dict__.items()` lists them in order.
final class InstanceDict: NativeSubscriptable, NativeItemAssignable, NativeSized, NativeContainerRepr {
    let instance: Instance

    init(_ instance: Instance) { self.instance = instance }

    var typeName: String { "dict" }
    var count: Int { instance.attributeOrder.count }
    func repr() -> String { "{...}" }

    private var entries: [(key: Value, value: Value)] {
        instance.attributeOrder.map { (Value.string($0), instance.attributes[$0] ?? .none) }
    }

    /// A plain dict holding the same entries now.
    var snapshot: DictStorage { DictStorage(entries) }

    func repr(_ interpreter: Interpreter) throws -> String { try interpreter.repr(.dict(snapshot)) }

    func iterate() throws -> [Value]? { instance.attributeOrder.map { .string($0) } }

    func item(at index: Value, interpreter: Interpreter) throws -> Value {
        guard case let .string(name) = index, let value = instance.attributes[name] else { throw PythonError("KeyError", try interpreter.repr(index)) }
        return value
    }

    func setItem(_ index: Value, _ value: Value, interpreter: Interpreter) throws {
        guard case let .string(name) = index else {
            throw PythonError.typeError("attribute name must be string, not '\(index.typeName)'")
        }
        instance.set(name, value)
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(name, owner: "dict", body)) }
        switch name {
        case "update":
            return method { [self] interpreter, arguments in
                // dict(...) reads every form update accepts: a mapping, pairs, keywords.
                let source = try interpreter.call(interpreter.builtinNames["dict"] ?? .none, arguments)
                guard case let .dict(dict) = source else { return .none }
                for (key, value) in dict.entries { try setItem(key, value, interpreter: interpreter) }
                return .none
            }
        case "pop":
            return method { [self] interpreter, arguments in
                let bound = try arguments.bind("pop", ["key", "default"])
                guard case let .string(key) = try bound.value("key"), let value = instance.attributes[key] else {
                    if let fallback = bound.values["default"] { return fallback }
                    throw PythonError("KeyError", try interpreter.repr(try bound.value("key")))
                }
                instance.attributes[key] = nil
                instance.attributeOrder.removeAll { $0 == key }
                return value
            }
        default:
            // Reading methods (keys, items, get, copy...) act on the entries as they are now.
            return try interpreter.valueMethod(.dict(snapshot), name)
        }
    }
}
