import Autograd
import TensorEngine

/// `hstack`, `vstack` (and its alias `row_stack`), `dstack`, `column_stack`: `cat` after
/// lifting the inputs to enough dims. Explain describes them by their doc.
extension OpTable {
    static let stackOps: [OpEntry] = [
        stack("hstack", "Joins tensors side by side: along dim 0 for 1-D tensors, dim 1 otherwise.",
              ">>> torch.hstack([torch.tensor([1, 2]), torch.tensor([3])])\ntensor([1, 2, 3])", Autodiff.hstack),
        stack("vstack", "Joins tensors one above the other (dim 0); 1-D tensors become rows.",
              ">>> torch.vstack([torch.tensor([1, 2]), torch.tensor([3, 4])])\ntensor([[1, 2],\n        [3, 4]])", Autodiff.vstack,
              aliases: ["torch.row_stack"]),
        stack("dstack", "Joins tensors along a third dim (depth); smaller tensors get dims of size 1 first.",
              ">>> torch.dstack([torch.tensor([1, 2]), torch.tensor([3, 4])])\ntensor([[[1, 3],\n         [2, 4]]])", Autodiff.dstack),
        stack("column_stack", "Joins tensors as columns (dim 1); 0-D and 1-D tensors become columns first.",
              ">>> torch.column_stack([torch.tensor([1, 2]), torch.tensor([3, 4])])\ntensor([[1, 3],\n        [2, 4]])", Autodiff.columnStack),
    ]

    private static func stack(_ name: String, _ summary: String, _ example: String, _ join: @escaping @Sendable ([Tensor]) throws -> Tensor,
                              aliases: [String] = []) -> OpEntry {
        OpEntry(name, "Tensor[] tensors, *, object out=None", [.function], family: .join, aliases: aliases,
                doc: OpDoc(summary, example: example)) { arguments in
            .tensor(try join(try arguments.tensors("tensors")))
        }
    }
}
