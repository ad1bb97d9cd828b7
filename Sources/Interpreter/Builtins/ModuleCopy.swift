import Autograd
import TensorEngine

/// `copy.deepcopy(model)`, reached through `model.__deepcopy__(memo)` as Python's `copy`
/// module calls it: every module, parameter and buffer of the tree copied once (tied
/// weights and shared modules stay shared within the copy). A hook that is a bound method
/// (`layer.register_forward_hook(self._hook)`) is bound to its receiver's copy, as Python
/// deep-copies a bound method; other hooks are kept by reference.
extension Interpreter {
    func deepCopyModule(_ module: Value, memo: inout [ObjectIdentifier: Value]) throws -> Value {
        if let identity = moduleIdentity(module), let done = memo[identity] { return done }
        switch module {
        case let .native(native as NNModule):
            guard let copy = try native.makeCopy(self) else {
                throw PythonError.typeError("cannot deepcopy a \(native.name) module yet")
            }
            memo[ObjectIdentifier(native)] = .native(copy)
            try copyRegistry(native.registry, into: copy.registry, memo: &memo)
            return .native(copy)
        case let .instance(instance):
            let copy = Instance(classObject: instance.classObject)
            memo[ObjectIdentifier(instance)] = .instance(copy)
            for key in instance.attributeOrder {
                if let value = instance.attributes[key] { copy.set(key, try deepCopyValue(value, memo: &memo)) }
            }
            if let native = instance.nativeModule {
                guard case let .native(nativeCopy as NNModule) = try deepCopyModule(.native(native), memo: &memo) else { return module }
                copy.nativeModule = nativeCopy
                copy.moduleRegistry = nativeCopy.registry
            } else if let registry = instance.moduleRegistry {
                copy.moduleRegistry = ModuleRegistry()
                try copyRegistry(registry, into: copy.moduleRegistry!, memo: &memo)
            }
            return .instance(copy)
        default:
            return module
        }
    }

    private func copyRegistry(_ source: ModuleRegistry, into target: ModuleRegistry, memo: inout [ObjectIdentifier: Value]) throws {
        target.training = source.training
        target.parameters.removeAll()
        for (name, tensor) in source.parameters.entries { target.parameters.set(name, try tensor.map { try deepCopyTensor($0, memo: &memo) }) }
        target.buffers.removeAll()
        for (name, tensor) in source.buffers.entries { target.buffers.set(name, try tensor.map { try deepCopyTensor($0, memo: &memo) }) }
        target.nonPersistentBuffers = source.nonPersistentBuffers
        target.children.removeAll()
        for (name, child) in source.children.entries { target.children.set(name, try child.map { try deepCopyModule($0, memo: &memo) }) }
        for (name, value) in source.plainAttributes { target.plainAttributes[name] = try deepCopyValue(value, memo: &memo) }
        target.forwardPreHooks = try source.forwardPreHooks.map { ($0.id, try deepCopyHook($0.hook, memo: &memo)) }
        target.forwardHooks = try source.forwardHooks.map { ($0.id, try deepCopyHook($0.hook, memo: &memo)) }
        target.backwardHooks = try source.backwardHooks.map { ($0.id, try deepCopyHook($0.hook, memo: &memo)) }
        target.backwardPreHooks = try source.backwardPreHooks.map { ($0.id, try deepCopyHook($0.hook, memo: &memo)) }
        target.lastHookID = source.lastHookID
    }

    private func deepCopyHook(_ hook: Value, memo: inout [ObjectIdentifier: Value]) throws -> Value {
        guard case let .builtin(method) = hook, let (function, receiver) = method.boundMethod else { return hook }
        return bindMethod(function, to: try deepCopyValue(receiver, memo: &memo))
    }

    /// `Tensor.__deepcopy__`: a leaf's values cloned; a Parameter stays a Parameter
    /// (without its grad, as `Parameter.__deepcopy__` does), a plain tensor keeps a copy of its grad.
    func deepCopyTensor(_ tensor: Tensor, memo: inout [ObjectIdentifier: Value]) throws -> Tensor {
        if case let .tensor(done)? = memo[ObjectIdentifier(tensor)] { return done }
        guard tensor.isLeaf else {
            throw PythonError.runtimeError("Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001")
        }
        let copy = try tensor.clone()
        memo[ObjectIdentifier(tensor)] = .tensor(copy)
        if tensor.isParameter { copy.isParameter = true }
        if tensor.requiresGrad { try copy.setRequiresGrad(true) }
        if !tensor.isParameter, let grad = tensor.grad { copy.grad = try deepCopyTensor(grad, memo: &memo) }
        return copy
    }

    /// The values module attributes hold: containers are copied item by item, other
    /// instances attribute by attribute; numbers, strings, functions and classes are shared.
    func deepCopyValue(_ value: Value, memo: inout [ObjectIdentifier: Value]) throws -> Value {
        switch value {
        case let .tensor(tensor): return .tensor(try deepCopyTensor(tensor, memo: &memo))
        case let .tuple(items): return .tuple(try items.map { try deepCopyValue($0, memo: &memo) })
        case let .list(list):
            if let done = memo[ObjectIdentifier(list)] { return done }
            let copy = ListStorage([])
            copy.isSet = list.isSet
            copy.isFrozen = list.isFrozen
            memo[ObjectIdentifier(list)] = .list(copy)
            copy.items = try list.items.map { try deepCopyValue($0, memo: &memo) }
            return .list(copy)
        case let .dict(dict):
            if let done = memo[ObjectIdentifier(dict)] { return done }
            let copy = DictStorage()
            memo[ObjectIdentifier(dict)] = .dict(copy)
            copy.entries = try dict.entries.map { ($0.key, try deepCopyValue($0.value, memo: &memo)) }
            return .dict(copy)
        case .native(is NNModule), .instance:
            return try deepCopyModule(value, memo: &memo)
        default:
            return value
        }
    }
}
