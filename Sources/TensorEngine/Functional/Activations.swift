import Glibc

/// Pointwise activations beyond the basic `UnaryOp`s, each with PyTorch's formula and
/// its CPU kernel name (used in the "not implemented for 'Long'" error).
public enum Activation: Sendable, Equatable {
    case leakyReLU(negativeSlope: Double)
    /// ELU, SELU and CELU share one kernel: x > 0 ? x·scale : (exp(x·inputScale) - 1)·alpha·scale.
    case elu(alpha: Double, scale: Double, inputScale: Double)
    case gelu(tanhApproximation: Bool)
    case silu
    case softplus(beta: Double, threshold: Double)
    case mish
    case logSigmoid
    case hardsigmoid
    case hardswish
    case softsign

    /// SELU's constants from the self-normalizing networks paper, as PyTorch spells them.
    public static let selu = Activation.elu(alpha: 1.6732632423543772848170429916717,
                                            scale: 1.0507009873554804934193349852946, inputScale: 1)

    public static func celu(alpha: Double) -> Activation { .elu(alpha: alpha, scale: 1, inputScale: 1 / alpha) }

    var kernelName: String {
        switch self {
        case .leakyReLU: "leaky_relu_cpu"
        case .elu: "elu_cpu"
        case .gelu: "GeluKernelImpl"
        case .silu: "silu_cpu"
        case .softplus: "softplus_cpu"
        case .mish: "mish_cpu"
        case .logSigmoid: "log_sigmoid_cpu"
        case .hardsigmoid: "hardsigmoid_cpu"
        case .hardswish: "hardswish_cpu"
        case .softsign: "div_true_cpu"
        }
    }

    /// The double-precision formula of PyTorch's float64 kernels.
    var function: (Double) -> Double {
        switch self {
        case let .leakyReLU(slope):
            return { $0 > 0 ? $0 : $0 * slope }
        case let .elu(alpha, scale, inputScale):
            return { $0 > 0 ? $0 * scale : Glibc.expm1($0 * inputScale) * alpha * scale }
        case let .gelu(tanhApproximation):
            if tanhApproximation {
                let kappa = Glibc.sqrt(2 / Double.pi)
                return { x in 0.5 * x * (1 + Glibc.tanh(kappa * (x + 0.044715 * x * x * x))) }
            }
            return { x in x * 0.5 * (1 + Glibc.erf(x * 0.70710678118654752440)) }
        case .silu:
            return { $0 / (1 + Glibc.exp(-$0)) }
        case let .softplus(beta, threshold):
            return { x in x * beta > threshold ? x : Glibc.log1p(Glibc.exp(x * beta)) / beta }
        case .mish:
            return { x in x * Glibc.tanh(Glibc.log1p(Glibc.exp(x))) }
        case .logSigmoid:
            // min(x, 0) - log1p(exp(-|x|)) never overflows.
            return { x in Swift.min(x, 0) - Glibc.log1p(Glibc.exp(-Swift.abs(x))) }
        case .hardsigmoid:
            return { x in Swift.min(Swift.max(x + 3, 0), 6) / 6 }
        case .hardswish:
            return { x in x * Swift.min(Swift.max(x + 3, 0), 6) / 6 }
        case .softsign:
            return { x in x / (1 + Swift.abs(x)) }
        }
    }
}

extension Tensor {
    /// Applies a floating-point activation; integer inputs raise as PyTorch's kernels do.
    public func activation(_ activation: Activation) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            // softsign is a composite that promotes integers to float.
            if activation == .softsign {
                return try to(defaultFloatDType).activation(activation)
            }
            throw TensorError.kernelNotImplemented(activation.kernelName, dtype)
        }
        if activation == .softsign, dtype != .float32, dtype != .float64 {
            // A composite in PyTorch: float16 and bfloat16 round after the add and the divide.
            let denominator = try binary(.add, .tensor(try unary(.abs)), .scalar(.int(1)))
            return try binary(.divide, .tensor(self), .tensor(denominator))
        }
        if let result = try computedInFloat32({ try $0.activation(activation) }) { return result }
        if dtype == .float32 { return try float32Activation(activation) }
        return try map(Double.self, Double.self, activation.function)
    }

    /// PyTorch's float32 kernels: float arithmetic with float libm calls, or the
    /// vector kernels where PyTorch's replace a libm call with a polynomial. Each formula
    /// is written at its `map` call so the loop inlines it (and vectorises leaky_relu,
    /// hardswish and the like) instead of calling a closure per element, which ran them
    /// 5-28 times slower than PyTorch.
    private func float32Activation(_ activation: Activation) throws -> Tensor {
        switch activation {
        case let .gelu(tanhApproximation):
            return try tanhApproximation ? float32TanhGELU() : float32GELU()
        case .silu:
            return try float32SiLU()
        case let .softplus(beta, threshold):
            return try float32Softplus(beta: Float(beta), threshold: Float(threshold))
        case let .elu(alpha, scale, inputScale):
            return try float32ELU(alpha: Float(alpha), scale: Float(scale), inputScale: Float(inputScale))
        case .mish:
            return try float32Mish()
        case .logSigmoid:
            return try float32LogSigmoid()
        case let .leakyReLU(slope):
            let factor = Float(slope)
            return try map(Float.self, Float.self) { $0 > 0 ? $0 : $0 * factor }
        // PyTorch evaluates these in float arithmetic, each step rounded to float32;
        // one double evaluation rounded at the end differs in the last bit for ~13%
        // of inputs.
        case .hardsigmoid:
            return try map(Float.self, Float.self) { x in Swift.min(Swift.max(x + 3, 0), 6) / 6 }
        case .hardswish:
            return try map(Float.self, Float.self) { x in x * Swift.min(Swift.max(x + 3, 0), 6) / 6 }
        case .softsign:
            return try map(Float.self, Float.self) { x in x / (Swift.abs(x) + 1) }
        }
    }

    /// `hardtanh` (and `relu6`): clamps to [minimum, maximum], keeping integer dtypes.
    public func hardtanh(minimum: Double, maximum: Double) throws -> Tensor {
        guard minimum <= maximum else { throw TensorError.value("min_val cannot be greater than max_val") }
        if dtype.isFloatingPoint {
            return try clamp(min: .scalar(.float(minimum)), max: .scalar(.float(maximum)))
        }
        if dtype == .bool {
            throw TensorError.kernelNotImplemented("hardtanh_cpu", .bool)
        }
        return try clamp(min: .scalar(.int(saturatingInt64(minimum))), max: .scalar(.int(saturatingInt64(maximum))))
    }

    /// `threshold(x, threshold, value)`: x where x > threshold, otherwise `value`.
    public func threshold(_ threshold: Double, value: Scalar) throws -> Tensor {
        let keep = try binary(.greater, .tensor(self), .scalar(.float(threshold)))
        let filler = try Factory.full(shape: shape, value: value, dtype: dtype)
        return try whereSelect(keep, .tensor(self), .tensor(filler))
    }
}
