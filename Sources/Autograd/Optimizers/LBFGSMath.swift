import TensorEngine

extension OptimizerMath {
    /// LBFGS's options, PyTorch's defaults until the caller sets them from the group.
    public struct LBFGSOptions {
        public var lr = 1.0, maxIter = 20, maxEval = 25, toleranceGrad = 1e-7, toleranceChange = 1e-9
        public var historySize = 100, strongWolfe = false, maximize = false
        public init() {}
    }

    /// LBFGS's state, kept on the first parameter between steps: the evaluation and
    /// iteration counts, the last direction and step, and the curvature history.
    public final class LBFGSState: OptimizerParameterState {
        public internal(set) var funcEvals = 0, iterations = 0
        var direction: Tensor?, stepLength: LBFGSNumber?
        var oldDirections: [Tensor] = [], oldSteps: [Tensor] = [], ro: [LBFGSNumber] = []
        var hessianDiagonal: LBFGSNumber = 1
        var previousFlatGrad: Tensor?
        public init() {}
        /// PyTorch's entries here are numbers and lists (counts, the history), which this
        /// tensor-valued listing cannot hold, so `optimizer.state` shows none of them.
        public var entries: [(name: String, value: Tensor)] { [] }
    }

    /// `LBFGS.step(closure)`: up to `max_iter` quasi-Newton iterations over all parameters
    /// as one flat vector. `evaluate` runs the closure with grad mode on and returns its
    /// loss as a float; the first evaluation's loss is what `step` returns.
    public static func lbfgs(_ params: [Tensor], state: LBFGSState, _ options: LBFGSOptions,
                             evaluate: @escaping () throws -> Double) throws {
        let problem = LBFGSProblem(params: params, maximize: options.maximize, evaluate: evaluate)
        try GradMode.with(false) {
            var loss = try problem.loss()
            var currentEvals = 1
            state.funcEvals += 1
            var flatGrad = try problem.flatGrad()
            if try maxMagnitude(flatGrad) <= LBFGSNumber(options.toleranceGrad) { return }
            var iteration = 0
            while iteration < options.maxIter {
                iteration += 1
                state.iterations += 1
                let direction = try nextDirection(flatGrad, state, options)
                state.direction = direction
                state.previousFlatGrad = try flatGrad.clone()
                let previousLoss = loss
                var t: LBFGSNumber = state.iterations == 1
                    ? LBFGSNumber.pythonMin(1.0, 1.0 / (try sumMagnitude(flatGrad))) * LBFGSNumber(options.lr) : LBFGSNumber(options.lr)
                let gtd = try LBFGSNumber.of(try dot(flatGrad, direction))
                if gtd > -LBFGSNumber(options.toleranceChange) { state.stepLength = t; break }
                var evaluations = 0
                var optimal = false
                if options.strongWolfe {
                    let start = try params.map { try $0.clone() }
                    let search = try strongWolfe(problem, start: start, t: t, direction: direction, loss: loss, grad: flatGrad, gtd: gtd,
                                                 toleranceChange: options.toleranceChange, maxSearches: options.maxEval - currentEvals)
                    (loss, flatGrad, t, evaluations) = (search.loss, search.grad, search.t, search.evaluations)
                    try problem.addGrad(t, direction)
                    optimal = try maxMagnitude(flatGrad) <= LBFGSNumber(options.toleranceGrad)
                } else {
                    try problem.addGrad(t, direction)
                    if iteration != options.maxIter {
                        loss = try problem.loss()
                        flatGrad = try problem.flatGrad()
                        optimal = try maxMagnitude(flatGrad) <= LBFGSNumber(options.toleranceGrad)
                        evaluations = 1
                    }
                }
                state.stepLength = t
                currentEvals += evaluations
                state.funcEvals += evaluations
                if iteration == options.maxIter || currentEvals >= options.maxEval || optimal { break }
                if try maxMagnitude(try mul(direction, t.double)) <= LBFGSNumber(options.toleranceChange) { break }
                if Swift.abs(loss - previousLoss) < options.toleranceChange { break }
            }
        }
    }

    /// The search direction: the negative gradient at the first iteration, then the
    /// two-loop recursion over the curvature pairs, after adding the newest pair when its
    /// curvature `y·s` is positive enough.
    private static func nextDirection(_ flatGrad: Tensor, _ state: LBFGSState, _ options: LBFGSOptions) throws -> Tensor {
        guard state.iterations != 1, let previousGrad = state.previousFlatGrad, let direction = state.direction,
              let stepLength = state.stepLength else {
            (state.oldDirections, state.oldSteps, state.ro, state.hessianDiagonal) = ([], [], [], 1)
            return try neg(flatGrad)
        }
        let y = try sub(flatGrad, previousGrad)
        let s = try mul(direction, stepLength.double)
        let ys = try LBFGSNumber.of(try dot(y, s))
        if ys > 1e-10 {
            if state.oldDirections.count == options.historySize {
                state.oldDirections.removeFirst()
                state.oldSteps.removeFirst()
                state.ro.removeFirst()
            }
            state.oldDirections.append(y)
            state.oldSteps.append(s)
            state.ro.append(1.0 / ys)
            state.hessianDiagonal = ys / (try LBFGSNumber.of(try dot(y, y)))
        }
        var alphas: [LBFGSNumber] = Array(repeating: 0, count: state.oldDirections.count)
        let q = try neg(flatGrad)
        for index in state.oldDirections.indices.reversed() {
            alphas[index] = try LBFGSNumber.of(try dot(state.oldSteps[index], q)) * state.ro[index]
            try addScaledInPlace(q, state.oldDirections[index], (-alphas[index]).double)
        }
        let r = try mul(q, state.hessianDiagonal.double)
        for index in state.oldDirections.indices {
            let beta = try LBFGSNumber.of(try dot(state.oldDirections[index], r)) * state.ro[index]
            try addScaledInPlace(r, state.oldSteps[index], (alphas[index] - beta).double)
        }
        return r
    }
}

/// `flat.dot(other)` as PyTorch's 1-D matmul computes it.
func dot(_ a: Tensor, _ b: Tensor) throws -> Tensor { try Autodiff.matmul(a, b) }

/// `flat.abs().max()` and `flat.abs().sum()` as tensor numbers.
func maxMagnitude(_ flat: Tensor) throws -> LBFGSNumber { try LBFGSNumber.of(try flat.unary(.abs).max()) }
func sumMagnitude(_ flat: Tensor) throws -> LBFGSNumber { try LBFGSNumber.of(try flat.unary(.abs).sum(dims: nil, keepDim: false)) }

/// The parameters seen as one flat vector, and the closure that measures them.
struct LBFGSProblem {
    let params: [Tensor]
    let maximize: Bool
    let evaluate: () throws -> Double

    /// The closure's loss as a float (negated under `maximize`), run with grad mode on.
    func loss() throws -> Double {
        let value = try GradMode.with(true) { try evaluate() }
        return maximize ? -value : value
    }

    /// `_gather_flat_grad`: every gradient flattened and joined (zeros for a missing one).
    func flatGrad() throws -> Tensor {
        let views = try params.map { param in try param.grad?.reshape([-1]) ?? zeros([param.count], param.dtype) }
        let flat = try Autodiff.concatenate(views, dim: 0)
        return maximize ? try neg(flat) : flat
    }

    /// `_add_grad`: each parameter moved by its slice of `update` times `stepSize`.
    func addGrad(_ stepSize: LBFGSNumber, _ update: Tensor) throws {
        var offset = 0
        for param in params {
            let slice = try update.narrow(0, start: offset, length: param.count).reshape(param.shape)
            try addScaledInPlace(param, slice, stepSize.double)
            offset += param.count
        }
    }

    /// `_directional_evaluate`: the loss and flat gradient at start + t·direction, after
    /// which the parameters return to `start`.
    func evaluate(at start: [Tensor], _ t: LBFGSNumber, _ direction: Tensor) throws -> (Double, Tensor) {
        try addGrad(t, direction)
        let value = try loss()
        let grad = try flatGrad()
        for (param, saved) in zip(params, start) { try assign(param, saved) }
        return (value, grad)
    }
}
