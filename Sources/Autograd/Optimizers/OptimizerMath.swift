import Glibc
import TensorEngine

/// The single-tensor CPU update rules of `torch.optim`, in PyTorch's operation order, so
/// that weights after a few steps print exactly as PyTorch prints them. Each runs with
/// grad mode off and updates the parameter and its state in place.
public enum OptimizerMath {
    public struct SGDOptions {
        public var lr: Double, momentum: Double, dampening: Double, weightDecay: Double
        public var nesterov: Bool, maximize: Bool
        public init(lr: Double, momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool, maximize: Bool) {
            (self.lr, self.momentum, self.dampening, self.weightDecay, self.nesterov, self.maximize) =
                (lr, momentum, dampening, weightDecay, nesterov, maximize)
        }
    }

    /// `_single_tensor_sgd`; returns the momentum buffer to keep.
    public static func sgd(_ param: Tensor, grad rawGrad: Tensor, buffer: Tensor?, _ options: SGDOptions) throws -> Tensor? {
        try GradMode.with(false) {
            var grad = options.maximize ? try neg(rawGrad) : rawGrad
            if options.weightDecay != 0 { grad = try addScaled(grad, param, options.weightDecay) }
            var keptBuffer = buffer
            if options.momentum != 0 {
                if let buffer {
                    try assign(buffer, try addScaled(try mul(buffer, options.momentum), grad, 1 - options.dampening))
                } else {
                    keptBuffer = try grad.clone()
                }
                grad = options.nesterov ? try addScaled(grad, keptBuffer!, options.momentum) : keptBuffer!
            }
            try addScaledInPlace(param, grad, -options.lr)
            return keptBuffer
        }
    }

    public struct AdamOptions {
        public var lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double
        public var amsgrad: Bool, maximize: Bool, decoupledWeightDecay: Bool
        public init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double,
                    amsgrad: Bool, maximize: Bool, decoupledWeightDecay: Bool) {
            (self.lr, self.beta1, self.beta2, self.eps, self.weightDecay) = (lr, beta1, beta2, eps, weightDecay)
            (self.amsgrad, self.maximize, self.decoupledWeightDecay) = (amsgrad, maximize, decoupledWeightDecay)
        }
    }

    /// Adam's per-parameter state: `step`, `exp_avg`, `exp_avg_sq`, `max_exp_avg_sq`.
    public final class AdamState {
        public var step = 0.0
        public let expAvg: Tensor, expAvgSq: Tensor
        public let maxExpAvgSq: Tensor?
        public init(like param: Tensor, amsgrad: Bool) throws {
            expAvg = try zerosLike(param)
            expAvgSq = try zerosLike(param)
            maxExpAvgSq = amsgrad ? try zerosLike(param) : nil
        }
        /// A state restored by `load_state_dict`, sharing the given tensors.
        public init(step: Double, expAvg: Tensor, expAvgSq: Tensor, maxExpAvgSq: Tensor?) {
            (self.step, self.expAvg, self.expAvgSq, self.maxExpAvgSq) = (step, expAvg, expAvgSq, maxExpAvgSq)
        }
    }

    /// `_single_tensor_adam` (AdamW: decoupled weight decay).
    public static func adam(_ param: Tensor, grad rawGrad: Tensor, state: AdamState, _ options: AdamOptions) throws {
        try GradMode.with(false) {
            state.step += 1
            let grad = try decayedGradient(param, rawGrad, options)
            try assign(state.expAvg, try lerp(state.expAvg, grad, 1 - options.beta1))
            try assign(state.expAvgSq, try addProduct(try mul(state.expAvgSq, options.beta2), grad, grad, 1 - options.beta2))
            let biasCorrection1 = 1 - pow(options.beta1, state.step)
            let biasCorrection2 = 1 - pow(options.beta2, state.step)
            let stepSize = options.lr / biasCorrection1
            let biasCorrection2Root = biasCorrection2.squareRoot()
            var second = state.expAvgSq
            if let maximum = state.maxExpAvgSq {
                try assign(maximum, try binary(.maximum, .tensor(maximum), .tensor(state.expAvgSq)))
                second = maximum
            }
            let denominator = try add(try div(try second.unary(.sqrt), biasCorrection2Root), options.eps)
            try assign(param, try addQuotient(param, state.expAvg, denominator, -stepSize))
        }
    }

    /// The Adam family's first step: the gradient negated for `maximize`, then weight decay,
    /// either added to the gradient or (decoupled) shrinking the parameter in place.
    static func decayedGradient(_ param: Tensor, _ rawGrad: Tensor, _ options: AdamOptions) throws -> Tensor {
        let grad = options.maximize ? try neg(rawGrad) : rawGrad
        guard options.weightDecay != 0 else { return grad }
        if options.decoupledWeightDecay {
            try assign(param, try mul(param, 1 - options.lr * options.weightDecay))
            return grad
        }
        return try addScaled(grad, param, options.weightDecay)
    }

    /// Adadelta's state: `square_avg` and `acc_delta`.
    public final class AdadeltaState {
        public var step = 0.0
        public let squareAvg: Tensor, accDelta: Tensor
        public init(like param: Tensor) throws {
            squareAvg = try zerosLike(param)
            accDelta = try zerosLike(param)
        }
        public init(step: Double, squareAvg: Tensor, accDelta: Tensor) {
            (self.step, self.squareAvg, self.accDelta) = (step, squareAvg, accDelta)
        }
    }

    /// `_single_tensor_adadelta`.
    public static func adadelta(_ param: Tensor, grad rawGrad: Tensor, state: AdadeltaState,
                                lr: Double, rho: Double, eps: Double, weightDecay: Double, maximize: Bool) throws {
        try GradMode.with(false) {
            var grad = maximize ? try neg(rawGrad) : rawGrad
            state.step += 1
            if weightDecay != 0 { grad = try addScaled(grad, param, weightDecay) }
            try assign(state.squareAvg, try addProduct(try mul(state.squareAvg, rho), grad, grad, 1 - rho))
            let std = try add(state.squareAvg, eps).unary(.sqrt)
            var delta = try add(state.accDelta, eps).unary(.sqrt)
            delta = try mul(try div(delta, std), grad)
            try assign(state.accDelta, try addProduct(try mul(state.accDelta, rho), delta, delta, 1 - rho))
            try addScaledInPlace(param, delta, -lr)
        }
    }
}
