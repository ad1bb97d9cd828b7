import Autograd
import TensorEngine

/// `torch.optim`'s optimizers (each declared once as an `OptimizerAlgorithm`): param
/// groups whose options are live dicts (so `group['lr'] = x` takes effect), per-parameter
/// state, and the update rules of `OptimizerMath`.
/// An optimizer as the explainer sees it: the parameters `step()` may update.
public protocol ParameterUpdating: NativeObject {
    var updatedParameters: [Tensor] { get }
}

final class Optimizer: NativeObject, ParameterUpdating {
    let algorithm: any OptimizerAlgorithm
    let defaults: [(String, Value)]
    let paramGroups: ListStorage
    var states: [ObjectIdentifier: any OptimizerParameterState] = [:]
    /// Set once a scheduler wraps `step` (PyTorch's `_opt_called`): whether `step` ran since.
    var steppedSinceSchedulerAttached: Bool?

    init(algorithm: any OptimizerAlgorithm, defaults: [(String, Value)], groups: [DictStorage]) {
        self.algorithm = algorithm
        self.defaults = defaults
        paramGroups = ListStorage(groups.map { .dict($0) })
    }

    var typeName: String { algorithm.name }

    func repr() -> String {
        var lines = ["\(algorithm.name) ("]
        for (index, item) in paramGroups.items.enumerated() {
            guard case let .dict(group) = item else { continue }
            // PyTorch's repr ends each group with a newline and starts the next with one.
            if index > 0 { lines.append("") }
            lines.append("Parameter Group \(index)")
            let options = group.entries.compactMap { entry -> (String, Value)? in
                guard case let .string(key) = entry.key, key != "params" else { return nil }
                return (key, entry.value)
            }
            for (key, value) in options.sorted(by: { $0.0 < $1.0 }) {
                lines.append("    \(key): \(optionRepr(value))")
            }
        }
        return lines.joined(separator: "\n") + "\n)"
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(name, owner: algorithm.name, body)) }
        switch name {
        case "param_groups": return .list(paramGroups)
        case "defaults": return .dict(DictStorage(defaults.map { (.string($0.0), $0.1) }))
        case "zero_grad":
            return method { interpreter, arguments in
                let setToNone = try arguments.bind("zero_grad", ["set_to_none"]).optional("set_to_none").map { try interpreter.truthy($0) } ?? true
                for parameter in try self.parameters() {
                    if setToNone { parameter.grad = nil } else { parameter.grad?.zeroInPlace() }
                }
                return .none
            }
        case "step":
            return method { interpreter, arguments in
                // PyTorch calls the closure first, with grad mode on, and returns its loss.
                let closure = try arguments.bind("step", ["closure"]).optional("closure")
                if self.steppedSinceSchedulerAttached != nil { self.steppedSinceSchedulerAttached = true }
                if let result = try self.algorithm.stepWhole(self, closure: closure, interpreter) { return result }
                let loss = try closure.flatMap { callee -> Value? in
                    if case .none = callee { return nil }
                    return try GradMode.with(true) { try interpreter.call(callee, CallArguments()) }
                } ?? .none
                try self.step(interpreter)
                return loss
            }
        case "state":
            // A defaultdict(dict) in PyTorch, and printed as one.
            let state = DictStorage(try parameters().compactMap { parameter in
                try stateDict(for: parameter).map { (.tensor(parameter), .dict($0)) }
            })
            state.flavor = .defaultFactory(interpreter.builtinNames["dict"] ?? .none)
            return .dict(state)
        default: return try stateMethod(name, interpreter: interpreter)
        }
    }

    var updatedParameters: [Tensor] { (try? parameters()) ?? [] }

    func parameters() throws -> [Tensor] {
        try paramGroups.items.flatMap { item -> [Tensor] in
            guard case let .dict(group) = item, case let .list(params)? = group[.string("params")] else { return [] }
            return params.items.compactMap { if case let .tensor(tensor) = $0 { return tensor } else { return nil } }
        }
    }

    private func step(_ interpreter: Interpreter) throws {
        for item in paramGroups.items {
            guard case let .dict(group) = item, case let .list(params)? = group[.string("params")] else { continue }
            let options = GroupOptions(group, interpreter: interpreter)
            for case let .tensor(parameter) in params.items {
                guard let grad = parameter.grad else { continue }
                states[ObjectIdentifier(parameter)] = try algorithm.update(parameter, grad: grad, state: states[ObjectIdentifier(parameter)], options)
            }
        }
    }

    func stateDict(for parameter: Tensor) throws -> DictStorage? {
        states[ObjectIdentifier(parameter)].map { state in DictStorage(state.entries.map { (.string($0.name), .tensor($0.value)) }) }
    }
}

/// Option values as the optimizer's repr prints them (Python's repr of floats and tuples).
private func optionRepr(_ value: Value) -> String {
    switch value {
    case .none: "None"
    case let .bool(flag): flag ? "True" : "False"
    case let .int(number): String(number)
    case let .float(number): pythonFloatRepr(number)
    case let .tuple(items): "(" + items.map(optionRepr).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
    // The repr formats each option with str(), so a string prints bare.
    case let .string(text): text
    default: "..."
    }
}

extension Interpreter {
    /// `torch.optim`: each optimizer class, its defaults overridden by keywords.
    func makeOptimMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for algorithm in optimizerAlgorithms {
            members[algorithm.name] = .builtin(Builtin(algorithm.name) { interpreter, arguments in
                try interpreter.makeOptimizer(algorithm, arguments)
            })
        }
        return members
    }

    /// `inspect.signature(torch.optim.AdamW)`: `params`, then the options in order.
    func optimizerSignature(_ builtin: Builtin) -> [SignatureParameter]? {
        guard let algorithm = optimizerAlgorithms.first(where: { $0.name == builtin.name }),
              case let .builtin(factory)? = try? libraryMember("torch.optim", builtin.name), factory === builtin else { return nil }
        return [SignatureParameter(name: "params", kind: .normal, defaultValue: nil)]
            + algorithm.signature.compactMap { name in
                algorithm.defaults.first { $0.0 == name }.map { SignatureParameter(name: name, kind: .normal, defaultValue: $0.1) }
            }
    }

    fileprivate func makeOptimizer(_ algorithm: any OptimizerAlgorithm, _ arguments: CallArguments) throws -> Value {
        let name = algorithm.name
        guard let paramsArgument = arguments.positional.first ?? arguments.keywords.first(where: { $0.name == "params" })?.value else {
            throw PythonError.typeError("\(name).__init__() missing 1 required positional argument: 'params'")
        }
        var options = algorithm.defaults
        for (keyword, value) in arguments.keywords where keyword != "params" {
            guard let index = options.firstIndex(where: { $0.0 == keyword }), !algorithm.fixedOptions.contains(keyword) else {
                throw PythonError.typeError("\(name).__init__() got an unexpected keyword argument '\(keyword)'")
            }
            options[index].1 = value
        }
        // Positional options after `params` follow the constructor's signature.
        for (name, value) in zip(algorithm.signature, arguments.positional.dropFirst()) {
            if let index = options.firstIndex(where: { $0.0 == name }) { options[index].1 = value }
        }
        for check in algorithm.checks { try check.run(options, self) }
        try algorithm.complete(&options, self)
        if case let .tensor(tensor) = paramsArgument {
            throw PythonError.typeError("params argument given to the optimizer should be an iterable of Tensors or dicts, but got \(tensor.dtype.legacyTensorTypeName)")
        }
        let items = try iterate(paramsArgument)
        if items.isEmpty { throw PythonError.valueError("optimizer got an empty parameter list") }
        let groups = try (items.first.map { if case .dict = $0 { true } else { false } } ?? false)
            ? items.map { item -> DictStorage in
                guard case let .dict(given) = item else { throw PythonError.typeError("param groups must all be dicts") }
                return try makeParamGroup(given, defaults: options)
            }
            : [try makeParamGroup(DictStorage([(.string("params"), .list(ListStorage(items)))]), defaults: options)]
        // PyTorch adds the groups one at a time: a group repeating a parameter warns, and
        // a parameter that an earlier group already holds is an error.
        var earlierGroups: Set<ObjectIdentifier> = []
        for group in groups {
            guard case let .list(params)? = group[.string("params")] else { continue }
            let identities = params.items.compactMap { item -> ObjectIdentifier? in
                if case let .tensor(tensor) = item { return ObjectIdentifier(tensor) } else { return nil }
            }
            if Set(identities).count != identities.count {
                warn("optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information")
            }
            if !earlierGroups.isDisjoint(with: identities) {
                throw PythonError.valueError("some parameters appear in more than one parameter group")
            }
            earlierGroups.formUnion(identities)
        }
        if groups.count > 1, !algorithm.allowsGroups {
            throw PythonError.valueError("\(name) doesn't support per-parameter options (parameter groups)")
        }
        let optimizer = Optimizer(algorithm: algorithm, defaults: options, groups: groups)
        let constructorOptions = GroupOptions(DictStorage(options.map { (.string($0.0), $0.1) }), interpreter: self)
        for parameter in try optimizer.parameters() {
            if let state = try algorithm.initialState(for: parameter, constructorOptions) { optimizer.states[ObjectIdentifier(parameter)] = state }
        }
        return .native(optimizer)
    }
}
