import Autograd
import TensorEngine

/// Elementwise ops PyTorch composes from others: `logit`, `deg2rad`/`rad2deg` and `nan_to_num`.
/// Each has the method, the in-place method and the in-place torch function.
extension OpTable {
    private static let everyForm: OpVariants = [.function, .method, .inPlace, .inPlaceFunction]

    static let elementwiseCompositeOps: [OpEntry] = [
        OpEntry("logit", "Tensor input, float? eps=None", everyForm, family: .elementwise,
                explain: OpExplanation(.elementwise(words: "log(p / (1 − p)) of every element")),
                doc: OpDoc("The log-odds of each probability; eps clamps p to [eps, 1 − eps] first.", formula: "logit(p) = log(p / (1 − p))",
                           example: ">>> torch.logit(torch.tensor([0.5, 0.75]))\ntensor([0.0000, 1.0986])")) { arguments in
            .tensor(try Autodiff.logit(try floatingPoint(try arguments.tensor("input")), eps: try arguments.optionalFloat("eps")))
        },
        angleConversion("deg2rad", factor: Double.pi / 180, backwardName: "Deg2RadBackward0", words: "converts every element from degrees to radians"),
        angleConversion("rad2deg", factor: 180 / Double.pi, backwardName: "Rad2DegBackward0", words: "converts every element from radians to degrees"),
        OpEntry("nan_to_num", "Tensor input, float? nan=0.0, float? posinf=None, float? neginf=None", everyForm, family: .elementwise,
                explain: OpExplanation(.elementwise(words: "replaces NaN, inf and −inf in every element by finite numbers")),
                doc: OpDoc("Replaces NaN by nan (0), inf by posinf and −inf by neginf (the dtype's largest and lowest by default).",
                           example: ">>> torch.nan_to_num(torch.tensor([float('nan'), float('inf'), -1.]), posinf=9.)\ntensor([ 0.,  9., -1.])")) { arguments in
            let input = try arguments.tensor("input")
            // Integers and bools have no NaN or inf: the result is a copy.
            guard input.dtype.isFloatingPoint else { return .tensor(try Autodiff.clone(input)) }
            let output = try input.replacingNonFinite(nan: try arguments.optionalFloat("nan") ?? 0, positiveInfinity: try arguments.optionalFloat("posinf"),
                                                      negativeInfinity: try arguments.optionalFloat("neginf"))
            return .tensor(Autodiff.nanToNumber(input, output: output))
        },
    ]

    private static func angleConversion(_ name: String, factor: Double, backwardName: String, words: String) -> OpEntry {
        OpEntry(name, "Tensor input", everyForm, family: .elementwise, explain: OpExplanation(.elementwise(words: words))) { arguments in
            .tensor(try Autodiff.binary(.multiply, .tensor(try floatingPoint(try arguments.tensor("input"))), .scalar(.float(factor)), backwardName: backwardName))
        }
    }

    /// Integer and bool inputs are computed in the default float dtype, as PyTorch's are.
    private static func floatingPoint(_ input: Tensor) throws -> Tensor {
        input.dtype.isFloatingPoint ? input : try Autodiff.to(input, defaultFloatDType)
    }
}
