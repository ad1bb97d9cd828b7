import Autograd
import TensorEngine

/// `torch.linalg.svd`, `svdvals` and `torch.svd` (which returns V rather than Vh).
extension OpTable {
    static let singularValueOps: [OpEntry] = [
        OpEntry("linalg_svd", "Tensor A, bool full_matrices=True, *, str? driver=None", [], family: .linearAlgebra, aliases: ["torch.linalg.svd"],
                doc: OpDoc("The singular value decomposition: U and Vh with orthonormal columns and rows, S descending.",
                           formula: "A = U diag(S) Vh",
                           example: ">>> torch.linalg.svd(torch.tensor([[3., 0.], [0., -4.]])).S\ntensor([4., 3.])")) { arguments in
            let (u, s, vh) = try Autodiff.svd(try arguments.tensor("A"), fullMatrices: try arguments.bool("full_matrices"))
            return .namedTuple(typeName: "torch.return_types.linalg_svd", fields: ["U", "S", "Vh"], tensors: [u, s, vh])
        },
        OpEntry("linalg_svdvals", "Tensor A, *, str? driver=None", [], family: .linearAlgebra, aliases: ["torch.linalg.svdvals"],
                doc: OpDoc("The singular values, descending.", formula: "A = U diag(S) Vh",
                           example: ">>> torch.linalg.svdvals(torch.tensor([[3., 0.], [0., -4.]]))\ntensor([4., 3.])")) { arguments in
            .tensor(try Autodiff.singularValues(try arguments.tensor("A")))
        },
        OpEntry("svd", "Tensor input, bool some=True, bool compute_uv=True", [.function, .method], family: .linearAlgebra,
                doc: OpDoc("The older SVD spelling: returns V itself (not Vh), and zero U and V when compute_uv=False.",
                           formula: "A = U diag(S) Vᵀ",
                           example: ">>> torch.svd(torch.tensor([[3., 0.], [0., -4.]])).S\ntensor([4., 3.])")) { arguments in
            let input = try arguments.tensor("input")
            let computeVectors = try arguments.bool("compute_uv")
            let (u, s, vh) = try Autodiff.svd(input, fullMatrices: !(try arguments.bool("some")) || !computeVectors, name: "linalg.svd")
            guard computeVectors else {
                return .namedTuple(typeName: "torch.return_types.svd", fields: ["U", "S", "V"],
                                   tensors: [try zerosLike(u.detach()), s, try zerosLike(try vh.detach().matrixTranspose())])
            }
            return .namedTuple(typeName: "torch.return_types.svd", fields: ["U", "S", "V"], tensors: [u, s, try Autodiff.transpose(vh, -2, -1)])
        },
    ]

    private static func zerosLike(_ tensor: Tensor) throws -> Tensor { try Tensor.zeros(shape: tensor.shape, dtype: tensor.dtype) }

    /// The spectral norm (ord 2: largest singular value, −2: smallest) or the nuclear norm
    /// (their sum), composed as PyTorch does: the pair of dims permuted last, svdvals, then
    /// amax/amin/sum, and with keepdim the reduced dims restored and permuted back.
    static func spectralNorm(_ input: Tensor, dims pair: [Int], keepDim: Bool, reduce: (Tensor) throws -> Tensor) throws -> Tensor {
        let others = (0..<input.rank).filter { !pair.contains($0) }
        let permutation = others + pair
        let values = try Autodiff.singularValues(try Autodiff.permute(input, permutation), name: "linalg.svd")
        let reduced = try reduce(values)
        guard keepDim else { return reduced }
        let restored = try Autodiff.unsqueeze(reduced, -1)
        var inverse = [Int](repeating: 0, count: permutation.count)
        for (position, dim) in permutation.enumerated() { inverse[dim] = position }
        return try Autodiff.permute(restored, inverse)
    }
}
