import Glibc
import TensorEngine

/// The losses ATen and functional.py compose from other ops (so they record those ops'
/// nodes), and `soft_margin_loss`, which is its own node.
extension Autodiff {
    /// log(1 + exp(−y·x)), reduced; the gradient −y·σ(−y·x), divided by n for 'mean'.
    public static func softMarginLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction) throws -> Tensor {
        let exponent = try TensorEngine.binary(.multiply, .tensor(try input.unary(.negate)), .tensor(target)).unary(.exp)
        let output = try reduceWithoutRecording(try exponent.unary(.log1p), reduction)
        return Recorder.record("SoftMarginLossBackward0", inputs: [input], output: output) { node in
            let savedInput = node.save(input), savedTarget = node.save(target)
            return { gradient, _ in
                let x = try savedInput.unpack(), y = try savedTarget.unpack()
                let z = try mul(try neg(x), y).unary(.exp)
                var local = try div(try mul(try neg(y), z), try add(z, 1))
                if reduction == .mean { local = try div(local, Double(max(x.count, 1))) }
                return [try mul(local, gradient)]
            }
        }
    }

    /// `hinge_embedding_loss`: x where y ≠ −1 plus max(0, margin − x) where y ≠ 1.
    public static func hingeEmbeddingLoss(_ input: Tensor, _ target: Tensor, margin: Double, reduction: LossReduction) throws -> Tensor {
        let zeros = try Tensor.zeros(shape: input.shape, dtype: input.dtype)
        let marginClamp = try clamp(try binary(.subtract, .scalar(.float(margin)), .tensor(input)), min: .scalar(.int(0)), max: nil, backwardName: "ClampMinBackward0")
        let outputMargin = try whereSelect(try TensorEngine.binary(.notEqual, .tensor(target), .scalar(.int(1))), .tensor(marginClamp), .tensor(zeros))
        let outputSelf = try whereSelect(try TensorEngine.binary(.notEqual, .tensor(target), .scalar(.int(-1))), .tensor(input), .tensor(zeros))
        return try reduce(try binary(.add, .tensor(outputMargin), .tensor(outputSelf)), reduction)
    }

    /// −(y·logσ(x) + (1 − y)·logσ(−x)), averaged over classes, then reduced over samples.
    public static func multilabelSoftMarginLoss(_ input: Tensor, _ target: Tensor, weight: Tensor?, reduction: LossReduction) throws -> Tensor {
        let positive = try binary(.multiply, .tensor(target), .tensor(try activation(input, .logSigmoid)))
        let negative = try binary(.multiply, .tensor(try binary(.subtract, .scalar(.int(1)), .tensor(target))),
                                  .tensor(try activation(try unary(.negate, input), .logSigmoid)))
        var loss = try unary(.negate, try binary(.add, .tensor(positive), .tensor(negative)))
        if let weight { loss = try binary(.multiply, .tensor(loss), .tensor(weight)) }
        let classDim = max(input.rank - 1, 0)
        let perSample = try binary(.divide, .tensor(try sum(loss, dims: [classDim], keepDim: false)), .scalar(.int(Int64(input.rank == 0 ? 1 : input.shape[classDim]))))
        return try reduce(perSample, reduction)
    }

    /// exp(x) − y·x for log inputs, x − y·log(x + eps) otherwise, plus Stirling's term for y > 1 when `full`.
    public static func poissonNLLLoss(_ input: Tensor, _ target: Tensor, logInput: Bool, full: Bool, eps: Double, reduction: LossReduction) throws -> Tensor {
        var loss = logInput
            ? try binary(.subtract, .tensor(try unary(.exp, input)), .tensor(try binary(.multiply, .tensor(target), .tensor(input))))
            : try binary(.subtract, .tensor(input), .tensor(try binary(.multiply, .tensor(target),
                                                                         .tensor(try unary(.log, try binary(.add, .tensor(input), .scalar(.float(eps))))))))
        if full {
            let y = target.detach()
            let logTerm = try TensorEngine.binary(.multiply, .tensor(y), .tensor(try y.unary(.log)))
            let halfLog = try TensorEngine.binary(.multiply, .scalar(.float(0.5)),
                                                  .tensor(try TensorEngine.binary(.multiply, .scalar(.float(2 * Double.pi)), .tensor(y)).unary(.log)))
            let stirling = try TensorEngine.binary(.add, .tensor(try TensorEngine.binary(.subtract, .tensor(logTerm), .tensor(y))), .tensor(halfLog))
            let masked = try stirling.maskedFill(try TensorEngine.binary(.lessEqual, .tensor(y), .scalar(.int(1))), .scalar(.float(0)))
            loss = try binary(.add, .tensor(loss), .tensor(masked))
        }
        return try reduce(loss, reduction)
    }

    /// ½(log v + (x − y)²/v) with v clamped to eps without its gradient, as functional.py does.
    public static func gaussianNLLLoss(_ input: Tensor, _ target: Tensor, variance: Tensor, full: Bool, eps: Double, reduction: LossReduction) throws -> Tensor {
        let clampedValues = try variance.detach().clamp(min: .scalar(.float(eps)), max: nil)
        let clamped = try binary(.add, .tensor(variance), .tensor(try TensorEngine.binary(.subtract, .tensor(clampedValues), .tensor(variance.detach()))))
        let squared = try binary(.power, .tensor(try binary(.subtract, .tensor(input), .tensor(target))), .scalar(.int(2)))
        let inner = try binary(.add, .tensor(try unary(.log, clamped)), .tensor(try binary(.divide, .tensor(squared), .tensor(clamped))))
        var loss = try binary(.multiply, .scalar(.float(0.5)), .tensor(inner))
        if full { loss = try binary(.add, .tensor(loss), .scalar(.float(0.5 * log(2 * Double.pi)))) }
        return try reduce(loss, reduction)
    }

    /// max(0, margin + d(a, p) − d(a, n)) with d the pairwise p-distance (offset by eps).
    public static func tripletMarginLoss(_ anchor: Tensor, _ positive: Tensor, _ negative: Tensor, margin: Double, p: Double,
                                         eps: Double, swap: Bool, reduction: LossReduction) throws -> Tensor {
        func distance(_ a: Tensor, _ b: Tensor) throws -> Tensor {
            let offset = try binary(.add, .tensor(try binary(.subtract, .tensor(a), .tensor(b))), .scalar(.float(eps)))
            return try norm(offset, p: p, dims: [-1], keepDim: false)
        }
        let positiveDistance = try distance(anchor, positive)
        var negativeDistance = try distance(anchor, negative)
        if swap { negativeDistance = try binary(.minimum, .tensor(negativeDistance), .tensor(try distance(positive, negative))) }
        let shifted = try binary(.subtract, .tensor(try binary(.add, .scalar(.float(margin)), .tensor(positiveDistance))), .tensor(negativeDistance))
        return try reduce(try clamp(shifted, min: .scalar(.int(0)), max: nil, backwardName: "ClampMinBackward0"), reduction)
    }

    /// The reduction of a finished loss, outside the graph.
    static func reduceWithoutRecording(_ loss: Tensor, _ reduction: LossReduction) throws -> Tensor {
        switch reduction {
        case .none: return loss
        case .sum: return try loss.sum(dims: nil, keepDim: false)
        case .mean, .batchMean: return try loss.mean(dims: nil, keepDim: false)
        }
    }
}
