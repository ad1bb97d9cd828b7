import Glibc
import TensorEngine

extension OptimizerMath {
    /// `_single_tensor_radam`: Adam's state without `max_exp_avg_sq`, and an update rectified
    /// by the variance estimate once it is tractable (rho_t > 5).
    public static func radam(_ param: Tensor, grad rawGrad: Tensor, state: AdamState, _ options: AdamOptions) throws {
        try GradMode.with(false) {
            state.step += 1
            let step = state.step
            let grad = try decayedGradient(param, rawGrad, options)
            try assign(state.expAvg, try lerp(state.expAvg, grad, 1 - options.beta1))
            try assign(state.expAvgSq, try addProduct(try mul(state.expAvgSq, options.beta2), grad, grad, 1 - options.beta2))
            let biasCorrection1 = 1 - pow(options.beta1, step)
            let biasCorrection2 = 1 - pow(options.beta2, step)
            let correctedAverage = try div(state.expAvg, biasCorrection1)
            let rhoInf = 2 / (1 - options.beta2) - 1
            let rhoT = rhoInf - 2 * step * pow(options.beta2, step) / biasCorrection2
            var update = try mul(correctedAverage, options.lr)
            if rhoT > 5.0 {
                let rect = ((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT)).squareRoot()
                // `scalar / tensor` is Tensor.__rtruediv__: the reciprocal, then a multiply.
                let root = try add(try state.expAvgSq.unary(.sqrt), options.eps)
                let adaptiveLR = try mul(try root.unary(.reciprocal), biasCorrection2.squareRoot())
                update = try mul(try mul(update, adaptiveLR), rect)
            }
            try addScaledInPlace(param, update, -1.0)
        }
    }
}
