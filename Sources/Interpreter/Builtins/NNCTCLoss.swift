import Autograd
import TensorEngine

/// `F.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction='mean',
/// zero_infinity=False)`; the lengths may be tensors or sequences of ints.
extension Interpreter {
    func functionalCTCLossMembers() -> [String: Value] {
        functionalTable([
            ("ctc_loss", ["log_probs", "targets", "input_lengths", "target_lengths", "blank", "reduction", "zero_infinity"], { interpreter, bound in
                let reduction = try LossReduction(name: try bound.string("reduction", default: "mean"))
                return .tensor(try Autodiff.ctcLoss(
                    try bound.tensor("log_probs"), targets: try bound.tensor("targets"),
                    inputLengths: try interpreter.ctcLengths(try bound.value("input_lengths"), argument: "input_lengths"),
                    targetLengths: try interpreter.ctcLengths(try bound.value("target_lengths"), argument: "target_lengths"),
                    blank: try bound.int("blank", default: 0), reduction: reduction, zeroInfinity: try bound.bool("zero_infinity", default: false)))
            }),
        ])
    }

    private func ctcLengths(_ value: Value, argument: String) throws -> [Int] {
        if case let .tensor(tensor) = value {
            return try tensor.to(.int64).contiguous().elements(as: Int64.self).map { Int($0) }
        }
        return try toIntList(value, function: "ctc_loss", argument: argument)
    }
}
