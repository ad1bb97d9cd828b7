import Foundation
import Interpreter
import TensorEngine

/// Turns a `Mismatch` into what the learner reads: which dim, which positions, and the
/// two values side by side when they are small enough to compare by eye.
enum FeedbackText {
    static func describe(_ mismatch: Mismatch, actual: Value, expected: Value, interpreter: Interpreter) -> String {
        var lines = [sentence(mismatch)]
        if showsSideBySide(mismatch), let sideBySide = sideBySide(actual, expected, interpreter: interpreter) {
            lines.append(sideBySide)
        }
        return lines.joined(separator: "\n")
    }

    static func sentence(_ mismatch: Mismatch) -> String {
        switch mismatch {
        case let .type(actual, expected):
            return "Your answer is a \(actual); a \(expected) is expected."
        case let .rank(actual, expected):
            var text = "Your result has \(dims(actual.count)), shape \(shape(actual)); expected \(dims(expected.count)), shape \(shape(expected))."
            if actual.filter({ $0 != 1 }) == expected.filter({ $0 != 1 }) {
                text += "\nThe shapes differ only by dims of size 1: `None`, `unsqueeze` or `squeeze` adds or removes them."
            }
            return text
        case let .dimension(dim, actual, expected):
            var text = "Dim \(dim) differs: yours has size \(actual[dim]), expected \(expected[dim]) (your shape \(shape(actual)), expected \(shape(expected)))."
            if actual.sorted() == expected.sorted() {
                text += "\nThe same sizes in another order: check which dim is which."
            }
            return text
        case let .dtype(actual, expected, valuesMatch):
            if valuesMatch {
                return "The shape and values are right, but the dtype is \(actual.torchName); \(expected.torchName) is expected."
            }
            return "The dtype is \(actual.torchName); \(expected.torchName) is expected, and the values differ too."
        case let .values(shape, differing, count):
            let total = shape.reduce(1, *)
            var text = "Shape and dtype match, but \(count) of \(total) values differ:"
            for entry in differing {
                let place = shape.isEmpty ? "the value" : "at [\(entry.index.map(String.init).joined(separator: ", "))]"
                text += "\n  \(place): yours \(entry.actual), expected \(entry.expected)"
            }
            if count > differing.count { text += "\n  ... and \(count - differing.count) more" }
            return text
        case let .scalar(actual, expected):
            return "Your answer is \(actual); expected \(expected)."
        case let .length(actual, expected, container):
            return "Your \(container) has \(actual) items; expected \(expected)."
        case let .element(index, inner):
            return "Item \(index) differs. " + sentence(inner)
        }
    }

    static func showsSideBySide(_ mismatch: Mismatch) -> Bool {
        switch mismatch {
        case .values, .dtype, .dimension, .rank: true
        default: false
        }
    }

    static func dims(_ count: Int) -> String { count == 1 ? "1 dim" : "\(count) dims" }
    static func shape(_ sizes: [Int]) -> String { "[" + sizes.map(String.init).joined(separator: ", ") + "]" }

    /// Two reprs in columns headed `yours` and `expected`, when both fit in 100 columns.
    static func sideBySide(_ actual: Value, _ expected: Value, interpreter: Interpreter) -> String? {
        guard let left = try? interpreter.repr(actual), let right = try? interpreter.repr(expected) else { return nil }
        let leftLines = ["yours:"] + left.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let rightLines = ["expected:"] + right.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard leftLines.count <= 14, rightLines.count <= 14 else { return nil }
        let width = (leftLines.map(\.count).max() ?? 0) + 4
        if width + (rightLines.map(\.count).max() ?? 0) > 100 {
            return (leftLines + rightLines).joined(separator: "\n")
        }
        var lines: [String] = []
        for row in 0..<max(leftLines.count, rightLines.count) {
            let leftText = row < leftLines.count ? leftLines[row] : ""
            let rightText = row < rightLines.count ? rightLines[row] : ""
            lines.append(rightText.isEmpty ? leftText : leftText.padding(toLength: width, withPad: " ", startingAt: 0) + rightText)
        }
        return lines.map { "  " + $0 }.joined(separator: "\n")
    }
}
