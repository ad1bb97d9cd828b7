import Autograd
import Interpreter
import Ops
import PySyntax
import TensorEngine

/// `teacher-gradient`: a loss whose target still carries a graph to parameters that its
/// input does not reach, as when a distillation teacher runs without `torch.no_grad()`:
/// `backward()` then trains the teacher too. Reported at the teacher's forward call.
final class TeacherGradientTracker {
    private struct LossSides {
        weak var input: Tensor?
        weak var target: Tensor?
        let targetText: String
        let expr: Expr
    }

    private struct ModelCall {
        let expr: Expr
        weak var output: Tensor?
    }

    private var losses: [LossSides] = []
    private var modelCalls: [ModelCall] = []
    private static let limit = 512

    func record(_ evaluation: Evaluation) {
        guard let call = evaluation.call, case let .tensor(output) = evaluation.value, output.requiresGrad else { return }
        switch call.calleeValue {
        case .native?, .instance?, .function?:
            if modelCalls.count < Self.limit { modelCalls.append(ModelCall(expr: evaluation.expr, output: output)) }
        default:
            guard call.kind?.isExplainedLoss == true, let input = call.input, let target = call.argument("target"),
                  case let .tensor(targetTensor) = target.value, targetTensor.requiresGrad, losses.count < Self.limit else { return }
            losses.append(LossSides(input: input.tensor, target: targetTensor, targetText: evaluation.text(of: target.expr), expr: evaluation.expr))
        }
    }

    /// Findings for the losses the backward pass from `record` reaches.
    func findings(_ record: BackwardRecord, names: [ObjectIdentifier: String], index: SyntaxIndex) -> [(Finding, Expr)] {
        let reached = Set(record.leaves.map { ObjectIdentifier($0.tensor) })
        var results: [(Finding, Expr)] = []
        for loss in losses {
            guard let target = loss.target, let input = loss.input else { continue }
            let inputLeaves = Set(GraphWalk.leaves(of: [input]).map(ObjectIdentifier.init))
            let teacherLeaves = GraphWalk.leaves(of: [target]).filter {
                !inputLeaves.contains(ObjectIdentifier($0)) && reached.contains(ObjectIdentifier($0))
            }
            guard !teacherLeaves.isEmpty else { continue }
            let teacherIDs = Set(teacherLeaves.map(ObjectIdentifier.init))
            let forward = modelCalls.last { call in
                guard let output = call.output else { return false }
                return GraphWalk.leaves(of: [output]).contains { teacherIDs.contains(ObjectIdentifier($0)) }
            }
            let place = forward?.expr ?? loss.expr
            let parameterNames = teacherLeaves.prefix(4).map { "`\(names[ObjectIdentifier($0)] ?? TensorSignature($0).description)`" }
            let more = teacherLeaves.count > 4 ? " and \(teacherLeaves.count - 4) more" : ""
            let notes = ["`\(loss.targetText)` is only the target of the loss on line \(index.line(of: loss.expr)), but it still carries a graph: "
                            + "`backward()` sends gradients to \(parameterNames.joined(separator: ", "))\(more)",
                         "an optimizer holding these parameters would train the teacher toward the student"]
            let finding = Finding("teacher-gradient", .warning, "gradients reach the parameters of a model used only as a loss target", at: place,
                                  in: index, notes: notes, help: "run it under `with torch.no_grad():`, or pass `.detach()` of its output as the target")
            results.append((finding, place))
        }
        return results
    }
}
