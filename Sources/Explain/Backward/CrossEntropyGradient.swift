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
        let probabilities = rowSoftmax(operands.logits.doubles(), rows: rows, classes: classes, temperature: 1), actual = gradient.doubles()
        let expected = probabilities.enumerated().map { index, p in (p - (index % classes == targets[index / classes] ? 1 : 0)) / Double(rows) }
        guard closeEnough(expected, actual) else { return nil }
        let softmaxRow = Array(probabilities.prefix(classes))
        let oneHotRow = (0..<classes).map { $0 == targets[0] ? "1" : "0" }
        return "the cross-entropy's gradient on its logits `\(operands.logitsText)` is (softmax(`\(operands.logitsText)`) − onehot(`\(operands.targetText)`)) / \(rows): "
            + "for row 0 (target \(targets[0])), ([\(softmaxRow.map(fixed).joined(separator: ", "))] − [\(oneHotRow.joined(separator: ", "))]) / \(rows) "
            + "= [\(actual.prefix(classes).map(fixed).joined(separator: ", "))]"
    }

    private static func fixed(_ value: Double) -> String { String(format: "%.4f", value) }
}

/// Softmax of each row of a rows × classes matrix given row-major, after dividing by
/// `temperature`, computed in Double as a reference for autograd's gradients.
func rowSoftmax(_ values: [Double], rows: Int, classes: Int, temperature: Double) -> [Double] {
    var result: [Double] = []
    result.reserveCapacity(rows * classes)
    for row in 0..<rows {
        let scaled = values[(row * classes)..<((row + 1) * classes)].map { $0 / temperature }
        let largest = scaled.max() ?? 0
        let exponentials = scaled.map { Foundation.exp($0 - largest) }
        let total = exponentials.reduce(0, +)
        result += exponentials.map { $0 / total }
    }
    return result
}

/// Whether a closed form matches autograd's float32 gradient to float32 precision.
func closeEnough(_ expected: [Double], _ actual: [Double]) -> Bool {
    expected.count == actual.count && zip(expected, actual).allSatisfy { abs($0 - $1) <= 1e-6 + 1e-4 * abs($0) }
}
