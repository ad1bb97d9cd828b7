import Autograd
import Ops
import TensorEngine

/// `nn.InstanceNorm1d` / `2d` / `3d` (`_InstanceNorm`): affine=False and track_running_stats=False
/// by default. Unlike BatchNorm it never counts batches: `num_batches_tracked` is
/// registered but stays 0, and momentum None means 0 rather than a cumulative average.
final class InstanceNormModule: NormBaseModule {
    /// The rank of an unbatched input: 2 for InstanceNorm1d, 3 for InstanceNorm2d, 4 for InstanceNorm3d.
    let unbatchedRank: Int

    init(name: String, features: Int, eps: Double, momentum: Double?, affine: Bool, bias: Bool, trackRunningStats: Bool, dtype: DType) throws {
        unbatchedRank = ["InstanceNorm1d": 2, "InstanceNorm2d": 3][name] ?? 4
        super.init(name: name, features: features, eps: eps, momentum: momentum, affine: affine)
        try registerNormalizationState(features: features, affine: affine, bias: bias, trackRunningStats: trackRunningStats, dtype: dtype)
    }

    /// A fresh layer of the same settings; deepcopy then copies the state into it.
    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? {
        try InstanceNormModule(name: name, features: features, eps: eps, momentum: momentum, affine: affine, bias: parameter("bias") != nil,
                               trackRunningStats: runningMean != nil, dtype: parameter("weight")?.dtype ?? defaultFloatDType)
    }

    /// `_InstanceNorm.forward`: the rank and feature-count checks, then F.instance_norm,
    /// on a batch of one for an unbatched input.
    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let input = try arguments.bind("forward", ["input"]).tensor("input")
        guard input.rank == unbatchedRank || input.rank == unbatchedRank + 1 else {
            throw PythonError.valueError("expected \(unbatchedRank)D or \(unbatchedRank + 1)D input (got \(input.rank)D input)")
        }
        let featureDim = input.rank - unbatchedRank
        if input.shape[featureDim] != features {
            if affine {
                throw PythonError.valueError(
                    "expected input's size at dim=\(featureDim) to match num_features (\(features)), but got: \(input.shape[featureDim]).")
            }
            interpreter.warn("input's size at dim=\(featureDim) does not match num_features. You can silence this warning by not passing in "
                + "num_features, which is not used because affine=False")
        }
        let batched = input.rank == unbatchedRank ? try Autodiff.unsqueeze(input, 0) : input
        guard let instanceNorm = OpTable.byQualifiedName["torch.nn.functional.instance_norm"] else {
            throw PythonError.attributeError("no F.instance_norm")
        }
        func optional(_ tensor: Tensor?) -> Value { tensor.map { .tensor($0) } ?? Value.none }
        let settings: [(name: String, value: Value)] = [
            ("running_mean", optional(buffer("running_mean"))), ("running_var", optional(buffer("running_var"))),
            ("weight", optional(parameter("weight"))), ("bias", optional(parameter("bias"))),
            ("use_input_stats", .bool(training || runningMean == nil)), ("momentum", .float(momentum ?? 0)), ("eps", .float(eps)),
        ]
        guard case let .tensor(output) = try interpreter.callOp(instanceNorm, receiver: nil, CallArguments([.tensor(batched)], keywords: settings)) else {
            throw PythonError.typeError("F.instance_norm returned no tensor")
        }
        return .tensor(input.rank == unbatchedRank ? try Autodiff.squeeze(output, [0]) : output)
    }
}


extension Interpreter {
    func instanceNormModuleMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for name in ["InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d"] {
            members[name] = .builtin(Builtin(name) { _, arguments in
                let bound = try arguments.bind("_InstanceNorm.__init__", ["num_features", "eps", "momentum", "affine", "track_running_stats", "device", "dtype", "bias"])
                let momentum: Double? = bound.values["momentum"]?.isNone == true ? nil : try bound.double("momentum", default: 0.1)
                return .native(try InstanceNormModule(
                    name: name, features: try bound.int("num_features"), eps: try bound.double("eps", default: 1e-5), momentum: momentum,
                    affine: try bound.bool("affine", default: false), bias: try bound.bool("bias", default: true),
                    trackRunningStats: try bound.bool("track_running_stats", default: false), dtype: try bound.dtype("dtype") ?? defaultFloatDType))
            })
        }
        return members
    }
}
