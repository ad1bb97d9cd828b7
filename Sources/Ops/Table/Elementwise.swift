/// Ops still bound by hand in the interpreter: the table gives their signature, family and doc.
extension OpTable {
    static let elementwiseOps: [OpEntry] = [
        OpEntry("where", "Tensor condition, Tensor input, Tensor other", [.function, .method], family: .masking, explain: OpExplanation(.whereSelect),
                doc: OpDoc("Picks from input where condition is True and from other elsewhere (broadcasting all three).", formula: "out_i = input_i if condition_i else other_i",
                           example: ">>> x = torch.tensor([-1., 2., -3.])\n>>> torch.where(x > 0, x, torch.zeros(3))\ntensor([0., 2., 0.])")),
        OpEntry("masked_fill", "Tensor input, Tensor mask, Tensor|Scalar value", [.method, .function, .inPlace], family: .masking, explain: OpExplanation(.maskedFill),
                doc: OpDoc("A copy with value written where mask is True (masked_fill_ writes in place).",
                           example: ">>> x = torch.tensor([1., 2., 3.])\n>>> x.masked_fill(x > 1, 0.)\ntensor([1., 0., 0.])")),
        OpEntry("clamp", "Tensor input, object min=None, object max=None", [.function, .method, .inPlace], family: .masking, explain: OpExplanation(.clamp),
                aliases: ["torch.clip", "Tensor.clip", "Tensor.clip_"],
                doc: OpDoc("Limits every value to the range [min, max].", formula: "clamp(x) = min(max(x, min), max)",
                           example: ">>> torch.tensor([-2., 0.5, 3.]).clamp(min=0., max=1.)\ntensor([0.0000, 0.5000, 1.0000])")),
        OpEntry("pow", "Tensor input, object exponent", [.function, .method], family: .elementwise, explain: OpExplanation(.power),
                doc: OpDoc("Each element raised to exponent (the ** operator).", formula: "out_i = x_i ^ exponent",
                           example: ">>> torch.tensor([1, 2, 3]).pow(2)\ntensor([1, 4, 9])\n>>> torch.tensor([1., 2.]) ** 0.5\ntensor([1.0000, 1.4142])")),
        OpEntry("allclose", "Tensor input, Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False", [.function], family: .comparison, explain: OpExplanation(.allclose),
                doc: OpDoc("True when every pair of elements is close.", formula: "|a - b| <= atol + rtol · |b|",
                           example: ">>> torch.allclose(torch.tensor([1., 2.]), torch.tensor([1., 2.000001]))\nTrue")),
        OpEntry("isclose", "Tensor input, Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False", [.function], family: .comparison, explain: OpExplanation(.isclose),
                doc: OpDoc("Elementwise: whether each pair of elements is close.", formula: "|a - b| <= atol + rtol · |b|",
                           example: ">>> torch.isclose(torch.tensor([1., 2.]), torch.tensor([1., 2.1]))\ntensor([ True, False])")),
    ]
}
