import TensorEngine

/// Named entries kept in insertion order, as the `OrderedDict`s inside `nn.Module`.
/// Re-assigning a name keeps its place; removing it and adding it again moves it last.
struct OrderedEntries<Item> {
    private(set) var entries: [(name: String, item: Item)] = []

    var names: [String] { entries.map(\.name) }

    func contains(_ name: String) -> Bool { entries.contains { $0.name == name } }

    func item(_ name: String) -> Item? { entries.first { $0.name == name }?.item }

    mutating func set(_ name: String, _ item: Item) {
        if let index = entries.firstIndex(where: { $0.name == name }) {
            entries[index].item = item
        } else {
            entries.append((name, item))
        }
    }

    @discardableResult
    mutating func remove(_ name: String) -> Bool {
        guard let index = entries.firstIndex(where: { $0.name == name }) else { return false }
        entries.remove(at: index)
        return true
    }

    mutating func removeAll() { entries.removeAll() }
}

/// What `nn.Module.__init__` sets up on every module: `_parameters`, `_buffers` and
/// `_modules` (a registered name may hold None), the `training` flag and the forward
/// hooks. Native layers and instances of user subclasses both own one, so a single
/// tree walk serves every module.
final class ModuleRegistry {
    var training = true
    var parameters = OrderedEntries<Tensor?>()
    var buffers = OrderedEntries<Tensor?>()
    /// `register_buffer(..., persistent=False)`: left out of `state_dict()`.
    var nonPersistentBuffers: Set<String> = []
    var children = OrderedEntries<Value?>()
    /// Attributes of a native layer that are no parameter, buffer or child (`layer.flag = 1`);
    /// user modules keep theirs on the instance.
    var plainAttributes: [String: Value] = [:]
    var forwardPreHooks: [(id: Int, hook: Value)] = []
    var forwardHooks: [(id: Int, hook: Value)] = []
    /// `register_full_backward_hook` and `register_full_backward_pre_hook`.
    var backwardHooks: [(id: Int, hook: Value)] = []
    var backwardPreHooks: [(id: Int, hook: Value)] = []
    /// Each hook gets its own id, so that its handle removes only it.
    var lastHookID = 0

    /// The child modules that are not None, in registration order.
    var presentChildren: [(name: String, module: Value)] {
        children.entries.compactMap { entry in entry.item.map { (entry.name, $0) } }
    }

    /// The registry entry for `name`, as `nn.Module.__getattr__` finds it.
    func lookup(_ name: String) -> Value? {
        if let parameter = parameters.item(name) { return parameter.map { .tensor($0) } ?? Value.none }
        if let buffer = buffers.item(name) { return buffer.map { .tensor($0) } ?? Value.none }
        if let child = children.item(name) { return child ?? Value.none }
        if name == "training" { return .bool(training) }
        // Snapshots of the registries, for code that reads `self._modules.values()`.
        func snapshot(_ entries: [(name: String, item: Value)]) -> Value {
            .dict(DictStorage(entries.map { (Value.string($0.name), $0.item) }))
        }
        switch name {
        case "_modules": return snapshot(children.entries.map { ($0.name, $0.item ?? .none) })
        case "_parameters": return snapshot(parameters.entries.map { ($0.name, $0.item.map { .tensor($0) } ?? .none) })
        case "_buffers": return snapshot(buffers.entries.map { ($0.name, $0.item.map { .tensor($0) } ?? .none) })
        default: return nil
        }
    }

    /// Drops `name` from every registry, as `__delattr__` does. Returns whether it was there.
    func remove(_ name: String) -> Bool {
        let removed = [parameters.remove(name), buffers.contains(name), children.remove(name)]
        removeBuffer(name)
        return removed.contains(true)
    }
}

/// `module.register_forward_hook(...)` returns this; `remove()` unregisters the hook.
final class RemovableHandle: NativeObject {
    let id: Int
    private let removeAction: () -> Void

    /// A handle for a module's forward hook, which the registry keeps under `id`.
    init(registry: ModuleRegistry) {
        registry.lastHookID += 1
        let id = registry.lastHookID
        self.id = id
        removeAction = { [weak registry] in
            registry?.forwardHooks.removeAll { $0.id == id }
            registry?.forwardPreHooks.removeAll { $0.id == id }
            registry?.backwardHooks.removeAll { $0.id == id }
            registry?.backwardPreHooks.removeAll { $0.id == id }
        }
    }

    /// A handle for a tensor's gradient hook.
    init(removing removeAction: @escaping () -> Void) {
        id = 0
        self.removeAction = removeAction
    }

    var typeName: String { "RemovableHandle" }
    func repr() -> String { "<torch.utils.hooks.RemovableHandle object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self)), radix: 16))>" }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        guard name == "remove" else { return nil }
        return .builtin(Builtin("remove", owner: typeName) { [self] _, _ in
            self.removeAction()
            return .none
        })
    }
}

/// The value `load_state_dict` returns: PyTorch's `_IncompatibleKeys` namedtuple of the two
/// key lists (so it unpacks, indexes and compares as a tuple), printed as
/// `<All keys matched successfully>` when both are empty.
func incompatibleKeys(missing: [String], unexpected: [String]) -> Value {
    .namedTuple(NamedTuple(typeName: incompatibleKeysTypeName, fields: ["missing_keys", "unexpected_keys"],
                           values: [.list(ListStorage(missing.map { .string($0) })), .list(ListStorage(unexpected.map { .string($0) }))]))
}

let incompatibleKeysTypeName = "_IncompatibleKeys"

/// The registry of a module value: a native layer's, or a user module instance's.
func moduleRegistry(of value: Value) -> ModuleRegistry? {
    switch value {
    case let .native(module as NNModule): return module.registry
    case let .instance(instance): return instance.moduleRegistry
    default: return nil
    }
}

/// The object identity of a module value, for the dedup `named_modules` does.
func moduleIdentity(_ value: Value) -> ObjectIdentifier? {
    switch value {
    case let .native(object): return ObjectIdentifier(object)
    case let .instance(instance): return ObjectIdentifier(instance)
    default: return nil
    }
}

extension ModuleRegistry {
    /// `nn.Module.__setattr__`: a Parameter registers as a parameter, a module as a child,
    /// and a tensor (or None) replaces a registered buffer. Returns false for a plain
    /// attribute, which the caller stores itself.
    func assign(_ name: String, _ value: Value) throws -> Bool {
        if case let .tensor(tensor) = value, tensor.isParameter {
            removeBuffer(name)
            children.remove(name)
            parameters.set(name, tensor)
        } else if parameters.contains(name) {
            guard value.isNone else {
                throw PythonError.typeError("cannot assign '\(torchTypeName(value))' as parameter '\(name)' (torch.nn.Parameter or None expected)")
            }
            parameters.set(name, nil)
        } else if moduleRegistry(of: value) != nil {
            removeBuffer(name)
            parameters.remove(name)
            children.set(name, value)
        } else if children.contains(name) {
            guard value.isNone else {
                throw PythonError.typeError("cannot assign '\(torchTypeName(value))' as child module '\(name)' (torch.nn.Module or None expected)")
            }
            children.set(name, nil)
        } else if buffers.contains(name) {
            switch value {
            case let .tensor(tensor): buffers.set(name, tensor)
            case .none: buffers.set(name, nil)
            default:
                throw PythonError.typeError("cannot assign '\(torchTypeName(value))' as buffer '\(name)' (torch.nn.Buffer, torch.Tensor or None expected)")
            }
        } else if name == "training", case let .bool(flag) = value {
            training = flag
        } else {
            return false
        }
        plainAttributes[name] = nil
        return true
    }

    private func removeBuffer(_ name: String) {
        buffers.remove(name)
        nonPersistentBuffers.remove(name)
    }
}

/// `torch.typename(value)`, as PyTorch's error messages name a value's type.
func torchTypeName(_ value: Value) -> String {
    switch value {
    case let .tensor(tensor): return tensor.legacyTypeName
    case let .instance(instance): return "__main__.\(instance.classObject.name)"
    default: return value.typeName
    }
}
