import Foundation
import TensorEngine

/// The operands of a plain cross-entropy (class-index targets, mean, no weight or
/// smoothing), as the program names them.
struct CrossEntropyOperands {
    let logits: Tensor
    let target: Tensor
    let logitsText: String
    let targetText: String
}

/// The closed form of the cross-entropy's gradient, stated with the program's numbers
/// only after checking it against the gradient autograd computed.
enum CrossEntropyGradientText {
    static func note(_ term: BackwardRecord.TermGradients) -> String? {
        guard let (operands, gradient) = term.crossEntropy, operands.logits.rank == 2, gradient.shape == operands.logits.shape else { return nil }
        let (rows, classes) = (operands.logits.shape[0], operands.logits.shape[1])
        let targets = operands.target.int64s().map { Int($0) }
        guard rows > 0, targets.count == rows, targets.allSatisfy({ $0 >= 0 && $0 < classes }) else { return nil }
        let logits = operands.logits.doubles(), actual = gradient.doubles()
        var expected: [Double] = []
        for row in 0..<rows {
            let values = logits[(row * classes)..<((row + 1) * classes)]
            let largest = values.max() ?? 0
            let exponentials = values.map { Foundation.exp($0 - largest) }
            let total = exponentials.reduce(0, +)
            for (column, value) in exponentials.enumerated() {
                expected.append((value / total - (column == targets[row] ? 1 : 0)) / Double(rows))
            }
        }
        guard zip(expected, actual).allSatisfy({ abs($0 - $1) <= 1e-5 + 1e-4 * abs($0) }) else { return nil }
        let softmaxRow = (0..<classes).map { expected[$0] * Double(rows) + ($0 == targets[0] ? 1 : 0) }
        let oneHotRow = (0..<classes).map { $0 == targets[0] ? "1" : "0" }
        return "the cross-entropy's gradient on its logits `\(operands.logitsText)` is (softmax(`\(operands.logitsText)`) − onehot(`\(operands.targetText)`)) / \(rows): "
            + "for row 0 (target \(targets[0])), ([\(softmaxRow.map(fixed).joined(separator: ", "))] − [\(oneHotRow.joined(separator: ", "))]) / \(rows) "
            + "= [\(actual.prefix(classes).map(fixed).joined(separator: ", "))]"
    }

    private static func fixed(_ value: Double) -> String { String(format: "%.4f", value) }
}
