import Autograd
import TensorEngine

/// `nn.BatchNorm1d`/`2d`/`3d` and `nn.SyncBatchNorm`, with the buffers `running_mean`, `running_var` and
/// `num_batches_tracked` when it tracks running statistics.
final class BatchNormModule: NormBaseModule {
    /// The input ranks the variant accepts, and how its error names them ("2D or 3D").
    let acceptedRanks: (ranks: ClosedRange<Int>, text: String)

    /// A layer of the same kind with nothing registered, for `copy.deepcopy` to fill.
    private init(copying other: BatchNormModule) {
        acceptedRanks = other.acceptedRanks
        super.init(name: other.name, features: other.features, eps: other.eps, momentum: other.momentum, affine: other.affine)
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { BatchNormModule(copying: self) }

    init(name: String, features: Int, eps: Double, momentum: Double?, affine: Bool, bias: Bool,
         trackRunningStats: Bool, dtype: DType) throws {
        switch name {
        case "BatchNorm1d": acceptedRanks = (2...3, "2D or 3D")
        case "BatchNorm2d": acceptedRanks = (4...4, "4D")
        case "BatchNorm3d": acceptedRanks = (5...5, "5D")
        default: acceptedRanks = (2...Int.max, "at least 2D")  // SyncBatchNorm, which runs as BatchNorm off a GPU
        }
        super.init(name: name, features: features, eps: eps, momentum: momentum, affine: affine)
        try registerNormalizationState(features: features, affine: affine, bias: bias, trackRunningStats: trackRunningStats, dtype: dtype)
    }

    /// `_BatchNorm.forward`: in training, count the batch and move the running estimates
    /// by `momentum` (or by 1/batches for a cumulative average when it is None).
    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let input = try arguments.bind("forward", ["input"]).tensor("input")
        guard acceptedRanks.ranks.contains(input.rank) else {
            throw PythonError.valueError("expected \(acceptedRanks.text) input (got \(input.rank)D input)")
        }
        var factor = momentum ?? 0
        if training, let batchesTracked {
            try batchesTracked.copy(from: Tensor(scalar: try batchesTracked.item().int64Value + 1))
            batchesTracked.markWrittenInPlace()  // `num_batches_tracked.add_(1)`; the running estimates move inside the kernel, uncounted
            if momentum == nil { factor = 1 / Double(try batchesTracked.item().int64Value) }
        }
        let useBatchStatistics = training || runningMean == nil
        if useBatchStatistics { try checkBatchHasSeveralValues(input) }
        var running: RunningStatistics?
        if let runningMean, let runningVariance { running = RunningStatistics(mean: runningMean, variance: runningVariance, momentum: factor) }
        return .tensor(try Autodiff.batchNorm(input, weight: parameter("weight"), bias: parameter("bias"), running: running,
                                              useBatchStatistics: useBatchStatistics, eps: eps))
    }
}

/// `nn.GroupNorm(num_groups, num_channels)`: weight ones and bias zeros.
final class GroupNormModule: NNModule {
    let groups: Int
    let channels: Int
    let eps: Double
    let affine: Bool

    init(groups: Int, channels: Int, eps: Double, affine: Bool, bias: Bool, dtype: DType) throws {
        guard groups != 0 else { throw PythonError.zeroDivision("integer modulo by zero") }
        guard channels % groups == 0 else {
            throw PythonError.valueError("num_channels (\(channels)) must be divisible by num_groups (\(groups))")
        }
        (self.groups, self.channels, self.eps, self.affine) = (groups, channels, eps, affine)
        super.init(name: "GroupNorm")
        if affine {
            parameters.append(("weight", initialized(try Factory.full(shape: [channels], value: .int(1), dtype: dtype))))
            if bias { parameters.append(("bias", initialized(try Tensor.zeros(shape: [channels], dtype: dtype)))) }
        }
    }

    private func parameter(_ name: String) -> Tensor? { parameters.first { $0.name == name }?.tensor }

    /// `GroupNorm`'s parameters are ones and zeros, so a fresh layer draws nothing.
    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? {
        try GroupNormModule(groups: groups, channels: channels, eps: eps, affine: affine, bias: parameter("bias") != nil,
                            dtype: parameter("weight")?.dtype ?? defaultFloatDType)
    }

    override func extraRepr() -> String {
        "\(groups), \(channels), eps=\(pythonFloatRepr(eps)), affine=\(pythonBool(affine)), bias=\(pythonBool(parameter("bias") != nil))"
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "num_groups": return .int(Int64(groups))
        case "num_channels": return .int(Int64(channels))
        case "eps": return .float(eps)
        case "affine": return .bool(affine)
        case "weight", "bias": return parameter(attribute).map { .tensor($0) } ?? Value.none
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let input = try arguments.bind("forward", ["input"]).tensor("input")
        return .tensor(try Autodiff.groupNorm(input, groups: groups, weight: parameter("weight"), bias: parameter("bias"), eps: eps))
    }
}

extension NNModule {
    /// `_NormBase.__init__`: weight ones and bias zeros when affine; running mean zeros,
    /// running variance ones and a batch count when tracking, else those buffers as None.
    func registerNormalizationState(features: Int, affine: Bool, bias: Bool, trackRunningStats: Bool, dtype: DType) throws {
        if affine {
            parameters.append(("weight", initialized(try Factory.full(shape: [features], value: .int(1), dtype: dtype))))
            if bias { parameters.append(("bias", initialized(try Tensor.zeros(shape: [features], dtype: dtype)))) }
        }
        if trackRunningStats {
            registry.buffers.set("running_mean", initialized(try Tensor.zeros(shape: [features], dtype: dtype)))
            registry.buffers.set("running_var", initialized(try Factory.full(shape: [features], value: .int(1), dtype: dtype)))
            registry.buffers.set("num_batches_tracked", initialized(Tensor(scalar: Int64(0))))
        } else {
            for name in ["running_mean", "running_var", "num_batches_tracked"] { registry.buffers.set(name, nil) }
        }
    }
}

/// `_verify_batch_size`: batch statistics of a single value per channel are meaningless.
private func checkBatchHasSeveralValues(_ input: Tensor) throws {
    guard input.rank >= 2 else { return }
    if input.shape[0] * input.shape.dropFirst(2).reduce(1, *) == 1 {
        throw PythonError.valueError(
            "Expected more than 1 value per channel when training, got input size torch.Size([\(input.shape.map(String.init).joined(separator: ", "))])")
    }
}

/// F.group_norm's own checks, before the kernel's: `_verify_batch_size` on
/// [N·C // groups, groups, *spatial], whose list it prints.
private func checkGroupsHaveSeveralValues(_ input: Tensor, groups: Int) throws {
    guard input.rank >= 2 else {
        throw PythonError.runtimeError("Expected at least 2 dimensions for input tensor but received \(input.rank)")
    }
    guard groups != 0 else { throw PythonError("ZeroDivisionError", "integer division or modulo by zero") }
    let (product, overflow) = input.shape[0].multipliedReportingOverflow(by: input.shape[1])
    guard !overflow else { return }
    let size = [Int((Double(product) / Double(groups)).rounded(.down)), groups] + input.shape.dropFirst(2)
    // In Double: a product of huge empty-tensor dims must not trap.
    if size.enumerated().filter({ $0.offset != 1 }).reduce(1.0, { $0 * Double($1.element) }) == 1 {
        throw PythonError.valueError(
            "Expected more than 1 value per channel when training, got input size [\(size.map(String.init).joined(separator: ", "))]")
    }
}

extension Interpreter {
    func normalizationLayerMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for name in ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "SyncBatchNorm"] {
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                let bound = try arguments.bind(name, ["num_features", "eps", "momentum", "affine", "track_running_stats",
                                                      "device", "dtype", "bias"])
                // momentum=None asks for a cumulative average; an absent one means 0.1.
                let momentum: Double? = bound.values["momentum"]?.isNone == true ? nil : try bound.double("momentum", default: 0.1)
                return .native(try BatchNormModule(
                    name: name, features: try bound.int("num_features"), eps: try bound.double("eps", default: 1e-5),
                    momentum: momentum,
                    affine: try bound.bool("affine", default: true), bias: try bound.bool("bias", default: true),
                    trackRunningStats: try bound.bool("track_running_stats", default: true),
                    dtype: try bound.dtype("dtype") ?? defaultFloatDType))
            })
        }
        members["GroupNorm"] = .builtin(Builtin("GroupNorm") { interpreter, arguments in
            let bound = try arguments.bind("GroupNorm", ["num_groups", "num_channels", "eps", "affine", "device", "dtype", "bias"])
            return .native(try GroupNormModule(
                groups: try bound.int("num_groups"), channels: try bound.int("num_channels"), eps: try bound.double("eps", default: 1e-5),
                affine: try bound.bool("affine", default: true), bias: try bound.bool("bias", default: true),
                dtype: try bound.dtype("dtype") ?? defaultFloatDType))
        })
        members["LocalResponseNorm"] = .builtin(Builtin("LocalResponseNorm") { interpreter, arguments in
            let bound = try arguments.bind("LocalResponseNorm", ["size", "alpha", "beta", "k"])
            let size = try bound.int("size")
            let alpha = try bound.double("alpha", default: 1e-4), beta = try bound.double("beta", default: 0.75), k = try bound.double("k", default: 1)
            // extra_repr formats the values as given: `LocalResponseNorm(2, alpha=0.0001, beta=0.75, k=1.0)`.
            let shown = try [("alpha", alpha), ("beta", beta), ("k", k)].map { name, fallback in
                "\(name)=" + (try bound.optional(name).map { try interpreter.repr($0) } ?? pythonFloatRepr(fallback))
            }
            return .native(FunctionModule(name: "LocalResponseNorm", description: (["\(size)"] + shown).joined(separator: ", ")) { _, input in
                .tensor(try Autodiff.localResponseNorm(input, size: size, alpha: alpha, beta: beta, k: k))
            })
        })
        return members
    }

    func functionalNormalizationMembers() -> [String: Value] {
        functionalTable([
            ("batch_norm", ["input", "running_mean", "running_var", "weight", "bias", "training", "momentum", "eps"], { _, bound in
                let input = try bound.tensor("input")
                let training = try bound.bool("training", default: false)
                if training { try checkBatchHasSeveralValues(input) }
                if !training, !bound.has("running_mean") { throw PythonError.runtimeError("running_mean must be defined in evaluation mode") }
                var running: RunningStatistics?
                if let mean = try bound.optionalTensor("running_mean"), let variance = try bound.optionalTensor("running_var") {
                    running = RunningStatistics(mean: mean, variance: variance, momentum: try bound.double("momentum", default: 0.1))
                }
                return .tensor(try Autodiff.batchNorm(input, weight: try bound.optionalTensor("weight"), bias: try bound.optionalTensor("bias"),
                                                      running: running, useBatchStatistics: training || running == nil,
                                                      eps: try bound.double("eps", default: 1e-5)))
            }),
            ("group_norm", ["input", "num_groups", "weight", "bias", "eps"], { _, bound in
                let input = try bound.tensor("input")
                try checkGroupsHaveSeveralValues(input, groups: try bound.int("num_groups"))
                return .tensor(try Autodiff.groupNorm(input, groups: try bound.int("num_groups"),
                                               weight: try bound.optionalTensor("weight"), bias: try bound.optionalTensor("bias"),
                                               eps: try bound.double("eps", default: 1e-5)))
            }),
        ])
    }

    /// The convolution, pooling, normalization and channel-dropout layers, for `makeNNMembers`.
    func layerModuleMembers() -> [String: Value] {
        [convolutionModuleMembers(), transposedConvolutionModuleMembers(), poolingModuleMembers(), normalizationLayerMembers(),
         featureDropoutModuleMembers(), alphaDropoutModuleMembers(), recurrentModuleMembers(), attentionModuleMembers(),
         transformerModuleMembers(), paddingModuleMembers(), foldModuleMembers(), instanceNormModuleMembers(), moreLayerModuleMembers()]
            .reduce(into: [:]) { members, family in members.merge(family) { _, new in new } }
    }

    /// Their `F.` functions, for the functional table.
    func functionalLayerMembers() -> [String: Value] {
        [functionalConvolutionMembers(), functionalTransposedConvolutionMembers(), functionalPoolingMembers(),
         functionalNormalizationMembers(), functionalFeatureDropoutMembers(), functionalAlphaDropoutMembers(), functionalMoreMembers()]
            .reduce(into: [:]) { members, family in members.merge(family) { _, new in new } }
    }
}
