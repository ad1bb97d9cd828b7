import Autograd
import TensorEngine

/// The one-input elementwise ops: `torch.exp(x)`, `x.exp()` and, where the result is not
/// bool, the in-place `x.exp_()`.
extension OpTable {
    static let unaryOps: [OpEntry] = [
        unary("neg", .negate, aliases: ["torch.negative", "Tensor.negative", "Tensor.negative_", "torch.negative_"], family: .elementwise,
              explain: OpExplanation(.elementwise(words: "negates every element"), inPlace: "negates every element of {T}")),
        unary("abs", .abs, aliases: ["torch.absolute", "Tensor.absolute", "Tensor.absolute_"], family: .elementwise,
              explain: OpExplanation(.elementwise(words: "the absolute value of every element"), inPlace: "replaces every element of {T} by its absolute value"),
              doc: OpDoc("Absolute value of each element.", formula: "out_i = |x_i|",
                           example: ">>> torch.tensor([-1, 2, -3]).abs()\ntensor([1, 2, 3])")),
        unary("sign", .sign, torchInPlace: false, family: .elementwise),
        unary("square", .square, family: .elementwise),
        unary("reciprocal", .reciprocal, family: .elementwise),
        unary("sqrt", .sqrt, family: .elementwise,
              explain: OpExplanation(.elementwise(words: "the square root of every element"), traits: .nanBelowZero,
                                     inPlace: "replaces every element of {T} by its square root"),
              doc: OpDoc("Square root of each element (nan for negative values).", formula: "out_i = √x_i",
                           example: ">>> torch.sqrt(torch.tensor([4., 2.]))\ntensor([2.0000, 1.4142])")),
        unary("rsqrt", .rsqrt, family: .elementwise, explain: OpExplanation(.elementwise(words: "1/√x of every element"), traits: .nanBelowZero)),
        unary("exp", .exp, family: .elementwise,
              explain: OpExplanation(.elementwise(words: "e to the power of every element"), inPlace: "replaces every element of {T} by e to its power"),
              doc: OpDoc("e raised to each element.", formula: "out_i = e^(x_i)",
                           example: ">>> torch.exp(torch.tensor([0., 1.]))\ntensor([1.0000, 2.7183])")),
        unary("exp2", .exp2, family: .elementwise),
        unary("expm1", .expm1, family: .elementwise),
        unary("log", .log, family: .elementwise,
              explain: OpExplanation(.elementwise(words: "the natural log of every element"), traits: .nanBelowZero,
                                     inPlace: "replaces every element of {T} by its log"),
              doc: OpDoc("Natural logarithm of each element (-inf at 0, nan below).", formula: "out_i = ln(x_i)",
                           example: ">>> torch.log(torch.tensor([1., 0.]))\ntensor([0., -inf])")),
        unary("log2", .log2, family: .elementwise, explain: OpExplanation(traits: .nanBelowZero)),
        unary("log10", .log10, family: .elementwise, explain: OpExplanation(traits: .nanBelowZero)),
        unary("log1p", .log1p, family: .elementwise, explain: OpExplanation(.elementwise(words: "log(1 + x) of every element"), traits: .nanBelowMinusOne)),
        unary("sin", .sin, family: .elementwise, explain: OpExplanation(.elementwise(words: "the sine of every element"))),
        unary("cos", .cos, family: .elementwise, explain: OpExplanation(.elementwise(words: "the cosine of every element"))),
        unary("tan", .tan, family: .elementwise),
        unary("asin", .asin, aliases: ["torch.arcsin", "Tensor.arcsin", "Tensor.arcsin_", "torch.arcsin_"], family: .elementwise),
        unary("acos", .acos, aliases: ["torch.arccos", "Tensor.arccos", "Tensor.arccos_", "torch.arccos_"], family: .elementwise),
        unary("atan", .atan, aliases: ["torch.arctan", "Tensor.arctan", "Tensor.arctan_", "torch.arctan_"], family: .elementwise),
        unary("sinh", .sinh, family: .elementwise),
        unary("cosh", .cosh, family: .elementwise),
        unary("tanh", .tanh, family: .activation, explain: tanhWords,
              doc: OpDoc("Hyperbolic tangent: squashes each value into (-1, 1).", formula: "tanh(x) = (exp(x) - exp(-x)) / (exp(x) + exp(-x))",
                           example: ">>> torch.tanh(torch.tensor([-1., 0., 1.]))\ntensor([-0.7616,  0.0000,  0.7616])")),
        unary("sigmoid", .sigmoid, family: .activation, explain: sigmoidWords,
              doc: OpDoc("Squashes each value into (0, 1).", formula: "sigmoid(x) = 1 / (1 + exp(-x))",
                           example: ">>> torch.sigmoid(torch.tensor([-2., 0., 2.]))\ntensor([0.1192, 0.5000, 0.8808])")),
        unary("relu", .relu, family: .activation, explain: reluWords,
              doc: OpDoc("Keeps positive values and replaces negative ones by 0.", formula: "relu(x) = max(x, 0)",
                           example: ">>> F.relu(torch.tensor([-1., 0., 2.]))\ntensor([0., 0., 2.])")),
        unary("floor", .floor, family: .elementwise, explain: OpExplanation(.elementwise(words: "rounds every element down"))),
        unary("ceil", .ceil, family: .elementwise, explain: OpExplanation(.elementwise(words: "rounds every element up"))),
        unary("trunc", .trunc, aliases: ["torch.fix", "Tensor.fix", "Tensor.fix_", "torch.fix_"], family: .elementwise),
        unary("frac", .frac, family: .elementwise),
        unary("erf", .erf, family: .elementwise),
        unary("erfc", .erfc, family: .elementwise),
        unary("logical_not", .logicalNot, torchInPlace: false, family: .elementwise),
        unary("bitwise_not", .bitwiseNot, torchInPlace: false, family: .elementwise),
        unary("isnan", .isNaN, inPlace: false, family: .comparison),
        unary("isinf", .isInf, inPlace: false, family: .comparison),
        unary("isfinite", .isFinite, inPlace: false, family: .comparison),
        unary("signbit", .signbit, inPlace: false, family: .comparison),
    ]

    /// The words of the activations that are also `F.` functions (FunctionalActivations.swift).
    static let reluWords = OpExplanation(.elementwise(words: "max(x, 0) of every element: negatives become 0"), inPlace: "sets the negative elements of {T} to 0")
    static let sigmoidWords = OpExplanation(.elementwise(words: "the logistic sigmoid 1/(1+e^−x) of every element: each becomes a value in (0, 1)"),
                                            inPlace: "replaces every element of {T} by its sigmoid")
    static let tanhWords = OpExplanation(.elementwise(words: "tanh of every element: each becomes a value in (−1, 1)"))

    /// `torchInPlace`: whether PyTorch also has the in-place form as a function (`torch.exp_(x)`).
    private static func unary(_ name: String, _ op: UnaryOp, inPlace: Bool = true, torchInPlace: Bool = true, aliases: [String] = [],
                              family: OpFamily, explain: OpExplanation = .none, doc: OpDoc? = nil) -> OpEntry {
        let variants: OpVariants = !inPlace ? [.function, .method] : torchInPlace ? [.function, .method, .inPlace, .inPlaceFunction] : [.function, .method, .inPlace]
        return OpEntry(name, "Tensor input", variants, family: family,
                explain: explain, aliases: aliases, doc: doc) { arguments in
            .tensor(try Autodiff.unary(op, try arguments.tensor("input")))
        }
    }
}
