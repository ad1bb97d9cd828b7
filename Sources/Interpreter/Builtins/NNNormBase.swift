import TensorEngine

/// `_NormBase`, what BatchNorm and InstanceNorm share: the settings, the parameters and
/// buffers `registerNormalizationState` registers, their attributes, `reset_running_stats`
/// and the repr. The buffers live in the registry, so `load_state_dict`, `deepcopy` and
/// reassignment (`bn.running_mean = ...`) reach what forward reads.
class NormBaseModule: NNModule {
    let features: Int
    let eps: Double
    /// None asks BatchNorm for a cumulative average; InstanceNorm then moves by 0.
    let momentum: Double?
    let affine: Bool

    init(name: String, features: Int, eps: Double, momentum: Double?, affine: Bool) {
        (self.features, self.eps, self.momentum, self.affine) = (features, eps, momentum, affine)
        super.init(name: name)
    }

    func buffer(_ name: String) -> Tensor? { registry.buffers.item(name) ?? nil }
    func parameter(_ name: String) -> Tensor? { parameters.first { $0.name == name }?.tensor }
    var runningMean: Tensor? { buffer("running_mean") }
    var runningVariance: Tensor? { buffer("running_var") }
    var batchesTracked: Tensor? { buffer("num_batches_tracked") }

    override func extraRepr() -> String {
        "\(features), eps=\(pythonFloatRepr(eps)), momentum=\(momentum.map(pythonFloatRepr) ?? "None"), affine=\(pythonBool(affine)), "
            + "bias=\(pythonBool(parameter("bias") != nil)), track_running_stats=\(pythonBool(runningMean != nil))"
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func optionalTensor(_ tensor: Tensor?) -> Value { tensor.map { .tensor($0) } ?? Value.none }
        switch attribute {
        case "num_features": return .int(Int64(features))
        case "eps": return .float(eps)
        case "momentum": return momentum.map { .float($0) } ?? Value.none
        case "affine": return .bool(affine)
        case "track_running_stats": return .bool(runningMean != nil)
        case "running_mean", "running_var", "num_batches_tracked": return optionalTensor(buffer(attribute))
        case "weight", "bias": return optionalTensor(parameter(attribute))
        case "reset_running_stats": return .builtin(Builtin(attribute, owner: name) { _, _ in
            for (buffer, value) in [(self.runningMean, 0), (self.runningVariance, 1), (self.batchesTracked, 0)] {
                buffer?.fill(.int(Int64(value)))
                buffer?.markWrittenInPlace()
            }
            return .none
        })
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }
}

/// Python's spelling of a flag in a repr.
func pythonBool(_ flag: Bool) -> String { flag ? "True" : "False" }
