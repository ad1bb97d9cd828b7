import Autograd
import TensorEngine

/// What the SVD gives beyond itself: pinv, matrix_rank, cond; and the product chains
/// matrix_power and multi_dot.
extension OpTable {
    static let pseudoInverseOps: [OpEntry] = [
        OpEntry("linalg_pinv", "Tensor A, *, float? atol=None, float? rtol=None, bool hermitian=False", [], family: .linearAlgebra,
                aliases: ["torch.linalg.pinv", "torch.pinverse", "Tensor.pinverse"],
                doc: OpDoc("The Moore-Penrose pseudo-inverse: singular values below the cutoff count as zero.", formula: "A⁺ = V diag(1/σ) Uᵀ",
                           example: ">>> torch.linalg.pinv(torch.tensor([[2., 0.], [0., 4.]]))\ntensor([[0.5000, 0.0000],\n        [0.0000, 0.2500]])")) { arguments in
            .tensor(try Autodiff.pseudoInverse(try arguments.tensor("A"), absoluteTolerance: try arguments.optionalFloat("atol"),
                                               relativeTolerance: try arguments.optionalFloat("rtol")))
        },
        OpEntry("linalg_matrix_rank", "Tensor A, *, float? atol=None, float? rtol=None, bool hermitian=False", [], family: .linearAlgebra,
                aliases: ["torch.linalg.matrix_rank"],
                doc: OpDoc("The numerical rank: how many singular values exceed the cutoff.", formula: "rank = #{σ_i > max(atol, rtol·σ_max)}",
                           example: ">>> torch.linalg.matrix_rank(torch.tensor([[1., 2.], [2., 4.]]))\ntensor(1)")) { arguments in
            .tensor(try arguments.tensor("A").matrixRank(absoluteTolerance: try arguments.optionalFloat("atol"),
                                                         relativeTolerance: try arguments.optionalFloat("rtol")))
        },
        OpEntry("linalg_lstsq", "Tensor A, Tensor B, float? rcond=None, *, str? driver=None", [], family: .linearAlgebra,
                aliases: ["torch.linalg.lstsq"],
                doc: OpDoc("The least-squares solution of A X = B (minimum norm when A is rank deficient), and A's numerical rank.",
                           formula: "X = argmin ‖A X − B‖",
                           example: ">>> torch.linalg.lstsq(torch.tensor([[1., 0.], [0., 2.]]), torch.tensor([[1.], [4.]])).solution\ntensor([[1.],\n        [2.]])")) { arguments in
            let result = try Autodiff.leastSquares(try arguments.tensor("A"), try arguments.tensor("B"), relativeCutoff: try arguments.optionalFloat("rcond"))
            return .namedTuple(typeName: "torch.return_types.linalg_lstsq", fields: ["solution", "residuals", "rank", "singular_values"],
                               tensors: [result.solution, result.residuals, result.rank, result.singularValues])
        },
        OpEntry("linalg_cond", "Tensor A, Scalar? p=None", [], family: .linearAlgebra, aliases: ["torch.linalg.cond"],
                doc: OpDoc("The condition number in the 2-norm: largest over smallest singular value.", formula: "κ(A) = σ_max / σ_min",
                           example: ">>> torch.linalg.cond(torch.tensor([[1., 0.], [0., 4.]]))\ntensor(4.)")) { arguments in
            let p = try arguments.optionalFloat("p") ?? 2
            guard abs(p) == 2 else { throw TensorError.notImplemented("linalg.cond is supported only for p=2 and p=-2 in TensorTutor") }
            let values = try Autodiff.singularValues(try arguments.tensor("A"))
            let first = try Autodiff.narrow(values, -1, start: 0, length: 1)
            let last = try Autodiff.narrow(values, -1, start: values.shape[values.rank - 1] - 1, length: 1)
            let ratio = try Autodiff.binary(.divide, .tensor(p > 0 ? first : last), .tensor(p > 0 ? last : first))
            return .tensor(try Autodiff.squeeze(ratio, [-1]))
        },
        OpEntry("matrix_power", "Tensor input, int n", [.function, .method], family: .linearAlgebra, aliases: ["torch.linalg.matrix_power"],
                doc: OpDoc("A square matrix raised to an integer power; negative powers invert first.", formula: "Aⁿ = A · A · … · A",
                           example: ">>> torch.linalg.matrix_power(torch.tensor([[1., 1.], [0., 1.]]), 3)\ntensor([[1., 3.],\n        [0., 1.]])")) { arguments in
            .tensor(try Autodiff.matrixPower(try arguments.tensor("input"), try arguments.int("n")))
        },
        OpEntry("linalg_multi_dot", "Tensor[] tensors", [], family: .linearAlgebra, aliases: ["torch.linalg.multi_dot"],
                doc: OpDoc("The product of a chain of matrices in the cheapest order; the first and last may be vectors.",
                           formula: "A₁ A₂ … A_n",
                           example: ">>> torch.linalg.multi_dot([torch.tensor([1., 2.]), torch.eye(2), torch.tensor([3., 4.])])\ntensor(11.)")) { arguments in
            .tensor(try Autodiff.multiDot(try arguments.tensors("tensors")))
        },
    ]
}
