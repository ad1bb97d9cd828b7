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
    case tanhshrink

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
        case .tanhshrink: "tanh_cpu"
        }
    }

    /// The double-precision formula; float32 results round once at the end.
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
        case .tanhshrink:
            return { x in x - Glibc.tanh(x) }
        }
    }
}

extension Activation {
    /// The same formula in float arithmetic with float libm calls, as PyTorch's scalar
    /// CPU path evaluates float32 tensors. It matters where cancellation amplifies
    /// rounding: gelu's 1 + erf(x/√2) for negative x, logsigmoid's min(x, 0) - log1p(z).
    var singlePrecisionFunction: (Float) -> Float {
        switch self {
        case let .leakyReLU(slope):
            let factor = Float(slope)
            return { $0 > 0 ? $0 : $0 * factor }
        case let .elu(alpha, scale, inputScale):
            let (a, s, i) = (Float(alpha), Float(scale), Float(inputScale))
            return { $0 > 0 ? $0 * s : Glibc.expm1f($0 * i) * a * s }
        case let .gelu(tanhApproximation):
            if tanhApproximation {
                let kappa = Float(Glibc.sqrt(2 / Double.pi))
                let cubic: Float = 0.044715
                // PyTorch's compiler fuses x + κ·x³ into one multiply-add.
                return { x in 0.5 * x * (1 + Glibc.tanhf(kappa * x.addingProduct(cubic, x * x * x))) }
            }
            let alpha = Float(0.70710678118654752440)
            return { x in x * 0.5 * (1 + Glibc.erff(x * alpha)) }
        case .silu:
            return { $0 / (1 + Glibc.expf(-$0)) }
        case let .softplus(beta, threshold):
            let (b, limit) = (Float(beta), Float(threshold))
            return { x in x * b > limit ? x : Glibc.log1pf(Glibc.expf(x * b)) / b }
        case .mish:
            return { x in x * Glibc.tanhf(Glibc.log1pf(Glibc.expf(x))) }
        case .logSigmoid:
            return { x in Swift.min(x, 0) - Glibc.log1pf(Glibc.expf(-Swift.abs(x))) }
        default:
            let function = self.function
            return { Float(function(Double($0))) }
        }
    }
}

extension Tensor {
    /// Applies a floating-point activation; integer inputs raise as PyTorch's kernels do.
    public func activation(_ activation: Activation) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            // softsign and tanhshrink are composites that promote integers to float.
            if activation == .softsign || activation == .tanhshrink {
                return try to(defaultFloatDType).activation(activation)
            }
            throw TensorError.kernelNotImplemented(activation.kernelName, dtype)
        }
        if let result = try computedInFloat32({ try $0.activation(activation) }) { return result }
        if dtype == .float32 {
            // PyTorch's GELU kernel replaces erf with a polynomial on whole vector blocks.
            if activation == .gelu(tanhApproximation: false) { return try float32GELU() }
            if activation == .silu { return try float32SiLU() }
            if activation == .gelu(tanhApproximation: true) { return try float32TanhGELU() }
            if case let .softplus(beta, threshold) = activation {
                return try float32Softplus(beta: Float(beta), threshold: Float(threshold))
            }
            if case let .elu(alpha, scale, inputScale) = activation {
                return try float32ELU(alpha: Float(alpha), scale: Float(scale), inputScale: Float(inputScale))
            }
            if activation == .mish { return try float32Mish() }
            if activation == .logSigmoid { return try float32LogSigmoid() }
            return try float32Activation(activation)
        }
        return try map(Double.self, Double.self, activation.function)
    }

    /// `map` with `singlePrecisionFunction`'s formula written at the call, so the loop
    /// inlines it (and vectorises leaky_relu, hardswish and the like) instead of calling
    /// one or two closures per element, which ran them 5-28 times slower than PyTorch.
    private func float32Activation(_ activation: Activation) throws -> Tensor {
        switch activation {
        case let .leakyReLU(slope):
            let factor = Float(slope)
            return try map(Float.self, Float.self) { $0 > 0 ? $0 : $0 * factor }
        case let .elu(alpha, scale, inputScale):
            let (a, s, i) = (Float(alpha), Float(scale), Float(inputScale))
            return try map(Float.self, Float.self) { $0 > 0 ? $0 * s : Glibc.expm1f($0 * i) * a * s }
        case .mish:
            return try map(Float.self, Float.self) { x in x * Glibc.tanhf(Glibc.log1pf(Glibc.expf(x))) }
        case .logSigmoid:
            return try map(Float.self, Float.self) { x in Swift.min(x, 0) - Glibc.log1pf(Glibc.expf(-Swift.abs(x))) }
        case .hardsigmoid:
            return try map(Float.self, Float.self) { x in
                let d = Double(x)
                return Float(Swift.min(Swift.max(d + 3, 0), 6) / 6)
            }
        case .hardswish:
            return try map(Float.self, Float.self) { x in
                let d = Double(x)
                return Float(d * Swift.min(Swift.max(d + 3, 0), 6) / 6)
            }
        case .softsign:
            return try map(Float.self, Float.self) { x in
                let d = Double(x)
                return Float(d / (1 + Swift.abs(d)))
            }
        case .tanhshrink:
            return try map(Float.self, Float.self) { x in
                let d = Double(x)
                return Float(d - Glibc.tanh(d))
            }
        default:
            return try map(Float.self, Float.self, activation.singlePrecisionFunction)
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
