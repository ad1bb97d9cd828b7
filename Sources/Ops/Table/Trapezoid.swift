import Autograd
import TensorEngine

/// The trapezoid rule: `trapezoid` (and its old name `trapz`) and `cumulative_trapezoid`.
extension OpTable {
    static let trapezoidOps: [OpEntry] = [
        trapezoidEntry("trapezoid", cumulative: false, words: "integrates along dim by the trapezoid rule",
                       example: ">>> torch.trapezoid(torch.tensor([1., 2., 3.]))\ntensor(4.)"),
        trapezoidEntry("trapz", cumulative: false, words: "integrates along dim by the trapezoid rule (the old name of trapezoid)",
                       example: ">>> torch.trapz(torch.tensor([1., 2., 3.]))\ntensor(4.)"),
        trapezoidEntry("cumulative_trapezoid", cumulative: true, words: "the running trapezoid-rule integral along dim",
                       example: ">>> torch.cumulative_trapezoid(torch.tensor([1., 2., 3.]))\ntensor([1.5000, 4.0000])"),
    ]

    /// PyTorch's two overloads: sample coordinates `x`, or a constant spacing `dx` (1 by default).
    private static func trapezoidEntry(_ name: String, cumulative: Bool, words: String, example: String) -> OpEntry {
        OpEntry(name, "Tensor y, Tensor x, *, int dim=-1", [.function], family: .reduction, explain: OpExplanation(.elementwise(words: words)),
                overloads: ["Tensor y, *, Scalar? dx=None, int dim=-1"],
                doc: OpDoc("Integrates y along dim by the trapezoid rule, with sample points x or a constant spacing dx.",
                           formula: "Σᵢ (xᵢ₊₁ − xᵢ)·(yᵢ + yᵢ₊₁)/2", example: example),
                pythonOverloads: ["Tensor y, Tensor x, *, int dim = -1", "Tensor y, *, Number dx = None, int dim = -1"]) { arguments in
            let y = try arguments.tensor("y"), dim = try arguments.int("dim")
            if arguments.overload == 0 {
                let step = arguments.has("dx") ? try arguments.scalar("dx") : .int(1)
                if case .bool = step { throw TensorError.runtime("\(name): Currently, we only support dx as a real number.") }
                return .tensor(try Autodiff.trapezoid(y, .constant(step.doubleValue), dim: dim, cumulative: cumulative))
            }
            return .tensor(try Autodiff.trapezoid(y, .coordinates(try arguments.tensor("x")), dim: dim, cumulative: cumulative))
        }
    }
}
