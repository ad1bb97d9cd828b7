import Autograd
import TensorEngine

/// `torch.optim.SGD`, `Adam`, `AdamW` and `Adadelta`: param groups whose options are live
/// dicts (so `group['lr'] = x` takes effect), per-parameter state, and the update rules
/// of `OptimizerMath`.
/// An optimizer as the explainer sees it: the parameters `step()` may update.
public protocol ParameterUpdating: NativeObject {
    var updatedParameters: [Tensor] { get }
}

final class Optimizer: NativeObject, ParameterUpdating {
    enum Kind: String { case sgd = "SGD", adam = "Adam", adamW = "AdamW", adadelta = "Adadelta" }

    let kind: Kind
    let defaults: [(String, Value)]
    let paramGroups: ListStorage
    var momentumBuffers: [ObjectIdentifier: Tensor] = [:]
    var adamStates: [ObjectIdentifier: OptimizerMath.AdamState] = [:]
    var adadeltaStates: [ObjectIdentifier: OptimizerMath.AdadeltaState] = [:]

    init(kind: Kind, defaults: [(String, Value)], groups: [DictStorage]) {
        self.kind = kind
        self.defaults = defaults
        paramGroups = ListStorage(groups.map { .dict($0) })
    }

    var typeName: String { kind.rawValue }

    func repr() -> String {
        var lines = ["\(kind.rawValue) ("]
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
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(name, owner: kind.rawValue, body)) }
        switch name {
        case "param_groups": return .list(paramGroups)
        case "defaults": return .dict(DictStorage(defaults.map { (.string($0.0), $0.1) }))
        case "zero_grad":
            return method { interpreter, arguments in
                let setToNone = try arguments.bind("zero_grad", ["set_to_none"]).optional("set_to_none").map { try interpreter.truthy($0) } ?? true
                for parameter in try self.parameters() {
                    if setToNone { parameter.grad = nil } else { parameter.grad?.fill(.int(0)) }
                }
                return .none
            }
        case "step":
            return method { interpreter, arguments in
                _ = try arguments.bind("step", ["closure"])
                try self.step(interpreter)
                return .none
            }
        case "state":
            return .dict(DictStorage(try parameters().compactMap { parameter in
                try stateDict(for: parameter).map { (.tensor(parameter), .dict($0)) }
            }))
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
                try update(parameter, grad: grad, options)
            }
        }
    }

    private func update(_ parameter: Tensor, grad: Tensor, _ options: GroupOptions) throws {
        let identity = ObjectIdentifier(parameter)
        switch kind {
        case .sgd:
            let sgd = OptimizerMath.SGDOptions(
                lr: try options.double("lr"), momentum: try options.double("momentum"), dampening: try options.double("dampening"),
                weightDecay: try options.double("weight_decay"), nesterov: try options.bool("nesterov"), maximize: try options.bool("maximize"))
            momentumBuffers[identity] = try OptimizerMath.sgd(parameter, grad: grad, buffer: momentumBuffers[identity], sgd)
        case .adam, .adamW:
            let betas = try options.pair("betas")
            let adam = OptimizerMath.AdamOptions(
                lr: try options.double("lr"), beta1: betas.0, beta2: betas.1, eps: try options.double("eps"),
                weightDecay: try options.double("weight_decay"), amsgrad: try options.bool("amsgrad"),
                maximize: try options.bool("maximize"), decoupledWeightDecay: try options.bool("decoupled_weight_decay"))
            let state = try adamStates[identity] ?? OptimizerMath.AdamState(like: parameter, amsgrad: adam.amsgrad)
            adamStates[identity] = state
            try OptimizerMath.adam(parameter, grad: grad, state: state, adam)
        case .adadelta:
            let state = try adadeltaStates[identity] ?? OptimizerMath.AdadeltaState(like: parameter)
            adadeltaStates[identity] = state
            try OptimizerMath.adadelta(parameter, grad: grad, state: state, lr: try options.double("lr"), rho: try options.double("rho"),
                                       eps: try options.double("eps"), weightDecay: try options.double("weight_decay"),
                                       maximize: try options.bool("maximize"))
        }
    }

    func stateDict(for parameter: Tensor) throws -> DictStorage? {
        let identity = ObjectIdentifier(parameter)
        if let buffer = momentumBuffers[identity] { return DictStorage([(.string("momentum_buffer"), .tensor(buffer))]) }
        if let state = adamStates[identity] {
            var entries: [(key: Value, value: Value)] = [(.string("step"), .tensor(Tensor(scalar: Float(state.step)))),
                                                         (.string("exp_avg"), .tensor(state.expAvg)), (.string("exp_avg_sq"), .tensor(state.expAvgSq))]
            if let maximum = state.maxExpAvgSq { entries.append((.string("max_exp_avg_sq"), .tensor(maximum))) }
            return DictStorage(entries)
        }
        if let state = adadeltaStates[identity] {
            return DictStorage([(.string("step"), .tensor(Tensor(scalar: Float(state.step)))),
                                (.string("square_avg"), .tensor(state.squareAvg)), (.string("acc_delta"), .tensor(state.accDelta))])
        }
        return nil
    }
}

extension Optimizer {
    /// Each optimizer's constructor options and defaults, in PyTorch's order.
    static func defaultOptions(_ kind: Kind) -> [(String, Value)] {
        func adam(weightDecay: Value, decoupled: Bool) -> [(String, Value)] {
            [("lr", .float(0.001)), ("betas", .tuple([.float(0.9), .float(0.999)])), ("eps", .float(1e-8)), ("weight_decay", weightDecay),
             ("amsgrad", .bool(false)), ("maximize", .bool(false)), ("foreach", .none), ("capturable", .bool(false)),
             ("differentiable", .bool(false)), ("fused", .none), ("decoupled_weight_decay", .bool(decoupled))]
        }
        switch kind {
        case .sgd:
            return [("lr", .float(0.001)), ("momentum", .int(0)), ("dampening", .int(0)), ("weight_decay", .int(0)), ("nesterov", .bool(false)),
                    ("maximize", .bool(false)), ("foreach", .none), ("differentiable", .bool(false)), ("fused", .none)]
        case .adam: return adam(weightDecay: .int(0), decoupled: false)
        case .adamW: return adam(weightDecay: .float(0.01), decoupled: true)
        case .adadelta:
            return [("lr", .float(1.0)), ("rho", .float(0.9)), ("eps", .float(1e-6)), ("weight_decay", .int(0)), ("maximize", .bool(false)),
                    ("capturable", .bool(false)), ("foreach", .none), ("differentiable", .bool(false))]
        }
    }
}

/// A param group's options, read afresh at each step so assignments take effect.
private struct GroupOptions {
    let group: DictStorage
    let interpreter: Interpreter

    init(_ group: DictStorage, interpreter: Interpreter) {
        self.group = group
        self.interpreter = interpreter
    }

    func double(_ key: String) throws -> Double { try interpreter.pythonDouble(group[.string(key)] ?? .int(0)) }
    func bool(_ key: String) throws -> Bool { try interpreter.truthy(group[.string(key)] ?? .bool(false)) }
    func pair(_ key: String) throws -> (Double, Double) {
        let items = try interpreter.iterate(group[.string(key)] ?? .tuple([]))
        guard items.count == 2 else { throw PythonError.valueError("\(key) must be a pair of floats") }
        return (try interpreter.pythonDouble(items[0]), try interpreter.pythonDouble(items[1]))
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
    case let .string(text): "'\(text)'"
    default: "..."
    }
}

extension Interpreter {
    /// `torch.optim`: each optimizer's defaults in PyTorch's order, overridden by keywords.
    func makeOptimMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for kind in [Optimizer.Kind.sgd, .adam, .adamW, .adadelta] {
            let options = Optimizer.defaultOptions(kind)
            members[kind.rawValue] = .builtin(Builtin(kind.rawValue) { interpreter, arguments in
                try interpreter.makeOptimizer(kind, defaults: options, arguments)
            })
        }
        return members
    }

    /// `inspect.signature(torch.optim.AdamW)`: `params`, then the options in order.
    func optimizerSignature(_ builtin: Builtin) -> [SignatureParameter]? {
        guard let kind = Optimizer.Kind(rawValue: builtin.name), case let .builtin(factory)? = try? libraryMember("torch.optim", builtin.name),
              factory === builtin else { return nil }
        return [SignatureParameter(name: "params", kind: .normal, defaultValue: nil)]
            // AdamW fixes decoupled_weight_decay itself, so its signature leaves it out.
            + Optimizer.defaultOptions(kind).filter { kind != .adamW || $0.0 != "decoupled_weight_decay" }
                .map { SignatureParameter(name: $0.0, kind: .normal, defaultValue: $0.1) }
    }

    fileprivate func makeOptimizer(_ kind: Optimizer.Kind, defaults: [(String, Value)], _ arguments: CallArguments) throws -> Value {
        guard let paramsArgument = arguments.positional.first ?? arguments.keywords.first(where: { $0.name == "params" })?.value else {
            throw PythonError.typeError("\(kind.rawValue).__init__() missing 1 required positional argument: 'params'")
        }
        var options = defaults
        for (name, value) in arguments.keywords where name != "params" {
            guard let index = options.firstIndex(where: { $0.0 == name }) else {
                throw PythonError.typeError("\(kind.rawValue).__init__() got an unexpected keyword argument '\(name)'")
            }
            options[index].1 = value
        }
        if arguments.positional.count > 1 { options[0].1 = arguments.positional[1] }
        try validateOptimizerOptions(options)
        let items = try iterate(paramsArgument)
        if items.isEmpty { throw PythonError.valueError("optimizer got an empty parameter list") }
        let groups = try (items.first.map { if case .dict = $0 { true } else { false } } ?? false)
            ? items.map { item -> DictStorage in
                guard case let .dict(given) = item else { throw PythonError.typeError("param groups must all be dicts") }
                return try makeParamGroup(given, defaults: options)
            }
            : [try makeParamGroup(DictStorage([(.string("params"), .list(ListStorage(items)))]), defaults: options)]
        for group in groups {
            guard case let .list(params)? = group[.string("params")] else { continue }
            let identities = params.items.compactMap { item -> ObjectIdentifier? in
                if case let .tensor(tensor) = item { return ObjectIdentifier(tensor) } else { return nil }
            }
            if Set(identities).count != identities.count {
                warn("optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information")
            }
        }
        return .native(Optimizer(kind: kind, defaults: options, groups: groups))
    }

    /// The range checks of each optimizer's `__init__`, with PyTorch's messages.
    private func validateOptimizerOptions(_ options: [(String, Value)]) throws {
        func check(_ key: String, _ message: String, _ valid: (Double) -> Bool) throws {
            guard let value = options.first(where: { $0.0 == key })?.1 else { return }
            switch value {
            case .int, .float, .bool: break
            default: return
            }
            if !valid(try pythonDouble(value)) { throw PythonError.valueError("\(message): \(try repr(value))") }
        }
        try check("lr", "Invalid learning rate") { $0 >= 0 }
        try check("eps", "Invalid epsilon value") { $0 >= 0 }
        try check("momentum", "Invalid momentum value") { $0 >= 0 }
        try check("weight_decay", "Invalid weight_decay value") { $0 >= 0 }
        try check("rho", "Invalid rho value") { $0 >= 0 && $0 <= 1 }
        if let betas = options.first(where: { $0.0 == "betas" })?.1 {
            for (index, beta) in try iterate(betas).enumerated() where !(0..<1).contains(try pythonDouble(beta)) {
                throw PythonError.valueError("Invalid beta parameter at index \(index): \(try repr(beta))")
            }
        }
    }
}
