import Autograd
import TensorEngine

/// The dropout family beyond plain `dropout`: alpha dropout (for SELU networks) and the
/// channel-wise variants. The ATen functions (`torch.alpha_dropout(input, p, train)`) are
/// implemented here, `_` forms included; the `F.` functions are Python in PyTorch (a range
/// check on p, then the ATen call), so the interpreter binds them and the table gives
/// their signature, words and doc.
extension OpTable {
    static let dropoutFamilyOps: [OpEntry] = functionalDropouts + atenDropouts

    private static let alphaFormula = "kept: a·x + α·a·p, dropped: −α·a·(1 − p), with a = 1/√((α²p + 1)(1 − p)), α = 1.7581 (SELU's −scale·alpha)"

    private static let functionalDropouts: [OpEntry] = [
        OpEntry("alpha_dropout", "Tensor input, float p=0.5, bool training=False, bool inplace=False", [.functional], family: .activation,
                explain: OpExplanation(.dropout(perChannel: false, alpha: true)),
                doc: OpDoc("Alpha dropout, for SELU networks: in training each element drops with probability p to SELU's negative saturation, "
                           + "then all are scaled and shifted so that mean 0 and variance 1 are kept. training defaults to False.",
                           formula: alphaFormula,
                           example: ">>> _ = torch.manual_seed(3)\n>>> F.alpha_dropout(torch.arange(1., 7.), 0.5, training=True)\ntensor([ 1.6656,  2.5520, -0.7792,  4.3248, -0.7792, -0.7792])"),
                python: true),
        OpEntry("feature_alpha_dropout", "Tensor input, float p=0.5, bool training=False, bool inplace=False", [.functional], family: .activation,
                explain: OpExplanation(.dropout(perChannel: true, alpha: true)),
                doc: OpDoc("Alpha dropout of whole channels: each input[n, c] is kept or dropped as one. training defaults to False.",
                           formula: alphaFormula,
                           example: ">>> _ = torch.manual_seed(3)\n>>> F.feature_alpha_dropout(torch.ones(2, 3, 2), 0.5, training=True)\ntensor([[[ 1.6656,  1.6656],\n         [ 1.6656,  1.6656],\n         [-0.7792, -0.7792]],\n\n        [[ 1.6656,  1.6656],\n         [-0.7792, -0.7792],\n         [-0.7792, -0.7792]]])"),
                python: true),
    ]

    private static let atenDropouts: [OpEntry] = [
        aten("alpha_dropout", DropoutVariant(perChannel: false, alpha: true),
             OpDoc("F.alpha_dropout as ATen spells it: p and train are required, and a p outside [0, 1] is a RuntimeError.", formula: alphaFormula,
                   example: ">>> _ = torch.manual_seed(3)\n>>> torch.alpha_dropout(torch.arange(1., 7.), 0.5, True)\ntensor([ 1.6656,  2.5520, -0.7792,  4.3248, -0.7792, -0.7792])"),
             OpDoc("torch.alpha_dropout written into the input; with train=False or p=0 the input is returned untouched.",
                   example: ">>> x = torch.arange(1., 7.)\n>>> _ = torch.manual_seed(3)\n>>> torch.alpha_dropout_(x, 0.5, True)\ntensor([ 1.6656,  2.5520, -0.7792,  4.3248, -0.7792, -0.7792])")),
        aten("feature_alpha_dropout", DropoutVariant(perChannel: true, alpha: true),
             OpDoc("F.feature_alpha_dropout as ATen spells it: whole channels input[n, c] drop together; p and train are required.",
                   formula: alphaFormula, example: ">>> _ = torch.manual_seed(3)\n>>> torch.feature_alpha_dropout(torch.ones(3, 2), 0.5, True)\ntensor([[ 1.6656,  1.6656],\n        [-0.7792,  1.6656],\n        [-0.7792, -0.7792]])"),
             OpDoc("torch.feature_alpha_dropout written into the input.", example: ">>> x = torch.ones(3, 2)\n>>> _ = torch.manual_seed(3)\n>>> torch.feature_alpha_dropout_(x, 0.5, True)\ntensor([[ 1.6656,  1.6656],\n        [-0.7792,  1.6656],\n        [-0.7792, -0.7792]])")),
        aten("feature_dropout", DropoutVariant(perChannel: true, alpha: false),
             OpDoc("Dropout of whole channels, as F.dropout2d runs it: each input[n, c] is zeroed with probability p, the others scaled by 1/(1 − p).",
                   example: ">>> _ = torch.manual_seed(3)\n>>> torch.feature_dropout(torch.ones(3, 2), 0.5, True)\ntensor([[2., 2.],\n        [0., 2.],\n        [0., 0.]])"),
             OpDoc("torch.feature_dropout written into the input.", example: ">>> x = torch.ones(3, 2)\n>>> _ = torch.manual_seed(3)\n>>> torch.feature_dropout_(x, 0.5, True)\ntensor([[2., 2.],\n        [0., 2.],\n        [0., 0.]])")),
    ].flatMap { $0 }

    /// The out-of-place function and its `_` form. The `_` form is its own ATen function,
    /// not a write of the result into the input: with train=False or p=0 it returns the
    /// input untouched, even a leaf that requires grad.
    private static func aten(_ name: String, _ variant: DropoutVariant, _ doc: OpDoc, _ inPlaceDoc: OpDoc) -> [OpEntry] {
        [(name, false, doc), (name + "_", true, inPlaceDoc)].map { spelling, inPlace, doc in
            OpEntry(spelling, "Tensor input, float p, bool train", [.function], family: .activation,
                    explain: OpExplanation(.dropout(perChannel: variant.perChannel, alpha: variant.alpha)), doc: doc) { arguments in
                .tensor(try Autodiff.dropout(try arguments.tensor("input"), p: try arguments.float("p"), train: try arguments.bool("train"),
                                             variant: variant, inPlace: inPlace, generator: .default))
            }
        }
    }
}
