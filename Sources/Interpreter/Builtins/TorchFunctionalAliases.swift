import Autograd

/// `torch.conv2d`, `torch.layer_norm`, `torch.dropout`, `torch.kl_div`, ...: the ATen spellings
/// of functional ops, which real code calls as often as `F.`'s. Their signatures are ATen's,
/// not functional.py's: `batch_norm` takes the weight before the running statistics,
/// `embedding` takes the table first, `dropout` names its flag `train`, and the losses take
/// an integer `reduction` whose default in the Python binding is 0, no reduction.
private struct FunctionalAlias: Sendable {
    /// The name under `torch`.
    let name: String
    /// The `F` function that computes it.
    let target: String
    /// ATen's parameters in order; `*` starts the keyword-only ones.
    let parameters: [String]
    /// ATen's parameter name → `F`'s keyword; an empty name drops an argument `F` has no use for.
    var renames: [String: String] = [:]
    /// Keywords always passed (`torch.adaptive_max_pool1d` always returns the indices).
    var fixed: [String: Bool] = [:]
    /// Whether `reduction` is ATen's integer (0 none, 1 mean, 2 sum).
    var integerReduction = false
    /// How many leading parameters have no default in ATen.
    var required = 2
    /// Whether ATen's 'mean' is the plain mean of the elementwise loss where `F`'s differs
    /// or warns (F.kl_div warns that its 'mean' is not batchmean); computed as 'none', then
    /// the mean, silently.
    var meansElementwiseLoss = false
}

private let convolution = ["input", "weight", "bias", "stride", "padding", "dilation", "groups"]
private let transposedConvolution = ["input", "weight", "bias", "stride", "padding", "output_padding", "groups", "dilation"]
private let maxPooling = ["input", "kernel_size", "stride", "padding", "dilation", "ceil_mode"]

private let functionalAliases: [FunctionalAlias] = [
    FunctionalAlias(name: "conv1d", target: "conv1d", parameters: convolution),
    FunctionalAlias(name: "conv2d", target: "conv2d", parameters: convolution),
    FunctionalAlias(name: "conv3d", target: "conv3d", parameters: convolution),
    FunctionalAlias(name: "conv_transpose1d", target: "conv_transpose1d", parameters: transposedConvolution),
    FunctionalAlias(name: "conv_transpose2d", target: "conv_transpose2d", parameters: transposedConvolution),
    FunctionalAlias(name: "conv_transpose3d", target: "conv_transpose3d", parameters: transposedConvolution),
    FunctionalAlias(name: "max_pool1d", target: "max_pool1d", parameters: maxPooling),
    FunctionalAlias(name: "max_pool2d", target: "max_pool2d", parameters: maxPooling),
    FunctionalAlias(name: "max_pool3d", target: "max_pool3d", parameters: maxPooling),
    FunctionalAlias(name: "avg_pool1d", target: "avg_pool1d", parameters: ["input", "kernel_size", "stride", "padding", "ceil_mode", "count_include_pad"]),
    FunctionalAlias(name: "adaptive_avg_pool1d", target: "adaptive_avg_pool1d", parameters: ["input", "output_size"]),
    FunctionalAlias(name: "adaptive_max_pool1d", target: "adaptive_max_pool1d", parameters: ["input", "output_size"],
                    fixed: ["return_indices": true]),
    FunctionalAlias(name: "pixel_shuffle", target: "pixel_shuffle", parameters: ["input", "upscale_factor"]),
    FunctionalAlias(name: "pixel_unshuffle", target: "pixel_unshuffle", parameters: ["input", "downscale_factor"]),
    FunctionalAlias(name: "channel_shuffle", target: "channel_shuffle", parameters: ["input", "groups"]),
    FunctionalAlias(name: "bilinear", target: "bilinear", parameters: ["input1", "input2", "weight", "bias"], required: 3),
    FunctionalAlias(name: "dropout", target: "dropout", parameters: ["input", "p", "train"], renames: ["train": "training"], required: 3),
    FunctionalAlias(name: "layer_norm", target: "layer_norm", parameters: ["input", "normalized_shape", "weight", "bias", "eps", "cudnn_enable"],
                    renames: ["cudnn_enable": ""]),
    FunctionalAlias(name: "group_norm", target: "group_norm", parameters: ["input", "num_groups", "weight", "bias", "eps", "cudnn_enabled"],
                    renames: ["cudnn_enabled": ""]),
    FunctionalAlias(name: "batch_norm", target: "batch_norm",
                    parameters: ["input", "weight", "bias", "running_mean", "running_var", "training", "momentum", "eps", "cudnn_enabled"],
                    renames: ["cudnn_enabled": ""], required: 9),
    FunctionalAlias(name: "instance_norm", target: "instance_norm",
                    parameters: ["input", "weight", "bias", "running_mean", "running_var", "use_input_stats", "momentum", "eps", "cudnn_enabled"],
                    renames: ["cudnn_enabled": ""], required: 9),
    FunctionalAlias(name: "embedding", target: "embedding", parameters: ["weight", "indices", "padding_idx", "scale_grad_by_freq", "sparse"],
                    renames: ["indices": "input"]),
    FunctionalAlias(name: "kl_div", target: "kl_div", parameters: ["input", "target", "reduction", "*", "log_target"], integerReduction: true,
                     meansElementwiseLoss: true),
    FunctionalAlias(name: "binary_cross_entropy_with_logits", target: "binary_cross_entropy_with_logits",
                    parameters: ["input", "target", "weight", "pos_weight", "reduction"], integerReduction: true),
    FunctionalAlias(name: "cosine_embedding_loss", target: "cosine_embedding_loss",
                    parameters: ["input1", "input2", "target", "margin", "reduction"], integerReduction: true, required: 3),
    FunctionalAlias(name: "hinge_embedding_loss", target: "hinge_embedding_loss", parameters: ["input", "target", "margin", "reduction"],
                    integerReduction: true),
    FunctionalAlias(name: "margin_ranking_loss", target: "margin_ranking_loss", parameters: ["input1", "input2", "target", "margin", "reduction"],
                    integerReduction: true, required: 3),
    FunctionalAlias(name: "triplet_margin_loss", target: "triplet_margin_loss",
                    parameters: ["anchor", "positive", "negative", "margin", "p", "eps", "swap", "reduction"], integerReduction: true, required: 3),
    FunctionalAlias(name: "poisson_nll_loss", target: "poisson_nll_loss", parameters: ["input", "target", "log_input", "full", "eps", "reduction"],
                    integerReduction: true, required: 6),
    FunctionalAlias(name: "ctc_loss", target: "ctc_loss",
                    parameters: ["log_probs", "targets", "input_lengths", "target_lengths", "blank", "reduction", "zero_infinity"],
                    integerReduction: true, required: 4),
]

extension Interpreter {
    /// The aliases whose `F` function exists, as `torch` members.
    func functionalAliasMembers(_ functional: Value) -> [String: Value] {
        guard case let .module(namespace) = functional else { return [:] }
        var members: [String: Value] = [:]
        for alias in functionalAliases {
            guard let target = namespace.members[alias.target] else { continue }
            // Named by its qualified spelling, so that Explain does not take it for the `F`
            // function of the same name, whose arguments mean other things.
            members[alias.name] = .builtin(Builtin("torch." + alias.name) { interpreter, arguments in
                var keywords = try alias.keywords(for: arguments)
                let meanAfterwards = alias.meansElementwiseLoss && keywords.contains { entry in
                    if case .string("mean") = entry.value { entry.name == "reduction" } else { false }
                }
                if meanAfterwards { keywords = keywords.map { $0.name == "reduction" ? ($0.name, .string("none")) : $0 } }
                let result = try interpreter.call(target, CallArguments(keywords: keywords))
                guard meanAfterwards, case let .tensor(elements) = result else { return result }
                return .tensor(try Autodiff.mean(elements, dims: nil, keepDim: false))
            })
        }
        return members
    }
}

extension FunctionalAlias {
    /// ATen's arguments as the `F` function's keywords.
    func keywords(for arguments: CallArguments) throws -> [(name: String, value: Value)] {
        let bound = try arguments.bind(name, parameters)
        let missing = parameters.prefix(required).filter { bound.values[$0] == nil }
        if !missing.isEmpty {
            // PyTorch's argument parser words the count this way round.
            throw PythonError.typeError("\(name)() missing \(missing.count) required positional argument\(missing.count == 1 ? "s" : ""): "
                                        + missing.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        var keywords: [(name: String, value: Value)] = fixed.map { ($0.key, .bool($0.value)) }
        for parameter in parameters where parameter != "*" {
            let keyword = renames[parameter] ?? parameter
            guard !keyword.isEmpty else { continue }
            if integerReduction && parameter == "reduction" {
                keywords.append((keyword, .string(try reductionName(bound.optional(parameter)))))
            } else if name == "embedding", parameter == "padding_idx", case let .int(index)? = bound.optional(parameter), index < 0 {
                continue  // ATen's embedding has no padding row for a negative index (its default is -1).
            } else if let value = bound.optional(parameter) {
                keywords.append((keyword, value))
            }
        }
        return keywords
    }

    private func reductionName(_ value: Value?) throws -> String {
        guard let value else { return "none" }
        guard case let .int(code) = value else {
            throw PythonError.typeError("\(name)(): argument 'reduction' (position \((parameters.firstIndex(of: "reduction") ?? 0) + 1)) must be int, not \(value.typeName)")
        }
        // Any other code reduces nothing, as in ATen's loss kernels.
        return code == 1 ? "mean" : code == 2 ? "sum" : "none"
    }
}
