import Autograd
import TensorEngine

/// `torch.optim.LBFGS`: one param group, and a `step(closure)` that runs its iterations
/// (`OptimizerMath.lbfgs`) and returns the closure's first loss.
struct LBFGSAlgorithm: OptimizerAlgorithm {
    let name = "LBFGS"
    let defaults: [(String, Value)] = [
        ("lr", .int(1)), ("max_iter", .int(20)), ("max_eval", .none), ("tolerance_grad", .float(1e-7)), ("tolerance_change", .float(1e-9)),
        ("history_size", .int(100)), ("line_search_fn", .none), ("maximize", .bool(false))]
    let checks: [OptionCheck] = [.lr]
    var allowsGroups: Bool { false }

    /// `max_eval` defaults to `max_iter * 5 // 4`.
    func complete(_ options: inout [(String, Value)], _ interpreter: Interpreter) throws {
        guard let index = options.firstIndex(where: { $0.0 == "max_eval" }), case .none = options[index].1,
              let iterations = options.first(where: { $0.0 == "max_iter" })?.1 else { return }
        let count = Int(try interpreter.pythonInt(iterations))
        options[index].1 = .int(Int64((count * 5).floorDivided(by: 4)))
    }

    func stepWhole(_ optimizer: Optimizer, closure: Value?, _ interpreter: Interpreter) throws -> Value? {
        guard let closure, !closure.isNone else {
            throw PythonError.typeError("LBFGS.step() missing 1 required positional argument: 'closure'")
        }
        let parameters = try optimizer.parameters()
        guard let first = parameters.first, case let .dict(group)? = optimizer.paramGroups.items.first else {
            return try interpreter.call(closure, CallArguments())
        }
        let options = try lbfgsOptions(GroupOptions(group, interpreter: interpreter), interpreter)
        let state = optimizer.states[ObjectIdentifier(first)] as? OptimizerMath.LBFGSState ?? OptimizerMath.LBFGSState()
        optimizer.states[ObjectIdentifier(first)] = state
        var firstLoss: Value?
        try OptimizerMath.lbfgs(parameters, state: state, options) {
            let loss = try interpreter.call(closure, CallArguments())
            if firstLoss == nil { firstLoss = loss }
            // LBFGS.step runs under no_grad, so float(loss) does not warn there.
            return try GradMode.with(false) { try interpreter.convertToFloat(loss) }
        }
        return firstLoss ?? .none
    }

    private func lbfgsOptions(_ options: GroupOptions, _ interpreter: Interpreter) throws -> OptimizerMath.LBFGSOptions {
        let search = options.group[.string("line_search_fn")] ?? .none
        let isStrongWolfe = if case .string("strong_wolfe") = search { true } else { false }
        if !search.isNone, !isStrongWolfe {
            throw PythonError("RuntimeError", "only 'strong_wolfe' is supported")
        }
        func integer(_ key: String) throws -> Int { Int(try interpreter.pythonInt(options.group[.string(key)] ?? .int(0))) }
        var lbfgs = OptimizerMath.LBFGSOptions()
        (lbfgs.lr, lbfgs.maxIter, lbfgs.maxEval) = (try options.double("lr"), try integer("max_iter"), try integer("max_eval"))
        (lbfgs.toleranceGrad, lbfgs.toleranceChange) = (try options.double("tolerance_grad"), try options.double("tolerance_change"))
        (lbfgs.historySize, lbfgs.strongWolfe, lbfgs.maximize) = (try integer("history_size"), !search.isNone, try options.bool("maximize"))
        return lbfgs
    }

    /// LBFGS keeps its curvature history only while the optimizer lives; a loaded state
    /// restarts the iterations, as PyTorch's would with an empty history.
    func update(_ parameter: Tensor, grad: Tensor, state: (any OptimizerParameterState)?,
                _ options: GroupOptions) throws -> (any OptimizerParameterState)? { state }

    func restore(_ saved: SavedOptimizerState) throws -> (any OptimizerParameterState)? { nil }
}
