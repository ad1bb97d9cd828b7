import Glibc
import TensorEngine

extension Autodiff {
    /// PyTorch's `nll_loss_nd`: 2-D inputs (and 1-D) take `nll_loss`, 4-D ones `nll_loss2d`,
    /// and the others are viewed as (N, C, 1, -1) for `nll_loss2d`, the per-element losses
    /// viewed back. The views are recorded, as PyTorch's graph shows them.
    public static func nllLoss(_ input: Tensor, _ target: Tensor, weight: Tensor?, reduction: LossReduction, ignoreIndex: Int64) throws -> Tensor {
        guard input.rank == 3 || input.rank > 4, Recorder.shouldRecord([input]) else {
            return try recordedNllLoss(input, target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex)
        }
        let (batch, classes) = (input.shape[0], input.shape[1])
        let flattened = try view(try contiguous(input), [batch, classes, 1, -1])
        let flatTarget = try target.contiguous().view([batch, 1, -1])
        let output = try recordedNllLoss(flattened, flatTarget, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex)
        let perElementShape = [batch] + input.shape[2...]
        guard reduction == .none, perElementShape.reduce(1, *) > 0 else { return output }
        return try view(output, perElementShape)
    }

    private static func recordedNllLoss(_ input: Tensor, _ target: Tensor, weight: Tensor?, reduction: LossReduction,
                                        ignoreIndex: Int64) throws -> Tensor {
        let output = try TensorEngine.nllLoss(input, target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex)
        let name = input.rank >= 3 ? "NllLoss2DBackward0" : "NllLossBackward0"
        return Recorder.record(name, inputs: [input], output: output) { _ in
            { gradient, _ in
                [try nllGradient(gradient, inputShape: input.shape, dtype: input.dtype, target: target, weight: weight,
                                 reduction: reduction, ignoreIndex: ignoreIndex)]
            }
        }
    }

    /// `cross_entropy` with class indices is `nll_loss(log_softmax(x))` in PyTorch, and
    /// records both nodes; the other forms are composed from differentiable ops too.
    public static func crossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor?, reduction: LossReduction,
                                    ignoreIndex: Int64, labelSmoothing: Double) throws -> Tensor {
        guard Recorder.shouldRecord([input, target]) else {
            return try TensorEngine.crossEntropy(input, target, weight: weight, reduction: reduction,
                                                 ignoreIndex: ignoreIndex, labelSmoothing: labelSmoothing)
        }
        let classDim = input.rank == 1 ? 0 : 1
        // Targets the engine rejects get its error.
        if target.dtype.isFloatingPoint, input.shape == target.shape, (0...1).contains(labelSmoothing) {
            return try probabilityCrossEntropy(input, target, weight: weight, reduction: reduction,
                                               labelSmoothing: labelSmoothing, classDim: classDim)
        }
        let logProbabilities = try logSoftmax(input, dim: classDim)
        let nll = try nllLoss(logProbabilities, target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex)
        guard labelSmoothing > 0 else { return nll }
        return try smoothedCrossEntropy(nll, logProbabilities, target, weight: weight, reduction: reduction,
                                        ignoreIndex: ignoreIndex, labelSmoothing: labelSmoothing, classDim: classDim)
    }

    /// Class-probability targets, composed as PyTorch's `cross_entropy_loss_prob_target`:
    /// −Σ(log_softmax(x)·target[·weight]) over everything, divided by the number of rows
    /// for 'mean'; the smoothed target is target·(1 − ε) + ε/C.
    private static func probabilityCrossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor?, reduction: LossReduction,
                                                labelSmoothing: Double, classDim: Int) throws -> Tensor {
        let classes = input.shape.isEmpty ? 1 : input.shape[classDim]
        var smoothed = target
        if labelSmoothing > 0 {
            let kept = try binary(.multiply, .tensor(target), .scalar(.float(1 - labelSmoothing)), backwardName: "MulBackward1")
            smoothed = try binary(.add, .tensor(kept), .scalar(.float(labelSmoothing / Double(classes))), backwardName: "AddBackward1")
        }
        var product = try binary(.multiply, .tensor(try logSoftmax(input, dim: classDim)), .tensor(smoothed))
        if let weight {
            var shape = [Int](repeating: 1, count: input.rank)
            if input.rank > 1 { shape[1] = weight.count }
            product = try binary(.multiply, .tensor(product), .tensor(input.rank > 1 ? try view(weight, shape) : weight))
        }
        switch reduction {
        case .none: return try unary(.negate, try sum(product, dims: [classDim], keepDim: false))
        case .sum: return try unary(.negate, try sum(product, dims: nil, keepDim: false))
        case .mean, .batchMean:
            let total = try unary(.negate, try sum(product, dims: nil, keepDim: false))
            return try binary(.divide, .tensor(total), .scalar(.int(Int64(input.count / max(classes, 1)))), backwardName: "DivBackward1")
        }
    }

    /// Label smoothing as PyTorch composes it: (1 − ε)·nll + ε/C · (−Σ_c w_c log p_c),
    /// the second term zero on ignored rows and averaged over the kept rows' weight.
    private static func smoothedCrossEntropy(_ nll: Tensor, _ logProbabilities: Tensor, _ target: Tensor, weight: Tensor?,
                                             reduction: LossReduction, ignoreIndex: Int64, labelSmoothing: Double, classDim: Int) throws -> Tensor {
        let classes = logProbabilities.shape[classDim]
        let ignored = try TensorEngine.binary(.equal, .tensor(target), .scalar(.int(ignoreIndex)))
        var weighted = logProbabilities
        if let weight {
            var shape = [Int](repeating: 1, count: max(logProbabilities.rank, 1))
            shape[classDim] = weight.count
            weighted = try binary(.multiply, .tensor(logProbabilities), .tensor(try view(weight, shape)))
        }
        let smooth = try maskedFill(try unary(.negate, try sum(weighted, dims: [classDim], keepDim: false)), ignored, .scalar(.float(0)))
        let smoothLoss: Tensor
        switch reduction {
        case .none: smoothLoss = smooth
        case .sum: smoothLoss = try sum(smooth, dims: nil, keepDim: false)
        case .mean, .batchMean:
            let kept = try ignored.unary(.logicalNot)
            let denominator = try weight.map { try $0.gather(dim: 0, index: try target.maskedSelect(kept).reshape([-1])).sum(dims: nil, keepDim: false) }
                ?? kept.sum(dims: nil, keepDim: false)
            smoothLoss = try binary(.divide, .tensor(try sum(smooth, dims: nil, keepDim: false)), .tensor(denominator))
        }
        let hard = try binary(.multiply, .scalar(.float(1 - labelSmoothing)), .tensor(nll))
        return try binary(.add, .tensor(hard), .tensor(try binary(.multiply, .tensor(smoothLoss), .scalar(.float(labelSmoothing / Double(classes))))))
    }

    public static func mseLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction, weight: Tensor? = nil) throws -> Tensor {
        let output = try TensorEngine.mseLoss(input, target, reduction: reduction, weight: weight)
        if weight != nil && Recorder.shouldRecord([input, target]) { throw AutogradError.notDifferentiable("mse_loss with weight").tensorError }
        return Recorder.record("MseLossBackward0", inputs: [input, target], output: output) { node in
            let savedInput = node.save(input), savedTarget = node.save(target)
            return { gradient, node in
                let x = try savedInput.unpack(), y = try savedTarget.unpack()
                let scale = reduction == .mean ? 2.0 / Double(max(try broadcastCount(x, y), 1)) : 2.0
                let full = try TensorEngine.mseLossGradient(x, y, scale: scale, gradient: gradient)
                    ?? mul(try mul(scale, try sub(x, y)), gradient)
                return [node.needsGradient(0) ? full : nil, node.needsGradient(1) ? try neg(full) : nil]
            }
        }
    }

    /// `l1_loss` is `(input - target).abs()` reduced, as in PyTorch.
    public static func l1Loss(_ input: Tensor, _ target: Tensor, reduction: LossReduction, weight: Tensor? = nil) throws -> Tensor {
        guard Recorder.shouldRecord([input, target]) else { return try TensorEngine.l1Loss(input, target, reduction: reduction, weight: weight) }
        if weight != nil { throw AutogradError.notDifferentiable("l1_loss with weight").tensorError }
        let absolute = try unary(.abs, try binary(.subtract, .tensor(input), .tensor(target)))
        return try reduce(absolute, reduction)
    }

    public static func smoothL1Loss(_ input: Tensor, _ target: Tensor, reduction: LossReduction, beta: Double) throws -> Tensor {
        let output = try TensorEngine.smoothL1Loss(input, target, reduction: reduction, beta: beta)
        return Recorder.record("SmoothL1LossBackward0", inputs: [input, target], output: output) { node in
            let savedInput = node.save(input), savedTarget = node.save(target)
            return { gradient, node in
                let difference = try sub(try savedInput.unpack(), try savedTarget.unpack())
                let inner = try mul(try div(difference, beta), gradient)
                var full = try TensorEngine.whereSelect(try compare(.less, difference, -beta), .tensor(try neg(gradient).expand(difference.shape)), .tensor(inner))
                full = try TensorEngine.whereSelect(try compare(.greater, difference, beta), .tensor(try gradient.expand(difference.shape)), .tensor(full))
                if reduction == .mean { full = try div(full, Double(max(difference.count, 1))) }
                return [node.needsGradient(0) ? full : nil, node.needsGradient(1) ? try neg(full) : nil]
            }
        }
    }

    /// `huber_loss` (HuberLossBackward0): the gradient of ½x² inside ±delta, of delta·|x| outside.
    public static func huberLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction, delta: Double, weight: Tensor?) throws -> Tensor {
        let output = try TensorEngine.huberLoss(input, target, reduction: reduction, delta: delta, weight: weight)
        guard Recorder.shouldRecord([input, target]) else { return output }
        if weight != nil { throw AutogradError.notDifferentiable("huber_loss with weight").tensorError }
        return Recorder.record("HuberLossBackward0", inputs: [input, target], output: output) { node in
            let savedInput = node.save(input), savedTarget = node.save(target)
            return { gradient, node in
                let difference = try sub(try savedInput.unpack(), try savedTarget.unpack())
                let scale = reduction == .mean ? 1 / Double(max(difference.count, 1)) : 1
                let inner = try mul(try mul(scale, difference), gradient)
                let edge = try mul(scale * delta, try gradient.expand(difference.shape))
                var full = try TensorEngine.whereSelect(try compare(.lessEqual, difference, -delta), .tensor(try neg(edge)), .tensor(inner))
                full = try TensorEngine.whereSelect(try compare(.greaterEqual, difference, delta), .tensor(edge), .tensor(full))
                return [node.needsGradient(0) ? full : nil, node.needsGradient(1) ? try neg(full) : nil]
            }
        }
    }

    public static func binaryCrossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor?, reduction: LossReduction) throws -> Tensor {
        let output = try TensorEngine.binaryCrossEntropy(input, target, weight: weight, reduction: reduction)
        return Recorder.record("BinaryCrossEntropyBackward0", inputs: [input, target], output: output) { node in
            let savedInput = node.save(input), savedTarget = node.save(target)
            return { gradient, _ in
                let x = try savedInput.unpack(), y = try savedTarget.unpack()
                let denominator = try binary(.maximum, .tensor(try mul(try sub(1, x), x)), .scalar(.float(1e-12)))
                var full = try mul(try div(try sub(x, y), denominator), gradient)
                if let weight { full = try mul(full, weight) }
                if reduction == .mean { full = try div(full, Double(max(x.count, 1))) }
                return [full, nil]
            }
        }
    }

    public static func binaryCrossEntropyWithLogits(_ input: Tensor, _ target: Tensor, weight: Tensor?, positiveWeight: Tensor?,
                                                    reduction: LossReduction) throws -> Tensor {
        let output = try TensorEngine.binaryCrossEntropyWithLogits(input, target, weight: weight, positiveWeight: positiveWeight, reduction: reduction)
        return Recorder.record("BinaryCrossEntropyWithLogitsBackward0", inputs: [input, target], output: output) { node in
            let savedInput = node.save(input), savedTarget = node.save(target)
            return { gradient, node in
                let x = try savedInput.unpack(), y = try savedTarget.unpack()
                var full: Tensor
                if let positiveWeight {
                    let scaled = try mul(positiveWeight, y)
                    full = try mul(try sub(try mul(try sub(try add(scaled, 1), y), try x.unary(.sigmoid)), scaled), gradient)
                } else {
                    full = try mul(try sub(try x.unary(.sigmoid), y), gradient)
                }
                if let weight { full = try mul(full, weight) }
                if reduction == .mean { full = try div(full, Double(max(x.count, 1))) }
                var gradTarget: Tensor?
                if node.needsGradient(1) {
                    var targetGrad = try mul(try neg(x), gradient)
                    if let weight { targetGrad = try mul(targetGrad, weight) }
                    if reduction == .mean { targetGrad = try div(targetGrad, Double(max(x.count, 1))) }
                    gradTarget = targetGrad
                }
                return [node.needsGradient(0) ? full : nil, gradTarget]
            }
        }
    }

    /// `kl_div` is composed in PyTorch: `xlogy(t, t) - t * input` (or `exp(t) * (t - input)`)
    /// then reduced, so its nodes are Sub/Mul/Sum/Div as there.
    public static func klDivergence(_ input: Tensor, _ target: Tensor, reduction: LossReduction, logTarget: Bool) throws -> Tensor {
        guard Recorder.shouldRecord([input, target]) else {
            return try TensorEngine.klDivergence(input, target, reduction: reduction, logTarget: logTarget)
        }
        let pointwise: Tensor
        if logTarget {
            pointwise = try binary(.multiply, .tensor(try unary(.exp, target)), .tensor(try binary(.subtract, .tensor(target), .tensor(input))))
        } else {
            let entropyTerms: Tensor
            if target.requiresGrad {
                let logTarget = try unary(.log, target)
                entropyTerms = try whereSelect(try compare(.equal, target, 0), .scalar(.int(0)), .tensor(try binary(.multiply, .tensor(target), .tensor(logTarget))))
            } else {
                entropyTerms = try klEntropyTerms(target)
            }
            pointwise = try binary(.subtract, .tensor(entropyTerms), .tensor(try binary(.multiply, .tensor(target), .tensor(input))))
        }
        if reduction == .batchMean, input.rank == 0 { throw TensorError(.indexError, .sequenceIndexOutOfRange(sequence: "tuple")) }
        return try reduce(pointwise, reduction)
    }

    /// `apply_loss_reduction`, recorded: MeanBackward0, SumBackward0, and for
    /// 'batchmean' a sum divided by the batch size (DivBackward0).
    static func reduce(_ loss: Tensor, _ reduction: LossReduction) throws -> Tensor {
        switch reduction {
        case .none: return loss
        case .mean: return try mean(loss, dims: nil, keepDim: false)
        case .sum: return try sum(loss, dims: nil, keepDim: false)
        case .batchMean:
            let total = try sum(loss, dims: nil, keepDim: false)
            guard let batch = loss.shape.first else { throw TensorError(.indexError, .sequenceIndexOutOfRange(sequence: "tuple")) }
            return try binary(.divide, .tensor(total), .scalar(.int(Int64(batch))))
        }
    }
}

private func broadcastCount(_ a: Tensor, _ b: Tensor) throws -> Int {
    try broadcastShapes(a.shape, b.shape).reduce(1, *)
}

/// PyTorch's `nll_loss_backward`: each counted row's target entry gets −w[t]·g, with g
/// divided by the total weight first for 'mean'.
private func nllGradient(_ gradient: Tensor, inputShape: [Int], dtype: DType, target: Tensor, weight: Tensor?,
                         reduction: LossReduction, ignoreIndex: Int64) throws -> Tensor {
    let result = try zeros(inputShape, dtype)
    let targets = target.int64s()
    let weights = weight?.doubles()
    let classes = inputShape.count == 1 ? inputShape[0] : inputShape[1]
    let rounding: (Double) -> Double = dtype == .float32 ? { Double(Float($0)) } : { $0 }
    let gradients = gradient.doubles()
    let totalWeight = nllTotalWeight(target: target, weight: weight, ignoreIndex: ignoreIndex, dtype: dtype)
    // Target element i = (sample n, position p among the trailing dims) picks class `label`
    // at input element (n, label, p), written straight into the zeros: staging every
    // element as a double and copying it over tripled cross_entropy's backward time.
    let positions = inputShape.count > 2 ? inputShape[2...].reduce(1, *) : 1
    for (index, label) in targets.enumerated() where label != ignoreIndex {
        let upstream = reduction == .none ? gradients[index] : gradients[0]
        let scaled = reduction == .mean || reduction == .batchMean ? rounding(upstream / totalWeight) : upstream
        let classWeight = weights?[Int(label)] ?? 1
        let (sample, position) = index.quotientAndRemainder(dividingBy: positions)
        let element = (sample * classes + Int(label)) * positions + position
        result.setScalar(.float(rounding(-scaled * classWeight)), atStorageOffset: result.storageOffset + element)
    }
    return result
}
