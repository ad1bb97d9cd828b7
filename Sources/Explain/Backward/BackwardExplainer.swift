import Interpreter
import PySyntax
import TensorEngine

/// Shared between the tracer, which fills it just before `backward()` runs, and the
/// explainer of the `backward()` call, which reads it when the call returns.
final class BackwardLog {
    var pending: BackwardRecord?
}

/// The `backward()` step: where the gradients went, how large they are, and what each
/// term of the loss contributed to them.
struct BackwardExplainer: OperationExplainer {
    let log: BackwardLog
    /// At most this many leaves and terms are listed; the rest are counted.
    static let listLimit = 8

    func explain(_ evaluation: Evaluation) -> OperationText? {
        // The first call to return after the hook is the backward call itself: autograd
        // runs no Python code in between.
        guard let record = log.pending, case .call = evaluation.expr.kind, evaluation.value.isNone else { return nil }
        let rootText = record.roots.count == 1 ? "this loss" : "these \(record.roots.count) tensors"
        let accumulates = record.leaves.contains { $0.gradientBefore != nil }
        var text = "backpropagates from \(rootText) through its graph of \(plural(record.nodeCount, "op")) to the "
            + "\((record.leaves.count == 1 ? "1 leaf that requires" : "\(record.leaves.count) leaves that require")) grad, and "
            + (accumulates ? "adds each gradient to the one already in `.grad` (gradients accumulate until zero_grad())" : "stores each gradient in its `.grad`")
        if record.leaves.isEmpty { text = "backpropagates from \(rootText); no leaf that requires grad is reached" }
        var notes = record.leaves.prefix(Self.listLimit).map { leaf in leafNote(leaf, record) }
        if record.leaves.count > Self.listLimit { notes.append("… and \(record.leaves.count - Self.listLimit) more leaves") }
        if record.terms.count >= 2 {
            notes += record.terms.map { termNote($0, record, evaluation) }
        }
        for term in record.terms {
            if let note = CrossEntropyGradientText.note(term) { notes.append(note) }
            if let note = DistillationGradientText.note(term) { notes.append(note) }
        }
        for softmax in record.maskedSoftmaxes where softmax.nonzero == 0 {
            notes.append("the softmax on line \(softmax.line): its \(plural(softmax.masked, "masked position")) (-inf) get exactly zero gradient, "
                         + "so masked scores do not learn from this loss")
        }
        return OperationText(operation: "backward", text: text, notes: notes)
    }

    private func leafNote(_ leaf: BackwardRecord.Leaf, _ record: BackwardRecord) -> String {
        guard let gradient = record.addedGradient(leaf) else { return "`\(leaf.name)` gets no gradient" }
        let finite = isAllFinite(gradient)
        let size = finite ? "‖g‖ = \(compact(norm(gradient)))" : ValuePreview.summary(gradient)
        return "`\(leaf.name)`.grad: \(TensorSignature(gradient)), \(size)\(finite ? ", all finite" : "")"
    }

    private func termNote(_ entry: BackwardRecord.TermGradients, _ record: BackwardRecord, _ evaluation: Evaluation) -> String {
        let source = evaluation.index.source
        let where_ = "`\(shortened(source.text(of: entry.term.written.span)))` (line \(source.line(of: entry.term.origin.span.start)))"
        if entry.isDead { return "term \(where_) sends no gradient to any leaf (see dead-loss-term)" }
        guard let gradients = entry.gradients else { return "term \(where_): its own gradients could not be separated" }
        var reached: [String] = []
        for (index, leaf) in record.leaves.enumerated() {
            guard index < gradients.count, let gradient = gradients[index], !isAllZero(gradient) else { continue }
            let total = record.terms.compactMap { $0.gradients.flatMap { index < $0.count ? $0[index] : nil } }.map(norm).reduce(0, +)
            let share = total > 0 ? " (\(Int((100 * norm(gradient) / total).rounded()))% of the terms' gradient sizes)" : ""
            reached.append("`\(leaf.name)` ‖g‖ \(compact(norm(gradient)))\(share)")
        }
        return "term \(where_) reaches " + (reached.isEmpty ? "no leaf" : reached.prefix(Self.listLimit).joined(separator: ", "))
    }
}

/// Source text shortened to fit a note.
func shortened(_ text: String, limit: Int = 64) -> String {
    text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
}
