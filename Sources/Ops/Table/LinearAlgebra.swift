import Autograd
import TensorEngine

/// Ops still bound by hand in the interpreter: the table gives their signature, family and doc.
extension OpTable {
    static let linearAlgebraOps: [OpEntry] = [
        OpEntry("matmul", "Tensor input, Tensor other", [.function, .method], family: .linearAlgebra, explain: OpExplanation(.matmul),
                doc: OpDoc("Matrix product with broadcasting over batch dimensions (the @ operator); 1-D operands act as vectors.", formula: "out[i, j] = Σ_k a[i, k] · b[k, j]",
                           example: ">>> a = torch.tensor([[1., 2.], [3., 4.]])\n>>> a @ torch.tensor([1., 1.])\ntensor([3., 7.])\n>>> torch.matmul(a, a)\ntensor([[ 7., 10.],\n        [15., 22.]])")),
        OpEntry("mm", "Tensor input, Tensor mat2", [.function, .method], family: .linearAlgebra, explain: OpExplanation(.matmul),
                doc: OpDoc("Product of two 2-D matrices, (n, m) @ (m, p) -> (n, p); no broadcasting.", formula: "out[i, j] = Σ_k a[i, k] · b[k, j]",
                           example: ">>> torch.mm(torch.ones(2, 3), torch.ones(3, 4)).shape\ntorch.Size([2, 4])")),
        OpEntry("bmm", "Tensor input, Tensor mat2", [.function, .method], family: .linearAlgebra, explain: OpExplanation(.matmul),
                doc: OpDoc("Batched matrix product of 3-D tensors, (b, n, m) @ (b, m, p) -> (b, n, p).", formula: "out[b, i, j] = Σ_k x[b, i, k] · y[b, k, j]",
                           example: ">>> torch.bmm(torch.ones(5, 2, 3), torch.ones(5, 3, 4)).shape\ntorch.Size([5, 2, 4])")),
        OpEntry("einsum", "object equation, Tensor... operands", [.function], family: .linearAlgebra, explain: OpExplanation(.einsum),
                doc: OpDoc("Sums products of operands over the indices an Einstein-notation equation names.", formula: "'ij,jk->ik' is out[i, k] = Σ_j a[i, j] · b[j, k]",
                           example: ">>> a = torch.arange(6.).view(2, 3)\n>>> torch.einsum('ij->j', a)\ntensor([3., 5., 7.])\n>>> torch.einsum('ij,ij->i', a, a)\ntensor([ 5., 50.])")),
        OpEntry("linear", "Tensor input, Tensor weight, Tensor? bias=None", [.functional], family: .linearAlgebra, explain: OpExplanation(.linear),
                doc: OpDoc("The affine map of a linear layer: multiplies by the transposed weight and adds the bias.", formula: "y = x Wᵀ + b",
                           example: ">>> F.linear(torch.ones(1, 3), torch.ones(2, 3), torch.tensor([0., 1.]))\ntensor([[3., 4.]])")),
        OpEntry("outer", "Tensor input, Tensor vec2", [.function, .method], family: .linearAlgebra, explain: OpExplanation(.outer), aliases: ["torch.ger"],
                doc: OpDoc("The outer product of two vectors: every pair multiplied.", formula: "out[i, j] = a_i · b_j",
                           example: ">>> torch.outer(torch.tensor([1, 2]), torch.tensor([1, 10, 100]))\ntensor([[  1,  10, 100],\n        [  2,  20, 200]])")),
        OpEntry("dot", "Tensor input, Tensor tensor", [.function, .method], family: .linearAlgebra, explain: OpExplanation(.dot),
                doc: OpDoc("The dot product of two 1-D tensors.", formula: "a · b = Σ_i a_i · b_i",
                           example: ">>> torch.dot(torch.tensor([1., 2.]), torch.tensor([3., 4.]))\ntensor(11.)")),
    ]
}

extension OpTable {
    /// `input * beta + alpha * product`, the fused forms BLAS offers and older model code
    /// (GPT-2's Conv1D, attention with `baddbmm`) calls.
    static let addedProductOps: [OpEntry] = [
        addedProduct("addmm", "Tensor input, Tensor mat1, Tensor mat2", .matrix, "mat1", "mat2",
                     "Adds a matrix product to input: beta * input + alpha * (mat1 @ mat2).",
                     ">>> torch.addmm(torch.ones(2), torch.ones(1, 3), torch.ones(3, 2))\ntensor([[4., 4.]])"),
        addedProduct("baddbmm", "Tensor input, Tensor batch1, Tensor batch2", .batch, "batch1", "batch2",
                     "Adds a batch of matrix products to input: beta * input + alpha * bmm(batch1, batch2).",
                     ">>> torch.baddbmm(torch.zeros(2, 1, 1), torch.ones(2, 1, 3), torch.ones(2, 3, 1)).shape\ntorch.Size([2, 1, 1])"),
        addedProduct("addbmm", "Tensor input, Tensor batch1, Tensor batch2", .summedBatch, "batch1", "batch2",
                     "Adds the sum of a batch of matrix products to input.",
                     ">>> torch.addbmm(torch.zeros(1, 1), torch.ones(2, 1, 3), torch.ones(2, 3, 1))\ntensor([[6.]])"),
        addedProduct("addmv", "Tensor input, Tensor mat, Tensor vec", .vector, "mat", "vec",
                     "Adds a matrix-vector product to input: beta * input + alpha * (mat @ vec).",
                     ">>> torch.addmv(torch.ones(2), torch.ones(2, 3), torch.ones(3))\ntensor([4., 4.])"),
        addedProduct("addr", "Tensor input, Tensor vec1, Tensor vec2", .outer, "vec1", "vec2",
                     "Adds the outer product of two vectors to input.",
                     ">>> torch.addr(torch.zeros(2, 2), torch.tensor([1., 2.]), torch.tensor([1., 10.]))\ntensor([[ 1., 10.],\n        [ 2., 20.]])"),
    ]

    private static func addedProduct(_ name: String, _ operands: String, _ kind: AddedProduct, _ left: String, _ right: String,
                                     _ summary: String, _ example: String) -> OpEntry {
        OpEntry(name, operands + ", *, Scalar beta=1, Scalar alpha=1", [.function, .method, .inPlace], family: .linearAlgebra,
                doc: OpDoc(summary, formula: "out = beta · input + alpha · product", example: example)) { arguments in
            .tensor(try Autodiff.addProduct(kind, try arguments.tensor("input"), try arguments.tensor(left), try arguments.tensor(right),
                                            beta: try arguments.scalar("beta"), alpha: try arguments.scalar("alpha")))
        }
    }
}
