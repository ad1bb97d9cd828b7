import Autograd
import TensorEngine

/// `angle`, `rsub`, `ldexp` and `frexp`.
extension OpTable {
    static let elementwiseExtraOps: [OpEntry] = [
        OpEntry("angle", "Tensor input", [.function, .method], family: .elementwise,
                doc: OpDoc("The argument of each element: for real numbers π where negative, else 0 (NaN stays NaN).",
                           formula: "angle(x) = atan2(imag(x), real(x))", example: ">>> torch.angle(torch.tensor([-2., 3.]))\ntensor([3.1416, 0.0000])")) { arguments in
            .tensor(try Autodiff.angle(try arguments.tensor("input")))
        },
        OpEntry("rsub", "Tensor input, Tensor|Scalar other, *, Scalar alpha=1", [.function], family: .elementwise,
                explain: OpExplanation(.elementwise(words: "other − alpha·input: subtraction with the operands swapped")),
                doc: OpDoc("Subtraction with the operands swapped: other minus alpha times input.", formula: "rsub(input, other) = other − alpha·input",
                           example: ">>> torch.rsub(torch.tensor([1., 2.]), 5)\ntensor([4., 3.])")) { arguments in
            .tensor(try Autodiff.rsub(try arguments.tensor("input"), try arguments.operand("other"), alpha: try arguments.scalar("alpha")))
        },
        OpEntry("ldexp", "Tensor input, Tensor other", [.function, .method, .inPlace, .inPlaceFunction], family: .elementwise,
                explain: OpExplanation(.elementwise(words: "input · 2^other, elementwise")),
                doc: OpDoc("Multiplies each element by 2 to the power of the matching exponent.", formula: "ldexp(x, e) = x·2ᵉ",
                           example: ">>> torch.ldexp(torch.tensor([1., 3.]), torch.tensor([2, 1]))\ntensor([4., 6.])")) { arguments in
            .tensor(try Autodiff.ldexp(try arguments.tensor("input"), try arguments.tensor("other")))
        },
        OpEntry("frexp", "Tensor input", [.function, .method], family: .elementwise,
                explain: OpExplanation(.elementwise(words: "splits each element into a mantissa in [0.5, 1) and an int32 power of two")),
                doc: OpDoc("Splits each element into a mantissa in [0.5, 1) and an integer exponent: x = mantissa·2^exponent.",
                           formula: "x = mantissa·2^exponent", example: ">>> torch.frexp(torch.tensor([8.])).exponent\ntensor([4], dtype=torch.int32)")) { arguments in
            let (mantissa, exponent) = try Autodiff.frexp(try arguments.tensor("input"))
            return .namedTuple(typeName: "torch.return_types.frexp", fields: ["mantissa", "exponent"], tensors: [mantissa, exponent])
        },
    ]
}
