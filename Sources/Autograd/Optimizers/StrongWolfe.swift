import TensorEngine

/// One point of the line search: step length, loss, flat gradient and directional derivative.
private struct SearchPoint {
    var t: LBFGSNumber, loss: LBFGSNumber, grad: Tensor, gtd: LBFGSNumber
}

struct LineSearchResult {
    let loss: Double, grad: Tensor, t: LBFGSNumber, evaluations: Int
}

extension OptimizerMath {
    /// `_strong_wolfe`: a step along `direction` satisfying the strong Wolfe conditions
    /// (c1 = 1e-4, c2 = 0.9), first bracketing one, then zooming in by cubic interpolation.
    static func strongWolfe(_ problem: LBFGSProblem, start: [Tensor], t initialT: LBFGSNumber, direction: Tensor, loss: Double,
                            grad: Tensor, gtd: LBFGSNumber, toleranceChange: Double, maxSearches: Int) throws -> LineSearchResult {
        let directionNorm = try maxMagnitude(direction)
        let origin = SearchPoint(t: 0, loss: LBFGSNumber(loss), grad: try grad.clone(), gtd: gtd)
        var t = initialT
        var (newLoss, newGrad) = try problem.evaluate(at: start, t, direction)
        var evaluations = 1
        var newGtd = try LBFGSNumber.of(try dot(newGrad, direction))
        var previous = origin
        var done = false
        var iteration = 0
        var bracket: [SearchPoint] = []
        let sufficientDecrease = { (t: LBFGSNumber, value: Double) in LBFGSNumber(value) > origin.loss + 1e-4 * t * gtd }
        while iteration < maxSearches {
            let current = SearchPoint(t: t, loss: LBFGSNumber(newLoss), grad: newGrad, gtd: newGtd)
            if sufficientDecrease(t, newLoss) || (iteration > 1 && LBFGSNumber(newLoss) >= previous.loss) {
                bracket = [previous, current]
                break
            }
            if newGtd.magnitude <= -0.9 * gtd {
                (bracket, done) = ([current], true)
                break
            }
            if newGtd >= 0 {
                bracket = [previous, current]
                break
            }
            let minStep = t + 0.01 * (t - previous.t)
            let maxStep = t * 10
            t = cubicInterpolate(previous.t, previous.loss, previous.gtd, t, current.loss, newGtd, bounds: (minStep, maxStep))
            previous = current
            (newLoss, newGrad) = try problem.evaluate(at: start, t, direction)
            evaluations += 1
            newGtd = try LBFGSNumber.of(try dot(newGrad, direction))
            iteration += 1
        }
        if iteration == maxSearches {
            bracket = [origin, SearchPoint(t: t, loss: LBFGSNumber(newLoss), grad: newGrad, gtd: newGtd)]
        }
        // A negative evaluation budget (max_eval below the evaluations already made) leaves
        // PyTorch's bracket unset too.
        guard !bracket.isEmpty else {
            throw TensorError(.runtimeError, "LBFGS line search has no evaluations left: max_eval is below the evaluations made")
        }
        let zoom = ZoomState(bracket: bracket, done: done, iteration: iteration, evaluations: evaluations)
        let best = try zoomIn(problem, zoom, start: start, direction: direction, directionNorm: directionNorm, origin: origin,
                              toleranceChange: toleranceChange, maxSearches: maxSearches)
        return LineSearchResult(loss: best.point.loss.double, grad: best.point.grad, t: best.point.t, evaluations: best.evaluations)
    }

    private struct ZoomState {
        var bracket: [SearchPoint], done: Bool, iteration: Int, evaluations: Int
    }

    /// The zoom phase: shrink the bracket by safeguarded cubic interpolation until the
    /// strong Wolfe conditions hold, the bracket is too small, or the evaluations run out.
    private static func zoomIn(_ problem: LBFGSProblem, _ initial: ZoomState, start: [Tensor], direction: Tensor,
                               directionNorm: LBFGSNumber, origin: SearchPoint, toleranceChange: Double,
                               maxSearches: Int) throws -> (point: SearchPoint, evaluations: Int) {
        var state = initial
        var bracket = state.bracket
        var insufficientProgress = false
        var (low, high) = bracket.count < 2 || bracket[0].loss <= bracket[1].loss ? (0, 1) : (1, 0)
        while !state.done && state.iteration < maxSearches {
            if (bracket[1].t - bracket[0].t).magnitude * directionNorm < LBFGSNumber(toleranceChange) { break }
            var t = cubicInterpolate(bracket[0].t, bracket[0].loss, bracket[0].gtd, bracket[1].t, bracket[1].loss, bracket[1].gtd)
            let upper = LBFGSNumber.pythonMax(bracket[0].t, bracket[1].t), lower = LBFGSNumber.pythonMin(bracket[0].t, bracket[1].t)
            let eps = 0.1 * (upper - lower)
            if LBFGSNumber.pythonMin(upper - t, t - lower) < eps {
                if insufficientProgress || t >= upper || t <= lower {
                    t = (t - upper).magnitude < (t - lower).magnitude ? upper - eps : lower + eps
                    insufficientProgress = false
                } else {
                    insufficientProgress = true
                }
            } else {
                insufficientProgress = false
            }
            let (newLoss, newGrad) = try problem.evaluate(at: start, t, direction)
            state.evaluations += 1
            state.iteration += 1
            let point = SearchPoint(t: t, loss: LBFGSNumber(newLoss), grad: newGrad, gtd: try LBFGSNumber.of(try dot(newGrad, direction)))
            if point.loss > origin.loss + 1e-4 * t * origin.gtd || point.loss >= bracket[low].loss {
                bracket[high] = point
                (low, high) = bracket[0].loss <= bracket[1].loss ? (0, 1) : (1, 0)
            } else {
                if point.gtd.magnitude <= -0.9 * origin.gtd {
                    state.done = true
                } else if point.gtd * (bracket[high].t - bracket[low].t) >= 0 {
                    bracket[high] = bracket[low]
                }
                bracket[low] = point
            }
        }
        return (bracket[low], state.evaluations)
    }
}
