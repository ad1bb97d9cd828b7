import Autograd
import TensorEngine

/// `F.dropout1d` / `2d` / `3d` and `nn.Dropout1d` / `2d` / `3d`: dropout that zeroes
/// whole channels, as convolutional nets use it. PyTorch draws one Bernoulli sample per
/// (sample, channel) from a `[N, C, 1, ...]` noise tensor and multiplies (MulBackward0).
extension Interpreter {
    func featureDropoutModuleMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for dims in ["1d", "2d", "3d"] {
            let name = "Dropout" + dims
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                let options = try interpreter.dropoutModuleOptions(arguments)
                return .native(FunctionModule(name: name, description: options.description) { interpreter, input, training in
                    .tensor(try interpreter.channelDropout(input, p: options.probability, training: training, inplace: options.inplace,
                                                           function: "dropout" + dims))
                })
            })
        }
        return members
    }

    func functionalFeatureDropoutMembers() -> [String: Value] {
        functionalTable(["dropout1d", "dropout2d", "dropout3d"].map { name in
            (name, ["input", "p", "training", "inplace"], { interpreter, bound in
                .tensor(try interpreter.channelDropout(
                    try bound.tensor("input"), p: try interpreter.dropoutProbability(bound),
                    training: try bound.bool("training", default: true), inplace: try bound.bool("inplace", default: false), function: name))
            })
        })
    }

    /// The rank handling and warnings of `F.dropout1d`/`2d`/`3d`, then `feature_dropout`.
    func channelDropout(_ input: Tensor, p: Double, training: Bool, inplace: Bool, function: String) throws -> Tensor {
        var unbatched = false
        if function == "dropout1d" {
            guard input.rank == 2 || input.rank == 3 else {
                throw PythonError.runtimeError(
                    "dropout1d: Expected 2D or 3D input, but received a \(input.rank)D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).")
            }
            unbatched = input.rank == 2
        } else if function == "dropout3d" {
            if input.rank != 4 && input.rank != 5 {
                warn("dropout3d: Received a \(input.rank)-D input to dropout3d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout3d exists to provide channel-wise dropout on inputs with 3 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 4D or 5D inputs).")
            }
            unbatched = input.rank != 5
        } else {
            if input.rank != 3 && input.rank != 4 {
                warn("dropout2d: Received a \(input.rank)-D input to dropout2d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).")
            }
            if input.rank == 3 {
                warn("dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.")
            }
        }
        let batched = unbatched ? try Autodiff.unsqueeze(input, 0) : input
        var result = try featureDropout(batched, p: p, training: training)
        if unbatched { result = try Autodiff.squeeze(result, [0]) }
        guard inplace, result !== input else { return result }
        try Autodiff.assignResult(input, result)
        return input
    }

    /// `at::feature_dropout`: input · (Bernoulli(1 − p) noise of shape [N, C, 1, ...]) / (1 − p).
    private func featureDropout(_ input: Tensor, p: Double, training: Bool) throws -> Tensor {
        try Autodiff.dropout(input, p: p, train: training, variant: DropoutVariant(perChannel: true, alpha: false), inPlace: false, generator: .default)
    }
}
