import TensorEngine

extension OptimizerMath {
    public struct RMSpropOptions {
        public var lr: Double, alpha: Double, eps: Double, weightDecay: Double, momentum: Double
        public var centered: Bool, maximize: Bool
        public init(lr: Double, alpha: Double, eps: Double, weightDecay: Double, momentum: Double, centered: Bool, maximize: Bool) {
            (self.lr, self.alpha, self.eps, self.weightDecay, self.momentum) = (lr, alpha, eps, weightDecay, momentum)
            (self.centered, self.maximize) = (centered, maximize)
        }
    }

    /// RMSprop's state: `square_avg`, then `momentum_buffer` (momentum > 0) and `grad_avg`
    /// (centered), each created on the first step.
    public final class RMSpropState: OptimizerParameterState {
        public var step: Double
        public let squareAvg: Tensor, momentumBuffer: Tensor?, gradAvg: Tensor?
        public init(like param: Tensor, momentum: Bool, centered: Bool) throws {
            step = 0
            squareAvg = try zerosLike(param)
            momentumBuffer = momentum ? try zerosLike(param) : nil
            gradAvg = centered ? try zerosLike(param) : nil
        }
        public init(step: Double, squareAvg: Tensor, momentumBuffer: Tensor?, gradAvg: Tensor?) {
            (self.step, self.squareAvg, self.momentumBuffer, self.gradAvg) = (step, squareAvg, momentumBuffer, gradAvg)
        }
        public var entries: [(name: String, value: Tensor)] {
            [stepEntry(step), ("square_avg", squareAvg)] + (momentumBuffer.map { [("momentum_buffer", $0)] } ?? [])
                + (gradAvg.map { [("grad_avg", $0)] } ?? [])
        }
    }

    /// `_single_tensor_rmsprop`.
    public static func rmsprop(_ param: Tensor, grad rawGrad: Tensor, state: RMSpropState, _ options: RMSpropOptions) throws {
        try GradMode.with(false) {
            var grad = options.maximize ? try neg(rawGrad) : rawGrad
            state.step += 1
            if options.weightDecay != 0 { grad = try addScaled(grad, param, options.weightDecay) }
            try assign(state.squareAvg, try addProduct(try mul(state.squareAvg, options.alpha), grad, grad, 1 - options.alpha))
            var average: Tensor
            if options.centered, let gradAvg = state.gradAvg {
                try assign(gradAvg, try lerp(gradAvg, grad, 1 - options.alpha))
                average = try addProduct(state.squareAvg, gradAvg, gradAvg, -1).unary(.sqrt)
            } else {
                average = try state.squareAvg.unary(.sqrt)
            }
            average = try add(average, options.eps)
            // The caller makes sure a state has the buffer whenever momentum is on.
            if options.momentum > 0, let buffer = state.momentumBuffer {
                try assign(buffer, try addQuotient(try mul(buffer, options.momentum), grad, average, 1))
                try addScaledInPlace(param, buffer, -options.lr)
            } else {
                try assign(param, try addQuotient(param, grad, average, -options.lr))
            }
        }
    }
}
