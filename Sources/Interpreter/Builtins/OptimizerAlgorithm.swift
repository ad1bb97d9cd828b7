import Autograd
import TensorEngine

/// One `torch.optim` class, declared once: its name, its constructor options with
/// PyTorch's defaults in PyTorch's order, the checks its `__init__` makes, and how it
/// updates one parameter and keeps that parameter's state.
protocol OptimizerAlgorithm {
    var name: String { get }
    var defaults: [(String, Value)] { get }
    /// `__init__`'s range checks, in the order PyTorch makes them.
    var checks: [OptionCheck] { get }
    /// Options the class sets itself and leaves out of its signature (AdamW's decoupling).
    var fixedOptions: Set<String> { get }
    /// The constructor's parameters after `params`, where their order differs from `defaults`.
    var signature: [String] { get }
    /// The state `__init__` makes for each parameter (Adagrad's); nil makes it at the first step.
    func initialState(for parameter: Tensor, _ constructorOptions: GroupOptions) throws -> (any OptimizerParameterState)?
    /// Updates `parameter` from `grad` with its group's options; returns the state to keep.
    func update(_ parameter: Tensor, grad: Tensor, state: (any OptimizerParameterState)?,
                _ options: GroupOptions) throws -> (any OptimizerParameterState)?
    /// A state rebuilt from the entries `load_state_dict` was given.
    func restore(_ saved: SavedOptimizerState) throws -> (any OptimizerParameterState)?
    /// Options `__init__` derives from the others once they are checked (LBFGS's `max_eval`).
    func complete(_ options: inout [(String, Value)], _ interpreter: Interpreter) throws
    /// Whether the optimizer takes more than one param group.
    var allowsGroups: Bool { get }
    /// A `step` that is not one update per parameter (LBFGS's closure-driven iterations):
    /// its return value, or nil to run the per-parameter updates.
    func stepWhole(_ optimizer: Optimizer, closure: Value?, _ interpreter: Interpreter) throws -> Value?
}

extension OptimizerAlgorithm {
    var fixedOptions: Set<String> { [] }
    var signature: [String] { defaults.map(\.0).filter { !fixedOptions.contains($0) } }
    func initialState(for parameter: Tensor, _ constructorOptions: GroupOptions) throws -> (any OptimizerParameterState)? { nil }
    func complete(_ options: inout [(String, Value)], _ interpreter: Interpreter) throws {}
    var allowsGroups: Bool { true }
    func stepWhole(_ optimizer: Optimizer, closure: Value?, _ interpreter: Interpreter) throws -> Value? { nil }
}

/// Every optimizer `torch.optim` offers, in the order its members are listed.
var optimizerAlgorithms: [any OptimizerAlgorithm] {
    [
    SGDAlgorithm(), AdamAlgorithm(name: "Adam"), AdamAlgorithm(name: "AdamW"), AdadeltaAlgorithm(),
    RMSpropAlgorithm(), AdagradAlgorithm(), AdamaxAlgorithm(), NAdamAlgorithm(), RAdamAlgorithm(), RpropAlgorithm(), ASGDAlgorithm(), LBFGSAlgorithm()]
}

/// One `__init__` check over the constructor's options; numbers only, as PyTorch's
/// comparisons would fail differently on anything else.
struct OptionCheck {
    let run: (_ options: [(String, Value)], _ interpreter: Interpreter) throws -> Void

    /// `if not valid(value): raise ValueError(f"{message}: {value}")`.
    static func number(_ key: String, _ message: String, _ valid: @escaping (Double) -> Bool) -> OptionCheck {
        OptionCheck { options, interpreter in
            guard let value = options.first(where: { $0.0 == key })?.1, value.isPlainNumber else { return }
            if !valid(try interpreter.pythonDouble(value)) { throw PythonError.valueError("\(message): \(try interpreter.repr(value))") }
        }
    }

    static func nonNegative(_ key: String, _ message: String) -> OptionCheck { number(key, message) { $0 >= 0 } }

    static var lr: OptionCheck { nonNegative("lr", "Invalid learning rate") }
    static var eps: OptionCheck { nonNegative("eps", "Invalid epsilon value") }
    static var weightDecay: OptionCheck { nonNegative("weight_decay", "Invalid weight_decay value") }
    static var momentum: OptionCheck { nonNegative("momentum", "Invalid momentum value") }

    /// Adam-style `betas`: each in [0, 1).
    static var betas: OptionCheck {
        OptionCheck { options, interpreter in
            guard let betas = options.first(where: { $0.0 == "betas" })?.1 else { return }
            for (index, beta) in try interpreter.iterate(betas).enumerated() where !(0..<1).contains(try interpreter.pythonDouble(beta)) {
                throw PythonError.valueError("Invalid beta parameter at index \(index): \(try interpreter.repr(beta))")
            }
        }
    }
}

private extension Value {
    var isPlainNumber: Bool {
        switch self {
        case .int, .float, .bool: true
        default: false
        }
    }
}

/// A param group's options, read afresh at each step so assignments take effect.
struct GroupOptions {
    let group: DictStorage
    let interpreter: Interpreter

    init(_ group: DictStorage, interpreter: Interpreter) {
        self.group = group
        self.interpreter = interpreter
    }

    /// An option's number; PyTorch also takes a one-element tensor (`lr=torch.tensor(0.1)`).
    func double(_ key: String) throws -> Double {
        let value = group[.string(key)] ?? .int(0)
        if case let .tensor(tensor) = value, tensor.count == 1 { return try tensor.item().doubleValue }
        return try interpreter.pythonDouble(value)
    }
    func bool(_ key: String) throws -> Bool { try interpreter.truthy(group[.string(key)] ?? .bool(false)) }
    func pair(_ key: String) throws -> (Double, Double) {
        let items = try interpreter.iterate(group[.string(key)] ?? .tuple([]))
        guard items.count == 2 else { throw PythonError.valueError("\(key) must be a pair of floats") }
        return (try interpreter.pythonDouble(items[0]), try interpreter.pythonDouble(items[1]))
    }

    /// Adam's options, shared by the Adam family.
    func adam() throws -> OptimizerMath.AdamOptions {
        let betas = try pair("betas")
        return OptimizerMath.AdamOptions(
            lr: try double("lr"), beta1: betas.0, beta2: betas.1, eps: try double("eps"), weightDecay: try double("weight_decay"),
            amsgrad: try bool("amsgrad"), maximize: try bool("maximize"), decoupledWeightDecay: try bool("decoupled_weight_decay"))
    }
}

/// One parameter's saved state as `load_state_dict` receives it: tensors cast to the
/// parameter's dtype (except the scalar counters), and `step` as a number.
struct SavedOptimizerState {
    let fields: DictStorage
    let parameter: Tensor
    let step: Double

    init(_ fields: DictStorage, for parameter: Tensor, _ interpreter: Interpreter) throws {
        (self.fields, self.parameter) = (fields, parameter)
        step = try fields[.string("step")].map { value -> Double in
            if case let .tensor(count) = value { return try count.item().doubleValue }
            return try interpreter.pythonDouble(value)
        } ?? 0
    }

    func tensor(_ key: String) throws -> Tensor? {
        guard case let .tensor(value)? = fields[.string(key)] else { return nil }
        return value.dtype == parameter.dtype ? value : try value.to(parameter.dtype)
    }

    /// Two entries a state cannot do without, or nil when either is missing.
    func tensors(_ first: String, _ second: String) throws -> (Tensor, Tensor)? {
        guard let a = try tensor(first), let b = try tensor(second) else { return nil }
        return (a, b)
    }

    /// A scalar entry kept as a float32 number (NAdam's `mu_product`, ASGD's `eta` and `mu`).
    func scalar(_ key: String) throws -> Float? {
        guard case let .tensor(value)? = fields[.string(key)] else { return nil }
        return Float(try value.item().doubleValue)
    }
}

/// The state an update needs, or PyTorch's `KeyError` from looking it up.
func requireState<State>(_ state: (any OptimizerParameterState)?, as type: State.Type, key: String) throws -> State {
    guard let typed = state as? State else { throw PythonError("KeyError", "'\(key)'") }
    return typed
}
