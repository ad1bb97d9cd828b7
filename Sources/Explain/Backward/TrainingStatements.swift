import Interpreter
import PySyntax
import TensorEngine

/// Words for statements of a training step that touch no tensor op but matter for
/// gradients: `with torch.no_grad():` and a plain assignment that aliases a tensor.
enum TrainingStatements {
    static func words(_ evaluation: Evaluation) -> OperationText? {
        gradModeBlock(evaluation) ?? alias(evaluation)
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
