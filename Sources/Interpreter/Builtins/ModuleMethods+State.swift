import Autograd
import TensorEngine

/// `nn.Module` methods that change a whole tree: modes, gradients and saved state.
extension Interpreter {
    /// `train`, `eval`, `zero_grad`, `requires_grad_`, and the device and dtype moves,
    /// which leave a CPU float32 module as it is.
    func moduleModeMethod(_ module: Value, _ registry: ModuleRegistry, _ name: String) -> Builtin.Body? {
        switch name {
        case "train":
            return { interpreter, arguments in
                let mode = try arguments.bind(name, ["mode"]).optional("mode") ?? .bool(true)
                guard case let .bool(flag) = mode else { throw PythonError.valueError("training mode is expected to be boolean") }
                registry.training = flag
                for (_, child) in namedChildren(module) {
                    _ = try interpreter.descendingModuleTree {
                        try interpreter.call(try interpreter.attribute(of: child, "train"), CallArguments([mode]))
                    }
                }
                return module
            }
        case "eval":
            return { interpreter, arguments in
                _ = try arguments.bind(name, [])
                return try interpreter.call(try interpreter.attribute(of: module, "train"), CallArguments([.bool(false)]))
            }
        case "zero_grad":
            return { _, arguments in
                let setToNone = try arguments.bind(name, ["set_to_none"]).bool("set_to_none", default: true)
                for (_, parameter) in namedModuleMembers(module, .parameters) {
                    if setToNone { parameter.grad = nil } else { parameter.grad?.zeroInPlace() }
                }
                return .none
            }
        case "requires_grad_":
            return { _, arguments in
                let flag = try arguments.bind(name, ["requires_grad"]).bool("requires_grad", default: true)
                for (_, parameter) in namedModuleMembers(module, .parameters) { try parameter.setRequiresGrad(flag) }
                return module
            }
        case "cpu", "share_memory":
            return { _, _ in module }
        case "float", "double", "half", "bfloat16":
            let dtype: DType = ["float": .float32, "double": .float64, "half": .float16][name] ?? .bfloat16
            return { _, arguments in
                _ = try arguments.bind(name, [])
                try castModule(module, to: dtype)
                return module
            }
        case "to":
            return { _, arguments in
                let requested = (arguments.positional + arguments.keywords.filter { $0.name == "dtype" }.map(\.value)).compactMap { value -> DType? in
                    if case let .dtype(dtype) = value { return dtype }
                    if case let .tensor(tensor) = value { return tensor.dtype }
                    return nil
                }
                if let dtype = requested.first {
                    guard dtype.isFloatingPoint else {
                        throw PythonError.typeError("nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=\(dtype.torchName)")
                    }
                    try castModule(module, to: dtype)
                }
                return module
            }
        default: return nil
        }
    }

    /// `state_dict`, `load_state_dict`, `extra_repr`, `__deepcopy__`, `_get_name`.
    func moduleStateMethod(_ module: Value, _ registry: ModuleRegistry, _ name: String) -> Builtin.Body? {
        switch name {
        case "state_dict":
            return { interpreter, arguments in
                let bound = try arguments.bind(name, ["destination", "prefix", "keep_vars"], variadic: true)
                let entries = try interpreter.moduleStateDict(module, prefix: try bound.string("prefix", default: ""),
                                              keepVars: try bound.bool("keep_vars", default: false))
                let destination: DictStorage
                if case let .dict(given)? = bound.optional("destination") {
                    destination = given
                } else {
                    // PyTorch returns an OrderedDict (`odict_keys([...])` when its keys print).
                    destination = DictStorage()
                    destination.flavor = .ordered
                    destination.carriesModuleVersions = true
                }
                for (key, tensor) in entries { destination[.string(key)] = .tensor(tensor) }
                return .dict(destination)
            }
        case "load_state_dict":
            return { interpreter, arguments in
                let bound = try arguments.bind(name, ["state_dict", "strict", "assign"])
                let given = try bound.value("state_dict")
                guard case let .dict(stateDict) = given else {
                    throw PythonError.typeError("Expected state_dict to be dict-like, got <class '\(given.typeName)'>.")
                }
                let strict = try bound.bool("strict", default: true)
                return try interpreter.loadStateDict(module, stateDict, strict: strict, className: interpreter.moduleClassName(module))
            }
        case "extra_repr":
            return { _, _ in
                if case let .native(native as NNModule) = module { return .string(native.extraRepr()) }
                if case let .instance(instance) = module, let native = instance.nativeModule { return .string(native.extraRepr()) }
                return .string("")
            }
        case "__deepcopy__":
            return { interpreter, _ in
                var memo: [ObjectIdentifier: Value] = [:]
                return try interpreter.deepCopyModule(module, memo: &memo)
            }
        case "_get_name":
            return { interpreter, _ in .string(interpreter.moduleClassName(module)) }
        default: return nil
        }
    }
}

/// `module.double()` and friends: every floating-point parameter and buffer in the tree
/// converted. PyTorch swaps the data inside each Parameter object; here each converted
/// Parameter is a new tensor (a tensor shared by two modules stays shared).
func castModule(_ root: Value, to dtype: DType) throws {
    var converted: [ObjectIdentifier: Tensor] = [:]
    func cast(_ tensor: Tensor) throws -> Tensor {
        guard tensor.dtype.isFloatingPoint, tensor.dtype != dtype else { return tensor }
        if let done = converted[ObjectIdentifier(tensor)] { return done }
        let result = try tensor.to(dtype)
        if tensor.isParameter {
            result.isParameter = true
            try result.setRequiresGrad(tensor.requiresGrad)
        }
        converted[ObjectIdentifier(tensor)] = result
        return result
    }
    for (_, module) in namedModules(root) {
        guard let registry = moduleRegistry(of: module) else { continue }
        for case let (name, tensor?) in registry.parameters.entries { registry.parameters.set(name, try cast(tensor)) }
        for case let (name, tensor?) in registry.buffers.entries { registry.buffers.set(name, try cast(tensor)) }
    }
}

extension Tensor {
    /// `grad.zero_()`, as `zero_grad(set_to_none=False)` clears a gradient: one in-place op.
    func zeroInPlace() {
        fill(.int(0))
        markWrittenInPlace()
    }
}
