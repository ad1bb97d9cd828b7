import Autograd
import TensorEngine

/// `F.glu`, `torch.special.ndtr`, `log_ndtr`, `erfcx` and the pixel shuffles.
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
        scaledSpecial("log_ndtr", .logNdtr, words: "the log of the standard normal CDF of every element, exact far into the left tail",
                      doc: OpDoc("The logarithm of the standard normal cumulative distribution function, accurate where ndtr underflows.",
                                 formula: "log_ndtr(x) = log(erfcx(−x/√2) / 2) − x²/2 for x < −1, else log1p(−erfc(x/√2) / 2)",
                                 example: ">>> torch.special.log_ndtr(torch.tensor([0., -3.]))\ntensor([-0.6931, -6.6077])")),
        scaledSpecial("erfcx", .erfcx, words: "the scaled complementary error function, exp(x²)·erfc(x), of every element",
                      doc: OpDoc("The scaled complementary error function, which stays finite where erfc underflows.",
                                 formula: "erfcx(x) = exp(x²) · erfc(x)",
                                 example: ">>> torch.special.erfcx(torch.tensor([0., 30.]))\ntensor([1.0000, 0.0188])")),
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

    /// A `torch.special` function only (no `torch.` or method form), computed through erfcx.
    private static func scaledSpecial(_ name: String, _ op: SpecialUnaryOp, words: String, doc: OpDoc) -> OpEntry {
        OpEntry(name, "Tensor input", [], family: .elementwise, explain: OpExplanation(.elementwise(words: words)),
                aliases: ["torch.special." + name], doc: doc) { arguments in
            .tensor(try Autodiff.special(op, try arguments.tensor("input")))
        }
    }
}
