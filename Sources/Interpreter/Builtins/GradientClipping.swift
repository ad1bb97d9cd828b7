import Autograd
import TensorEngine

extension Interpreter {
    /// `torch.nn.utils`: `clip_grad_norm_` and `clip_grad_value_`, computed as PyTorch
    /// does (the norm of the per-tensor norms, then every gradient scaled in place by
    /// min(max_norm / (norm + 1e-6), 1)).
    func makeNNUtilsMembers() -> [String: Value] {
        var members: [String: Value] = ["rnn": .module(Namespace(name: "torch.nn.utils.rnn", members: makeRNNUtilsMembers()))]
        members.merge(parameterVectorMembers()) { _, new in new }
        members["clip_grad_norm_"] = .builtin(Builtin("clip_grad_norm_", isOp: false) { interpreter, arguments in
            let bound = try arguments.bind("clip_grad_norm_", ["parameters", "max_norm", "norm_type", "error_if_nonfinite", "foreach"])
            let gradients = try interpreter.gradients(of: try bound.value("parameters"))
            let maxNorm = try bound.double("max_norm")
            let normType = try bound.double("norm_type", default: 2)
            return try GradMode.with(false) {
                guard !gradients.isEmpty else { return .tensor(Tensor(scalar: Float(0))) }
                let norms = try gradients.map { try $0.norm(p: normType, dims: nil, keepDim: false) }
                let total = try stack(norms, dim: 0).norm(p: normType, dims: nil, keepDim: false)
                if try bound.bool("error_if_nonfinite", default: false), try total.unary(.isFinite).item() == .bool(false) {
                    throw PythonError.runtimeError("The total norm of order \(pythonFloatRepr(normType)) for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`")
                }
                let coefficient = try binary(.divide, .scalar(.float(maxNorm)), .tensor(try binary(.add, .tensor(total), .scalar(.float(1e-6)))))
                let clamped = try coefficient.clamp(min: nil, max: .scalar(.float(1)))
                for gradient in gradients {
                    try gradient.assignInPlace(try binary(.multiply, .tensor(gradient), .tensor(clamped)))
                    gradient.markWrittenInPlace()
                }
                return .tensor(total)
            }
        })
        members["clip_grad_value_"] = .builtin(Builtin("clip_grad_value_", isOp: false) { interpreter, arguments in
            let bound = try arguments.bind("clip_grad_value_", ["parameters", "clip_value", "foreach"])
            let limit = try bound.double("clip_value")
            for gradient in try interpreter.gradients(of: try bound.value("parameters")) {
                try gradient.assignInPlace(try gradient.clamp(min: .scalar(.float(-limit)), max: .scalar(.float(limit))))
                gradient.markWrittenInPlace()
            }
            return .none
        })
        members["weight_norm"] = .builtin(Builtin("weight_norm", isOp: false) { interpreter, arguments in try interpreter.weightNorm(arguments) })
        return members
    }

    /// The `.grad` of each parameter that has one; a single tensor counts as a list of one.
    private func gradients(of parameters: Value) throws -> [Tensor] {
        let tensors = try tensorList(parameters, function: "clip_grad")
        return tensors.compactMap(\.grad)
    }
}
