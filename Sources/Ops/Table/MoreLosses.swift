import Autograd
import TensorEngine

/// The margin and likelihood losses of `torch.nn.functional` added after the first set;
/// checks that functional.py makes in Python live here.
extension OpTable {
    static let moreLossOps: [OpEntry] = [
        OpEntry("soft_margin_loss", "Tensor input, Tensor target, bool? size_average=None, bool? reduce=None, str reduction='mean'",
                [.functional], family: .loss) { arguments in
            .tensor(try Autodiff.softMarginLoss(try arguments.tensor("input"), try arguments.tensor("target"), reduction: try lossReduction(arguments)))
        },
        OpEntry("multi_margin_loss", "Tensor input, Tensor target, int p=1, float margin=1.0, Tensor? weight=None, bool? size_average=None, bool? reduce=None, str reduction='mean'",
                [.functional], family: .loss) { arguments in
            .tensor(try Autodiff.multiMarginLoss(try arguments.tensor("input"), try arguments.tensor("target"), p: try arguments.int("p"),
                                                 margin: try arguments.float("margin"), weight: try arguments.optionalTensor("weight"),
                                                 reduction: try lossReduction(arguments)))
        },
        OpEntry("multilabel_margin_loss", "Tensor input, Tensor target, bool? size_average=None, bool? reduce=None, str reduction='mean'",
                [.functional], family: .loss) { arguments in
            .tensor(try Autodiff.multilabelMarginLoss(try arguments.tensor("input"), try arguments.tensor("target"), reduction: try lossReduction(arguments)))
        },
        OpEntry("multilabel_soft_margin_loss", "Tensor input, Tensor target, Tensor? weight=None, bool? size_average=None, bool? reduce=None, str reduction='mean'",
                [.functional], family: .loss) { arguments in
            .tensor(try Autodiff.multilabelSoftMarginLoss(try arguments.tensor("input"), try arguments.tensor("target"),
                                                          weight: try arguments.optionalTensor("weight"), reduction: try lossReduction(arguments)))
        },
        OpEntry("poisson_nll_loss", "Tensor input, Tensor target, bool log_input=True, bool full=False, bool? size_average=None, float eps=1e-08, bool? reduce=None, str reduction='mean'",
                [.functional], family: .loss) { arguments in
            .tensor(try Autodiff.poissonNLLLoss(try arguments.tensor("input"), try arguments.tensor("target"), logInput: try arguments.bool("log_input"),
                                                full: try arguments.bool("full"), eps: try arguments.float("eps"), reduction: try lossReduction(arguments)))
        },
        OpEntry("gaussian_nll_loss", "Tensor input, Tensor target, Tensor var, bool full=False, float eps=1e-06, str reduction='mean'",
                [.functional], family: .loss) { arguments in
            let input = try arguments.tensor("input"), target = try arguments.tensor("target")
            let variance = try gaussianVariance(try arguments.tensor("var"), input: input)
            let reduction = try arguments.string("reduction")
            guard ["none", "mean", "sum"].contains(reduction) else { throw TensorError.value("\(reduction) is not valid") }
            if try TensorEngine.binary(.less, .tensor(variance), .scalar(.int(0))).bools().contains(true) {
                throw TensorError.value("var has negative entry/entries")
            }
            return .tensor(try Autodiff.gaussianNLLLoss(input, target, variance: variance, full: try arguments.bool("full"), eps: try arguments.float("eps"),
                                                        reduction: try LossReduction(name: reduction)))
        },
        OpEntry("hinge_embedding_loss", "Tensor input, Tensor target, float margin=1.0, bool? size_average=None, bool? reduce=None, str reduction='mean'",
                [.functional], family: .loss) { arguments in
            .tensor(try Autodiff.hingeEmbeddingLoss(try arguments.tensor("input"), try arguments.tensor("target"), margin: try arguments.float("margin"),
                                                    reduction: try lossReduction(arguments)))
        },
        OpEntry("triplet_margin_loss", "Tensor anchor, Tensor positive, Tensor negative, float margin=1.0, float p=2, float eps=1e-06, bool swap=False, bool? size_average=None, bool? reduce=None, str reduction='mean'",
                [.functional], family: .loss) { arguments in
            .tensor(try Autodiff.tripletMarginLoss(try arguments.tensor("anchor"), try arguments.tensor("positive"), try arguments.tensor("negative"),
                                                   margin: try arguments.float("margin"), p: try arguments.float("p"), eps: try arguments.float("eps"),
                                                   swap: try arguments.bool("swap"), reduction: try lossReduction(arguments)))
        },
    ]

    /// functional.py's reading of `var`: the input's shape, or it without the last dim
    /// (unsqueezed), or with a last dim of 1 (broadcast).
    private static func gaussianVariance(_ variance: Tensor, input: Tensor) throws -> Tensor {
        if variance.shape == input.shape { return variance }
        if Array(input.shape.dropLast()) == variance.shape { return try Autodiff.unsqueeze(variance, -1) }
        if Array(input.shape.dropLast()) == Array(variance.shape.dropLast()), variance.shape.last == 1 { return variance }
        throw TensorError.value("var is of incorrect size")
    }
}
