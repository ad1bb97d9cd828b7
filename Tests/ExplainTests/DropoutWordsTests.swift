@testable import Explain
import Testing

/// The dropout family's words read the call's own p and training flag, whose default
/// differs: True for F.dropout, False for F.alpha_dropout, none for the ATen spellings.
@Suite("dropout words")
struct DropoutWordsTests {
    private let setup = "x = torch.randn(4, 5)\nb = torch.randn(2, 3, 4)\nresult = "

    @Test("alpha dropout names the value dropped units take and the map of the kept ones")
    func alphaDropout() throws {
        let cases: [(String, String)] = [
            ("F.alpha_dropout(x, 0.5, training=True)", "sets each element with probability p = 0.5 to -0.7792 and maps the others to "
                + "0.8864·x + 0.7792, so inputs with mean 0 and variance 1 (SELU's) keep them"),
            ("F.alpha_dropout(x)", "alpha dropout that is off here (training=False, the default of the alpha dropouts, or p=0): "
                + "returns the input's values unchanged, [4, 5]"),
            ("torch.alpha_dropout(x, 0.5, False)", "alpha dropout that is off here (train=False, or p=0): returns the input's values unchanged, [4, 5]"),
            ("torch.feature_dropout(b, 0.25, True)", "zeroes each channel (all of input[n, c]) with probability p = 0.25 and multiplies the others by "
                + "1/(1 − p) = 1.333"),
            ("torch.feature_alpha_dropout_(b, 1.0, True)", "alpha dropout with p = 1: multiplies every element by 0, without drawing, [2, 3, 4]"),
            ("F.dropout(x, p=0.5, training=False)", "dropout that is off here (training=False, or p=0): returns the input's values unchanged, [4, 5]"),
        ]
        for (call, words) in cases {
            let step = try #require(explain(setup + call).steps.last { !$0.isTrivial && $0.source == call }, "no step for \(call)")
            #expect(step.text == words, "\(call): \(step.text)")
        }
    }
}
