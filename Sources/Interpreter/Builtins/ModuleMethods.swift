import Autograd
import TensorEngine

/// The methods `nn.Module` gives every module, native layer or user subclass alike.
extension Interpreter {
    func moduleMethod(_ module: Value, _ registry: ModuleRegistry, _ name: String) throws -> Value? {
        let owner = moduleClassName(module)
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(name, owner: owner, body)) }
        if let body = moduleRegistrationMethod(module, registry, name) ?? moduleTreeMethod(module, name)
            ?? moduleModeMethod(module, registry, name) ?? moduleStateMethod(module, registry, name) {
            return method(body)
        }
        return nil
    }

    /// `register_buffer`, `register_parameter`, `add_module`, forward hooks.
    private func moduleRegistrationMethod(_ module: Value, _ registry: ModuleRegistry, _ name: String) -> Builtin.Body? {
        switch name {
        case "register_buffer":
            return { interpreter, arguments in
                let bound = try arguments.bind(name, ["name", "tensor", "persistent"])
                let key = try interpreter.checkedMemberName(module, registry, try bound.value("name"), kind: "buffer",
                                                            registered: registry.buffers.contains)
                let value = try bound.value("tensor")
                guard value.isNone || { if case .tensor = value { true } else { false } }() else {
                    throw PythonError.typeError("cannot assign '\(torchTypeName(value))' object to buffer '\(key)' (torch Tensor or None required)")
                }
                if case let .tensor(tensor) = value { registry.buffers.set(key, tensor) } else { registry.buffers.set(key, nil) }
                if try bound.bool("persistent", default: true) {
                    registry.nonPersistentBuffers.remove(key)
                } else {
                    registry.nonPersistentBuffers.insert(key)
                }
                return .none
            }
        case "register_parameter":
            return { interpreter, arguments in
                let bound = try arguments.bind(name, ["name", "param"])
                let key = try interpreter.checkedMemberName(module, registry, try bound.value("name"), kind: "parameter",
                                                            registered: registry.parameters.contains)
                switch try bound.value("param") {
                case .none: registry.parameters.set(key, nil)
                case let .tensor(tensor) where tensor.isParameter: registry.parameters.set(key, tensor)
                case let other:
                    throw PythonError.typeError("cannot assign '\(torchTypeName(other))' object to parameter '\(key)' (torch.nn.Parameter or None required)")
                }
                return .none
            }
        case "add_module", "register_module":
            return { interpreter, arguments in
                let bound = try arguments.bind(name, ["name", "module"])
                let child = try bound.value("module")
                guard child.isNone || moduleRegistry(of: child) != nil else {
                    throw PythonError.typeError("\(torchTypeName(child)) is not a Module subclass")
                }
                let key = try interpreter.checkedMemberName(module, registry, try bound.value("name"), kind: "module",
                                                            registered: registry.children.contains)
                registry.children.set(key, child.isNone ? nil : child)
                return .none
            }
        case "register_forward_hook", "register_forward_pre_hook", "register_full_backward_hook", "register_full_backward_pre_hook":
            return { _, arguments in
                let bound = try arguments.bind(name, ["hook", "*", "prepend", "with_kwargs", "always_call"])
                let prepend = try bound.bool("prepend", default: false)
                let handle = RemovableHandle(registry: registry)
                let entry = (id: handle.id, hook: try bound.value("hook"))
                func add(_ hooks: inout [(id: Int, hook: Value)]) { if prepend { hooks.insert(entry, at: 0) } else { hooks.append(entry) } }
                switch name {
                case "register_forward_hook": add(&registry.forwardHooks)
                case "register_forward_pre_hook": add(&registry.forwardPreHooks)
                case "register_full_backward_hook": add(&registry.backwardHooks)
                default: add(&registry.backwardPreHooks)
                }
                return .native(handle)
            }
        default: return nil
        }
    }

    /// PyTorch's checks on a name given to `register_buffer`, `register_parameter` and `add_module`.
    private func checkedMemberName(_ module: Value, _ registry: ModuleRegistry, _ name: Value, kind: String,
                                   registered: (String) -> Bool) throws -> String {
        guard case let .string(key) = name else {
            throw PythonError.typeError("\(kind) name should be a string. Got \(torchTypeName(name))")
        }
        if key.contains(".") {
            let message = kind == "module" ? "module name can't contain \".\", got: \(key)" : "\(kind) name can't contain \".\""
            throw PythonError("KeyError", pythonStringRepr(message))
        }
        if key.isEmpty { throw PythonError("KeyError", pythonStringRepr("\(kind) name can't be empty string \"\"")) }
        if !registered(key), (try? attribute(of: module, key)) != nil {
            throw PythonError("KeyError", pythonStringRepr("attribute '\(key)' already exists"))
        }
        return key
    }

    /// `children`, `modules`, `parameters`, `buffers` and their `named_` forms, `apply`.
    private func moduleTreeMethod(_ module: Value, _ name: String) -> Builtin.Body? {
        func generator(_ items: [Value]) -> Value { .native(IteratorObject(kind: "generator", items: items)) }
        func pairs(_ items: [(String, Tensor)]) -> Value { generator(items.map { .tuple([.string($0.0), .tensor($0.1)]) }) }
        switch name {
        case "children": return { _, _ in generator(namedChildren(module).map(\.module)) }
        case "named_children": return { _, _ in generator(namedChildren(module).map { .tuple([.string($0.name), $0.module]) }) }
        case "modules": return { _, _ in generator(namedModules(module).map(\.module)) }
        case "named_modules":
            return { _, arguments in
                let bound = try arguments.bind(name, ["memo", "prefix", "remove_duplicate"])
                let found = namedModules(module, prefix: try bound.string("prefix", default: ""),
                                         removeDuplicate: try bound.bool("remove_duplicate", default: true))
                return generator(found.map { .tuple([.string($0.name), $0.module]) })
            }
        case "parameters", "buffers":
            return { _, arguments in
                let recurse = try arguments.bind(name, ["recurse"]).bool("recurse", default: true)
                let kind: ModuleMemberKind = name == "parameters" ? .parameters : .buffers
                return generator(namedModuleMembers(module, kind, recurse: recurse).map { .tensor($0.tensor) })
            }
        case "named_parameters", "named_buffers":
            return { _, arguments in
                let bound = try arguments.bind(name, ["prefix", "recurse", "remove_duplicate"])
                let kind: ModuleMemberKind = name == "named_parameters" ? .parameters : .buffers
                return pairs(namedModuleMembers(module, kind, prefix: try bound.string("prefix", default: ""),
                                                recurse: try bound.bool("recurse", default: true),
                                                removeDuplicate: try bound.bool("remove_duplicate", default: true)).map { ($0.name, $0.tensor) })
            }
        case "apply":
            return { interpreter, arguments in
                let function = try arguments.bind(name, ["fn"]).value("fn")
                for (_, child) in namedChildren(module) {
                    _ = try interpreter.descendingModuleTree {
                        try interpreter.call(try interpreter.attribute(of: child, "apply"), CallArguments([function]))
                    }
                }
                _ = try interpreter.call(function, CallArguments([module]))
                return module
            }
        case "get_submodule":
            return { interpreter, arguments in
                let target = try arguments.bind(name, ["target"]).string("target", default: "")
                return try interpreter.submodule(module, path: target)
            }
        default: return nil
        }
    }

    /// `get_submodule("a.b")`, with PyTorch's error for a missing step.
    private func submodule(_ root: Value, path: String) throws -> Value {
        var current = root
        for item in path.split(separator: ".").map(String.init) where !path.isEmpty {
            guard let child = moduleRegistry(of: current)?.children.item(item) ?? nil else {
                throw PythonError.attributeError("\(moduleClassName(current)) has no attribute `\(item)`")
            }
            current = child
        }
        return current
    }
}
