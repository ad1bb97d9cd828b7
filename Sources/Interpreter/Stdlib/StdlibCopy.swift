import Autograd
import Glibc
import TensorEngine

/// `copy.copy` and `copy.deepcopy`.
extension Interpreter {
    func makeCopyMembers() -> [String: Value] {
        [
            "copy": stdlibFunction("copy") { interpreter, arguments in
                try interpreter.shallowCopy(try arguments.bind("copy", ["x"]).value("x"))
            },
            "deepcopy": stdlibFunction("deepcopy") { interpreter, arguments in
                var copier = DeepCopier()
                return try copier.copy(try arguments.bind("deepcopy", ["x", "memo"]).value("x"), interpreter)
            },
            "Error": .classObject(ClassObject(name: "Error", attributes: [:], bases: [])),
        ]
    }

    /// A new container holding the same items; immutable values come back as they are.
    func shallowCopy(_ value: Value) throws -> Value {
        switch value {
        case let .list(list) where list.isFrozen: return value
        case let .list(list):
            let copy = ListStorage(list.items)
            copy.isSet = list.isSet
            return .list(copy)
        case let .dict(dict):
            let copy = DictStorage(dict.entries)
            copy.flavor = dict.flavor
            return .dict(copy)
        case let .instance(instance):
            if let method = instance.classObject.lookup("__copy__") { return try call(method, CallArguments([value])) }
            let copy = Instance(classObject: instance.classObject)
            for name in instance.attributeOrder { copy.set(name, instance.attributes[name] ?? .none) }
            try copyBuiltinState(from: instance, to: copy) { try shallowCopy($0) }
            return .instance(copy)
        case let .tensor(tensor):
            // torch rebuilds a shallow copy over the same storage, so writes show through
            // both: a new leaf that requires grad if the original did, without its .grad.
            let copy = tensor.detach()
            copy.isParameter = tensor.isParameter
            if tensor.requiresGrad { try copy.setRequiresGrad(true) }
            return .tensor(copy)
        case let .native(deque as Deque):
            return .native(Deque(deque.items, maxLength: deque.maxLength))
        case let .native(object as NNModule):
            throw PythonError.typeError("cannot copy the built-in module \(object.name) yet: build a new one with the same arguments")
        default:
            return value
        }
    }
}

/// A native object `deepcopy` can copy: first an empty copy, registered in the memo so
/// references back to the object find it, then filled with deep copies of the contents.
/// Native nn modules can adopt it once they can be built without drawing random numbers.
protocol NativeDeepCopyable: NativeObject {
    func emptyCopy() -> NativeObject
    func fill(_ copy: NativeObject, deepCopying: (Value) throws -> Value) throws
}

/// One `deepcopy` call. The memo maps each object already copied to its copy, so
/// shared references stay shared in the result and cycles end; tensors that view one
/// storage are copied onto one new storage, as torch's `Tensor.__deepcopy__` does.
struct DeepCopier {
    private var copies: [ObjectIdentifier: Value] = [:]
    private var storages: [ObjectIdentifier: Storage] = [:]

    mutating func copy(_ value: Value, _ interpreter: Interpreter) throws -> Value {
        try interpreter.checkInterrupt()
        switch value {
        case let .list(list):
            if let done = copies[ObjectIdentifier(list)] { return done }
            let result = ListStorage([])
            result.isSet = list.isSet
            result.isFrozen = list.isFrozen
            copies[ObjectIdentifier(list)] = .list(result)
            for item in list.items { result.items.append(try copy(item, interpreter)) }
            return .list(result)
        case let .dict(dict):
            if let done = copies[ObjectIdentifier(dict)] { return done }
            let result = DictStorage()
            result.flavor = dict.flavor
            result.carriesModuleVersions = dict.carriesModuleVersions
            copies[ObjectIdentifier(dict)] = .dict(result)
            for entry in dict.entries { result.entries.append((try copy(entry.key, interpreter), try copy(entry.value, interpreter))) }
            return .dict(result)
        case let .tuple(items):
            return .tuple(try items.map { try copy($0, interpreter) })
        case let .namedTuple(tuple):
            let values = try tuple.values.map { try copy($0, interpreter) }
            return .namedTuple(tuple.replacingValues(values))
        case let .tensor(tensor):
            return try copyTensor(tensor)
        case let .instance(instance):
            return try copyInstance(instance, interpreter)
        case let .native(object as NativeDeepCopyable):
            if let done = copies[ObjectIdentifier(object)] { return done }
            let result = object.emptyCopy()
            copies[ObjectIdentifier(object)] = .native(result)
            try object.fill(result) { try copy($0, interpreter) }
            return .native(result)
        case .native(is NNModule):
            // Modules copy through their registries, as `Module.__deepcopy__` does.
            return try interpreter.deepCopyModule(value, memo: &copies)
        default:
            // Numbers, strings, functions, classes, dtypes and modules are immutable or shared by design.
            return value
        }
    }

    /// A leaf on new storage with the original's requires_grad and Parameter-ness, and a copy
    /// of its `.grad` (which `nn.Parameter`'s own `__deepcopy__` leaves out).
    private mutating func copyTensor(_ tensor: Tensor) throws -> Value {
        if let done = copies[ObjectIdentifier(tensor)] { return done }
        guard tensor.isLeaf else {
            throw PythonError.runtimeError("Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001")
        }
        let storage: Storage
        if let existing = storages[ObjectIdentifier(tensor.storage)] {
            storage = existing
        } else {
            storage = try Storage(byteCount: tensor.storage.byteCount, zeroed: false)
            memcpy(storage.bytes, tensor.storage.bytes, tensor.storage.byteCount)
            storages[ObjectIdentifier(tensor.storage)] = storage
        }
        let copy = Tensor(storage: storage, dtype: tensor.dtype, view: tensor.view)
        copies[ObjectIdentifier(tensor)] = .tensor(copy)
        copy.isParameter = tensor.isParameter
        if tensor.requiresGrad { try copy.setRequiresGrad(true) }
        if let grad = tensor.grad, !tensor.isParameter, case let .tensor(gradCopy) = try copyTensor(grad) { copy.grad = gradCopy }
        return .tensor(copy)
    }

    private mutating func copyInstance(_ instance: Instance, _ interpreter: Interpreter) throws -> Value {
        if let done = copies[ObjectIdentifier(instance)] { return done }
        if let method = instance.classObject.lookup("__deepcopy__") {
            return try interpreter.call(method, CallArguments([.instance(instance), .dict(DictStorage())]))
        }
        if instance.moduleRegistry != nil { return try interpreter.deepCopyModule(.instance(instance), memo: &copies) }
        let result = Instance(classObject: instance.classObject)
        copies[ObjectIdentifier(instance)] = .instance(result)
        for name in instance.attributeOrder {
            result.set(name, try copy(instance.attributes[name] ?? .none, interpreter))
        }
        try interpreter.copyBuiltinState(from: instance, to: result) { try copy($0, interpreter) }
        return .instance(result)
    }
}
