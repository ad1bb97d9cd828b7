import Autograd
import TensorEngine

/// The projections of an `nn.MultiheadAttention`: packed `in_proj_weight` when q, k and v
/// share the embedding size, else `q_proj_weight`/`k_proj_weight`/`v_proj_weight`.
struct AttentionWeights {
    var packedWeight: Tensor?
    var separateWeights: (query: Tensor, key: Tensor, value: Tensor)?
    var inputBias: Tensor?
    var biasKey: Tensor?
    var biasValue: Tensor?
    var addZeroAttention = false
    var outputWeight: Tensor
    var outputBias: Tensor?
}

/// One call of `F.multi_head_attention_forward`, sequence first (`[L, N, E]`), masks
/// already canonical (float, -inf where masked).
struct AttentionCall {
    var query: Tensor
    var key: Tensor
    var value: Tensor
    var keyPaddingMask: Tensor?
    var attentionMask: Tensor?
    var needWeights = true
    var averageWeights = true
    var isCausal = false
    var dropout = 0.0
    var heads: Int
}

/// `F._canonical_mask`: a bool mask becomes 0/-inf in the query's dtype; float masks stay.
func canonicalMask(_ mask: Tensor?, name: String, other: (dtype: DType, name: String)?, targetType: DType,
                   warn: (String) -> Void) throws -> Tensor? {
    guard let mask else { return nil }
    guard mask.dtype == .bool || mask.dtype.isFloatingPoint else {
        throw PythonError("AssertionError", "only bool and floating types of \(name) are supported")
    }
    if let other, other.dtype != mask.dtype {
        warn("Support for mismatched \(name) and \(other.name) is deprecated. Use same type for both instead.")
    }
    guard mask.dtype == .bool else { return mask }
    return try Tensor.zeros(shape: mask.shape, dtype: targetType).maskedFill(mask, .scalar(.float(-.infinity)))
}

/// The encoder's two masks made canonical as its forward does: the padding mask first,
/// warned about when its type differs from the attention mask's.
func canonicalEncoderMasks(_ bound: BoundArguments, source: Tensor, maskName: String, _ interpreter: Interpreter)
    throws -> (mask: Tensor?, padding: Tensor?) {
    let warn = { (message: String) in interpreter.warn(message) }
    let rawMask = try bound.optionalTensor(maskName)
    let padding = try canonicalMask(try bound.optionalTensor("src_key_padding_mask"), name: "src_key_padding_mask",
                                    other: rawMask.map { ($0.dtype, maskName) }, targetType: source.dtype, warn: warn)
    return (try canonicalMask(rawMask, name: maskName, other: nil, targetType: source.dtype, warn: warn), padding)
}

/// `F.multi_head_attention_forward` by its math: project, split heads, attend (explicit
/// weights when asked for, else `scaled_dot_product_attention`), merge heads, project out.
func multiHeadAttentionForward(_ call: AttentionCall, _ weights: AttentionWeights) throws -> (output: Tensor, weights: Tensor?) {
    var call = call
    let batched = try checkAttentionShapes(call)
    if !batched {
        // Self-attention stays recognisable as such after the batch dimension is added.
        let (queryIsKey, keyIsValue) = (call.query === call.key, call.key === call.value)
        call.query = try Autodiff.unsqueeze(call.query, 1)
        call.key = queryIsKey ? call.query : try Autodiff.unsqueeze(call.key, 1)
        call.value = keyIsValue ? call.key : try Autodiff.unsqueeze(call.value, 1)
        call.keyPaddingMask = try call.keyPaddingMask.map { try Autodiff.unsqueeze($0, 0) }
    }
    let (targetLength, batch, embedding) = (call.query.shape[0], call.query.shape[1], call.query.shape[2])
    if call.isCausal && call.attentionMask == nil {
        throw PythonError.runtimeError("Need attn_mask if specifying the is_causal hint. You may use the Transformer module method "
            + "`generate_square_subsequent_mask` to create this mask.")
    }
    if call.isCausal && call.keyPaddingMask == nil && !call.needWeights {
        call.attentionMask = nil
    } else if call.keyPaddingMask != nil {
        call.isCausal = false
    }
    let heads = call.heads, headSize = embedding / heads
    var (q, k, v) = try projectInputs(call, weights, embedding: embedding)
    var mask = try shapedAttentionMask(call.attentionMask, targetLength: targetLength, sourceLength: call.key.shape[0],
                                       batchHeads: batch * heads)
    var keyPadding = call.keyPaddingMask
    if let biasKey = weights.biasKey, let biasValue = weights.biasValue {
        k = try Autodiff.concatenate([k, try Autodiff.repeated(biasKey, [1, batch, 1])], dim: 0)
        v = try Autodiff.concatenate([v, try Autodiff.repeated(biasValue, [1, batch, 1])], dim: 0)
        mask = try mask.map { try Autodiff.constantPadded($0, [0, 1], value: .float(0)) }
        keyPadding = try keyPadding.map { try Autodiff.constantPadded($0, [0, 1], value: .float(0)) }
    }
    q = try Autodiff.transpose(try Autodiff.view(q, [targetLength, batch * heads, headSize]), 0, 1)
    k = try Autodiff.transpose(try Autodiff.view(k, [k.shape[0], batch * heads, headSize]), 0, 1)
    v = try Autodiff.transpose(try Autodiff.view(v, [v.shape[0], batch * heads, headSize]), 0, 1)
    if weights.addZeroAttention {
        k = try Autodiff.concatenate([k, try Tensor.zeros(shape: [batch * heads, 1, headSize], dtype: k.dtype)], dim: 1)
        v = try Autodiff.concatenate([v, try Tensor.zeros(shape: [batch * heads, 1, headSize], dtype: v.dtype)], dim: 1)
        mask = try mask.map { try Autodiff.constantPadded($0, [0, 1], value: .float(0)) }
        keyPadding = try keyPadding.map { try Autodiff.constantPadded($0, [0, 1], value: .float(0)) }
    }
    let sourceLength = k.shape[1]
    if let keyPadding {
        guard keyPadding.shape == [batch, sourceLength] else {
            throw PythonError("AssertionError", "expecting key_padding_mask shape of (\(batch), \(sourceLength)), but got torch.Size([\(keyPadding.shape.map(String.init).joined(separator: ", "))])")
        }
        let perHead = try Autodiff.reshape(try Autodiff.expand(try Autodiff.view(keyPadding, [batch, 1, 1, sourceLength]),
                                                               [batch, heads, 1, sourceLength]), [batch * heads, 1, sourceLength])
        mask = try mask.map { try Autodiff.binary(.add, .tensor($0), .tensor(perHead)) } ?? perHead
    }
    let dropout = call.dropout > 0 ? (probability: call.dropout, generator: Generator.default) : nil
    if call.needWeights {
        return try attendWithWeights(q: q, k: k, v: v, mask: mask, dropout: dropout, call: call, weights: weights,
                                     sizes: (targetLength, sourceLength, batch, embedding), batched: batched)
    }
    if let current = mask {
        mask = current.shape[0] == 1 && current.rank == 3
            ? try Autodiff.unsqueeze(current, 0) : try Autodiff.view(current, [batch, heads, current.shape[1], sourceLength])
    }
    let attended = try Autodiff.scaledDotProductAttention(
        query: try Autodiff.view(q, [batch, heads, targetLength, headSize]), key: try Autodiff.view(k, [batch, heads, sourceLength, headSize]),
        value: try Autodiff.view(v, [batch, heads, sourceLength, headSize]), mask: mask.map { .additive($0) }, isCausal: call.isCausal,
        scale: nil, dropout: dropout.map { ($0.probability, $0.generator) })
    let merged = try Autodiff.reshape(try Autodiff.permute(attended, [2, 0, 1, 3]), [batch * targetLength, embedding])
    var output = try Autodiff.linear(merged, weight: weights.outputWeight, bias: weights.outputBias)
    output = try Autodiff.view(output, [targetLength, batch, output.shape[1]])
    return (batched ? output : try Autodiff.squeeze(output, [1]), nil)
}

/// The explicit path: softmax(q/√E kᵀ + mask), optional dropout, times v; the weights
/// come back per head or averaged over heads.
private func attendWithWeights(q: Tensor, k: Tensor, v: Tensor, mask: Tensor?, dropout: (probability: Double, generator: Generator)?,
                               call: AttentionCall, weights: AttentionWeights,
                               sizes: (target: Int, source: Int, batch: Int, embedding: Int), batched: Bool) throws -> (output: Tensor, weights: Tensor?) {
    if call.isCausal && mask == nil { throw PythonError("AssertionError", "FIXME: is_causal not implemented for need_weights") }
    let headSize = q.shape[2]
    let scaled = try Autodiff.binary(.multiply, .tensor(q), .scalar(.float((1.0 / Double(headSize)).squareRoot())))
    var scores = try Autodiff.bmm(scaled, try Autodiff.transpose(k, -2, -1))
    if let mask { scores = try Autodiff.binary(.add, .tensor(mask), .tensor(scores)) }
    var attention = try Autodiff.softmax(scores, dim: -1)
    if let dropout { attention = try Autodiff.dropout(attention, p: dropout.probability, generator: dropout.generator) }
    var output = try Autodiff.bmm(attention, v)
    output = try Autodiff.reshape(try Autodiff.transpose(output, 0, 1), [sizes.target * sizes.batch, sizes.embedding])
    output = try Autodiff.linear(output, weight: weights.outputWeight, bias: weights.outputBias)
    output = try Autodiff.view(output, [sizes.target, sizes.batch, output.shape[1]])
    attention = try Autodiff.view(attention, [sizes.batch, call.heads, sizes.target, sizes.source])
    if call.averageWeights { attention = try Autodiff.mean(attention, dims: [1], keepDim: false) }
    guard !batched else { return (output, attention) }
    return (try Autodiff.squeeze(output, [1]), try Autodiff.squeeze(attention, [0]))
}

/// `_in_projection_packed` (one matmul for self-attention, q then k/v together when key
/// is value) or `_in_projection` with separate weights.
private func projectInputs(_ call: AttentionCall, _ weights: AttentionWeights, embedding: Int) throws -> (Tensor, Tensor, Tensor) {
    let biases = try weights.inputBias.map { try Autodiff.chunk($0, 3, dim: 0) }
    if let packed = weights.packedWeight {
        guard call.key.shape == call.value.shape else {
            throw PythonError("AssertionError", "key shape \(sizeText(call.key.shape)) does not match value shape \(sizeText(call.value.shape))")
        }
        func unpacked(_ projection: Tensor, _ parts: Int) throws -> [Tensor] {
            let split = try Autodiff.unflatten(projection, -1, [parts, embedding])
            let moved = try Autodiff.squeeze(try Autodiff.transpose(try Autodiff.unsqueeze(split, 0), 0, -2), [-2])
            return try Autodiff.unbind(try Autodiff.contiguous(moved), 0)
        }
        if call.key === call.value && call.query === call.key {
            let parts = try unpacked(try Autodiff.linear(call.query, weight: packed, bias: weights.inputBias), 3)
            return (parts[0], parts[1], parts[2])
        }
        let weightParts = try Autodiff.split(packed, sizes: [embedding, 2 * embedding], dim: 0)
        let biasParts = try weights.inputBias.map { try Autodiff.split($0, sizes: [embedding, 2 * embedding], dim: 0) }
        if call.key === call.value {
            let q = try Autodiff.linear(call.query, weight: weightParts[0], bias: biasParts?[0])
            let keyValue = try unpacked(try Autodiff.linear(call.key, weight: weightParts[1], bias: biasParts?[1]), 2)
            return (q, keyValue[0], keyValue[1])
        }
        let chunks = try Autodiff.chunk(packed, 3, dim: 0)
        return (try Autodiff.linear(call.query, weight: chunks[0], bias: biases?[0]), try Autodiff.linear(call.key, weight: chunks[1], bias: biases?[1]),
                try Autodiff.linear(call.value, weight: chunks[2], bias: biases?[2]))
    }
    guard let separate = weights.separateWeights else {
        throw PythonError("AssertionError", "use_separate_proj_weight is True but q_proj_weight is None")
    }
    return (try Autodiff.linear(call.query, weight: separate.query, bias: biases?[0]),
            try Autodiff.linear(call.key, weight: separate.key, bias: biases?[1]),
            try Autodiff.linear(call.value, weight: separate.value, bias: biases?[2]))
}

/// A 2-D mask gains a leading 1; a 3-D one must be `(N·heads, L, S)`.
private func shapedAttentionMask(_ mask: Tensor?, targetLength: Int, sourceLength: Int, batchHeads: Int) throws -> Tensor? {
    guard let mask else { return nil }
    switch mask.rank {
    case 2:
        guard mask.shape == [targetLength, sourceLength] else {
            throw PythonError.runtimeError("The shape of the 2D attn_mask is \(sizeText(mask.shape)), but should be (\(targetLength), \(sourceLength)).")
        }
        return try Autodiff.unsqueeze(mask, 0)
    case 3:
        guard mask.shape == [batchHeads, targetLength, sourceLength] else {
            throw PythonError.runtimeError("The shape of the 3D attn_mask is \(sizeText(mask.shape)), but should be (\(batchHeads), \(targetLength), \(sourceLength)).")
        }
        return mask
    default:
        throw PythonError.runtimeError("attn_mask's dimension \(mask.rank) is not supported")
    }
}

/// `_mha_shape_check`: whether the call is batched, with PyTorch's messages otherwise.
private func checkAttentionShapes(_ call: AttentionCall) throws -> Bool {
    let (q, k, v) = (call.query.rank, call.key.rank, call.value.rank)
    func fail(_ message: String) -> PythonError { PythonError("AssertionError", message) }
    switch q {
    case 3:
        guard k == 3, v == 3 else {
            throw fail("For batched (3-D) `query`, expected `key` and `value` to be 3-D but found \(k)-D and \(v)-D tensors respectively")
        }
        if let padding = call.keyPaddingMask, padding.rank != 2 {
            throw fail("For batched (3-D) `query`, expected `key_padding_mask` to be `None` or 2-D but found \(padding.rank)-D tensor instead")
        }
        if let mask = call.attentionMask, mask.rank != 2 && mask.rank != 3 {
            throw fail("For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found \(mask.rank)-D tensor instead")
        }
        return true
    case 2:
        guard k == 2, v == 2 else {
            throw fail("For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found \(k)-D and \(v)-D tensors respectively")
        }
        if let padding = call.keyPaddingMask, padding.rank != 1 {
            throw fail("For unbatched (2-D) `query`, expected `key_padding_mask` to be `None` or 1-D but found \(padding.rank)-D tensor instead")
        }
        if let mask = call.attentionMask, mask.rank != 2 && mask.rank != 3 {
            throw fail("For unbatched (2-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found \(mask.rank)-D tensor instead")
        }
        return false
    default:
        throw fail("query should be unbatched 2D or batched 3D tensor but received \(q)-D query tensor")
    }
}

private func sizeText(_ shape: [Int]) -> String { "torch.Size([\(shape.map(String.init).joined(separator: ", "))])" }
