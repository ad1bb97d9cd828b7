import Foundation
import Interpreter
import PySyntax
import TensorEngine

/// What the explainer learned about a tensor where it was made, keyed by the tensor's
/// identity. Variables hand the same `Tensor` object along, so a fact recorded at
/// `t = F.softmax(s / T, dim=1)` is still known when `t` reaches a loss lines later.
final class TensorFacts {
    enum Producer: Equatable {
        case softmax(dim: Int)
        case logSoftmax(dim: Int)
    }

    struct Temperature {
        let value: Double
        /// As written, e.g. `T` or `2.0`: source text, for fixes that are code.
        let text: String

        /// Whether the source wrote the number itself (`2.0`), not a name (`T`).
        var isLiteral: Bool { isNumberLiteral(text) }
        /// The number, as written when it is a literal: `2.0`, or `2` for `T = 2`.
        var valueText: String { isLiteral ? text : compact(value) }
        /// For sentences: `T = 2.0` for a literal, "`T` = 2" for a name.
        var phrase: String { isLiteral ? "T = \(text)" : "`\(text)` = \(compact(value))" }
    }

    /// A store into the tensor after it was made (`x[mask] = -inf`, `x.masked_fill_(...)`).
    struct Write {
        let line: Int
        let source: String
        let region: WrittenRegion
    }

    struct Fact {
        var producer: Producer?
        /// Logits divided by a scalar before `producer` (or, for logits, the scalar itself).
        var temperature: Temperature?
        /// The logits before the temperature, for the before/after bar chart.
        var logitsBeforeTemperature: Tensor?
        /// Source text of the logits a softmax was taken of, without the temperature.
        var logitsText: String?
        /// The node that made those logits, so a suggested fix can apply the fixes found inside it.
        var logitsExpr: Expr?
        /// Names for each dim, from view arguments or a trailing `# a, b, c` comment.
        var dimLabels: [String]?
        /// `[:, a:b]` column slice: the start, for the `target - a` suggestion.
        var columnSliceStart: (value: Int, text: String)?
        /// The variable that held it, and the line it was bound.
        var boundName: (name: String, line: Int)?
        var heatmapShown = false
        /// For a view: the source text of the tensor whose storage it shares.
        var viewOf: String?
        /// The line and code of a definite fix for the code that made this tensor.
        var fixedBy: (line: Int, code: String)?
        /// Stores into it after it was made, in order.
        var writes: [Write] = []
        /// Whether it was checked for being a relative position index (and explained if so).
        var relativeIndexChecked = false
    }

    // Weak, so that a loop of 10**5 iterations does not keep every iteration's tensors
    // alive; a fact counts only while its own tensor lives (an identity may be reused).
    private var facts: [ObjectIdentifier: (tensor: WeakTensorReference, fact: Fact)] = [:]
    /// Past this many facts, those of freed tensors are dropped.
    private var pruningCount = 4096

    subscript(tensor: Tensor) -> Fact {
        get {
            guard let entry = facts[ObjectIdentifier(tensor)], entry.tensor.tensor === tensor else { return Fact() }
            return entry.fact
        }
        set {
            facts[ObjectIdentifier(tensor)] = (WeakTensorReference(tensor), newValue)
            if facts.count > pruningCount {
                facts = facts.filter { $0.value.tensor.tensor != nil }
                pruningCount = Swift.max(4096, facts.count * 2)
            }
        }
    }

    func update(_ tensor: Tensor, _ change: (inout Fact) -> Void) {
        var fact = self[tensor]
        change(&fact)
        self[tensor] = fact
    }
}

/// Records facts as nodes are evaluated; explainers and detectors read them later.
enum FactRecorder {
    static func record(_ evaluation: Evaluation) {
        guard let result = evaluation.tensorResult else { return }
        let facts = evaluation.facts
        if let name = evaluation.index.assignedName(of: evaluation.expr) {
            facts.update(result) { $0.boundName = (name, evaluation.line) }
        }
        if let base = evaluation.tensorInputs.first(where: { $0.tensor !== result && $0.tensor.sharesStorage(with: result) }) {
            let baseText = facts[base.tensor].viewOf ?? evaluation.text(of: base.expr)
            facts.update(result) { $0.viewOf = baseText }
        }
        switch evaluation.expr.kind {
        case let .binary(.divide, left, right):
            if let logits = evaluation.tensor(of: left), let divisor = evaluation.value(of: right),
               let temperature = doubleValue(divisor), !isTensor(divisor) {
                facts.update(result) {
                    $0.temperature = .init(value: temperature, text: evaluation.text(of: right))
                    $0.logitsBeforeTemperature = logits
                    $0.logitsText = evaluation.text(of: left)
                    $0.logitsExpr = left
                }
            }
        case let .subscript(_, indexExpr):
            recordColumnSlice(evaluation, indexExpr, result)
        case .call:
            recordCall(evaluation, result)
        default:
            break
        }
    }

    private static func isTensor(_ value: Value) -> Bool {
        if case .tensor = value { return true }
        return false
    }

    private static func recordColumnSlice(_ evaluation: Evaluation, _ indexExpr: Expr, _ result: Tensor) {
        guard case let .tuple(parts) = indexExpr.kind, parts.count == 2,
              case .slice(nil, nil, nil) = parts[0].kind,
              case let .slice(lower?, _, nil) = parts[1].kind,
              let start = evaluation.value(of: lower).flatMap(intValue), start > 0 else { return }
        evaluation.facts.update(result) { $0.columnSliceStart = (start, evaluation.text(of: lower)) }
    }

    private static func recordCall(_ evaluation: Evaluation, _ result: Tensor) {
        guard let call = evaluation.call else { return }
        let facts = evaluation.facts
        if call.receiver?.tensor === result, let partial = PartialWrite(call, evaluation), let region = partial.region {
            facts.update(result) { $0.writes.append(.init(line: evaluation.line, source: evaluation.text, region: region)) }
            return
        }
        if let softmax = SoftmaxCall(call) {
            let inputFact = facts[softmax.input.tensor]
            facts.update(result) {
                $0.producer = softmax.isLog ? .logSoftmax(dim: softmax.dim) : .softmax(dim: softmax.dim)
                $0.temperature = inputFact.temperature
                $0.logitsBeforeTemperature = inputFact.logitsBeforeTemperature
                $0.logitsText = inputFact.logitsText ?? evaluation.text(of: softmax.input.expr)
                $0.logitsExpr = inputFact.logitsText == nil ? softmax.input.expr : inputFact.logitsExpr
            }
            return
        }
        guard let input = call.input, let kind = call.outOfPlaceKind else { return }
        switch kind {
        case .clone, .detach, .contiguous, .conversion(keepsValues: true):
            let inherited = facts[input.tensor]
            facts.update(result) {
                $0.producer = inherited.producer
                $0.temperature = inherited.temperature
                $0.logitsBeforeTemperature = inherited.logitsBeforeTemperature
                $0.logitsText = inherited.logitsText
                $0.logitsExpr = inherited.logitsExpr
                $0.dimLabels = inherited.dimLabels
                $0.columnSliceStart = inherited.columnSliceStart
            }
        case .reshape:
            facts.update(result) { $0.dimLabels = dimLabels(for: evaluation, call: call, shape: result.shape) }
        case .permute:
            if let order = call.integerList, let labels = facts[input.tensor].dimLabels, labels.count == order.count {
                let normalized = order.map { $0 < 0 ? $0 + labels.count : $0 }
                if normalized.allSatisfy({ $0 >= 0 && $0 < labels.count }) {
                    facts.update(result) { $0.dimLabels = normalized.map { labels[$0] } }
                }
            }
        default:
            break
        }
    }

    /// Dim names for a reshape: the trailing comment if it names every dim, otherwise
    /// the argument texts when each is a name rather than a number.
    private static func dimLabels(for evaluation: Evaluation, call: CallSite, shape: [Int]) -> [String]? {
        let rank = shape.count
        if let comment = evaluation.index.trailingComment(of: evaluation.expr) {
            let parts = comment.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == rank, parts.allSatisfy({ !$0.isEmpty && $0.count <= 16 && !$0.contains(" ") }) { return parts }
        }
        let texts = call.argumentTexts.map { evaluation.text(of: $0) }
        // Numbers name nothing, but one named size among them is worth keeping.
        let isName = { (text: String) in text.first?.isLetter == true || text.first == "_" }
        guard texts.count == rank, texts.contains(where: isName), texts.allSatisfy({ isName($0) || Int($0) != nil }) else { return nil }
        // A number is shown as the size it gave: `-1` reads as the inferred size, not as a name.
        return zip(texts, shape).map { text, size in isName(text) ? text : String(size) }
    }
}

/// Whether source text is a plain number such as `2`, `2.0`, `-1e9` (not a name or a call).
func isNumberLiteral(_ text: String) -> Bool {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    return !trimmed.isEmpty && Double(trimmed) != nil && trimmed.allSatisfy { $0.isNumber || "+-.eE_".contains($0) }
}
