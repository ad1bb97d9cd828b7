import Autograd
import TensorEngine

/// `vdot` and the deprecated `chain_matmul` (its warning as PyTorch words it).
extension OpTable {
    static let vectorProductOps: [OpEntry] = [
        OpEntry("vdot", "Tensor input, Tensor other", [.function, .method], family: .linearAlgebra,
                doc: OpDoc("The dot product of two 1-D tensors, conjugating the first (the same as dot for real tensors).",
                           formula: "vdot(a, b) = Σᵢ conj(aᵢ)·bᵢ", example: ">>> torch.vdot(torch.tensor([1., 2.]), torch.tensor([3., 4.]))\ntensor(11.)")) { arguments in
            .tensor(try Autodiff.vdot(try arguments.tensor("input"), try arguments.tensor("other")))
        },
        OpEntry("chain_matmul", "Tensor... matrices", [.function], family: .linearAlgebra,
                doc: OpDoc("Deprecated: the product of matrices given as separate arguments; use torch.linalg.multi_dot.",
                           formula: "chain_matmul(A, B, C) = A @ B @ C", example: ">>> torch.chain_matmul(torch.eye(2), torch.ones(2, 1))\ntensor([[1.],\n        [1.]])")) { arguments in
            arguments.warnOnce("torch.chain_matmul is deprecated and will be removed in a future PyTorch release. Use torch.linalg.multi_dot instead, which accepts a list of two or more tensors rather than multiple parameters. (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/LinearAlgebra.cpp:1096.)")
            return .tensor(try Autodiff.chainMatmul(try arguments.tensors("matrices")))
        },
    ]
}
