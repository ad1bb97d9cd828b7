import Autograd
import TensorEngine

/// The activations of `torch.nn.functional`. Those with `inplace=True` write their result
/// into the input, as PyTorch's in-place activations do.
extension OpTable {
    static let functionalActivationOps: [OpEntry] = parameterized + randomized + parameterless + clipping

    private static let parameterized: [OpEntry] = [
        activation("leaky_relu", "float negative_slope=0.01, bool inplace=False", variants: [.functional, .inPlaceFunctional]) { .leakyReLU(negativeSlope: try $0.float("negative_slope")) },
        activation("elu", "float alpha=1.0, bool inplace=False", variants: [.functional, .inPlaceFunctional]) { .elu(alpha: try $0.float("alpha"), scale: 1, inputScale: 1) },
        activation("celu", "float alpha=1.0, bool inplace=False", variants: torchAndFunctional, backwardName: "CeluBackward0") { .celu(alpha: try $0.float("alpha")) },
        activation("gelu", "*, str approximate='none'", explain: OpExplanation(.elementwise(words: "the GELU activation of every element"))) { arguments in
            switch try arguments.string("approximate") {
            case "none": return .gelu(tanhApproximation: false)
            case "tanh": return .gelu(tanhApproximation: true)
            default: throw TensorError.runtime("approximate argument must be either none or tanh.")
            }
        },
        activation("softplus", "float beta=1.0, float threshold=20.0", explain: OpExplanation(.elementwise(words: "log(1 + e^x) of every element"))) { .softplus(beta: try $0.float("beta"), threshold: try $0.float("threshold")) },
    ]

    // Randomized leaky ReLU. Its training draws come from the default generator, in
    // PyTorch's order, so seeded runs give PyTorch's slopes.
    private static let randomized: [OpEntry] = [
        OpEntry("rrelu", "Tensor input, float lower=0.125, float upper=0.3333333333333333, bool training=False, bool inplace=False",
                torchAndFunctional, family: .activation,
                explain: OpExplanation(.elementwise(words: "x where x > 0, else x times a slope between lower and upper (random in training, their mean otherwise)"))) { arguments in
            let input = try arguments.tensor("input")
            return try applied(try Autodiff.rrelu(input, lower: try arguments.float("lower"), upper: try arguments.float("upper"),
                                                  training: try arguments.bool("training"), inPlace: try arguments.bool("inplace"),
                                                  generator: .default), input, arguments)
        },
    ]

    private static let parameterless: [OpEntry] = [
        activation("selu", "bool inplace=False", variants: torchAndFunctional) { _ in .selu },
        activation("silu", "bool inplace=False", explain: OpExplanation(.elementwise(words: "x·sigmoid(x) of every element"))) { _ in .silu },
        activation("mish", "bool inplace=False") { _ in .mish },
        activation("logsigmoid", nil) { _ in .logSigmoid },
        activation("hardsigmoid", "bool inplace=False") { _ in .hardsigmoid },
        activation("hardswish", "bool inplace=False") { _ in .hardswish },
        activation("softsign", nil) { _ in .softsign },
        // functional.py writes it as `input - input.tanh()`, and autograd records just that.
        OpEntry("tanhshrink", "Tensor input", [.functional], family: .activation,
                explain: OpExplanation(.elementwise(words: "x − tanh(x) of every element"))) { arguments in
            let input = try arguments.tensor("input")
            return .tensor(try Autodiff.binary(.subtract, .tensor(input), .tensor(try Autodiff.unary(.tanh, input))))
        },
        // F.relu takes `inplace`, unlike torch.relu; the tensor forms are in UnaryOps.
        unaryActivation("relu", .relu, variants: [.functional, .inPlaceFunctional], explain: reluWords),
        unaryActivation("sigmoid", .sigmoid, explain: sigmoidWords),
        unaryActivation("tanh", .tanh, explain: tanhWords),
    ]

    private static let clipping: [OpEntry] = [
        OpEntry("hardtanh", "Tensor input, float min_val=-1.0, float max_val=1.0, bool inplace=False", [.functional, .inPlaceFunctional], family: .activation,
                explain: OpExplanation(.hardtanh)) { arguments in
            let input = try arguments.tensor("input")
            return try applied(try Autodiff.hardtanh(input, minimum: try arguments.float("min_val"), maximum: try arguments.float("max_val"),
                                                     inPlace: try arguments.bool("inplace")), input, arguments)
        },
        OpEntry("relu6", "Tensor input, bool inplace=False", [.functional], family: .activation,
                explain: OpExplanation(.elementwise(words: "min(max(x, 0), 6) of every element: negatives become 0 and values above 6 become 6"))) { arguments in
            let input = try arguments.tensor("input")
            return try applied(try Autodiff.hardtanh(input, minimum: 0, maximum: 6, inPlace: try arguments.bool("inplace")), input, arguments)
        },
        OpEntry("threshold", "Tensor input, float threshold, Scalar value, bool inplace=False", [.functional, .inPlaceFunctional], family: .activation,
                explain: OpExplanation(.threshold), aliases: ["torch.threshold", "torch.threshold_"]) { arguments in
            let input = try arguments.tensor("input")
            guard case let .scalar(value) = arguments["value"] else { throw TensorError(.typeError, "threshold(): argument 'value' must be Number") }
            return try applied(try Autodiff.threshold(input, threshold: try arguments.float("threshold"), value: value,
                                                      inPlace: try arguments.bool("inplace")), input, arguments)
        },
    ]

    /// An `F.` activation of the engine's `Activation` kernels; `parameters` follow `input`.
    /// `torch.selu(x)`, `torch.selu_(x)`, `F.selu(x)` and `F.selu_(x)`.
    private static let torchAndFunctional: OpVariants = [.function, .inPlaceFunction, .functional, .inPlaceFunctional]

    private static func activation(_ name: String, _ parameters: String?, variants: OpVariants = [.functional], backwardName: String? = nil,
                                   explain: OpExplanation = .none, _ make: @escaping @Sendable (OpArguments) throws -> Activation) -> OpEntry {
        OpEntry(name, "Tensor input" + (parameters.map { ", " + $0 } ?? ""), variants, family: .activation, explain: explain) { arguments in
            let input = try arguments.tensor("input")
            let inPlace = try arguments.bool("inplace", default: false)
            return try applied(try Autodiff.activation(input, try make(arguments), backwardName: backwardName, inPlace: inPlace), input, arguments)
        }
    }

    private static func unaryActivation(_ name: String, _ op: UnaryOp, variants: OpVariants = [.functional], explain: OpExplanation) -> OpEntry {
        OpEntry(name, "Tensor input, bool inplace=False", variants, family: .activation, explain: explain) { arguments in
            let input = try arguments.tensor("input")
            if op == .relu, input.dtype == .bool { throw TensorError(.notImplementedError, "Boolean inputs not supported for relu") }
            return try applied(try Autodiff.unary(op, input), input, arguments)
        }
    }

    /// With `inplace=True` the result is written into `input`, which is returned.
    private static func applied(_ result: Tensor, _ input: Tensor, _ arguments: OpArguments) throws -> OpResult {
        guard try arguments.bool("inplace", default: false) else { return .tensor(result) }
        try Autodiff.assignResult(input, result)
        return .tensor(input)
    }
}
