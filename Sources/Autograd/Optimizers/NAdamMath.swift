import Glibc
import TensorEngine

extension OptimizerMath {
    /// NAdam's state: `step`, the running product of momentum coefficients `mu_product`
    /// (a float32 scalar in PyTorch, so rounded to float at each step), `exp_avg`, `exp_avg_sq`.
    public final class NAdamState: OptimizerParameterState {
        public var step: Double
        public var muProduct: Float
        public let expAvg: Tensor, expAvgSq: Tensor
        public init(like param: Tensor) throws {
            (step, muProduct) = (0, 1)
            expAvg = try zerosLike(param)
            expAvgSq = try zerosLike(param)
        }
        public init(step: Double, muProduct: Float, expAvg: Tensor, expAvgSq: Tensor) {
            (self.step, self.muProduct, self.expAvg, self.expAvgSq) = (step, muProduct, expAvg, expAvgSq)
        }
        public var entries: [(name: String, value: Tensor)] {
            [stepEntry(step), ("mu_product", Tensor(scalar: muProduct)), ("exp_avg", expAvg), ("exp_avg_sq", expAvgSq)]
        }
    }

    /// `_single_tensor_nadam`; Adam's options (with `decoupled_weight_decay`) and the
    /// momentum decay.
    public static func nadam(_ param: Tensor, grad rawGrad: Tensor, state: NAdamState, _ options: AdamOptions, momentumDecay: Double) throws {
        try GradMode.with(false) {
            state.step += 1
            let step = state.step
            let biasCorrection2 = 1 - pow(options.beta2, step)
            let grad = try decayedGradient(param, rawGrad, options)
            let mu = options.beta1 * (1.0 - 0.5 * pow(0.96, step * momentumDecay))
            let muNext = options.beta1 * (1.0 - 0.5 * pow(0.96, (step + 1) * momentumDecay))
            state.muProduct *= Float(mu)
            try assign(state.expAvg, try lerp(state.expAvg, grad, 1 - options.beta1))
            try assign(state.expAvgSq, try addProduct(try mul(state.expAvgSq, options.beta2), grad, grad, 1 - options.beta2))
            let denominator = try add(try div(state.expAvgSq, biasCorrection2).unary(.sqrt), options.eps)
            let muProduct = Double(state.muProduct)
            let muProductNext = muProduct * muNext
            try assign(param, try addQuotient(param, grad, denominator, -options.lr * (1.0 - mu) / (1.0 - muProduct)))
            try assign(param, try addQuotient(param, state.expAvg, denominator, (-options.lr * muNext) / (1.0 - muProductNext)))
        }
    }
}
