import Autograd
import TensorEngine

/// The loss functions of `torch.nn.functional`. The Python-side checks and warnings of
/// torch/nn/functional.py live here; the arithmetic lives in the engine.
extension Interpreter {
    func functionalLossMembers() -> [String: Value] {
        let legacy = ["size_average", "reduce"]
        return functionalTable([
            ("cross_entropy", ["input", "target", "weight", "size_average", "ignore_index", "reduce", "reduction", "label_smoothing"], { interpreter, bound in
                .tensor(try Autodiff.crossEntropy(try bound.tensor("input"), try bound.tensor("target"), weight: try bound.optionalTensor("weight"),
                                         reduction: try interpreter.lossReduction(bound), ignoreIndex: Int64(try bound.int("ignore_index", default: -100)),
                                         labelSmoothing: try bound.double("label_smoothing", default: 0)))
            }),
            ("nll_loss", ["input", "target", "weight", "size_average", "ignore_index", "reduce", "reduction"], { interpreter, bound in
                .tensor(try Autodiff.nllLoss(try bound.tensor("input"), try bound.tensor("target"), weight: try bound.optionalTensor("weight"),
                                    reduction: try interpreter.lossReduction(bound), ignoreIndex: Int64(try bound.int("ignore_index", default: -100))))
            }),
            ("binary_cross_entropy", ["input", "target", "weight"] + legacy + ["reduction"], { interpreter, bound in
                .tensor(try Autodiff.binaryCrossEntropy(try bound.tensor("input"), try bound.tensor("target"), weight: try bound.optionalTensor("weight"),
                                               reduction: try interpreter.lossReduction(bound)))
            }),
            ("binary_cross_entropy_with_logits", ["input", "target", "weight"] + legacy + ["reduction", "pos_weight"], { interpreter, bound in
                .tensor(try Autodiff.binaryCrossEntropyWithLogits(
                    try bound.tensor("input"), try bound.tensor("target"), weight: try bound.optionalTensor("weight"),
                    positiveWeight: try bound.optionalTensor("pos_weight"), reduction: try interpreter.lossReduction(bound)))
            }),
            ("kl_div", ["input", "target"] + legacy + ["reduction", "log_target"], { interpreter, bound in
                let input = try bound.tensor("input")
                let target = try bound.tensor("target")
                let reduction = try interpreter.lossReduction(bound, allowBatchMean: true)
                if !bound.has("size_average"), !bound.has("reduce"), reduction == .mean {
                    interpreter.warn("reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release.")
                }
                return .tensor(try Autodiff.klDivergence(input, target, reduction: reduction, logTarget: try bound.bool("log_target", default: false)))
            }),
            ("mse_loss", ["input", "target"] + legacy + ["reduction", "weight"], { interpreter, bound in
                let (input, target) = try interpreter.regressionOperands(bound)
                return .tensor(try Autodiff.mseLoss(input, target, reduction: try interpreter.lossReduction(bound), weight: try bound.optionalTensor("weight")))
            }),
            ("l1_loss", ["input", "target"] + legacy + ["reduction", "weight"], { interpreter, bound in
                let (input, target) = try interpreter.regressionOperands(bound)
                return .tensor(try Autodiff.l1Loss(input, target, reduction: try interpreter.lossReduction(bound), weight: try bound.optionalTensor("weight")))
            }),
            ("smooth_l1_loss", ["input", "target"] + legacy + ["reduction", "beta"], { interpreter, bound in
                let (input, target) = try interpreter.regressionOperands(bound)
                return .tensor(try Autodiff.smoothL1Loss(input, target, reduction: try interpreter.lossReduction(bound), beta: try bound.double("beta", default: 1)))
            }),
            ("huber_loss", ["input", "target", "reduction", "delta", "weight"], { interpreter, bound in
                let (input, target) = try interpreter.regressionOperands(bound)
                return .tensor(try Autodiff.huberLoss(input, target, reduction: try interpreter.lossReduction(bound),
                                             delta: try bound.double("delta", default: 1), weight: try bound.optionalTensor("weight")))
            }),
            ("margin_ranking_loss", ["input1", "input2", "target", "margin"] + legacy + ["reduction"], { interpreter, bound in
                .tensor(try Autodiff.marginRankingLoss(try bound.tensor("input1"), try bound.tensor("input2"), try bound.tensor("target"),
                                                       margin: try bound.double("margin", default: 0), reduction: try interpreter.lossReduction(bound)))
            }),
            ("cosine_embedding_loss", ["input1", "input2", "target", "margin"] + legacy + ["reduction"], { interpreter, bound in
                .tensor(try Autodiff.cosineEmbeddingLoss(try bound.tensor("input1"), try bound.tensor("input2"), try bound.tensor("target"),
                                                         margin: try bound.double("margin", default: 0), reduction: try interpreter.lossReduction(bound)))
            }),
        ])
    }

    /// `reduction=`, or the deprecated `size_average`/`reduce` pair with its warning.
    func lossReduction(_ bound: BoundArguments, allowBatchMean: Bool = false) throws -> LossReduction {
        if bound.has("size_average") || bound.has("reduce") {
            let sizeAverage = try bound.bool("size_average", default: true)
            let reduce = try bound.bool("reduce", default: true)
            let name = reduce ? (sizeAverage ? "mean" : "sum") : "none"
            warn("size_average and reduce args will be deprecated, please use reduction='\(name)' instead.")
            return try LossReduction(name: name)
        }
        return try LossReduction(name: try bound.string("reduction", default: "mean"), allowBatchMean: allowBatchMean)
    }

    /// The input and target of mse/l1/smooth_l1/huber, warning (as functional.py does)
    /// when broadcasting is about to pair them up.
    func regressionOperands(_ bound: BoundArguments) throws -> (Tensor, Tensor) {
        let input = try bound.tensor("input")
        let target = try bound.tensor("target")
        if input.shape != target.shape {
            warn("Using a target size (\(formatTorchSize(target.shape))) that is different to the input size (\(formatTorchSize(input.shape))). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.")
        }
        return (input, target)
    }
}
