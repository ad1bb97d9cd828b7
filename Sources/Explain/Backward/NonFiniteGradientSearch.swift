import Autograd
import Interpreter
import PySyntax
import TensorEngine

/// The tensors the explained code produced that take part in autograd, in the order they
/// were made, with the tensors each op read.
struct RecordedGraph {
    let produced: [(expr: Expr, tensor: Tensor)]
    /// Inputs of softmaxes that hold -inf (masked scores), with the softmax's line.
    let maskedSoftmaxInputs: [(line: Int, input: Tensor)]
    /// The tensor values an op's expression read directly (its arguments and receiver).
    let inputs: (Expr) -> [Tensor]
}

/// Finds the op whose backward first produced a NaN or ±inf: the first op, in the order
/// the program ran, that reads a tensor with a non-finite gradient while its own result's
/// gradient is finite (`sqrt` under a `where`, `log` of an underflowed softmax).
struct NonFiniteGradientSearch {
    let root: Tensor
    let leaves: [Tensor]
    let graph: RecordedGraph

    func origin() -> Expr? {
        let candidates = leaves + graph.produced.map(\.tensor)
        guard let gradients = try? BackwardEngine.grad([root], gradients: [nil], inputs: candidates, retainGraph: true) else { return nil }
        var finite: [ObjectIdentifier: Bool] = [:]
        for (tensor, gradient) in zip(candidates, gradients) {
            finite[ObjectIdentifier(tensor)] = gradient.map(isAllFinite) ?? true
        }
        guard let broken = candidates.first(where: { finite[ObjectIdentifier($0)] == false }) else { return nil }
        return graph.produced.first { entry in
            finite[ObjectIdentifier(entry.tensor)] == true && graph.inputs(entry.expr).contains { $0 === broken }
        }?.expr
    }
}
