import Autograd
import TensorEngine

/// `F.local_response_norm`: each value divided by a power of its neighbouring channels' energy.
extension OpTable {
    static let localResponseNormOps: [OpEntry] = [
        OpEntry("local_response_norm", "Tensor input, int size, float alpha=0.0001, float beta=0.75, float k=1.0", [.functional], family: .normalization,
                doc: OpDoc("Divides every value by (k + alpha · the mean of the squares over `size` neighbouring channels) to the power beta.",
                           formula: "out[n, c] = x[n, c] / (k + alpha/size · Σ_{c' near c} x[n, c']²)^beta",
                           example: ">>> F.local_response_norm(torch.tensor([[[1.], [2.]]]), 2, alpha=1.0)\ntensor([[[0.7378],\n         [0.7816]]])")) { arguments in
            .tensor(try Autodiff.localResponseNorm(try arguments.tensor("input"), size: try arguments.int("size"), alpha: try arguments.float("alpha"),
                                                   beta: try arguments.float("beta"), k: try arguments.float("k")))
        },
    ]
}
