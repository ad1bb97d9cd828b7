import Foundation
import TensorEngine

/// The operands of a Hinton distillation term, `kl_div(log_softmax(s / T), softmax(t / T),
/// reduction='batchmean')`, as the program names them.
struct DistillationOperands {
    let studentLogits: Tensor
    let studentText: String
    /// softmax(t / T), the target.
    let teacherProbabilities: Tensor
    let temperature: Double
    let temperatureText: String
}

/// The distillation term's gradient on the student's logits, (p_s − p_t)/(T·N), and what
/// the T² factor does to it; stated only after checking it against autograd's gradient.
enum DistillationGradientText {
    static func note(_ term: BackwardRecord.TermGradients) -> String? {
        guard let (operands, gradient) = term.distillation, operands.studentLogits.rank == 2,
              gradient.shape == operands.studentLogits.shape, operands.teacherProbabilities.shape == gradient.shape else { return nil }
        let (rows, classes) = (gradient.shape[0], gradient.shape[1])
        let temperature = operands.temperature
        guard rows > 0, classes > 0, temperature > 0 else { return nil }
        let student = rowSoftmax(operands.studentLogits.doubles(), rows: rows, classes: classes, temperature: temperature)
        let scale = temperature * Double(rows)
        let expected = zip(student, operands.teacherProbabilities.doubles()).map { ($0 - $1) / scale }
        guard closeEnough(expected, gradient.doubles()) else { return nil }
        let t = operands.temperatureText
        var text = "the KL term's gradient on the student's logits `\(operands.studentText)` is (p_s − p_t) / (\(t)·N) = (p_s − p_t) / \(compact(scale)), "
            + "with p_s = softmax(`\(operands.studentText)` / \(t)) and p_t the target"
        let squared = term.term.factors.reduce(1, *)
        if term.term.factors.filter({ abs($0 - temperature) < 1e-12 }).count >= 2 || abs(squared - temperature * temperature) < 1e-9 {
            text += "; the factor \(t)² makes it \(t)·(p_s − p_t)/N: softened targets give gradients about 1/T² as large (Hinton et al.), "
                + "and T² restores the scale of the cross-entropy's (p − onehot)/N, so changing T does not change how much this term counts"
        }
        return text
    }
}
