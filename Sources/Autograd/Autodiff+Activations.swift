import Foundation
import TensorEngine

extension Autodiff {
    public static func softmax(_ input: Tensor, dim: Int, dtype: DType? = nil) throws -> Tensor {
        let output = try input.softmax(dim: dim, dtype: dtype)
        return Recorder.record("SoftmaxBackward0", inputs: [input], output: output) { node in
            let saved = node.save(output, isOutput: true)
            return { gradient, _ in
                let y = try saved.unpack()
                if y.dtype == .float32, gradient.dtype == .float32 {
                    return [try y.float32SoftmaxGradient(gradient, dim: dim, logarithm: false)]
                }
                let dot = try mul(gradient, y).sum(dims: [dim], keepDim: true)
                return [try mul(y, try sub(gradient, dot))]
            }
        }
    }

    public static func logSoftmax(_ input: Tensor, dim: Int, dtype: DType? = nil) throws -> Tensor {
        let output = try input.logSoftmax(dim: dim, dtype: dtype)
        return Recorder.record("LogSoftmaxBackward0", inputs: [input], output: output) { node in
            let saved = node.save(output, isOutput: true)
            return { gradient, _ in
                let y = try saved.unpack()
                if y.dtype == .float32, gradient.dtype == .float32 {
                    return [try y.float32SoftmaxGradient(gradient, dim: dim, logarithm: true)]
                }
                let total = try gradient.sum(dims: [dim], keepDim: true)
                return [try sub(gradient, try mul(y.unary(.exp), total))]
            }
        }
    }

    /// The activations with a gradient: GELU (both forms), SiLU, leaky ReLU, softplus.
    /// `backwardName` overrides the node's name where PyTorch's op differs from the kernel
    /// it shares (`celu` runs the ELU kernel but records CeluBackward0).
    ///
    /// `inPlace` records the node of PyTorch's in-place form (`inplace=True`), whose result
    /// then overwrites the input: leaky ReLU and the ELU family save that result
    /// (LeakyReluBackward1, EluBackward1, CeluBackward1); the rest save a copy of the
    /// original input, as PyTorch's `original_self` is.
    public static func activation(_ input: Tensor, _ kind: Activation, backwardName: String? = nil, inPlace: Bool = false) throws -> Tensor {
        let output = try input.activation(kind)
        guard let name = backwardName ?? kind.backwardName else { return output }
        if inPlace, let inPlaceOutput = try resultSavingActivation(input, output, kind, name: name) { return inPlaceOutput }
        let kept = try inputToSave(input, inPlace: inPlace)
        return Recorder.record(name, inputs: [input], output: output) { node in
            let saved = node.save(kept)
            return { gradient, _ in [try activationGradient(kind, gradient, try saved.unpack())] }
        }
    }

    /// What a node keeps of its input: for an in-place op that will overwrite it, a copy
    /// (PyTorch's `original_self`), made only when a gradient will be recorded.
    static func inputToSave(_ input: Tensor, inPlace: Bool) throws -> Tensor {
        guard inPlace, GradMode.isEnabled, input.requiresGrad else { return input }
        return try input.clone()
    }

    /// The in-place leaky ReLU and ELU-family nodes, whose gradients read the result the
    /// caller then writes into `input`.
    private static func resultSavingActivation(_ input: Tensor, _ output: Tensor, _ kind: Activation, name: String) throws -> Tensor? {
        switch kind {
        case let .leakyReLU(slope):
            // LeakyReluBackward1, or RreluWithNoiseBackward1 for eval-mode rrelu, which runs leaky ReLU.
            return Recorder.record(name.replacingOccurrences(of: "Backward0", with: "Backward1"), inputs: [input], output: output) { node in
                let saved = node.saveResult(writtenInto: input)
                return { gradient, _ in
                    guard slope >= 0 else {
                        throw TensorError.runtime("In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. "
                                                  + "This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead. "
                                                  + "File an issue at https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu backward "
                                                  + "calculation with negative slope")
                    }
                    return [try whereSelect(try compare(.greater, try saved.unpack(), 0), .tensor(gradient), .tensor(try mul(gradient, slope)))]
                }
            }
        case let .elu(alpha, scale, inputScale):
            return Recorder.record(name.replacingOccurrences(of: "Backward0", with: "Backward1"), inputs: [input], output: output) { node in
                let saved = node.saveResult(writtenInto: input)
                return { gradient, _ in
                    let result = try saved.unpack()
                    // ATen's is_result branch: grad·input_scale·(result + alpha·scale) where result <= 0.
                    let negativeCoefficient = result.dtype == .float32 ? Double(Float(alpha) * Float(scale)) : alpha * scale
                    let negative = try mul(try mul(gradient, inputScale), try add(result, negativeCoefficient))
                    return [try whereSelect(try compare(.lessEqual, result, 0), .tensor(negative), .tensor(try mul(gradient, scale)))]
                }
            }
        default: return nil
        }
    }

    /// `hardtanh`/`relu6`: the gradient passes where the input is strictly inside.
    /// `inPlace` saves a copy of the input, which the result then overwrites.
    public static func hardtanh(_ input: Tensor, minimum: Double, maximum: Double, inPlace: Bool = false) throws -> Tensor {
        let output = try input.hardtanh(minimum: minimum, maximum: maximum)
        let kept = try inputToSave(input, inPlace: inPlace)
        return Recorder.record("HardtanhBackward0", inputs: [input], output: output) { node in
            let saved = node.save(kept)
            return { gradient, _ in
                let x = try saved.unpack()
                let outside = try binary(.logicalOr, .tensor(try compare(.lessEqual, x, minimum)), .tensor(try compare(.greaterEqual, x, maximum)))
                return [try gradient.maskedFill(outside, .scalar(.int(0)))]
            }
        }
    }

    /// `F.dropout` in training: `input * mask`, as PyTorch composes it (MulBackward0).
    public static func dropout(_ input: Tensor, p: Double, generator: Generator) throws -> Tensor {
        if p == 0 || input.count == 0 { return input }
        let mask = try generator.dropoutMask(like: input, p: p)
        return try binary(.multiply, .tensor(input), .tensor(mask))
    }

    public static func layerNorm(_ input: Tensor, normalizedShape: [Int], weight: Tensor?, bias: Tensor?, eps: Double) throws -> Tensor {
        let output = try input.layerNorm(normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
        return Recorder.record("NativeLayerNormBackward0", inputs: [input, weight, bias], output: output) { node in
            let savedInput = node.save(input)
            let savedWeight = weight.map { node.save($0) }
            return { gradient, node in
                try layerNormGradients(gradient, try savedInput.unpack(), weight: try savedWeight?.unpack(),
                                       normalizedShape: normalizedShape, eps: eps, node: node)
            }
        }
    }
}

extension Activation {
    var backwardName: String? {
        switch self {
        case .gelu: "GeluBackward0"
        case .silu: "SiluBackward0"
        case .leakyReLU: "LeakyReluBackward0"
        case .softplus: "SoftplusBackward0"
        case .elu: "EluBackward0"
        case .logSigmoid: "LogSigmoidBackward0"
        case .mish: "MishBackward0"
        case .hardsigmoid: "HardsigmoidBackward0"
        case .hardswish: "HardswishBackward0"
        case .softsign: "DivBackward0"
        default: nil
        }
    }
}

private func activationGradient(_ kind: Activation, _ gradient: Tensor, _ x: Tensor) throws -> Tensor {
    switch kind {
    case let .gelu(tanhApproximation):
        if tanhApproximation {
            let beta = M_SQRT2 * M_2_SQRTPI * 0.5, kappa = 0.044715
            let cube = try mul(try mul(x, x), x)
            let inner = try mul(beta, try add(x, try mul(kappa, cube)))
            let tanhInner = try inner.unary(.tanh)
            let left = try mul(0.5, x), right = try add(tanhInner, 1)
            let leftDerivative = try mul(0.5, right)
            let tanhDerivative = try sub(1, try mul(tanhInner, tanhInner))
            let innerDerivative = try mul(beta, try add(try mul(3 * kappa, try mul(x, x)), 1))
            let rightDerivative = try mul(try mul(left, tanhDerivative), innerDerivative)
            return try mul(gradient, try add(leftDerivative, rightDerivative))
        }
        if let fused = try float32GELUErfGradient(gradient, x) { return fused }
        let cdf = try mul(0.5, try add(try mul(x, M_SQRT1_2).unary(.erf), 1))
        let pdf = try mul(M_2_SQRTPI * M_SQRT1_2 * 0.5, try mul(try mul(x, x), -0.5).unary(.exp))
        return try mul(gradient, try add(cdf, try mul(x, pdf)))
    case .silu:
        // ATen's kernel: dy·σ·(1 + x·(1 − σ)), multiplied left to right.
        let sigmoid = try x.unary(.sigmoid)
        return try mul(try mul(gradient, sigmoid), try add(try mul(x, try sub(1, sigmoid)), 1))
    case let .leakyReLU(slope):
        return try whereSelect(try compare(.greater, x, 0), .tensor(gradient), .tensor(try mul(gradient, slope)))
    case let .softplus(beta, threshold):
        let z = try mul(x, beta).unary(.exp)
        let smooth = try mul(gradient, try div(z, try add(z, 1)))
        return try whereSelect(try compare(.greater, try mul(x, beta), threshold), .tensor(gradient), .tensor(smooth))
    case let .elu(alpha, scale, inputScale):
        let negative = try mul(try mul(try mul(x, inputScale).unary(.exp), alpha * scale * inputScale), gradient)
        return try whereSelect(try compare(.greater, x, 0), .tensor(try mul(gradient, scale)), .tensor(negative))
    case .logSigmoid:
        return try mul(gradient, try neg(x).unary(.sigmoid))
    case .mish:
        let softplus = try x.activation(.softplus(beta: 1, threshold: 20))
        let tanhSoftplus = try softplus.unary(.tanh)
        let sigmoid = try x.unary(.sigmoid)
        return try mul(gradient, try add(tanhSoftplus, try mul(try mul(x, sigmoid), try sub(1, try mul(tanhSoftplus, tanhSoftplus)))))
    case .hardsigmoid:
        let inside = try binary(.logicalAnd, .tensor(try compare(.greater, x, -3)), .tensor(try compare(.less, x, 3)))
        return try TensorEngine.whereSelect(inside, .tensor(try mul(gradient, 1.0 / 6.0)), .scalar(.int(0)))
    case .hardswish:
        let middle = try mul(gradient, try add(try div(x, 3), 0.5))
        // PyTorch's kernel: 0 up to −3, x/3 + ½ strictly between, 1 from 3 on.
        let upper = try TensorEngine.whereSelect(try compare(.less, x, 3), .tensor(middle), .tensor(gradient))
        return try TensorEngine.whereSelect(try compare(.lessEqual, x, -3), .scalar(.int(0)), .tensor(upper))
    case .softsign:
        // x / (1 + |x|): d/dx = 1 / (1 + |x|)².
        let denominator = try add(try x.unary(.abs), 1)
        return try div(gradient, try mul(denominator, denominator))
    default:
        throw AutogradError.notDifferentiable("activation").tensorError
    }
}

/// PyTorch's CPU layer-norm backward: with a = rstd, b = (db·mean − ds)·rstd³/N and
/// c = −b·mean − db·rstd/N over each row, dx = a·dy·γ + b·x + c. float32 takes the engine's
/// kernel, which rounds as PyTorch's does and returns every needed gradient from one pass.
private func layerNormGradients(_ gradient: Tensor, _ input: Tensor, weight: Tensor?, normalizedShape: [Int], eps: Double, node: Node) throws -> [Tensor?] {
    let needsParameters = node.needsGradient(1) || node.needsGradient(2)
    if input.dtype == .float32 {
        let gradients = try input.layerNormGradients(gradient, weight: weight, normalizedShape: normalizedShape, eps: eps,
                                                     input: node.needsGradient(0), parameters: needsParameters)
        return [gradients.input, node.needsGradient(1) ? gradients.weight : nil, node.needsGradient(2) ? gradients.bias : nil]
    }
    let axes = Array((input.rank - normalizedShape.count)..<input.rank)
    let count = Double(normalizedShape.reduce(1, *))
    let mean = try input.mean(dims: axes, keepDim: true)
    let centered = try sub(input, mean)
    let variance = try mul(centered, centered).mean(dims: axes, keepDim: true)
    let rstd = try add(variance, eps).unary(.rsqrt)
    var gradInput: Tensor?
    if node.needsGradient(0) {
        let scaledGradient = try weight.map { try mul(gradient, $0) } ?? gradient
        let ds = try mul(scaledGradient, input).sum(dims: axes, keepDim: true)
        let db = try scaledGradient.sum(dims: axes, keepDim: true)
        let b = try mul(try mul(try sub(try mul(db, mean), ds), try mul(try mul(rstd, rstd), rstd)), 1 / count)
        let c = try sub(try mul(try neg(b), mean), try mul(try mul(db, rstd), 1 / count))
        gradInput = try add(try add(try mul(rstd, scaledGradient), try mul(b, input)), c)
    }
    let batchDims = Array(0..<(input.rank - normalizedShape.count))
    var gradWeight: Tensor?
    if node.needsGradient(1) {
        let normalized = try mul(centered, rstd)
        let product = try mul(gradient, normalized)
        gradWeight = batchDims.isEmpty ? product : try product.sum(dims: batchDims, keepDim: false)
    }
    var gradBias: Tensor?
    if node.needsGradient(2) {
        gradBias = batchDims.isEmpty ? gradient : try gradient.sum(dims: batchDims, keepDim: false)
    }
    return [gradInput, gradWeight, gradBias]
}
