import Autograd
import TensorEngine

/// `F.glu` and `torch.special.ndtr`.
extension OpTable {
    static let gatedUnitOps: [OpEntry] = [
        OpEntry("glu", "Tensor input, int dim=-1", [.functional], family: .activation,
                doc: OpDoc("The gated linear unit: splits dim in half and multiplies the first half by the sigmoid of the second.",
                           formula: "glu(a, b) = a · σ(b)",
                           example: ">>> F.glu(torch.tensor([2., 0.]))\ntensor([1.])")) { arguments in
            .tensor(try Autodiff.glu(try arguments.tensor("input"), dim: try arguments.int("dim")))
        },
        OpEntry("ndtr", "Tensor input", [], family: .elementwise, aliases: ["torch.special.ndtr"],
                doc: OpDoc("The standard normal cumulative distribution function.", formula: "ndtr(x) = (1 + erf(x / √2)) / 2",
                           example: ">>> torch.special.ndtr(torch.tensor([0.]))\ntensor([0.5000])")) { arguments in
            .tensor(try Autodiff.ndtr(try arguments.tensor("input"), floatType: defaultFloatDType))
        },
    ]
}
