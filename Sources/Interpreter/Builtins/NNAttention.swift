import Autograd
import TensorEngine

/// `nn.MultiheadAttention`: `in_proj_weight` (or separate q/k/v weights when kdim/vdim
/// differ), `in_proj_bias`, the child `out_proj`, and `bias_k`/`bias_v`, drawn in
/// PyTorch's order: out_proj's Linear init, then xavier_uniform_ on the input projection.
final class MultiheadAttentionModule: NNModule {
    struct Configuration {
        var embedDim: Int
        var heads: Int
        var dropout = 0.0
        var bias = true
        var addBiasKV = false
        var addZeroAttention = false
        var keyDim: Int
        var valueDim: Int
        var batchFirst = false

        var sameEmbedDim: Bool { keyDim == embedDim && valueDim == embedDim }
    }

    let configuration: Configuration

    private init(copying other: MultiheadAttentionModule) {
        configuration = other.configuration
        super.init(name: "MultiheadAttention")
    }

    init(_ interpreter: Interpreter, configuration c: Configuration, dtype: DType) throws {
        configuration = c
        super.init(name: "MultiheadAttention")
        // The packed projection has 3 * embed_dim rows, an int64 that torch.empty refuses past 2**63.
        if c.sameEmbedDim, c.embedDim.multipliedReportingOverflow(by: 3).overflow { throw PythonError.emptySizeOverflow }
        func parameter(_ shape: [Int]) throws -> Tensor {
            let tensor = try Tensor.zeros(shape: shape, dtype: dtype)
            tensor.isParameter = true
            try tensor.setRequiresGrad(true)
            return tensor
        }
        let projections = c.sameEmbedDim ? ["in_proj_weight"] : ["q_proj_weight", "k_proj_weight", "v_proj_weight"]
        if c.sameEmbedDim {
            registry.parameters.set("in_proj_weight", try parameter([3 * c.embedDim, c.embedDim]))
            for name in ["q_proj_weight", "k_proj_weight", "v_proj_weight"] { registry.parameters.set(name, nil) }
        } else {
            registry.parameters.set("q_proj_weight", try parameter([c.embedDim, c.embedDim]))
            registry.parameters.set("k_proj_weight", try parameter([c.embedDim, c.keyDim]))
            registry.parameters.set("v_proj_weight", try parameter([c.embedDim, c.valueDim]))
            registry.parameters.set("in_proj_weight", nil)
        }
        registry.parameters.set("in_proj_bias", c.bias ? try parameter([3 * c.embedDim]) : nil)
        let outProjection = try LinearModule(inFeatures: c.embedDim, outFeatures: c.embedDim, bias: c.bias, dtype: dtype,
                                             name: "NonDynamicallyQuantizableLinear")
        registry.children.set("out_proj", .native(outProjection))
        if c.addBiasKV {
            registry.parameters.set("bias_k", try parameter([1, 1, c.embedDim]))
            registry.parameters.set("bias_v", try parameter([1, 1, c.embedDim]))
        } else {
            registry.plainAttributes["bias_k"] = Value.none
            registry.plainAttributes["bias_v"] = Value.none
        }
        // `_reset_parameters`.
        for name in projections { try interpreter.initialize("xavier_uniform_", try tensor(name)) }
        if c.bias {
            initialized(try tensor("in_proj_bias")).fill(.int(0))
            outProjection.registry.parameters.item("bias")?.map(initialized)?.fill(.int(0))
        }
        if c.addBiasKV {
            try interpreter.initialize("xavier_normal_", try tensor("bias_k"))
            try interpreter.initialize("xavier_normal_", try tensor("bias_v"))
        }
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { MultiheadAttentionModule(copying: self) }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        let c = configuration
        switch attribute {
        case "embed_dim": return .int(Int64(c.embedDim))
        case "num_heads": return .int(Int64(c.heads))
        case "head_dim": return .int(Int64(c.embedDim / c.heads))
        case "dropout": return .float(c.dropout)
        case "batch_first": return .bool(c.batchFirst)
        case "kdim": return .int(Int64(c.keyDim))
        case "vdim": return .int(Int64(c.valueDim))
        case "add_zero_attn": return .bool(c.addZeroAttention)
        case "_qkv_same_embed_dim": return .bool(c.sameEmbedDim)
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }

    /// A registered tensor by name, as the user may have replaced it.
    func tensor(_ name: String) throws -> Tensor {
        guard let found = optionalTensor(name) else { throw PythonError.attributeError("'MultiheadAttention' object has no attribute '\(name)'") }
        return found
    }

    func optionalTensor(_ name: String) -> Tensor? {
        if case let .tensor(found)? = registry.lookup(name) ?? registry.plainAttributes[name] { return found }
        return nil
    }

    private func currentWeights() throws -> AttentionWeights {
        guard let outProjection = registry.lookup("out_proj").flatMap(moduleRegistry(of:)),
              case let .tensor(outputWeight)? = outProjection.lookup("weight") ?? outProjection.plainAttributes["weight"] else {
            throw PythonError.attributeError("'MultiheadAttention' object has no attribute 'out_proj'")
        }
        var outputBias: Tensor?
        if case let .tensor(bias)? = outProjection.lookup("bias") { outputBias = bias }
        var weights = AttentionWeights(outputWeight: outputWeight, outputBias: outputBias)
        if configuration.sameEmbedDim {
            weights.packedWeight = try tensor("in_proj_weight")
        } else {
            weights.separateWeights = (try tensor("q_proj_weight"), try tensor("k_proj_weight"), try tensor("v_proj_weight"))
        }
        weights.inputBias = optionalTensor("in_proj_bias")
        weights.biasKey = optionalTensor("bias_k")
        weights.biasValue = optionalTensor("bias_v")
        weights.addZeroAttention = configuration.addZeroAttention
        return weights
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("forward", ["query", "key", "value", "key_padding_mask", "need_weights", "attn_mask",
                                                   "average_attn_weights", "is_causal"])
        var (query, key, value) = (try bound.tensor("query"), try bound.tensor("key"), try bound.tensor("value"))
        let attentionMaskInput = try bound.optionalTensor("attn_mask")
        let warn = { (message: String) in interpreter.warn(message) }
        let keyPaddingMask = try canonicalMask(try bound.optionalTensor("key_padding_mask"), name: "key_padding_mask",
                                               other: attentionMaskInput.map { ($0.dtype, "attn_mask") }, targetType: query.dtype, warn: warn)
        let attentionMask = try canonicalMask(attentionMaskInput, name: "attn_mask", other: nil, targetType: query.dtype, warn: warn)
        let transposed = configuration.batchFirst && query.rank == 3
        if transposed {
            // The identities `_in_projection_packed` tests survive the transpose.
            let (queryIsKey, keyIsValue) = (query === key, key === value)
            query = try Autodiff.transpose(query, 1, 0)
            key = queryIsKey ? query : try Autodiff.transpose(key, 1, 0)
            value = keyIsValue ? key : try Autodiff.transpose(value, 1, 0)
        }
        var call = AttentionCall(query: query, key: key, value: value, keyPaddingMask: keyPaddingMask, attentionMask: attentionMask,
                                 heads: configuration.heads)
        call.needWeights = try bound.bool("need_weights", default: true)
        call.averageWeights = try bound.bool("average_attn_weights", default: true)
        call.isCausal = try bound.bool("is_causal", default: false)
        call.dropout = training ? configuration.dropout : 0
        guard query.shape.last == configuration.embedDim else {
            throw PythonError("AssertionError", "was expecting embedding dimension of \(configuration.embedDim), but got \(query.shape.last ?? 0)")
        }
        let result = try multiHeadAttentionForward(call, try currentWeights())
        let output = transposed ? try Autodiff.transpose(result.output, 1, 0) : result.output
        return .tuple([.tensor(output), result.weights.map { .tensor($0) } ?? Value.none])
    }
}

extension Interpreter {
    /// A member of an importable module (`torch.nn.init.xavier_uniform_`).
    func libraryMember(_ module: String, _ name: String) throws -> Value {
        guard case let .module(namespace)? = modules[module], let member = namespace.members[name] else {
            throw PythonError.attributeError("module '\(module)' has no attribute '\(name)'")
        }
        return member
    }

    /// Runs a `torch.nn.init` scheme on `tensor`, drawing exactly as PyTorch does.
    func initialize(_ scheme: String, _ tensor: Tensor) throws {
        _ = try call(try libraryMember("torch.nn.init", scheme), CallArguments([.tensor(tensor)]))
    }

    /// A built-in layer made as `nn.Name(...)` would make it.
    func makeLayer(_ name: String, _ positional: [Value], _ keywords: [(name: String, value: Value)] = []) throws -> Value {
        try call(try libraryMember("torch.nn", name), CallArguments(positional, keywords: keywords))
    }

    func attentionModuleMembers() -> [String: Value] {
        ["MultiheadAttention": .builtin(Builtin("MultiheadAttention") { interpreter, arguments in
            let bound = try arguments.bind("MultiheadAttention", ["embed_dim", "num_heads", "dropout", "bias", "add_bias_kv", "add_zero_attn",
                                                                 "kdim", "vdim", "batch_first", "device", "dtype"])
            let embedDim = try bound.int("embed_dim"), heads = try bound.int("num_heads")
            guard embedDim > 0, heads > 0 else {
                throw PythonError.valueError("embed_dim and num_heads must be greater than 0, got embed_dim=\(embedDim) and num_heads=\(heads) instead")
            }
            guard embedDim % heads == 0 else { throw PythonError("AssertionError", "embed_dim must be divisible by num_heads") }
            var configuration = MultiheadAttentionModule.Configuration(
                embedDim: embedDim, heads: heads, keyDim: try bound.optionalInt("kdim") ?? embedDim,
                valueDim: try bound.optionalInt("vdim") ?? embedDim)
            configuration.dropout = try bound.double("dropout", default: 0)
            configuration.bias = try bound.bool("bias", default: true)
            configuration.addBiasKV = try bound.bool("add_bias_kv", default: false)
            configuration.addZeroAttention = try bound.bool("add_zero_attn", default: false)
            configuration.batchFirst = try bound.bool("batch_first", default: false)
            return .native(try MultiheadAttentionModule(interpreter, configuration: configuration,
                                                        dtype: try bound.dtype("dtype") ?? defaultFloatDType))
        })]
    }
}
