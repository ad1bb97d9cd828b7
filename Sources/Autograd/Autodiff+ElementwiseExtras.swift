import TensorEngine

/// `angle`, `rsub`, `ldexp` and `frexp` with PyTorch's nodes and formulas.
extension Autodiff {
    /// `angle` of a real tensor; its gradient is zero everywhere (AngleBackward0).
    public static func angle(_ input: Tensor) throws -> Tensor {
        try zeroGradient("AngleBackward0", inputs: [input]) { try input.realAngle() }
    }

    /// `rsub(input, other, alpha)` = other − alpha·input: RsubBackward0 for a tensor other,
    /// RsubBackward1 for a number.
    public static func rsub(_ input: Tensor, _ other: Operand, alpha: Scalar) throws -> Tensor {
        let resultDType = resultType(.tensor(input), other)
        if !resultDType.isFloatingPoint, resultDType != .bool, case .float = alpha {
            throw TensorError.runtime("For integral input tensors, argument alpha must not be a floating point number.")
        }
        let inputShape = input.shape, otherTensor = other.tensorValue
        let output: Tensor
        if alpha.doubleValue != 1, let otherTensor, let fused = try fusedRsub(input, otherTensor, alpha: alpha.doubleValue) {
            output = fused
        } else {
            let scaled = alpha.doubleValue == 1 ? input : try TensorEngine.binary(.multiply, .tensor(input), .scalar(alpha))
            output = try TensorEngine.binary(.subtract, other, .tensor(scaled))
        }
        let name = otherTensor == nil ? "RsubBackward1" : "RsubBackward0"
        return Recorder.record(name, inputs: [input, otherTensor], output: output) { node in
            let needInput = node.needsGradient(0), needOther = node.needsGradient(1)
            return { gradient, _ in
                let inputGradient = needInput ? try sumTo(try mul(gradient, -alpha.doubleValue), inputShape) : nil
                let otherGradient = needOther ? try otherTensor.map { try sumTo(gradient, $0.shape) } : nil
                return [inputGradient, otherGradient]
            }
        }
    }

    /// ATen's sub kernel with alpha: one fused multiply-add, other + (−alpha)·input, over the
    /// broadcast operands; nil when they differ in dtype or are not float32/float64.
    private static func fusedRsub(_ input: Tensor, _ other: Tensor, alpha: Double) throws -> Tensor? {
        guard input.dtype == other.dtype else { return nil }
        let shape = try broadcastShapes(input.shape, other.shape)
        let base = try other.expand(shape).contiguous(), scaled = try input.expand(shape).contiguous()
        return try base.addingScaled(scaled, alpha: -alpha)
    }

    /// `ldexp(input, other)` = input·2^other, in the promoted dtype (the default float for
    /// integers), recorded as LdexpBackward0.
    public static func ldexp(_ input: Tensor, _ exponent: Tensor) throws -> Tensor {
        var outputDType = resultType(.tensor(input), .tensor(exponent))
        if !outputDType.isFloatingPoint { outputDType = defaultFloatDType }
        let powers = try TensorEngine.binary(.power, .scalar(.float(2)), .tensor(try exponent.to(outputDType)))
        let output = try TensorEngine.binary(.multiply, .tensor(try input.to(outputDType)), .tensor(powers))
        let inputShape = input.shape, inputDType = input.dtype
        return Recorder.record("LdexpBackward0", inputs: [input, exponent], output: output) { node in
            let needInput = node.needsGradient(0), needExponent = node.needsGradient(1)
            let savedInput = needExponent ? node.save(input) : nil
            return { gradient, _ in
                let inputGradient = needInput ? try sumTo(try mul(gradient, powers), inputShape).to(inputDType) : nil
                // d/dother: grad · input · ln 2 · 2^other
                let exponentGradient = try savedInput.map { saved in
                    try sumTo(try mul(try mul(try mul(gradient, try saved.unpack()), 0.6931471805599453), powers), exponent.shape)
                }
                return [inputGradient, exponentGradient]
            }
        }
    }

    /// `frexp`: the mantissa carries the gradient grad / 2^exponent (FrexpBackward0).
    public static func frexp(_ input: Tensor) throws -> (mantissa: Tensor, exponent: Tensor) {
        let (mantissa, exponent) = try input.fractionAndExponent()
        let recorded = Recorder.record("FrexpBackward0", inputs: [input], output: mantissa) { _ in
            { gradient, _ in
                let scale = try TensorEngine.binary(.power, .scalar(.float(2)), .tensor(try exponent.to(gradient.dtype)))
                return [try div(gradient, scale)]
            }
        }
        return (recorded, exponent)
    }
}
