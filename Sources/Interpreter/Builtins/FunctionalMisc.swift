import Autograd
import TensorEngine

/// one_hot, normalize, layer_norm, dropout, pad, attention, embedding, gumbel_softmax
/// and cosine_similarity in `torch.nn.functional`.
extension Interpreter {
    func functionalMiscMembers() -> [String: Value] {
        functionalTable([
            ("one_hot", ["tensor", "num_classes"], { _, bound in
                .tensor(try oneHot(try bound.tensor("tensor"), classes: try bound.int("num_classes", default: -1)))
            }),
            ("normalize", ["input", "p", "dim", "eps", "out"], { _, bound in
                .tensor(try Autodiff.normalized(try bound.tensor("input"), p: try bound.double("p", default: 2), dim: try bound.int("dim", default: 1),
                                                              eps: try bound.double("eps", default: 1e-12)))
            }),
            ("layer_norm", ["input", "normalized_shape", "weight", "bias", "eps"], { _, bound in
                .tensor(try Autodiff.layerNorm(try bound.tensor("input"),
                    normalizedShape: try bound.shape("normalized_shape"), weight: try bound.optionalTensor("weight"),
                    bias: try bound.optionalTensor("bias"), eps: try bound.double("eps", default: 1e-5)))
            }),
            ("dropout", ["input", "p", "training", "inplace"], { interpreter, bound in
                .tensor(try interpreter.functionalDropout(try bound.tensor("input"), p: try interpreter.dropoutProbability(bound),
                                                          training: try bound.bool("training", default: true),
                                                          inplace: try bound.bool("inplace", default: false)))
            }),
            ("pad", ["input", "pad", "mode", "value"], { interpreter, bound in
                let mode = try bound.string("mode", default: "constant")
                guard mode == "constant" else { return .tensor(try interpreter.modePadded(bound, mode: mode)) }
                let value: Scalar
                if let given = bound.optional("value"), case let .scalar(scalar) = try toOperand(given, function: "pad") {
                    value = scalar
                } else {
                    value = .int(0)
                }
                return .tensor(try Autodiff.constantPadded(try bound.tensor("input"), try bound.shape("pad"), value: value))
            }),
            ("scaled_dot_product_attention",
             ["query", "key", "value", "attn_mask", "dropout_p", "is_causal", "scale", "enable_gqa"], { _, bound in
                var mask: AttentionMask?
                if let given = try bound.optionalTensor("attn_mask") { mask = given.dtype == .bool ? .keep(given) : .additive(given) }
                let probability = try bound.double("dropout_p", default: 0)
                return .tensor(try Autodiff.scaledDotProductAttention(
                    query: try bound.tensor("query"), key: try bound.tensor("key"), value: try bound.tensor("value"), mask: mask,
                    isCausal: try bound.bool("is_causal", default: false),
                    scale: bound.has("scale") ? try bound.double("scale") : nil,
                    dropout: probability > 0 ? (probability, Generator.default) : nil))
            }),
            ("embedding", ["input", "weight", "padding_idx", "max_norm", "norm_type", "scale_grad_by_freq", "sparse"], { _, bound in
                let weight = try bound.tensor("weight")
                let lookup = EmbeddingLookup(
                    paddingIndex: try embeddingPaddingIndex(try bound.optionalInt("padding_idx"), rows: weight.shape.first ?? 0),
                    maxNorm: bound.optional("max_norm"), normType: try bound.double("norm_type", default: 2),
                    scaleGradByFrequency: try bound.bool("scale_grad_by_freq", default: false))
                return .tensor(try lookup.apply(try bound.tensor("input"), weight: weight))
            }),
            ("gumbel_softmax", ["logits", "tau", "hard", "eps", "dim"], { interpreter, bound in
                if bound.has("eps") { interpreter.warn("`eps` parameter is deprecated and has no effect.") }
                return .tensor(try Autodiff.gumbelSoftmax(
                    try bound.tensor("logits"), tau: try bound.double("tau", default: 1),
                    hard: try bound.bool("hard", default: false), dim: try bound.int("dim", default: -1), generator: .default))
            }),
            ("cosine_similarity", ["x1", "x2", "dim", "eps"], { _, bound in
                .tensor(try Autodiff.cosineSimilarity(try bound.tensor("x1"), try bound.tensor("x2"), dim: try bound.int("dim", default: 1),
                                             eps: try bound.double("eps", default: 1e-8)))
            }),
        ])
    }

    /// `F.pad` in a non-constant mode, which takes no fill value other than 0.
    fileprivate func modePadded(_ bound: BoundArguments, mode: String) throws -> Tensor {
        guard let paddingMode = PaddingMode(rawValue: mode) else {
            throw PythonError.notImplemented("Unrecognised padding mode \(mode)")
        }
        let input = try bound.tensor("input")
        let pads = try bound.shape("pad")
        try input.checkPaddingLength(pads)
        if let given = bound.optional("value"), !given.isNone, try toDouble(given, function: "pad", argument: "value") != 0 {
            throw PythonError.runtimeError("Padding mode \"\(mode)\" doesn't take in value argument")
        }
        return try Autodiff.modePadded(input, pads, mode: paddingMode)
    }

    /// `F.dropout` after functional.py's range check: ATen's check comes first, even when not training.
    func functionalDropout(_ input: Tensor, p: Double, training: Bool, inplace: Bool) throws -> Tensor {
        try Autodiff.checkDropoutProbability(p)
        guard training else { return input }
        let result = try Autodiff.dropout(input, p: p, generator: Generator.default)
        guard inplace else { return result }
        try Autodiff.assignResult(input, result)
        return input
    }

    /// `p` for dropout, rejected outside [0, 1] with functional.py's message. NaN passes
    /// this check, as in Python, and fails ATen's (`Autodiff.checkDropoutProbability`).
    func dropoutProbability(_ bound: BoundArguments) throws -> Double {
        try rangeCheckedDropoutProbability(bound.optional("p") ?? .float(0.5), comparedWith: "float")
    }

    /// Python's `if p < 0.0 or p > 1.0: raise ValueError(...)`, as functional.py and
    /// `_DropoutNd.__init__` (which compares with the int 0) write it.
    @discardableResult
    func rangeCheckedDropoutProbability(_ value: Value, comparedWith bound: String) throws -> Double {
        guard let p = try? toDouble(value, function: "dropout", argument: "p") else {
            throw PythonError.typeError("'<' not supported between instances of '\(value.typeName)' and '\(bound)'")
        }
        if p < 0 || p > 1 {
            throw PythonError.valueError("dropout probability has to be between 0 and 1, but got \(try repr(value))")
        }
        return p
    }

    /// nn.LayerNorm and nn.Embedding.
    func normalizationModuleMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        members["LayerNorm"] = .builtin(Builtin("LayerNorm") { interpreter, arguments in
            let bound = try arguments.bind("LayerNorm", ["normalized_shape", "eps", "elementwise_affine", "bias", "device", "dtype"])
            return .native(try LayerNormModule(
                normalizedShape: try bound.shape("normalized_shape"), eps: try bound.double("eps", default: 1e-5),
                affine: try bound.bool("elementwise_affine", default: true), bias: try bound.bool("bias", default: true),
                dtype: try bound.dtype("dtype") ?? defaultFloatDType))
        })
        members["Embedding"] = embeddingClassBuiltin()
        return members
    }
}

/// functional.py's padding_idx rule: a negative index counts from the end; it must name a row.
func embeddingPaddingIndex(_ given: Int?, rows: Int, message: String = "Padding_idx must be within num_embeddings") throws -> Int? {
    guard let given else { return nil }
    guard given < rows, given >= -rows else { throw PythonError("AssertionError", message) }
    return given < 0 ? given + rows : given
}

/// `nn.LayerNorm`: weight ones and bias zeros, as `reset_parameters` leaves them.
final class LayerNormModule: NNModule {
    let normalizedShape: [Int]
    let eps: Double
    let affine: Bool

    init(normalizedShape: [Int], eps: Double, affine: Bool, bias: Bool, dtype: DType) throws {
        self.normalizedShape = normalizedShape
        self.eps = eps
        self.affine = affine
        super.init(name: "LayerNorm")
        if affine {
            parameters.append(("weight", initialized(try Factory.full(shape: normalizedShape, value: .int(1), dtype: dtype))))
            if bias { parameters.append(("bias", initialized(try Tensor.zeros(shape: normalizedShape, dtype: dtype)))) }
        }
    }

    private func parameter(_ name: String) -> Tensor? { parameters.first { $0.name == name }?.tensor }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? {
        try LayerNormModule(normalizedShape: normalizedShape, eps: eps, affine: affine, bias: parameter("bias") != nil,
                            dtype: parameter("weight")?.dtype ?? defaultFloatDType)
    }

    override func extraRepr() -> String {
        let shapeText = "(" + normalizedShape.map(String.init).joined(separator: ", ") + (normalizedShape.count == 1 ? ",)" : ")")
        return "\(shapeText), eps=\(pythonFloatRepr(eps)), elementwise_affine=\(affine ? "True" : "False"), bias=\(parameter("bias") != nil ? "True" : "False")"
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "normalized_shape": return .tuple(normalizedShape.map { .int(Int64($0)) })
        case "eps": return .float(eps)
        case "elementwise_affine": return .bool(affine)
        case "weight", "bias": return parameter(attribute).map { .tensor($0) } ?? Value.none
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let input = try arguments.bind("forward", ["input"]).tensor("input")
        return .tensor(try Autodiff.layerNorm(input, normalizedShape: normalizedShape, weight: parameter("weight"), bias: parameter("bias"), eps: eps))
    }
}
