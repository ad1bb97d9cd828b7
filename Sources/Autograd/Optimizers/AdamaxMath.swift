import Glibc
import TensorEngine

extension OptimizerMath {
    /// Adamax's state: `step`, `exp_avg` and the infinity-norm average `exp_inf`.
    public final class AdamaxState: OptimizerParameterState {
        public var step: Double
        public let expAvg: Tensor, expInf: Tensor
        public init(like param: Tensor) throws {
            step = 0
            expAvg = try zerosLike(param)
            expInf = try zerosLike(param)
        }
        public init(step: Double, expAvg: Tensor, expInf: Tensor) { (self.step, self.expAvg, self.expInf) = (step, expAvg, expInf) }
        public var entries: [(name: String, value: Tensor)] { [stepEntry(step), ("exp_avg", expAvg), ("exp_inf", expInf)] }
    }

    /// `_single_tensor_adamax` (Adam's betas, eps and weight decay).
    public static func adamax(_ param: Tensor, grad rawGrad: Tensor, state: AdamaxState, _ options: AdamOptions) throws {
        try GradMode.with(false) {
            var grad = options.maximize ? try neg(rawGrad) : rawGrad
            state.step += 1
            if options.weightDecay != 0 { grad = try addScaled(grad, param, options.weightDecay) }
            try assign(state.expAvg, try lerp(state.expAvg, grad, 1 - options.beta1))
            let decayed = try mul(state.expInf, options.beta2)
            let norm = try add(try grad.unary(.abs), options.eps)
            try assign(state.expInf, try binary(.maximum, .tensor(decayed), .tensor(norm)))
            let clr = options.lr / (1 - pow(options.beta1, state.step))
            try assign(param, try addQuotient(param, state.expAvg, state.expInf, -clr))
        }
    }
}
