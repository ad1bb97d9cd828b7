import Interpreter
import TensorEngine

/// The weights an optimizer holds, copied just before its `step()` runs, so the step
/// can say how far each one moved.
struct ParameterSnapshot {
    static let elementLimit = 4_000_000
    let parameters: [(tensor: Tensor, before: [Double])]

    init?(_ optimizer: ParameterUpdating) {
        let tensors = optimizer.updatedParameters
        guard tensors.reduce(0, { $0 + $1.count }) <= Self.elementLimit else { return nil }
        parameters = tensors.map { ($0, $0.doubles()) }
    }

    /// "updates 2 parameters in place: `net.weight` ‖Δw‖ = 0.07 (1.2% of ‖w‖) …", and the
    /// parameters that did not move.
    func text(names: [ObjectIdentifier: String]) -> OperationText {
        var moved: [String] = []
        var still: [String] = []
        for (index, entry) in parameters.enumerated() {
            let name = names[ObjectIdentifier(entry.tensor)] ?? "parameter \(index) \(TensorSignature(entry.tensor))"
            let after = entry.tensor.doubles()
            guard after.count == entry.before.count else { continue }
            let change = zip(after, entry.before).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            let size = after.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
            if change == 0 {
                still.append("`\(name)`")
            } else {
                let relative = size > 0 ? " (\(compact(100 * change / size))% of ‖w‖ = \(compact(size)))" : ""
                moved.append("`\(name)`: ‖Δw‖ = \(compact(change))\(relative)")
            }
        }
        var text = "updates the optimizer's parameters in place from their `.grad`: \(moved.count) of \(parameters.count) moved"
        if moved.isEmpty { text = "changes no parameter: none of the \(parameters.count) had a gradient that moved it" }
        var notes = moved.prefix(BackwardExplainer.listLimit).map { $0 }
        if !still.isEmpty {
            notes.append("did not move (no gradient, or a zero one): " + still.prefix(BackwardExplainer.listLimit).joined(separator: ", "))
        }
        return OperationText(operation: "optimizer step", text: text, notes: notes)
    }
}
