import Autograd
import TensorEngine

/// `F.multi_head_attention_forward`, the function `nn.MultiheadAttention` calls and that
/// CLIP's attention pooling calls directly with its own projections.
extension Interpreter {
    func functionalAttentionMembers() -> [String: Value] {
        functionalTable([
            ("multi_head_attention_forward",
             ["query", "key", "value", "embed_dim_to_check", "num_heads", "in_proj_weight", "in_proj_bias", "bias_k", "bias_v",
              "add_zero_attn", "dropout_p", "out_proj_weight", "out_proj_bias", "training", "key_padding_mask", "need_weights",
              "attn_mask", "use_separate_proj_weight", "q_proj_weight", "k_proj_weight", "v_proj_weight", "static_k", "static_v",
              "average_attn_weights", "is_causal"], { interpreter, bound in
                let result = try multiHeadAttentionForward(try interpreter.attentionCall(bound), try attentionWeights(bound))
                return .tuple([.tensor(result.output), result.weights.map { .tensor($0) } ?? Value.none])
            }),
        ])
    }

    /// The inputs and flags of one call, with both masks made canonical as PyTorch does.
    fileprivate func attentionCall(_ bound: BoundArguments) throws -> AttentionCall {
        let query = try bound.tensor("query")
        let heads = try bound.int("num_heads")
        let embedding = query.shape.last ?? 0
        let expected = try bound.int("embed_dim_to_check")
        guard embedding == expected else {
            throw PythonError("AssertionError", "was expecting embedding dimension of \(expected), but got \(embedding)")
        }
        guard heads > 0, embedding % heads == 0 else {
            throw PythonError("AssertionError", "embed_dim \(embedding) not divisible by num_heads \(heads)")
        }
        for name in ["static_k", "static_v"] where bound.optional(name).map({ !$0.isNone }) ?? false {
            throw PythonError.notImplemented("multi_head_attention_forward: \(name) is not supported")
        }
        let warn = { (message: String) in self.warn(message) }
        let rawMask = try bound.optionalTensor("attn_mask")
        let padding = try canonicalMask(try bound.optionalTensor("key_padding_mask"), name: "key_padding_mask",
                                        other: rawMask.map { ($0.dtype, "attn_mask") }, targetType: query.dtype, warn: warn)
        var call = AttentionCall(query: query, key: try bound.tensor("key"), value: try bound.tensor("value"), keyPaddingMask: padding,
                                 attentionMask: try canonicalMask(rawMask, name: "attn_mask", other: nil, targetType: query.dtype, warn: warn),
                                 heads: heads)
        call.needWeights = try bound.bool("need_weights", default: true)
        call.averageWeights = try bound.bool("average_attn_weights", default: true)
        call.isCausal = try bound.bool("is_causal", default: false)
        call.dropout = try bound.bool("training", default: true) ? try bound.double("dropout_p") : 0
        return call
    }
}

/// The projections a call names: the packed `in_proj_weight`, or the three separate ones.
private func attentionWeights(_ bound: BoundArguments) throws -> AttentionWeights {
    var weights = AttentionWeights(outputWeight: try bound.tensor("out_proj_weight"), outputBias: try bound.optionalTensor("out_proj_bias"))
    if try bound.bool("use_separate_proj_weight", default: false) {
        var separate: [Tensor] = []
        for name in ["q_proj_weight", "k_proj_weight", "v_proj_weight"] {
            guard let weight = try bound.optionalTensor(name) else {
                throw PythonError("AssertionError", "use_separate_proj_weight is True but \(name) is None")
            }
            separate.append(weight)
        }
        weights.separateWeights = (separate[0], separate[1], separate[2])
    } else {
        guard let packed = try bound.optionalTensor("in_proj_weight") else {
            throw PythonError("AssertionError", "use_separate_proj_weight is False but in_proj_weight is None")
        }
        weights.packedWeight = packed
    }
    weights.inputBias = try bound.optionalTensor("in_proj_bias")
    weights.biasKey = try bound.optionalTensor("bias_k")
    weights.biasValue = try bound.optionalTensor("bias_v")
    weights.addZeroAttention = try bound.bool("add_zero_attn", default: false)
    return weights
}
