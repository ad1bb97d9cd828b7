import Autograd
import TensorEngine

// SGD, Adam, AdamW and Adadelta: their options, checks and updates (`OptimizerMath`).

/// The options every optimizer ends with; `foreach` and the rest change only how PyTorch
/// schedules the work, never the values.
private var flags: [(String, Value)] { [("foreach", .none), ("differentiable", .bool(false))] }

struct SGDAlgorithm: OptimizerAlgorithm {
    let name = "SGD"
    let defaults: [(String, Value)] = [
        ("lr", .float(0.001)), ("momentum", .int(0)), ("dampening", .int(0)), ("weight_decay", .int(0)), ("nesterov", .bool(false)),
        ("maximize", .bool(false))] + flags + [("fused", .none)]
    let checks: [OptionCheck] = [.lr, .momentum, .weightDecay, OptionCheck { options, interpreter in
        let value = { (key: String) in options.first(where: { $0.0 == key })?.1 ?? .int(0) }
        if try interpreter.truthy(value("nesterov")),
           try interpreter.pythonDouble(value("momentum")) <= 0 || interpreter.pythonDouble(value("dampening")) != 0 {
            throw PythonError.valueError("Nesterov momentum requires a momentum and zero dampening")
        }
    }]

    func update(_ parameter: Tensor, grad: Tensor, state: (any OptimizerParameterState)?,
                _ options: GroupOptions) throws -> (any OptimizerParameterState)? {
        let sgd = OptimizerMath.SGDOptions(
            lr: try options.double("lr"), momentum: try options.double("momentum"), dampening: try options.double("dampening"),
            weightDecay: try options.double("weight_decay"), nesterov: try options.bool("nesterov"), maximize: try options.bool("maximize"))
        let buffer = (state as? OptimizerMath.MomentumState)?.buffer
        let kept = try OptimizerMath.sgd(parameter, grad: grad, buffer: buffer, sgd)
        if let kept, kept !== buffer { return OptimizerMath.MomentumState(buffer: kept) }
        return state
    }

    func restore(_ saved: SavedOptimizerState) throws -> (any OptimizerParameterState)? {
        try saved.tensor("momentum_buffer").map(OptimizerMath.MomentumState.init)
    }
}

/// Adam, and AdamW (Adam with decoupled weight decay and a larger default decay).
struct AdamAlgorithm: OptimizerAlgorithm {
    let name: String
    var decoupled: Bool { name == "AdamW" }
    var defaults: [(String, Value)] {
        [("lr", .float(0.001)), ("betas", .tuple([.float(0.9), .float(0.999)])), ("eps", .float(1e-8)),
         ("weight_decay", decoupled ? .float(0.01) : .int(0)), ("amsgrad", .bool(false)), ("maximize", .bool(false)),
         ("foreach", .none), ("capturable", .bool(false)), ("differentiable", .bool(false)), ("fused", .none),
         ("decoupled_weight_decay", .bool(decoupled))]
    }
    let checks: [OptionCheck] = [.lr, .eps, .betas, .weightDecay]
    var fixedOptions: Set<String> { decoupled ? ["decoupled_weight_decay"] : [] }
    var signature: [String] {
        decoupled ? ["lr", "betas", "eps", "weight_decay", "amsgrad", "maximize", "foreach", "capturable", "differentiable", "fused"]
            : ["lr", "betas", "eps", "weight_decay", "amsgrad", "foreach", "maximize", "capturable", "differentiable", "fused",
               "decoupled_weight_decay"]
    }

    func update(_ parameter: Tensor, grad: Tensor, state: (any OptimizerParameterState)?,
                _ options: GroupOptions) throws -> (any OptimizerParameterState)? {
        let adam = try options.adam()
        let kept = try state as? OptimizerMath.AdamState ?? OptimizerMath.AdamState(like: parameter, amsgrad: adam.amsgrad)
        try OptimizerMath.adam(parameter, grad: grad, state: kept, adam)
        return kept
    }

    func restore(_ saved: SavedOptimizerState) throws -> (any OptimizerParameterState)? {
        let maximum = try saved.tensor("max_exp_avg_sq")
        return try saved.tensors("exp_avg", "exp_avg_sq").map {
            OptimizerMath.AdamState(step: saved.step, expAvg: $0.0, expAvgSq: $0.1, maxExpAvgSq: maximum)
        }
    }
}

struct AdadeltaAlgorithm: OptimizerAlgorithm {
    let name = "Adadelta"
    let defaults: [(String, Value)] = [("lr", .float(1.0)), ("rho", .float(0.9)), ("eps", .float(1e-6)), ("weight_decay", .int(0)),
                                       ("maximize", .bool(false)), ("capturable", .bool(false))] + flags
    let signature = ["lr", "rho", "eps", "weight_decay", "foreach", "capturable", "maximize", "differentiable"]
    let checks: [OptionCheck] = [.lr, .number("rho", "Invalid rho value") { $0 >= 0 && $0 <= 1 }, .eps, .weightDecay]

    func update(_ parameter: Tensor, grad: Tensor, state: (any OptimizerParameterState)?,
                _ options: GroupOptions) throws -> (any OptimizerParameterState)? {
        let kept = try state as? OptimizerMath.AdadeltaState ?? OptimizerMath.AdadeltaState(like: parameter)
        try OptimizerMath.adadelta(parameter, grad: grad, state: kept, lr: try options.double("lr"), rho: try options.double("rho"),
                                   eps: try options.double("eps"), weightDecay: try options.double("weight_decay"),
                                   maximize: try options.bool("maximize"))
        return kept
    }

    func restore(_ saved: SavedOptimizerState) throws -> (any OptimizerParameterState)? {
        try saved.tensors("square_avg", "acc_delta").map { OptimizerMath.AdadeltaState(step: saved.step, squareAvg: $0.0, accDelta: $0.1) }
    }
}
