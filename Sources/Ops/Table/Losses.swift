import Autograd
import TensorEngine

/// The losses of `torch.nn.functional`. Their defaults (reduction 'mean', ignore_index
/// -100) are declared here once; Explain reads them from these signatures. The checks and
/// warnings of PyTorch's functional.py live here too, the arithmetic in Autograd.
extension OpTable {
    static let lossOps: [OpEntry] = classificationLosses + regressionLosses + pairLosses

    private static let classificationLosses: [OpEntry] = [
        OpEntry("cross_entropy", "Tensor input, Tensor target, Tensor? weight=None, bool? size_average=None, int ignore_index=-100, bool? reduce=None, str reduction='mean', float label_smoothing=0.0",
                [.functional], family: .loss, explain: OpExplanation(.classEntropy(appliesLogSoftmax: true), traits: .comparesDistributions)) { arguments in
            .tensor(try Autodiff.crossEntropy(try arguments.tensor("input"), try arguments.tensor("target"), weight: try arguments.optionalTensor("weight"),
                                              reduction: try lossReduction(arguments), ignoreIndex: Int64(try arguments.int("ignore_index")),
                                              labelSmoothing: try arguments.float("label_smoothing")))
        },
        OpEntry("nll_loss", "Tensor input, Tensor target, Tensor? weight=None, bool? size_average=None, int ignore_index=-100, bool? reduce=None, str reduction='mean'",
                [.functional], family: .loss, explain: OpExplanation(.classEntropy(appliesLogSoftmax: false))) { arguments in
            .tensor(try Autodiff.nllLoss(try arguments.tensor("input"), try arguments.tensor("target"), weight: try arguments.optionalTensor("weight"),
                                         reduction: try lossReduction(arguments), ignoreIndex: Int64(try arguments.int("ignore_index"))))
        },
        OpEntry("binary_cross_entropy", "Tensor input, Tensor target, Tensor? weight=None, bool? size_average=None, bool? reduce=None, str reduction='mean'",
                [.functional], family: .loss, explain: OpExplanation(.binaryEntropy(fromLogits: false), traits: [.comparesDistributions, .elementwiseLoss])) { arguments in
            .tensor(try Autodiff.binaryCrossEntropy(try arguments.tensor("input"), try arguments.tensor("target"), weight: try arguments.optionalTensor("weight"),
                                                    reduction: try lossReduction(arguments)))
        },
        OpEntry("binary_cross_entropy_with_logits", "Tensor input, Tensor target, Tensor? weight=None, bool? size_average=None, bool? reduce=None, str reduction='mean', Tensor? pos_weight=None",
                [.functional], family: .loss, explain: OpExplanation(.binaryEntropy(fromLogits: true), traits: .elementwiseLoss)) { arguments in
            .tensor(try Autodiff.binaryCrossEntropyWithLogits(try arguments.tensor("input"), try arguments.tensor("target"), weight: try arguments.optionalTensor("weight"),
                                                              positiveWeight: try arguments.optionalTensor("pos_weight"), reduction: try lossReduction(arguments)))
        },
        OpEntry("kl_div", "Tensor input, Tensor target, bool? size_average=None, bool? reduce=None, str reduction='mean', bool log_target=False",
                [.functional], family: .loss, explain: OpExplanation(.klDivergence, traits: .comparesDistributions)) { arguments in
            let reduction = try lossReduction(arguments, allowBatchMean: true)
            if !arguments.has("size_average"), !arguments.has("reduce"), reduction == .mean {
                arguments.warn("reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release.")
            }
            return .tensor(try Autodiff.klDivergence(try arguments.tensor("input"), try arguments.tensor("target"), reduction: reduction,
                                                     logTarget: try arguments.bool("log_target")))
        },
    ]

    private static let regressionLosses: [OpEntry] = [
        OpEntry("mse_loss", "Tensor input, Tensor target, bool? size_average=None, bool? reduce=None, str reduction='mean', Tensor? weight=None",
                [.functional], family: .loss, explain: OpExplanation(.pointwiseLoss(differences: "squared differences"), traits: [.comparesDistributions, .elementwiseLoss])) { arguments in
            let (input, target) = try regressionOperands(arguments)
            return .tensor(try Autodiff.mseLoss(input, target, reduction: try lossReduction(arguments), weight: try arguments.optionalTensor("weight")))
        },
        OpEntry("l1_loss", "Tensor input, Tensor target, bool? size_average=None, bool? reduce=None, str reduction='mean', Tensor? weight=None",
                [.functional], family: .loss, explain: OpExplanation(.pointwiseLoss(differences: "absolute differences"), traits: [.comparesDistributions, .elementwiseLoss])) { arguments in
            let (input, target) = try regressionOperands(arguments)
            return .tensor(try Autodiff.l1Loss(input, target, reduction: try lossReduction(arguments), weight: try arguments.optionalTensor("weight")))
        },
        OpEntry("smooth_l1_loss", "Tensor input, Tensor target, bool? size_average=None, bool? reduce=None, str reduction='mean', float beta=1.0",
                [.functional], family: .loss,
                explain: OpExplanation(.pointwiseLoss(differences: "smooth-L1 differences (squared below beta = {beta}, linear above)"), traits: [.comparesDistributions, .elementwiseLoss])) { arguments in
            let (input, target) = try regressionOperands(arguments)
            return .tensor(try Autodiff.smoothL1Loss(input, target, reduction: try lossReduction(arguments), beta: try arguments.float("beta")))
        },
        OpEntry("huber_loss", "Tensor input, Tensor target, str reduction='mean', float delta=1.0, Tensor? weight=None", [.functional], family: .loss,
                explain: OpExplanation(.pointwiseLoss(differences: "Huber differences (squared below delta = {delta}, linear above)"), traits: .elementwiseLoss)) { arguments in
            let (input, target) = try regressionOperands(arguments)
            return .tensor(try Autodiff.huberLoss(input, target, reduction: try lossReduction(arguments), delta: try arguments.float("delta"),
                                                  weight: try arguments.optionalTensor("weight")))
        },
    ]

    private static let pairLosses: [OpEntry] = [
        OpEntry("margin_ranking_loss", "Tensor input1, Tensor input2, Tensor target, float margin=0, bool? size_average=None, bool? reduce=None, str reduction='mean'",
                [.functional], family: .loss, explain: OpExplanation(.marginRankingLoss)) { arguments in
            let (first, second, target) = (try arguments.tensor("input1"), try arguments.tensor("input2"), try arguments.tensor("target"))
            // F.margin_ranking_loss refuses a target of another rank before broadcasting,
            // e.g. a (K,) target of ones against (n, K) scores.
            guard first.rank == second.rank, first.rank == target.rank else {
                let sizes = [first, second, target].map { "torch.Size([\($0.shape.map(String.init).joined(separator: ", "))])" }
                throw TensorError.runtime("margin_ranking_loss : All input tensors should have same dimension but got sizes: "
                                          + "input1: \(sizes[0]), input2: \(sizes[1]), target: \(sizes[2]) ")
            }
            return .tensor(try Autodiff.marginRankingLoss(first, second, target, margin: try arguments.float("margin"), reduction: try lossReduction(arguments)))
        },
        OpEntry("cosine_embedding_loss", "Tensor input1, Tensor input2, Tensor target, float margin=0, bool? size_average=None, bool? reduce=None, str reduction='mean'",
                [.functional], family: .loss, explain: OpExplanation(.cosineEmbeddingLoss)) { arguments in
            .tensor(try Autodiff.cosineEmbeddingLoss(try arguments.tensor("input1"), try arguments.tensor("input2"), try arguments.tensor("target"),
                                                     margin: try arguments.float("margin"), reduction: try lossReduction(arguments)))
        },
    ]

    /// `reduction=`, or the deprecated `size_average`/`reduce` pair with its warning.
    static func lossReduction(_ arguments: OpArguments, allowBatchMean: Bool = false) throws -> LossReduction {
        if arguments.has("size_average") || arguments.has("reduce") {
            let sizeAverage = try arguments.bool("size_average", default: true)
            let reduce = try arguments.bool("reduce", default: true)
            let name = reduce ? (sizeAverage ? "mean" : "sum") : "none"
            arguments.warn("size_average and reduce args will be deprecated, please use reduction='\(name)' instead.")
            return try LossReduction(name: name)
        }
        return try LossReduction(name: try arguments.string("reduction"), allowBatchMean: allowBatchMean)
    }

    /// The input and target of mse/l1/smooth_l1/huber, warning (as functional.py does)
    /// when broadcasting is about to pair them up.
    private static func regressionOperands(_ arguments: OpArguments) throws -> (Tensor, Tensor) {
        let (input, target) = (try arguments.tensor("input"), try arguments.tensor("target"))
        if input.shape != target.shape {
            arguments.warn("Using a target size (\(formatTorchSize(target.shape))) that is different to the input size (\(formatTorchSize(input.shape))). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.")
        }
        return (input, target)
    }
}
