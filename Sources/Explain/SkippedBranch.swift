import Interpreter
import PySyntax

/// An `if` whose condition is false: its body runs no step, so one line says which lines
/// were skipped and which run instead (`if temporal:` in Video Swin's attention).
enum SkippedBranch {
    static func words(_ evaluation: Evaluation) -> OperationText? {
        guard let statement = evaluation.index.statement(of: evaluation.expr), case let .if(condition, body, orElse) = statement.kind,
              condition === evaluation.expr, let flag = truth(evaluation.value), !flag else { return nil }
        let source = evaluation.index.source
        func lines(_ statements: [Stmt]) -> String? {
            guard let first = statements.first, let last = statements.last else { return nil }
            let from = source.line(of: first.span.start), to = source.line(of: max(last.span.start, last.span.end - 1))
            return from == to ? "line \(from)" : "lines \(from)–\(to)"
        }
        guard let skipped = lines(body) else { return nil }
        let shown = evaluation.value.isNone ? "None" : ValuePreview.preview(evaluation.value, interpreter: nil) ?? "false"
        var text = "`\(evaluation.text)` is \(shown), so the `if` body (\(skipped)) does not run"
        if let instead = lines(orElse) { text += "; the `else` part (\(instead)) runs instead" }
        return OperationText(operation: "if (not taken)", text: text)
    }

    /// Python's truth for the values a condition usually holds; nil for others (tensors).
    private static func truth(_ value: Value) -> Bool? {
        switch value {
        case let .bool(flag): return flag
        case let .int(number): return number != 0
        case let .float(number): return number != 0
        case .none: return false
        default: return nil
        }
    }
}
