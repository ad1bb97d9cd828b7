import Interpreter
import PySyntax
import TensorEngine

/// Words for statements of a training step that touch no tensor op but matter for
/// gradients: `with torch.no_grad():` and a plain assignment that aliases a tensor.
enum TrainingStatements {
    static func words(_ evaluation: Evaluation) -> OperationText? {
        gradModeBlock(evaluation) ?? alias(evaluation) ?? loopHeader(evaluation)
    }

    /// `for i, (x, label) in enumerate(loader):`: what one iteration binds.
    private static func loopHeader(_ evaluation: Evaluation) -> OperationText? {
        guard case let .for(target, iterable, _, _)? = evaluation.index.statement(of: evaluation.expr)?.kind, iterable === evaluation.expr else { return nil }
        var source = evaluation.expr
        var counted = false
        if case let .call(callee, arguments) = evaluation.expr.kind, case .name("enumerate") = callee.kind, arguments.count == 1 {
            source = arguments[0].value
            counted = true
        }
        let items: [Value]
        switch evaluation.value(of: source) {
        case let .list(list)?: items = list.items
        case let .tuple(values)?: items = values
        default: return nil
        }
        let targetText = evaluation.text(of: target)
        var parts: [String] = []
        if counted, case let .tuple(names) = target.kind, names.count == 2 {
            parts.append("`\(evaluation.text(of: names[0]))` to the item's position (0, 1, …)")
            parts.append("`\(evaluation.text(of: names[1]))` to the item itself")
        } else {
            parts.append("`\(targetText)` to each item")
        }
        let first = items.first.map { " The first item is \(shapeSummary($0))." } ?? ""
        return OperationText(operation: "loop", text: "runs the loop body once per item of `\(evaluation.text(of: source))` "
            + "(\(plural(items.count, "item"))), binding \(parts.joined(separator: " and ")).\(first)")
    }

    /// `(float32[8, 16], int64[8])` for a batch.
    private static func shapeSummary(_ value: Value) -> String {
        switch value {
        case let .tensor(tensor): return TensorSignature(tensor).description
        case let .tuple(items): return "(" + items.map(shapeSummary).joined(separator: ", ") + ")"
        case let .list(list): return "[" + list.items.map(shapeSummary).joined(separator: ", ") + "]"
        default: return "a \(value.typeName)"
        }
    }

    /// `with torch.no_grad():`: nothing inside records a graph.
    private static func gradModeBlock(_ evaluation: Evaluation) -> OperationText? {
        guard case let .native(mode as GradModeSwitch) = evaluation.value,
              case .with? = evaluation.index.statement(of: evaluation.expr)?.kind else { return nil }
        if mode.enabled {
            return OperationText(operation: "enable_grad", text: "turns gradient recording back on for this block: ops inside record a graph again")
        }
        return OperationText(operation: "no_grad", text: "turns gradient recording off for this block: no graph is recorded for the ops inside, so their results "
            + "have requires_grad=False and no gradient flows back through them to the parameters that made them")
    }

    /// `target_curr = label`: a second name for the same tensor, not a copy.
    private static func alias(_ evaluation: Evaluation) -> OperationText? {
        guard case let .name(source) = evaluation.expr.kind, case let .tensor(tensor) = evaluation.value,
              let statement = evaluation.index.statement(of: evaluation.expr), case let .assign(targets, value) = statement.kind,
              value === evaluation.expr, targets.count == 1, case let .name(target) = targets[0].kind, target != source else { return nil }
        return OperationText(operation: "alias", text: "`\(target)` is `\(source)`: another name for the same \(TensorSignature(tensor)) tensor, not a copy, "
            + "so whatever reads or writes `\(target)` reads or writes `\(source)`")
    }
}
