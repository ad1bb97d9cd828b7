import Interpreter
import Ops
import PySyntax
import TensorEngine

/// The two sides of a loss: the prediction (`input`) and the target.
struct LossSides {
    let call: CallSite
    let input: (expr: Expr, tensor: Tensor)
    let target: (expr: Expr, tensor: Tensor)

    /// `accepts` picks the losses by the table's kind and traits; by default every loss
    /// the loss explainer puts in words.
    init?(_ evaluation: Evaluation, where accepts: (OpKind, OpTraits) -> Bool = { kind, _ in kind.isExplainedLoss }) {
        guard let call = evaluation.call, let kind = call.kind, accepts(kind, call.traits), let input = call.input,
              let target = call.argument("target"), case let .tensor(targetTensor) = target.value else { return nil }
        self.call = call
        self.input = input
        self.target = (target.expr, targetTensor)
    }
}

/// `bce-on-softmax`: binary cross-entropy fed softmax distributions.
final class BCEOnSoftmaxDetector: PitfallDetector {
    func findings(_ evaluation: Evaluation) -> [Finding] {
        guard let sides = LossSides(evaluation, where: { kind, _ in kind == .binaryEntropy(fromLogits: false) }) else { return [] }
        let inputFact = evaluation.facts[sides.input.tensor]
        let targetFact = evaluation.facts[sides.target.tensor]
        let which: String
        switch (inputFact.producer != nil, targetFact.producer != nil) {
        case (true, true): which = "both its input and its target are softmax outputs"
        case (true, false): which = "its input is a softmax output"
        case (false, true): which = "its target is a softmax output"
        default: return []
        }
        let dim: Int = {
            if case let .softmax(dim)? = inputFact.producer { return dim }
            if case let .softmax(dim)? = targetFact.producer { return dim }
            return 1
        }()
        let temperature = inputFact.temperature ?? targetFact.temperature
        var applied: [Finding] = []
        var pendingNotes: [String] = []
        /// The logits of one side as corrected code: fixes found inside them applied, and
        /// parenthesized before a division.
        func logits(_ fact: TensorFacts.Fact, _ fallback: Expr) -> String {
            let expr = fact.logitsExpr ?? fallback
            let (text, fixes) = evaluation.fixedText(of: expr)
            applied += fixes
            if fixes.isEmpty, case let .tensor(tensor)? = evaluation.value(of: expr), let pending = evaluation.facts[tensor].fixedBy {
                pendingNotes.append("`\(evaluation.text(of: expr))` still needs the \(pending.code) fix on line \(pending.line) for this to run as meant")
            }
            guard let temperature else { return text }
            let wrapped = Self.needsParentheses(expr) ? "(\(text))" : text
            return "\(wrapped) / \(temperature.text)"
        }
        let student = logits(inputFact, sides.input.expr)
        let teacher = targetFact.producer != nil ? "F.softmax(\(logits(targetFact, sides.target.expr)), dim=\(dim))" : evaluation.fixedText(of: sides.target.expr).text
        let factor = temperature.map { " * \($0.text) * \($0.text)" } ?? ""
        let replacement = "F.kl_div(F.log_softmax(\(student), dim=\(dim)), \(teacher), reduction='batchmean')\(factor)"
        var notes = ["BCE treats each class as an independent yes/no question; a softmax row is one distribution over all classes, whose entries sum to 1",
                     "to make one distribution match another (distillation), the loss is the KL divergence"]
        for finding in applied {
            notes.append("the suggestion includes the \(finding.code) fix from line \(finding.line): `\(finding.fix!.replacement)`")
        }
        notes += pendingNotes
        return [Finding("bce-on-softmax", .warning, "binary_cross_entropy is given probability distributions: \(which)",
                        at: evaluation.expr, in: evaluation.index,
                        notes: notes,
                        help: "write `\(replacement)`",
                        fix: Finding.Fix(span: evaluation.expr.span, replacement: replacement))]
    }
}

extension BCEOnSoftmaxDetector {
    /// Whether `expr` must be wrapped before `/ T` to keep its meaning.
    static func needsParentheses(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .binary, .unary, .compare, .boolean, .conditional, .lambda: return true
        default: return false
        }
    }
}

/// `temperature-mismatch`: two distributions compared in one loss, only one of them (or
/// each with a different value) divided by a temperature.
final class TemperatureMismatchDetector: PitfallDetector {
    func findings(_ evaluation: Evaluation) -> [Finding] {
        guard let sides = LossSides(evaluation, where: { _, traits in traits.contains(.comparesDistributions) }) else { return [] }
        let inputFact = evaluation.facts[sides.input.tensor]
        let targetFact = evaluation.facts[sides.target.tensor]
        // Both sides must be distributions made from logits (or the input raw logits of a
        // cross-entropy against soft targets), or there is nothing to compare.
        let inputIsLogits = sides.call.kind == .classEntropy(appliesLogSoftmax: true) && sides.input.tensor.dtype.isFloatingPoint
        guard targetFact.producer != nil, inputFact.producer != nil || inputIsLogits else { return [] }
        let studentT = inputFact.temperature
        let teacherT = targetFact.temperature
        let message: String
        var fix: Finding.Fix?
        switch (studentT, teacherT) {
        case let (student?, nil):
            message = "the temperature \(student.phrase) is applied to the student only"
            fix = scaledFix(sides.target.expr, targetFact, student.text, evaluation)
        case let (nil, teacher?):
            message = "the temperature \(teacher.phrase) is applied to the teacher only"
            fix = scaledFix(sides.input.expr, inputFact, teacher.text, evaluation)
        case let (student?, teacher?) where student.value != teacher.value:
            message = "the two sides use different temperatures: \(student.phrase) for the student, \(teacher.phrase) for the teacher"
        default:
            return []
        }
        let student = "`\(evaluation.text(of: sides.input.expr))`"
        let teacher = "`\(evaluation.text(of: sides.target.expr))`"
        return [Finding("temperature-mismatch", .warning, message, at: evaluation.expr, in: evaluation.index,
                        notes: ["\(student) is made from logits divided by \(studentT.map(\.phrase) ?? "nothing (T = 1)"); \(teacher) from logits divided by \(teacherT.map(\.phrase) ?? "nothing (T = 1)")",
                                "distillation softens both distributions with the same T, so the student learns the teacher's softened probabilities"],
                        help: fix.map { "divide both sides' logits by the same T: write `\($0.replacement)`" } ?? "divide both sides' logits by the same temperature",
                        fix: fix)]
    }

    /// `F.softmax(t, dim=1)` → `F.softmax(t / T, dim=1)`, when the side is an inline call.
    private func scaledFix(_ side: Expr, _ fact: TensorFacts.Fact, _ temperature: String, _ evaluation: Evaluation) -> Finding.Fix? {
        guard case let .call(_, arguments) = side.kind, let logits = arguments.first?.value else { return nil }
        let logitsText = evaluation.text(of: logits)
        let sideText = evaluation.text(of: side)
        let fixedLogits = evaluation.fixedText(of: logits).text
        let scaled = BCEOnSoftmaxDetector.needsParentheses(logits) ? "(\(fixedLogits)) / \(temperature)" : "\(fixedLogits) / \(temperature)"
        let offset = logits.span.start - side.span.start
        let prefix = String(decoding: Array(sideText.utf8).prefix(offset), as: UTF8.self)
        let suffix = String(decoding: Array(sideText.utf8).dropFirst(offset + logitsText.utf8.count), as: UTF8.self)
        return Finding.Fix(span: side.span, replacement: prefix + scaled + suffix)
    }
}

/// `one-hot-misnomer`: a variable named one-hot that holds something else.
final class OneHotMisnomerDetector: PitfallDetector {
    func findings(_ evaluation: Evaluation) -> [Finding] {
        // Only a variable can be misnamed: `x[:, :k] = ...` names no tensor.
        guard let name = evaluation.index.assignedName(of: evaluation.expr), isVariableName(name),
              name.lowercased().replacingOccurrences(of: "_", with: "").contains("onehot"),
              let tensor = evaluation.tensorResult, tensor.rank >= 1 else { return [] }
        guard let what = tensor.count > 0 ? description(of: tensor) : provenance(of: evaluation) else { return [] }
        let notes = ["a one-hot row is all zeros except a single 1 at the class index; `\(name)` is \(TensorSignature(tensor))"]
        return [Finding("one-hot-misnomer", .warning, "`\(name)` is not one-hot: it holds \(what)", at: evaluation.expr, in: evaluation.index,
                        notes: notes,
                        help: "rename it to say what it holds (for teacher logits, e.g. `teacher_logits`), or build a real one-hot with `F.one_hot(labels, num_classes).float()`")]
    }

    /// What the values are, when they are neither one-hot nor probabilities. Probabilities
    /// (a sigmoid or softmax of a teacher's logits) are soft targets on purpose: no finding.
    private func description(of tensor: Tensor) -> String? {
        let values = tensor.doubles()
        let binary = values.allSatisfy { $0 == 0 || $0 == 1 }
        let rows = lines(of: tensor, along: tensor.rank - 1)
        if binary {
            return rows.allSatisfy({ $0.reduce(0, +) == 1 }) ? nil : "0s and 1s, but not exactly one 1 per row"
        }
        if values.allSatisfy({ $0 >= 0 && $0 <= 1 }) { return nil }
        let finite = values.filter(\.isFinite)
        return "real-valued scores from \(finite.min().map(compact) ?? "nan") to \(finite.max().map(compact) ?? "nan"), not 0s and 1s"
    }

    /// For an empty result, what it was cut from: a slice of logits is logits.
    private func provenance(of evaluation: Evaluation) -> String? {
        guard case let .subscript(base, _) = evaluation.expr.kind, let source = evaluation.tensor(of: base), source.count > 0,
              let what = description(of: source) else { return nil }
        return "no values (it is empty), and it is cut from `\(evaluation.text(of: base))`, which holds \(what)"
    }

    private func isVariableName(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
    }
}
