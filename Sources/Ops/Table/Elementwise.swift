import Autograd
import TensorEngine

/// Masking and comparison ops, and `pow`. Those without an implementation are still bound by
/// hand in the interpreter: the table gives their signature, family and doc.
extension OpTable {
    static let elementwiseOps: [OpEntry] = [
        OpEntry("where", "Tensor condition, Tensor input, Tensor other", [.function, .method], family: .masking, explain: OpExplanation(.whereSelect),
                doc: OpDoc("Picks from input where condition is True and from other elsewhere (broadcasting all three).", formula: "out_i = input_i if condition_i else other_i",
                           example: ">>> x = torch.tensor([-1., 2., -3.])\n>>> torch.where(x > 0, x, torch.zeros(3))\ntensor([0., 2., 0.])")),
        OpEntry("masked_fill", "Tensor input, Tensor mask, Tensor|Scalar value", [.method, .function, .inPlace], family: .masking, explain: OpExplanation(.maskedFill),
                doc: OpDoc("A copy with value written where mask is True (masked_fill_ writes in place).",
                           example: ">>> x = torch.tensor([1., 2., 3.])\n>>> x.masked_fill(x > 1, 0.)\ntensor([1., 0., 0.])")),
        OpEntry("clamp", "Tensor input, object min=None, object max=None", [.function, .method, .inPlace, .inPlaceFunction], family: .masking,
                explain: OpExplanation(.clamp), aliases: ["torch.clip", "Tensor.clip", "Tensor.clip_", "torch.clip_"],
                doc: OpDoc("Limits every value to the range [min, max].", formula: "clamp(x) = min(max(x, min), max)",
                           example: ">>> torch.tensor([-2., 0.5, 3.]).clamp(min=0., max=1.)\ntensor([0.0000, 0.5000, 1.0000])")),
        OpEntry("clamp_min", "Tensor input, Tensor|Scalar min", [.function, .method, .inPlace, .inPlaceFunction], family: .masking,
                explain: OpExplanation(.elementwise(words: "raises every element below min to min")),
                doc: OpDoc("Raises every value below min to min: clamp with a lower bound only.", formula: "out_i = max(x_i, min)",
                           example: ">>> torch.tensor([-1., 0.5, 2.]).clamp_min(0.)\ntensor([0.0000, 0.5000, 2.0000])")),
        OpEntry("clamp_max", "Tensor input, Tensor|Scalar max", [.function, .method, .inPlace, .inPlaceFunction], family: .masking,
                explain: OpExplanation(.elementwise(words: "lowers every element above max to max")),
                doc: OpDoc("Lowers every value above max to max: clamp with an upper bound only.", formula: "out_i = min(x_i, max)",
                           example: ">>> torch.tensor([-1., 0.5, 2.]).clamp_max(1.)\ntensor([-1.0000,  0.5000,  1.0000])")),
        // `torch.pow(2, x)`: PyTorch's Scalar-self overload keeps the base a number (PowBackward2).
        OpEntry("pow", "Tensor input, Tensor|Scalar exponent", [.function, .method], family: .elementwise, explain: OpExplanation(.power),
                overloads: ["Scalar self, Tensor exponent"],
                doc: OpDoc("Each element raised to exponent (the ** operator).", formula: "out_i = x_i ^ exponent",
                           example: ">>> torch.tensor([1, 2, 3]).pow(2)\ntensor([1, 4, 9])\n>>> torch.tensor([1., 2.]) ** 0.5\ntensor([1.0000, 1.4142])"),
                pythonOverloads: ["Tensor input, Tensor exponent, *, Tensor out = None", "Number self, Tensor exponent, *, Tensor out = None",
                                  "Tensor input, Number exponent, *, Tensor out = None"]) { arguments in
            let base: Operand = arguments.overload == 0 ? .scalar(try scalar(arguments["self"])) : .tensor(try arguments.tensor("input"))
            return .tensor(try Autodiff.binary(.power, base, try arguments.operand("exponent")))
        },
        OpEntry("allclose", "Tensor input, Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False", [.function], family: .comparison, explain: OpExplanation(.allclose),
                doc: OpDoc("True when every pair of elements is close.", formula: "|a - b| <= atol + rtol · |b|",
                           example: ">>> torch.allclose(torch.tensor([1., 2.]), torch.tensor([1., 2.000001]))\nTrue")),
        OpEntry("isclose", "Tensor input, Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False", [.function], family: .comparison, explain: OpExplanation(.isclose),
                doc: OpDoc("Elementwise: whether each pair of elements is close.", formula: "|a - b| <= atol + rtol · |b|",
                           example: ">>> torch.isclose(torch.tensor([1., 2.]), torch.tensor([1., 2.1]))\ntensor([ True, False])")),
    ]
}

/// A `Scalar` argument, as its conversion bound it.
private func scalar(_ argument: OpArgument) throws -> Scalar {
    guard case let .scalar(value) = argument else { throw TensorError.runtime("internal error: a Scalar argument was not bound as a number") }
    return value
}
