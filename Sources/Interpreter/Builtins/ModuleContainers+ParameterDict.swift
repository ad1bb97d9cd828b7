import Autograd
import TensorEngine

/// `nn.ParameterDict(parameters)`: parameters under string keys, in insertion order; a
/// plain tensor given to it becomes a Parameter. Its keys are the parameters' names, so
/// `named_parameters()` and `state_dict()` show `dict.key`.
final class ParameterDictModule: NNModule, NativeContainer {
    /// The keys and values, in insertion order; iterating the dict gives the keys.
    private var entries: [(name: String, value: Value)] {
        registry.parameters.entries.map { ($0.name, $0.item.map { .tensor($0) } ?? .none) }
    }

    var count: Int { entries.count }

    init(_ interpreter: Interpreter, parameters: Value?) throws {
        super.init(name: "ParameterDict")
        if let parameters { try update(interpreter, parameters) }
    }

    override func iterate() throws -> [Value]? { entries.map { .string($0.name) } }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { try ParameterDictModule(interpreter, parameters: nil) }

    /// `__getitem__` is `getattr`, so a missing key is an AttributeError.
    func item(_ interpreter: Interpreter, _ index: Value) throws -> Value {
        guard case let .string(key) = index else {
            throw PythonError.typeError("attribute name must be string, not '\(index.typeName)'")
        }
        guard let entry = entries.first(where: { $0.name == key }) else {
            throw PythonError.attributeError("'ParameterDict' object has no attribute \(try interpreter.repr(index))")
        }
        return entry.value
    }

    func setItem(_ interpreter: Interpreter, _ index: Value, _ value: Value) throws {
        guard case let .string(key) = index else {
            throw PythonError.typeError("attribute name must be string, but got \(index.typeName)")
        }
        var value = value
        if case let .tensor(tensor) = value, !tensor.isParameter {
            value = try interpreter.makeParameter(CallArguments([.tensor(tensor)]))
        }
        guard case .tensor = value else {
            throw PythonError.notImplemented("ParameterDict values other than tensors are not supported by TensorTutor yet")
        }
        if !registry.parameters.contains(key) { registry.parameters.set(key, nil) }
        _ = try setAttribute(key, value)
    }

    func deleteItem(_ interpreter: Interpreter, _ index: Value) throws {
        guard case let .string(key) = index, registry.parameters.remove(key) else {
            throw PythonError("KeyError", try interpreter.repr(index))
        }
    }

    /// `update(mapping or pairs)`.
    func update(_ interpreter: Interpreter, _ parameters: Value) throws {
        if case let .dict(dict) = parameters {
            for (key, value) in dict.entries { try setItem(interpreter, key, value) }
            return
        }
        if case let .native(other as ParameterDictModule) = parameters {
            for (key, value) in other.entries { try setItem(interpreter, .string(key), value) }
            return
        }
        for (position, pair) in try interpreter.iterate(parameters).enumerated() {
            let items = try interpreter.iterate(pair)
            guard items.count == 2 else {
                throw PythonError.valueError("ParameterDict update sequence element #\(position) has length \(items.count); 2 is required")
            }
            try setItem(interpreter, items[0], items[1])
        }
    }

    override func extraRepr() -> String {
        entries.map { key, value in
            guard case let .tensor(tensor) = value else { return "  (\(key)): Object of type: NoneType" }
            let kind = tensor.isParameter ? "Parameter" : "Tensor"
            let size = tensor.shape.map(String.init).joined(separator: "x")
            return "  (\(key)): \(kind) containing: [\(tensor.dtype.legacyTensorTypeName) of size \(size)]"
        }.joined(separator: "\n")
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func method(_ parameters: [String], _ body: @escaping (Interpreter, BoundArguments) throws -> Value) -> Value {
            .builtin(Builtin(attribute, owner: name) { interpreter, arguments in try body(interpreter, try arguments.bind(attribute, parameters)) })
        }
        let entries = self.entries
        switch attribute {
        case "keys": return method([]) { _, _ in .list(ListStorage(entries.map { .string($0.name) })) }
        case "values": return method([]) { _, _ in .list(ListStorage(entries.map(\.value))) }
        case "items": return method([]) { _, _ in .list(ListStorage(entries.map { .tuple([.string($0.name), $0.value]) })) }
        case "update":
            return method(["values"]) { interpreter, bound in
                try self.update(interpreter, try bound.value("values"))
                return .none
            }
        case "get":
            return method(["key", "default"]) { _, bound in
                let key = try bound.value("key")
                return entries.first { if case let .string(name) = key { $0.name == name } else { false } }?.value
                    ?? bound.optional("default") ?? .none
            }
        case "pop":
            return method(["key"]) { interpreter, bound in
                // `self[key]` first, so a missing key is its AttributeError.
                let key = try bound.value("key")
                let value = try self.item(interpreter, key)
                try self.deleteItem(interpreter, key)
                return value
            }
        case "clear":
            return method([]) { _, _ in
                self.registry.parameters.removeAll()
                return .none
            }
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }
}
