import Autograd
import TensorEngine

/// `F.instance_norm`: each sample's channels normalized over their own spatial values.
extension OpTable {
    static let instanceNormOps: [OpEntry] = [
        OpEntry("instance_norm", "Tensor input, Tensor? running_mean=None, Tensor? running_var=None, Tensor? weight=None, Tensor? bias=None, "
                + "bool use_input_stats=True, float momentum=0.1, float eps=1e-05", [.functional], family: .normalization,
                doc: OpDoc("Normalizes every channel of every sample over its spatial values, then scales by weight and shifts by bias.",
                           formula: "out[n, c] = (x[n, c] − mean(x[n, c])) / √(var(x[n, c]) + eps) · weight[c] + bias[c]",
                           example: ">>> F.instance_norm(torch.tensor([[[1., 3.]]]))\ntensor([[[-1.0000,  1.0000]]])")) { arguments in
            let input = try arguments.tensor("input")
            let useInputStatistics = try arguments.bool("use_input_stats")
            // functional.py's `_verify_spatial_size`, before ATen sees the input.
            if useInputStatistics, input.shape.dropFirst(2).reduce(1, *) == 1 {
                throw TensorError(.valueError, "Expected more than 1 spatial element when training, got input size "
                    + "torch.Size([\(input.shape.map(String.init).joined(separator: ", "))])")
            }
            return .tensor(try Autodiff.instanceNorm(input, weight: try arguments.optionalTensor("weight"), bias: try arguments.optionalTensor("bias"),
                                                     runningMean: try arguments.optionalTensor("running_mean"),
                                                     runningVariance: try arguments.optionalTensor("running_var"),
                                                     useInputStatistics: useInputStatistics, momentum: try arguments.float("momentum"),
                                                     eps: try arguments.float("eps")))
        },
    ]
}
