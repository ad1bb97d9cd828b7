import Glibc
import TensorEngine

extension OptimizerMath {
    /// Rprop's state: `step`, the previous gradient `prev`, and each element's `step_size`,
    /// which starts at the group's learning rate.
    public final class RpropState: OptimizerParameterState {
        public var step: Double
        public let prev: Tensor, stepSize: Tensor
        public init(like param: Tensor, lr: Double) throws {
            step = 0
            prev = try zerosLike(param)
            stepSize = try zerosLike(param)
            stepSize.fill(.float(lr))
        }
        public init(step: Double, prev: Tensor, stepSize: Tensor) { (self.step, self.prev, self.stepSize) = (step, prev, stepSize) }
        public var entries: [(name: String, value: Tensor)] { [stepEntry(step), ("prev", prev), ("step_size", stepSize)] }
    }

    /// `_single_tensor_rprop`: each step size grows by `etaplus` while the gradient keeps its
    /// sign and shrinks by `etaminus` when it flips (that element then skips its update).
    public static func rprop(_ param: Tensor, grad rawGrad: Tensor, state: RpropState, etas: (minus: Double, plus: Double),
                             stepSizes: (min: Double, max: Double), maximize: Bool) throws {
        try GradMode.with(false) {
            let grad = maximize ? try neg(rawGrad) : rawGrad
            state.step += 1
            var sign = try mul(grad, state.prev).unary(.sign)
            sign = try whereSelect(try compare(.greater, sign, 0), .scalar(.float(etas.plus)), .tensor(sign))
            sign = try whereSelect(try compare(.less, sign, 0), .scalar(.float(etas.minus)), .tensor(sign))
            sign = try whereSelect(try compare(.equal, sign, 0), .scalar(.float(1)), .tensor(sign))
            try assign(state.stepSize, try mul(state.stepSize, sign).clamp(min: .scalar(.float(stepSizes.min)),
                                                                                  max: .scalar(.float(stepSizes.max))))
            let kept = try whereSelect(try compare(.equal, sign, etas.minus), .scalar(.float(0)), .tensor(grad))
            try assign(param, try addProduct(param, try kept.unary(.sign), state.stepSize, -1))
            try assign(state.prev, kept)
        }
    }

    public struct ASGDOptions {
        public var lr: Double, lambd: Double, alpha: Double, t0: Double, weightDecay: Double, maximize: Bool
        public init(lr: Double, lambd: Double, alpha: Double, t0: Double, weightDecay: Double, maximize: Bool) {
            (self.lr, self.lambd, self.alpha, self.t0, self.weightDecay, self.maximize) = (lr, lambd, alpha, t0, weightDecay, maximize)
        }
    }

    /// ASGD's state: `step`, the step size `eta` and averaging weight `mu` (float32 scalars
    /// in PyTorch), and the averaged parameter `ax`.
    public final class ASGDState: OptimizerParameterState {
        public var step: Double
        public var eta: Float, mu: Float
        public let ax: Tensor
        public init(like param: Tensor, lr: Double) throws {
            (step, eta, mu) = (0, Float(lr), 1)
            ax = try zerosLike(param)
        }
        public init(step: Double, eta: Float, mu: Float, ax: Tensor) { (self.step, self.eta, self.mu, self.ax) = (step, eta, mu, ax) }
        public var entries: [(name: String, value: Tensor)] {
            [stepEntry(step), ("eta", Tensor(scalar: eta)), ("mu", Tensor(scalar: mu)), ("ax", ax)]
        }
    }

    /// `_single_tensor_asgd`.
    public static func asgd(_ param: Tensor, grad rawGrad: Tensor, state: ASGDState, _ options: ASGDOptions) throws {
        try GradMode.with(false) {
            var grad = options.maximize ? try neg(rawGrad) : rawGrad
            state.step += 1
            if options.weightDecay != 0 { grad = try addScaled(grad, param, options.weightDecay) }
            let eta = Double(state.eta)
            try assign(param, try mul(param, 1 - options.lambd * eta))
            try addScaledInPlace(param, grad, -eta)
            if state.mu != 1 {
                try assign(state.ax, try add(state.ax, try mul(try sub(param, state.ax), Double(state.mu))))
            } else {
                try assign(state.ax, param)
            }
            state.eta = Float(options.lr / pow(1 + options.lambd * options.lr * state.step, options.alpha))
            state.mu = Float(1 / max(1, state.step - options.t0))
        }
    }
}
