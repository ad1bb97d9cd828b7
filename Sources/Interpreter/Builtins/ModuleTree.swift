import Autograd
import TensorEngine

/// The walks over a module tree that `nn.Module` methods share, in PyTorch's orders.

/// `named_modules()`: the module, then each child's subtree (pre-order), named by dotted
/// path; a module reached twice is listed once when `removeDuplicate`.
func namedModules(_ root: Value, prefix: String = "", removeDuplicate: Bool = true) -> [(name: String, module: Value)] {
    var seen = Set<ObjectIdentifier>()
    // Without dedup, a module that contains itself is not entered again below itself
    // (PyTorch would recurse until RecursionError).
    var ancestors = Set<ObjectIdentifier>()
    var result: [(name: String, module: Value)] = []
    func visit(_ module: Value, _ path: String) {
        guard let identity = moduleIdentity(module) else { return }
        if removeDuplicate ? !seen.insert(identity).inserted : ancestors.contains(identity) { return }
        result.append((path, module))
        ancestors.insert(identity)
        defer { ancestors.remove(identity) }
        for (name, child) in moduleRegistry(of: module)?.presentChildren ?? [] {
            visit(child, path.isEmpty ? name : path + "." + name)
        }
    }
    visit(root, prefix)
    return result
}

/// `named_children()`: the direct children that are not None, each listed once.
func namedChildren(_ module: Value) -> [(name: String, module: Value)] {
    var seen = Set<ObjectIdentifier>()
    return (moduleRegistry(of: module)?.presentChildren ?? []).filter { child in
        moduleIdentity(child.module).map { seen.insert($0).inserted } ?? true
    }
}

enum ModuleMemberKind {
    case parameters, buffers

    func entries(_ registry: ModuleRegistry) -> [(name: String, item: Tensor?)] {
        self == .parameters ? registry.parameters.entries : registry.buffers.entries
    }
}

/// `named_parameters()` / `named_buffers()`: each module's own entries, module by module
/// in `named_modules()` order; a tensor shared by two modules is listed once.
func namedModuleMembers(_ root: Value, _ kind: ModuleMemberKind, prefix: String = "", recurse: Bool = true,
                        removeDuplicate: Bool = true) -> [(name: String, tensor: Tensor)] {
    let modules = recurse ? namedModules(root, prefix: prefix, removeDuplicate: removeDuplicate) : [(prefix, root)]
    var seen = Set<ObjectIdentifier>()
    var result: [(name: String, tensor: Tensor)] = []
    for (modulePrefix, module) in modules {
        guard let registry = moduleRegistry(of: module) else { continue }
        for (name, item) in kind.entries(registry) {
            guard let tensor = item else { continue }
            if removeDuplicate, !seen.insert(ObjectIdentifier(tensor)).inserted { continue }
            result.append((modulePrefix.isEmpty ? name : modulePrefix + "." + name, tensor))
        }
    }
    return result
}

extension Interpreter {
    /// `state_dict()`: own parameters, then own persistent buffers, then each child's, under
    /// dotted keys. Shared modules appear under every name; values are detached.
    func moduleStateDict(_ module: Value, prefix: String = "", keepVars: Bool = false) throws -> [(key: String, tensor: Tensor)] {
        guard let registry = moduleRegistry(of: module) else { return [] }
        var result: [(key: String, tensor: Tensor)] = []
        for case let (name, tensor?) in registry.parameters.entries {
            result.append((prefix + name, keepVars ? tensor : tensor.detach()))
        }
        for case let (name, tensor?) in registry.buffers.entries where !registry.nonPersistentBuffers.contains(name) {
            result.append((prefix + name, keepVars ? tensor : tensor.detach()))
        }
        for (name, child) in registry.presentChildren {
            result += try descendingModuleTree { try moduleStateDict(child, prefix: prefix + name + ".", keepVars: keepVars) }
        }
        return result
    }

    /// `load_state_dict(state_dict, strict=True)`: copies each matching entry into the
    /// module's tensor in place, and reports keys as PyTorch does.
    func loadStateDict(_ root: Value, _ stateDict: DictStorage, strict: Bool, className: String) throws -> Value {
        var missing: [String] = []
        var unexpected: [String] = []
        var errors: [String] = []
        let keys = stateDict.entries.compactMap { entry -> String? in
            if case let .string(key) = entry.key { return key } else { return nil }
        }
        func load(_ module: Value, prefix: String) throws {
            guard let registry = moduleRegistry(of: module) else { return }
            let persistentBuffers = registry.buffers.entries.filter { !registry.nonPersistentBuffers.contains($0.name) }
            let localState = (registry.parameters.entries + persistentBuffers).compactMap { entry in entry.item.map { (entry.name, $0) } }
            for (name, tensor) in localState {
                let key = prefix + name
                guard let value = stateDict[.string(key)] else {
                    // A norm layer loading a dict without module versions (not straight from
                    // `state_dict()`) keeps its own count, as `_NormBase._load_from_state_dict` does.
                    if name != "num_batches_tracked" || stateDict.carriesModuleVersions { missing.append(key) }
                    continue
                }
                guard case let .tensor(source) = value else {
                    errors.append("While copying the parameter named \"\(key)\", expected torch.Tensor or Tensor-like object from checkpoint but received \(value.typeName)")
                    continue
                }
                guard source.shape == tensor.shape else {
                    errors.append("size mismatch for \(key): copying a param with shape \(try repr(.size(source.shape))) from checkpoint, the shape in current model is \(try repr(.size(tensor.shape))).")
                    continue
                }
                try tensor.copy(from: source)
                tensor.markWrittenInPlace()  // `param.copy_(input_param)`
            }
            // Missing and unexpected keys are collected even when not strict, for the returned value.
            let localNames = Set(localState.map(\.0))
            let childNames = Set(registry.children.names)
            for key in keys where key.hasPrefix(prefix) {
                let head = String(key.dropFirst(prefix.count).split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                if !childNames.contains(head) && !localNames.contains(head) { unexpected.append(key) }
            }
            for (name, child) in registry.presentChildren {
                try descendingModuleTree { try load(child, prefix: prefix + name + ".") }
            }
        }
        try load(root, prefix: "")
        if strict {
            func quoted(_ keys: [String]) -> String { keys.map { "\"\($0)\"" }.joined(separator: ", ") }
            if !unexpected.isEmpty { errors.insert("Unexpected key(s) in state_dict: \(quoted(unexpected)). ", at: 0) }
            if !missing.isEmpty { errors.insert("Missing key(s) in state_dict: \(quoted(missing)). ", at: 0) }
        }
        guard errors.isEmpty else {
            throw PythonError.runtimeError("Error(s) in loading state_dict for \(className):\n\t" + errors.joined(separator: "\n\t"))
        }
        return incompatibleKeys(missing: missing, unexpected: unexpected)
    }

    /// `module(*args)`: forward pre-hooks, `forward`, then forward hooks, as `_call_impl` runs them.
    func callModule(_ module: Value, _ registry: ModuleRegistry, _ arguments: CallArguments,
                    forward: (CallArguments) throws -> Value) throws -> Value {
        let hasBackwardHooks = !registry.backwardHooks.isEmpty || !registry.backwardPreHooks.isEmpty
        guard !registry.forwardPreHooks.isEmpty || !registry.forwardHooks.isEmpty || hasBackwardHooks else { return try forward(arguments) }
        var arguments = arguments
        for (_, hook) in registry.forwardPreHooks {
            let result = try call(hook, CallArguments([module, .tuple(arguments.positional)]))
            if case let .tuple(items) = result {
                arguments.positional = items
            } else if !result.isNone {
                arguments.positional = [result]
            }
        }
        let backwardHook = hasBackwardHooks ? try makeBackwardHook(module, registry) : nil
        if let backwardHook, case let .tuple(wrapped) = try callMethod(backwardHook, "setup_input_hook", [.tuple(arguments.positional)]) {
            arguments.positional = wrapped
        }
        var output = try forward(arguments)
        for (_, hook) in registry.forwardHooks {
            let result = try call(hook, CallArguments([module, .tuple(arguments.positional), output]))
            if !result.isNone { output = result }
        }
        if let backwardHook { output = try callMethod(backwardHook, "setup_output_hook", [output]) }
        return output
    }

    /// `nn.Module.__repr__`: the name, the `extra_repr()` lines, then one indented
    /// `(name): repr` line per child.
    func genericModuleRepr(_ module: Value) throws -> String {
        guard let registry = moduleRegistry(of: module) else { return try repr(module) }
        let extra = try moduleExtraRepr(module)
        let extraLines = extra.isEmpty ? [] : extra.components(separatedBy: "\n")
        let childLines = try registry.children.entries.map { name, child in
            "(\(name)): " + (try descendingModuleTree { try repr(child ?? .none) }).replacingOccurrences(of: "\n", with: "\n  ")
        }
        let lines = extraLines + childLines
        var text = moduleClassName(module) + "("
        if extraLines.count == 1 && childLines.isEmpty {
            text += extraLines[0]
        } else if !lines.isEmpty {
            text += "\n  " + lines.joined(separator: "\n  ") + "\n"
        }
        return text + ")"
    }

    /// `type(module).__name__`.
    func moduleClassName(_ module: Value) -> String {
        if case let .native(native as NNModule) = module { return native.name }
        return module.typeName
    }

    /// A user class's `extra_repr()`, else the native layer's.
    func moduleExtraRepr(_ module: Value) throws -> String {
        switch module {
        case let .native(native as NNModule): return native.extraRepr()
        case let .instance(instance):
            if let method = instance.classObject.lookup("extra_repr") {
                return try str(try call(method, CallArguments([module])))
            }
            return instance.nativeModule?.extraRepr() ?? ""
        default: return ""
        }
    }
}

extension Interpreter {
    /// One level of a walk down the module tree, counted like a Python call: a module
    /// that contains itself recurses until Python's limit and raises RecursionError, as
    /// PyTorch's recursive methods do, instead of exhausting the native stack.
    func descendingModuleTree<Result>(_ body: () throws -> Result) throws -> Result {
        guard callDepth < maxCallDepth else { throw PythonError("RecursionError", "maximum recursion depth exceeded") }
        try NativeStack.check()
        callDepth += 1
        defer { callDepth -= 1 }
        return try body()
    }
}
