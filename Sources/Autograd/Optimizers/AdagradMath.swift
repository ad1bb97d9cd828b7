import TensorEngine

extension OptimizerMath {
    public struct AdagradOptions {
        public var lr: Double, lrDecay: Double, weightDecay: Double, eps: Double, maximize: Bool
        public init(lr: Double, lrDecay: Double, weightDecay: Double, eps: Double, maximize: Bool) {
            (self.lr, self.lrDecay, self.weightDecay, self.eps, self.maximize) = (lr, lrDecay, weightDecay, eps, maximize)
        }
    }

    /// Adagrad's state, made when the optimizer is: `step` and the running `sum` of squared
    /// gradients, which starts at `initial_accumulator_value`.
    public final class AdagradState: OptimizerParameterState {
        public var step: Double
        public let sum: Tensor
        public init(like param: Tensor, initialAccumulator: Double) throws {
            step = 0
            sum = try zerosLike(param)
            sum.fill(.float(initialAccumulator))
        }
        public init(step: Double, sum: Tensor) { (self.step, self.sum) = (step, sum) }
        public var entries: [(name: String, value: Tensor)] { [stepEntry(step), ("sum", sum)] }
    }

    /// `_single_tensor_adagrad` for dense gradients.
    public static func adagrad(_ param: Tensor, grad rawGrad: Tensor, state: AdagradState, _ options: AdagradOptions) throws {
        try GradMode.with(false) {
            state.step += 1
            var grad = options.maximize ? try neg(rawGrad) : rawGrad
            if options.weightDecay != 0 { grad = try addScaled(grad, param, options.weightDecay) }
            let clr = options.lr / (1 + (state.step - 1) * options.lrDecay)
            try assign(state.sum, try addProduct(state.sum, grad, grad, 1))
            let std = try add(try state.sum.unary(.sqrt), options.eps)
            try assign(param, try addQuotient(param, grad, std, -clr))
        }
    }
}
