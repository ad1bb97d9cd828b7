import Foundation
import Ops

extension OpKind {
    /// The losses the loss explainer puts in words: those with an input and a target.
    var isExplainedLoss: Bool {
        switch self {
        case .classEntropy, .binaryEntropy, .klDivergence, .pointwiseLoss: true
        default: false
        }
    }
}

extension CallSite {
    /// A table template with each `{parameter}` replaced by that argument's value (or its
    /// declared default), as a number: "squared below delta = {delta}" → "... = 1".
    func filling(_ template: String) -> String {
        var text = template
        while let open = text.range(of: "{"), let close = text.range(of: "}", range: open.upperBound..<text.endIndex) {
            let parameter = String(text[open.upperBound..<close.lowerBound])
            let value = double(parameter).map(compact) ?? parameter
            text.replaceSubrange(open.lowerBound..<close.upperBound, with: value)
        }
        return text
    }
}

extension OpTraits {
    /// Where the op's domain starts: below it the result is NaN (0 for log and sqrt, -1 for log1p).
    var domainStart: Double? {
        if contains(.nanBelowMinusOne) { return -1 }
        return contains(.nanBelowZero) ? 0 : nil
    }
}
