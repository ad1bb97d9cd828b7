import Autograd
import TensorEngine

/// The modified Bessel functions (`i0`, `special.i0e`, `special.i1`, `special.i1e`), the
/// inverse normal CDF (`special.ndtri`) and `special.xlog1py`.
extension OpTable {
    static let besselOps: [OpEntry] = [
        OpEntry("i0", "Tensor input", [.function, .method, .inPlace, .inPlaceFunction], family: .elementwise, aliases: ["torch.special.i0"],
                doc: OpDoc("The modified Bessel function of the first kind of order 0, elementwise.", formula: "I₀(x) = Σₖ (x²/4)ᵏ / (k!)²",
                           example: ">>> torch.i0(torch.tensor([0., 1.]))\ntensor([1.0000, 1.2661])")) { arguments in
            .tensor(try Autodiff.special(.besselI0, try arguments.tensor("input")))
        },
        specialOnly("i0e", .besselI0Scaled, words: "exp(−|x|)·I₀(x), the scaled modified Bessel function of order 0",
                    doc: OpDoc("The modified Bessel function of order 0 scaled by exp(−|x|), finite for large x.", formula: "i0e(x) = exp(−|x|)·I₀(x)",
                               example: ">>> torch.special.i0e(torch.tensor([0., 1.]))\ntensor([1.0000, 0.4658])")),
        specialOnly("i1", .besselI1, words: "I₁(x), the modified Bessel function of the first kind of order 1",
                    doc: OpDoc("The modified Bessel function of the first kind of order 1, elementwise.", formula: "I₁(x) = Σₖ (x/2)²ᵏ⁺¹ / (k!·(k+1)!)",
                               example: ">>> torch.special.i1(torch.tensor([0., 1.]))\ntensor([0.0000, 0.5652])")),
        specialOnly("i1e", .besselI1Scaled, words: "exp(−|x|)·I₁(x), the scaled modified Bessel function of order 1",
                    doc: OpDoc("The modified Bessel function of order 1 scaled by exp(−|x|).", formula: "i1e(x) = exp(−|x|)·I₁(x)",
                               example: ">>> torch.special.i1e(torch.tensor([0., 1.]))\ntensor([0.0000, 0.2079])")),
        specialOnly("ndtri", .ndtri, words: "the inverse of the standard normal CDF: the x whose Φ(x) is the element",
                    doc: OpDoc("The quantile function of the standard normal: the x with Φ(x) = p.", formula: "ndtri(p) = √2·erfinv(2p − 1)",
                               example: ">>> torch.special.ndtri(torch.tensor([0.5, 0.975]))\ntensor([0.0000, 1.9600])")),
        OpEntry("special_xlog1py", "Tensor|Scalar input, Tensor|Scalar other", [], family: .elementwise,
                explain: OpExplanation(.elementwise(words: "x·log1p(y), 0 where x is 0 (unless y is NaN)")), aliases: ["torch.special.xlog1py"],
                doc: OpDoc("x·log(1 + y) elementwise, 0 where x is 0 even if log1p(y) is infinite.", formula: "xlog1py(x, y) = x·log1p(y)",
                           example: ">>> torch.special.xlog1py(torch.tensor([0., 2.]), torch.tensor([-1., 1.]))\ntensor([0.0000, 1.3863])"),
                pythonOverloads: ["Tensor input, Tensor other, *, Tensor out = None", "Number self, Tensor other, *, Tensor out = None",
                                  "Tensor input, Number other, *, Tensor out = None"]) { arguments in
            .tensor(try Autodiff.specialBinary(.xlog1py, try arguments.operand("input"), try arguments.operand("other")))
        },
    ]

    /// A `torch.special` function with no `torch.` or method form, named `special_<name>` as ATen names it.
    private static func specialOnly(_ name: String, _ op: SpecialUnaryOp, words: String, doc: OpDoc) -> OpEntry {
        OpEntry("special_" + name, "Tensor input", [], family: .elementwise, explain: OpExplanation(.elementwise(words: words)),
                aliases: ["torch.special." + name], doc: doc) { arguments in
            .tensor(try Autodiff.special(op, try arguments.tensor("input")))
        }
    }
}
