import Autograd
import TensorEngine

/// `F.glu`, `torch.special.ndtr` and the pixel shuffles.
extension OpTable {
    static let gatedUnitOps: [OpEntry] = [
        OpEntry("glu", "Tensor input, int dim=-1", [.functional], family: .activation,
                doc: OpDoc("The gated linear unit: splits dim in half and multiplies the first half by the sigmoid of the second.",
                           formula: "glu(a, b) = a · σ(b)",
                           example: ">>> F.glu(torch.tensor([2., 0.]))\ntensor([1.])")) { arguments in
            .tensor(try Autodiff.glu(try arguments.tensor("input"), dim: try arguments.int("dim")))
        },
        OpEntry("ndtr", "Tensor input", [], family: .elementwise, explain: OpExplanation(.elementwise(words: "the standard normal CDF, (1 + erf(x/√2))/2, of every element")), aliases: ["torch.special.ndtr"],
                doc: OpDoc("The standard normal cumulative distribution function.", formula: "ndtr(x) = (1 + erf(x / √2)) / 2",
                           example: ">>> torch.special.ndtr(torch.tensor([0.]))\ntensor([0.5000])")) { arguments in
            .tensor(try Autodiff.ndtr(try arguments.tensor("input"), floatType: defaultFloatDType))
        },
        OpEntry("pixel_shuffle", "Tensor input, int upscale_factor", [.functional], family: .movement,
                doc: OpDoc("Moves channels into space: (*, C·r², H, W) becomes (*, C, H·r, W·r).", formula: "out[c, h·r + i, w·r + j] = in[c·r² + i·r + j, h, w]",
                           example: ">>> F.pixel_shuffle(torch.arange(4.).view(1, 4, 1, 1), 2)\ntensor([[[[0., 1.],\n          [2., 3.]]]])")) { arguments in
            .tensor(try Autodiff.pixelShuffle(try arguments.tensor("input"), factor: try arguments.int("upscale_factor"), inverse: false))
        },
        OpEntry("pixel_unshuffle", "Tensor input, int downscale_factor", [.functional], family: .movement,
                doc: OpDoc("Moves space into channels, undoing pixel_shuffle: (*, C, H·r, W·r) becomes (*, C·r², H, W).",
                           formula: "out[c·r² + i·r + j, h, w] = in[c, h·r + i, w·r + j]",
                           example: ">>> F.pixel_unshuffle(torch.arange(4.).view(1, 1, 2, 2), 2).flatten()\ntensor([0., 1., 2., 3.])")) { arguments in
            .tensor(try Autodiff.pixelShuffle(try arguments.tensor("input"), factor: try arguments.int("downscale_factor"), inverse: true))
        },
    ]
}
