import TensorEngine

/// `nn.ModuleDict(modules)`: children under string keys, in insertion order.
final class ModuleDictModule: NNModule, NativeContainer {
    init(_ interpreter: Interpreter, modules: Value?) throws {
        super.init(name: "ModuleDict")
        if let modules { try update(interpreter, modules) }
    }

    var count: Int { registry.children.entries.count }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { try ModuleDictModule(interpreter, modules: nil) }

    override func iterate() throws -> [Value]? { registry.children.names.map { .string($0) } }

    private func key(_ index: Value) throws -> String {
        guard case let .string(key) = index else { throw PythonError.typeError("module name should be a string. Got \(torchTypeName(index))") }
        return key
    }

    func item(_ interpreter: Interpreter, _ index: Value) throws -> Value {
        guard case let .string(key) = index, let module = registry.children.item(key) else {
            throw PythonError("KeyError", try interpreter.repr(index))
        }
        return module ?? .none
    }

    func setItem(_ interpreter: Interpreter, _ index: Value, _ value: Value) throws {
        _ = try interpreter.call(try interpreter.attribute(of: .native(self), "add_module"), CallArguments([index, value]))
    }

    func deleteItem(_ interpreter: Interpreter, _ index: Value) throws {
        guard registry.children.remove(try key(index)) else { throw PythonError("KeyError", try interpreter.repr(index)) }
    }

    /// `update(mapping or pairs)`.
    func update(_ interpreter: Interpreter, _ modules: Value) throws {
        if case let .dict(dict) = modules {
            for (key, module) in dict.entries { try setItem(interpreter, key, module) }
            return
        }
        for pair in try interpreter.iterate(modules) {
            let items = try interpreter.iterate(pair)
            guard items.count == 2 else {
                throw PythonError.valueError("ModuleDict update sequence element #0 has length \(items.count); 2 is required")
            }
            try setItem(interpreter, items[0], items[1])
        }
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(attribute, owner: name, body)) }
        let entries = registry.children.entries
        switch attribute {
        case "keys": return method { _, _ in .list(ListStorage(entries.map { .string($0.name) })) }
        case "values": return method { _, _ in .list(ListStorage(entries.map { $0.item ?? .none })) }
        case "items": return method { _, _ in .list(ListStorage(entries.map { .tuple([.string($0.name), $0.item ?? .none]) })) }
        case "update":
            return method { interpreter, arguments in
                try self.update(interpreter, try arguments.bind(attribute, ["modules"]).value("modules"))
                return .none
            }
        case "pop":
            return method { interpreter, arguments in
                let key = try arguments.bind(attribute, ["key"]).value("key")
                let module = try self.item(interpreter, key)
                try self.deleteItem(interpreter, key)
                return module
            }
        case "clear":
            return method { _, _ in
                self.registry.children.removeAll()
                return .none
            }
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }
}

/// `nn.ParameterList(values)`: parameters named "0", "1", ...; a plain tensor given to
/// it becomes a Parameter.
final class ParameterListModule: NNModule, NativeContainer {
    init(_ interpreter: Interpreter, values: [Value]) throws {
        super.init(name: "ParameterList")
        for value in values { try append(interpreter, value) }
    }

    var count: Int { registry.parameters.entries.count }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { try ParameterListModule(interpreter, values: []) }

    override func iterate() throws -> [Value]? { registry.parameters.entries.map { $0.item.map { .tensor($0) } ?? .none } }

    func append(_ interpreter: Interpreter, _ value: Value) throws {
        registry.parameters.set(String(count), nil)
        try setItem(interpreter, .int(Int64(count - 1)), value)
    }

    private func position(_ index: Value, _ interpreter: Interpreter) throws -> Int {
        let position = Int(try interpreter.pythonInt(index))
        guard position >= -count, position < count else { throw PythonError.indexError("index \(position) is out of range") }
        return position < 0 ? position + count : position
    }

    func item(_ interpreter: Interpreter, _ index: Value) throws -> Value {
        let items = try iterate() ?? []
        if case let .slice(start, stop, step) = index {
            return .native(try ParameterListModule(interpreter, values: try interpreter.sliceItems(items, start, stop, step)))
        }
        return items[try position(index, interpreter)]
    }

    func setItem(_ interpreter: Interpreter, _ index: Value, _ value: Value) throws {
        var value = value
        if case let .tensor(tensor) = value, !tensor.isParameter {
            value = try interpreter.makeParameter(CallArguments([.tensor(tensor)]))
        }
        _ = try setAttribute(String(try position(index, interpreter)), value)
    }

    func deleteItem(_ interpreter: Interpreter, _ index: Value) throws {
        throw PythonError.typeError("'ParameterList' object doesn't support item deletion")
    }

    override func extraRepr() -> String {
        registry.parameters.entries.enumerated().map { index, entry in
            guard let tensor = entry.item else { return "  (\(index)): Object of type: NoneType" }
            let kind = tensor.isParameter ? "Parameter" : "Tensor"
            return "  (\(index)): \(kind) containing: [\(tensor.dtype.torchName) of size \(tensor.shape.map(String.init).joined(separator: "x"))]"
        }.joined(separator: "\n")
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "append", "extend":
            return .builtin(Builtin(attribute, owner: name) { interpreter, arguments in
                let value = try arguments.bind(attribute, ["value"]).value("value")
                for item in attribute == "append" ? [value] : try interpreter.iterate(value) { try self.append(interpreter, item) }
                return .native(self)
            })
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }
}

extension Interpreter {
    /// `nn.Sequential`, `nn.ModuleList`, `nn.ModuleDict`, `nn.ParameterList`, `nn.ParameterDict`.
    func moduleContainerMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        members["Sequential"] = .builtin(Builtin("Sequential") { _, arguments in
            // One mapping argument names the children, as an OrderedDict does.
            if arguments.positional.count == 1, case let .dict(dict) = arguments.positional[0] {
                return .native(try SequentialModule(children: try dict.entries.map { key, module in
                    guard case let .string(name) = key else { throw PythonError.typeError("module name should be a string. Got \(torchTypeName(key))") }
                    return (name, module)
                }))
            }
            return .native(try SequentialModule(children: arguments.positional.enumerated().map { (String($0.offset), $0.element) }))
        })
        members["ModuleList"] = .builtin(Builtin("ModuleList") { interpreter, arguments in
            let modules = try arguments.bind("ModuleList", ["modules"]).optional("modules")
            return .native(try ModuleListModule(modules: try modules.map { try interpreter.iterate($0) } ?? []))
        })
        members["ModuleDict"] = .builtin(Builtin("ModuleDict") { interpreter, arguments in
            .native(try ModuleDictModule(interpreter, modules: try arguments.bind("ModuleDict", ["modules"]).optional("modules")))
        })
        members["ParameterDict"] = .builtin(Builtin("ParameterDict") { interpreter, arguments in
            .native(try ParameterDictModule(interpreter, parameters: try arguments.bind("ParameterDict", ["parameters"]).optional("parameters")))
        })
        members["ParameterList"] = .builtin(Builtin("ParameterList") { interpreter, arguments in
            let values = try arguments.bind("ParameterList", ["values"]).optional("values")
            return .native(try ParameterListModule(interpreter, values: try values.map { try interpreter.iterate($0) } ?? []))
        })
        return members
    }
}
