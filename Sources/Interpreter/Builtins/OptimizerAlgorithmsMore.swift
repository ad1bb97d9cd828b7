import Autograd
import TensorEngine

// RMSprop, Adagrad, Adamax, NAdam, RAdam, Rprop and ASGD: each group dict lists its
// options in the order of the class's `defaults` dict, as PyTorch's does.

private var betas: (String, Value) { ("betas", .tuple([.float(0.9), .float(0.999)])) }
private var off: Value { .bool(false) }

struct RMSpropAlgorithm: OptimizerAlgorithm {
    let name = "RMSprop"
    let defaults: [(String, Value)] = [
        ("lr", .float(0.01)), ("momentum", .int(0)), ("alpha", .float(0.99)), ("eps", .float(1e-8)), ("centered", off),
        ("weight_decay", .int(0)), ("capturable", off), ("foreach", .none), ("maximize", off), ("differentiable", off)]
    let signature = ["lr", "alpha", "eps", "weight_decay", "momentum", "centered", "capturable", "foreach", "maximize", "differentiable"]
    let checks: [OptionCheck] = [.lr, .eps, .momentum, .weightDecay, .nonNegative("alpha", "Invalid alpha value")]

    func update(_ parameter: Tensor, grad: Tensor, state: (any OptimizerParameterState)?,
                _ options: GroupOptions) throws -> (any OptimizerParameterState)? {
        let rmsprop = OptimizerMath.RMSpropOptions(
            lr: try options.double("lr"), alpha: try options.double("alpha"), eps: try options.double("eps"),
            weightDecay: try options.double("weight_decay"), momentum: try options.double("momentum"),
            centered: try options.bool("centered"), maximize: try options.bool("maximize"))
        let kept = try state as? OptimizerMath.RMSpropState
            ?? OptimizerMath.RMSpropState(like: parameter, momentum: rmsprop.momentum > 0, centered: rmsprop.centered)
        // A group switched to momentum or centering after its first step has no buffer for
        // it; PyTorch's lookup of the missing entry fails the same way.
        if rmsprop.momentum > 0, kept.momentumBuffer == nil { throw PythonError("KeyError", "'momentum_buffer'") }
        if rmsprop.centered, kept.gradAvg == nil { throw PythonError("KeyError", "'grad_avg'") }
        try OptimizerMath.rmsprop(parameter, grad: grad, state: kept, rmsprop)
        return kept
    }

    func restore(_ saved: SavedOptimizerState) throws -> (any OptimizerParameterState)? {
        guard let squares = try saved.tensor("square_avg") else { return nil }
        return OptimizerMath.RMSpropState(step: saved.step, squareAvg: squares, momentumBuffer: try saved.tensor("momentum_buffer"),
                                          gradAvg: try saved.tensor("grad_avg"))
    }
}

struct AdagradAlgorithm: OptimizerAlgorithm {
    let name = "Adagrad"
    let defaults: [(String, Value)] = [
        ("lr", .float(0.01)), ("lr_decay", .int(0)), ("eps", .float(1e-10)), ("weight_decay", .int(0)),
        ("initial_accumulator_value", .int(0)), ("foreach", .none), ("maximize", off), ("differentiable", off), ("fused", .none)]
    let signature = ["lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps", "foreach", "maximize", "differentiable", "fused"]
    let checks: [OptionCheck] = [.lr, .nonNegative("lr_decay", "Invalid lr_decay value"), .weightDecay,
                                 .nonNegative("initial_accumulator_value", "Invalid initial_accumulator_value value"), .eps]

    /// Adagrad fills every parameter's sum in `__init__`, from the constructor's value (a
    /// group's own `initial_accumulator_value` is not consulted).
    func initialState(for parameter: Tensor, _ constructorOptions: GroupOptions) throws -> (any OptimizerParameterState)? {
        try OptimizerMath.AdagradState(like: parameter, initialAccumulator: try constructorOptions.double("initial_accumulator_value"))
    }

    func update(_ parameter: Tensor, grad: Tensor, state: (any OptimizerParameterState)?,
                _ options: GroupOptions) throws -> (any OptimizerParameterState)? {
        let kept = try requireState(state, as: OptimizerMath.AdagradState.self, key: "sum")
        try OptimizerMath.adagrad(parameter, grad: grad, state: kept, OptimizerMath.AdagradOptions(
            lr: try options.double("lr"), lrDecay: try options.double("lr_decay"), weightDecay: try options.double("weight_decay"),
            eps: try options.double("eps"), maximize: try options.bool("maximize")))
        return kept
    }

    func restore(_ saved: SavedOptimizerState) throws -> (any OptimizerParameterState)? {
        try saved.tensor("sum").map { OptimizerMath.AdagradState(step: saved.step, sum: $0) }
    }
}

struct AdamaxAlgorithm: OptimizerAlgorithm {
    let name = "Adamax"
    let defaults: [(String, Value)] = [("lr", .float(0.002)), betas, ("eps", .float(1e-8)), ("weight_decay", .int(0)),
                                       ("foreach", .none), ("maximize", off), ("differentiable", off), ("capturable", off)]
    let checks: [OptionCheck] = [.lr, .eps, .betas, .weightDecay]

    func update(_ parameter: Tensor, grad: Tensor, state: (any OptimizerParameterState)?,
                _ options: GroupOptions) throws -> (any OptimizerParameterState)? {
        let kept = try state as? OptimizerMath.AdamaxState ?? OptimizerMath.AdamaxState(like: parameter)
        try OptimizerMath.adamax(parameter, grad: grad, state: kept, try options.adam())
        return kept
    }

    func restore(_ saved: SavedOptimizerState) throws -> (any OptimizerParameterState)? {
        try saved.tensors("exp_avg", "exp_inf").map { OptimizerMath.AdamaxState(step: saved.step, expAvg: $0.0, expInf: $0.1) }
    }
}

struct NAdamAlgorithm: OptimizerAlgorithm {
    let name = "NAdam"
    let defaults: [(String, Value)] = [
        ("lr", .float(0.002)), betas, ("eps", .float(1e-8)), ("weight_decay", .int(0)), ("momentum_decay", .float(0.004)),
        ("decoupled_weight_decay", off), ("maximize", off), ("foreach", .none), ("capturable", off), ("differentiable", off)]
    let signature = ["lr", "betas", "eps", "weight_decay", "momentum_decay", "decoupled_weight_decay", "foreach", "maximize", "capturable", "differentiable"]
    let checks: [OptionCheck] = [.lr, .eps, .betas, .weightDecay, .nonNegative("momentum_decay", "Invalid momentum_decay value")]

    func update(_ parameter: Tensor, grad: Tensor, state: (any OptimizerParameterState)?,
                _ options: GroupOptions) throws -> (any OptimizerParameterState)? {
        let kept = try state as? OptimizerMath.NAdamState ?? OptimizerMath.NAdamState(like: parameter)
        try OptimizerMath.nadam(parameter, grad: grad, state: kept, try options.adam(), momentumDecay: try options.double("momentum_decay"))
        return kept
    }

    func restore(_ saved: SavedOptimizerState) throws -> (any OptimizerParameterState)? {
        let muProduct = try saved.scalar("mu_product") ?? 1
        return try saved.tensors("exp_avg", "exp_avg_sq").map {
            OptimizerMath.NAdamState(step: saved.step, muProduct: muProduct, expAvg: $0.0, expAvgSq: $0.1)
        }
    }
}

struct RAdamAlgorithm: OptimizerAlgorithm {
    let name = "RAdam"
    let defaults: [(String, Value)] = [("lr", .float(0.001)), betas, ("eps", .float(1e-8)), ("weight_decay", .int(0)), ("maximize", off),
                                       ("foreach", .none), ("capturable", off), ("decoupled_weight_decay", off), ("differentiable", off)]
    let signature = ["lr", "betas", "eps", "weight_decay", "decoupled_weight_decay", "foreach", "maximize", "capturable", "differentiable"]
    let checks: [OptionCheck] = [.lr, .eps, .betas, .weightDecay]

    func update(_ parameter: Tensor, grad: Tensor, state: (any OptimizerParameterState)?,
                _ options: GroupOptions) throws -> (any OptimizerParameterState)? {
        let kept = try state as? OptimizerMath.AdamState ?? OptimizerMath.AdamState(like: parameter, amsgrad: false)
        try OptimizerMath.radam(parameter, grad: grad, state: kept, try options.adam())
        return kept
    }

    func restore(_ saved: SavedOptimizerState) throws -> (any OptimizerParameterState)? { try AdamAlgorithm(name: name).restore(saved) }
}

struct RpropAlgorithm: OptimizerAlgorithm {
    let name = "Rprop"
    let defaults: [(String, Value)] = [("lr", .float(0.01)), ("etas", .tuple([.float(0.5), .float(1.2)])),
                                       ("step_sizes", .tuple([.float(1e-6), .int(50)])), ("foreach", .none), ("maximize", off),
                                       ("differentiable", off), ("capturable", off)]
    let signature = ["lr", "etas", "step_sizes", "capturable", "foreach", "maximize", "differentiable"]
    let checks: [OptionCheck] = [.lr, OptionCheck { options, interpreter in
        guard let etas = options.first(where: { $0.0 == "etas" })?.1 else { return }
        let pair = try interpreter.iterate(etas)
        guard pair.count == 2 else { return }
        let (minus, plus) = (try interpreter.pythonDouble(pair[0]), try interpreter.pythonDouble(pair[1]))
        if !(0.0 < minus && minus < 1.0 && 1.0 < plus) {
            throw PythonError.valueError("Invalid eta values: \(try interpreter.repr(pair[0])), \(try interpreter.repr(pair[1]))")
        }
    }]

    func update(_ parameter: Tensor, grad: Tensor, state: (any OptimizerParameterState)?,
                _ options: GroupOptions) throws -> (any OptimizerParameterState)? {
        let kept = try state as? OptimizerMath.RpropState ?? OptimizerMath.RpropState(like: parameter, lr: try options.double("lr"))
        let etas = try options.pair("etas"), sizes = try options.pair("step_sizes")
        try OptimizerMath.rprop(parameter, grad: grad, state: kept, etas: (etas.0, etas.1), stepSizes: (sizes.0, sizes.1),
                                maximize: try options.bool("maximize"))
        return kept
    }

    func restore(_ saved: SavedOptimizerState) throws -> (any OptimizerParameterState)? {
        try saved.tensors("prev", "step_size").map { OptimizerMath.RpropState(step: saved.step, prev: $0.0, stepSize: $0.1) }
    }
}

struct ASGDAlgorithm: OptimizerAlgorithm {
    let name = "ASGD"
    let defaults: [(String, Value)] = [
        ("lr", .float(0.01)), ("lambd", .float(0.0001)), ("alpha", .float(0.75)), ("t0", .float(1000000.0)), ("weight_decay", .int(0)),
        ("foreach", .none), ("maximize", off), ("differentiable", off), ("capturable", off)]
    let checks: [OptionCheck] = [.lr, .nonNegative("lambd", "Invalid lambd value"), .nonNegative("alpha", "Invalid alpha value"), .weightDecay]

    func update(_ parameter: Tensor, grad: Tensor, state: (any OptimizerParameterState)?,
                _ options: GroupOptions) throws -> (any OptimizerParameterState)? {
        let kept = try state as? OptimizerMath.ASGDState ?? OptimizerMath.ASGDState(like: parameter, lr: try options.double("lr"))
        try OptimizerMath.asgd(parameter, grad: grad, state: kept, OptimizerMath.ASGDOptions(
            lr: try options.double("lr"), lambd: try options.double("lambd"), alpha: try options.double("alpha"),
            t0: try options.double("t0"), weightDecay: try options.double("weight_decay"), maximize: try options.bool("maximize")))
        return kept
    }

    func restore(_ saved: SavedOptimizerState) throws -> (any OptimizerParameterState)? {
        guard let average = try saved.tensor("ax") else { return nil }
        return OptimizerMath.ASGDState(step: saved.step, eta: try saved.scalar("eta") ?? 0, mu: try saved.scalar("mu") ?? 1, ax: average)
    }
}
