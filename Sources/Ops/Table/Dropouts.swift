import Autograd
import TensorEngine

/// The dropout family beyond plain `dropout`: alpha dropout (for SELU networks) and the
/// channel-wise variants. The ATen functions (`torch.alpha_dropout(input, p, train)`) are
/// implemented here, `_` forms included; the `F.` functions are Python in PyTorch (a range
/// check on p, then the ATen call), so the interpreter binds them and the table gives
/// their signature and words.
extension OpTable {
    static let dropoutFamilyOps: [OpEntry] = functionalDropouts + atenDropouts

    private static let functionalDropouts: [OpEntry] = [
        OpEntry("alpha_dropout", "Tensor input, float p=0.5, bool training=False, bool inplace=False", [.functional], family: .activation,
                explain: OpExplanation(.dropout(perChannel: false, alpha: true)), python: true),
        OpEntry("feature_alpha_dropout", "Tensor input, float p=0.5, bool training=False, bool inplace=False", [.functional], family: .activation,
                explain: OpExplanation(.dropout(perChannel: true, alpha: true)), python: true),
    ]

    private static let atenDropouts: [OpEntry] = [
        ("alpha_dropout", DropoutVariant(perChannel: false, alpha: true)),
        ("feature_alpha_dropout", DropoutVariant(perChannel: true, alpha: true)),
        ("feature_dropout", DropoutVariant(perChannel: true, alpha: false)),
    ].flatMap { name, variant in
        // The `_` forms are their own ATen functions, not a write of the result into the
        // input: with train=False or p=0 they return the input untouched, even a leaf.
        [false, true].map { inPlace in
            OpEntry(inPlace ? name + "_" : name, "Tensor input, float p, bool train", [.function], family: .activation,
                    explain: OpExplanation(.dropout(perChannel: variant.perChannel, alpha: variant.alpha))) { arguments in
                .tensor(try Autodiff.dropout(try arguments.tensor("input"), p: try arguments.float("p"), train: try arguments.bool("train"),
                                             variant: variant, inPlace: inPlace, generator: .default))
            }
        }
    }
}
