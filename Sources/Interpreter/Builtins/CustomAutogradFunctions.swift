import Autograd
import TensorEngine

extension Interpreter {
    /// Adds `torch.autograd.Function`, `FunctionCtx` and `once_differentiable` to
    /// `torch.autograd`, and the `torch.autograd.function` namespace that holds them.
    func addCustomFunctionClasses(torch: Value, warnings: Value) {
        guard case let .module(torchNamespace) = torch, case let .module(autograd)? = torchNamespace.members["autograd"] else { return }
        let library = runLibrary(autogradFunctionSource, bindings: [
            "warnings": warnings,
            "_apply_function": .builtin(Builtin("apply") { interpreter, arguments in
                try interpreter.applyCustomFunction(arguments)
            }),
        ])
        var members: [String: Value] = [:]
        for name in ["Function", "FunctionCtx", "once_differentiable"] { members[name] = library[name] }
        autograd.members.merge(members) { first, _ in first }
        autograd.members["function"] = .module(Namespace(name: "torch.autograd.function", members: members))
        addCheckpointModule(torch: torchNamespace, function: library["Function"] ?? .none, warnings: warnings)
        addCompile(torch: torchNamespace, function: library["Function"] ?? .none)
    }

    /// `torch.compile`, whose Python source (`compileLibrarySource`) runs at its first call.
    private func addCompile(torch: Namespace, function: Value) {
        let evalFrame = Namespace(name: "torch._dynamo.eval_frame") { [unowned self, unowned torch] in
            runLibrary(compileLibrarySource, bindings: ["torch": .module(torch), "Function": function])
                .filter { ["compile", "OptimizedModule"].contains($0.key) }
        }
        torch.members["compile"] = .builtin(Builtin("compile", isOp: false) { interpreter, arguments in
            guard let compile = evalFrame.members["compile"] else { throw PythonError.runtimeError("torch.compile is unavailable") }
            return try interpreter.call(compile, arguments)
        })
    }

    /// A `BackwardHook` for one call of a module with full backward hooks (the class is built
    /// from `backwardHookLibrarySource` at the first such call).
    func makeBackwardHook(_ module: Value, _ registry: ModuleRegistry) throws -> Value {
        if backwardHookClass == nil, case let .module(torch)? = loadedModule("torch"), case let .module(autograd)? = torch.members["autograd"] {
            let library = runLibrary(backwardHookLibrarySource, bindings: [
                "torch": .module(torch), "warnings": loadedModule("warnings") ?? .none, "Function": autograd.members["Function"] ?? .none,
            ])
            backwardHookClass = library["BackwardHook"]
        }
        guard let backwardHookClass else { throw PythonError.runtimeError("Error while setting up backward hooks.") }
        return try call(backwardHookClass, CallArguments([
            module, .list(ListStorage(registry.backwardHooks.map(\.hook))), .list(ListStorage(registry.backwardPreHooks.map(\.hook))),
        ]))
    }

    /// `torch.utils.checkpoint`, which PyTorch makes reachable from `torch.utils` without an
    /// import. Its Python source runs when the module is first used.
    private func addCheckpointModule(torch: Namespace, function: Value, warnings: Value) {
        guard case let .module(utils)? = torch.members["utils"] else { return }
        utils.members["checkpoint"] = .module(Namespace(name: "torch.utils.checkpoint") { [unowned self, unowned torch] in
            let library = runLibrary(checkpointLibrarySource, bindings: ["torch": .module(torch), "warnings": warnings, "Function": function])
            return library.filter { ["checkpoint", "checkpoint_sequential", "CheckpointFunction"].contains($0.key) }
        })
    }

    /// `MyFunction.apply(*args, **kwargs)`, called as `_apply_function(cls, ctx, *args, **kwargs)`.
    private func applyCustomFunction(_ arguments: CallArguments) throws -> Value {
        guard arguments.positional.count >= 2, case let .classObject(functionClass) = arguments.positional[0] else {
            throw PythonError.typeError("apply() expects a Function subclass")
        }
        let context = arguments.positional[1]
        let forwardArguments = CallArguments(Array(arguments.positional.dropFirst(2)), keywords: arguments.keywords)
        let inputs: [Tensor?] = forwardArguments.positional.map { if case let .tensor(tensor) = $0 { tensor } else { nil } }
        let needs = inputs.map { Value.bool($0?.requiresGrad ?? false) }
        try setAttribute(of: context, "needs_input_grad", .tuple(needs))
        let output = try GradMode.with(false) { try runCustomForward(functionClass, context, forwardArguments) }
        let (tensors, rebuild) = try tensorOutputs(of: output)
        let nonDifferentiable = tensorsAttribute(context, "_non_differentiable")
        let name = functionClass.name + "Backward"
        let recorded = Autodiff.recordCustomFunction(
            name: name, inputs: inputs, outputs: tensors, nonDifferentiable: nonDifferentiable
        ) { [weak self] gradients in
            // The graph can outlive the session that built it; its Python backward cannot.
            guard let self else { throw PythonError.runtimeError("\(name): the session that defined this Function has ended") }
            return try self.runCustomBackward(functionClass, context, name: name, gradients: gradients, outputs: tensors, inputCount: inputs.count)
        }
        return rebuild(recorded)
    }

    /// `forward(ctx, *args)`, or the newer split form `forward(*args)` then
    /// `setup_context(ctx, inputs, output)` when the class overrides `setup_context`.
    private func runCustomForward(_ functionClass: ClassObject, _ context: Value, _ arguments: CallArguments) throws -> Value {
        let forward = try attribute(of: .classObject(functionClass), "forward")
        guard let setup = functionClass.lookupWithOwner("setup_context", after: nil),
              setup.owner.attributes["__tensortutor_function_base__"] == nil else {
            return try call(forward, arguments.prepending(context))
        }
        let output = try call(forward, arguments)
        _ = try call(try attribute(of: .classObject(functionClass), "setup_context"),
                     CallArguments([context, .tuple(arguments.positional), output]))
        return output
    }

    private func runCustomBackward(
        _ functionClass: ClassObject, _ context: Value, name: String, gradients: [Tensor?], outputs: [Tensor], inputCount: Int
    ) throws -> [Tensor?] {
        let materialize = try contextAttribute(context, "_materialize_grads").map { try truthy($0) } ?? true
        let gradientValues: [Value] = try zip(gradients, outputs).map { gradient, output in
            if let gradient { return .tensor(gradient) }
            return materialize ? .tensor(try Tensor.zeros(shape: output.shape, dtype: output.dtype)) : .none
        }
        let backward = try attribute(of: .classObject(functionClass), "backward")
        let result = try GradMode.with(false) { try call(backward, CallArguments([context] + gradientValues)) }
        let values: [Value]
        switch result {
        case let .tuple(items): values = items
        case let .list(list): values = list.items
        default: values = [result]
        }
        guard values.count == inputCount else {
            throw PythonError.runtimeError("function \(name) returned an incorrect number of gradients (expected \(inputCount), got \(values.count))")
        }
        return try values.map { value in
            switch value {
            case let .tensor(tensor): return tensor
            case .none: return nil
            default: throw PythonError.runtimeError("expected Variable or None (got \(value.typeName))")
            }
        }
    }

    /// The tensors `forward` returned, and how to put recorded replacements back in place.
    private func tensorOutputs(of output: Value) throws -> ([Tensor], ([Tensor]) -> Value) {
        switch output {
        case let .tensor(tensor): return ([tensor], { .tensor($0[0]) })
        case let .tuple(items):
            let tensors = items.compactMap { if case let .tensor(tensor) = $0 { tensor } else { nil } }
            return (tensors, { recorded in
                var next = recorded.makeIterator()
                return .tuple(items.map { item in
                    guard case .tensor = item, let replacement = next.next() else { return item }
                    return .tensor(replacement)
                })
            })
        default: return ([], { _ in output })
        }
    }

    private func tensorsAttribute(_ context: Value, _ name: String) -> [Tensor] {
        guard case let .tuple(items)? = contextAttribute(context, name) else { return [] }
        return items.compactMap { if case let .tensor(tensor) = $0 { tensor } else { nil } }
    }

    /// An attribute the user's code may or may not have set on `ctx`.
    private func contextAttribute(_ context: Value, _ name: String) -> Value? {
        guard case let .instance(instance) = context else { return nil }
        return instance.attributes[name]
    }
}

extension Interpreter {
    /// Calls a `register_hook` function on a gradient: None keeps it, a tensor of the same
    /// shape replaces it, anything else is PyTorch's error.
    func runGradientHook(_ hook: Value, _ gradient: Tensor) throws -> Tensor? {
        switch try call(hook, CallArguments([.tensor(gradient)])) {
        case .none: return nil
        case let .tensor(replacement):
            guard replacement.shape == gradient.shape else {
                let name = (try? str(attribute(of: hook, "__name__"))) ?? "hook"
                throw PythonError.runtimeError("hook '\(name)' has changed the size of value")
            }
            return replacement
        case let other:
            throw PythonError.typeError("expected Variable, but hook returned '\(other.typeName)'")
        }
    }
}
