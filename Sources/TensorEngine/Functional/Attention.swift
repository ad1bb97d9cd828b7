import Glibc

/// The mask argument of `scaled_dot_product_attention`.
public enum AttentionMask {
    /// True keeps a position; false masks it out (-inf before the softmax).
    case keep(Tensor)
    /// Added to the scores before the softmax.
    case additive(Tensor)
}

/// `F.scaled_dot_product_attention` by PyTorch's math path: q and k are each scaled by
/// √scale before the product, masked rows that lose every position give 0 (not nan),
/// and dropout, if any, applies to the attention weights.
public func scaledDotProductAttention(
    query: Tensor, key: Tensor, value: Tensor, mask: AttentionMask? = nil, isCausal: Bool = false,
    scale: Double? = nil, dropout: (probability: Double, generator: Generator)? = nil
) throws -> Tensor {
    guard query.rank >= 2, key.rank >= 2, value.rank >= 2 else {
        throw TensorError.runtime(
            "Expected query, key, and value to all be  at least 2 dimensional, but got query.dim: \(query.rank) key.dim: \(key.rank) and value.dim: \(value.rank) instead.")
    }
    guard query.dtype == key.dtype, query.dtype == value.dtype else {
        throw TensorError.runtime(
            "Expected query, key, and value to have the same dtype, but got query.dtype: \(query.dtype.cppTypeName) key.dtype: \(key.dtype.cppTypeName) and value.dtype: \(value.dtype.cppTypeName) instead.")
    }
    if isCausal, mask != nil {
        throw TensorError.runtime("_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True")
    }
    let targetLength = query.shape[query.rank - 2]
    let sourceLength = key.shape[key.rank - 2]
    let embedding = query.shape[query.rank - 1]
    let requestedScale = scale ?? 1 / Glibc.sqrt(Double(embedding))
    let factor = Glibc.sqrt(Swift.abs(requestedScale))
    let scaledQuery = try binary(.multiply, .tensor(query), .scalar(.float(requestedScale < 0 ? -factor : factor)))
    let scaledKey = try binary(.multiply, .tensor(try key.transpose(-2, -1)), .scalar(.float(factor)))
    var scores = try scaledQuery.matmul(scaledKey)
    var effectiveMask = mask
    if isCausal {
        let ones = try Factory.full(shape: [targetLength, sourceLength], value: .bool(true), dtype: .bool)
        effectiveMask = .keep(try ones.triangle(upper: false, diagonal: 0))
    }
    switch effectiveMask {
    case let .keep(keep)?:
        let bias = try whereSelect(keep, .scalar(.float(0)), .scalar(.float(-.infinity))).to(scores.dtype)
        scores = try binary(.add, .tensor(scores), .tensor(bias))
    case let .additive(bias)?:
        scores = try binary(.add, .tensor(scores), .tensor(bias))
    case nil: break
    }
    var weights = try safeSoftmaxLastDim(scores)
    if let dropout, dropout.probability > 0 {
        weights = try dropout.generator.dropout(weights, p: dropout.probability)
    }
    return try weights.matmul(value)
}

/// softmax over the last dim, with rows that are entirely -inf giving zeros.
private func safeSoftmaxLastDim(_ scores: Tensor) throws -> Tensor {
    let probabilities = try scores.softmax(dim: -1)
    guard let rowLength = scores.shape.last, rowLength > 0 else { return probabilities }
    let inputs = scores.doubles()
    var outputs = probabilities.doubles()
    var changed = false
    for start in stride(from: 0, to: inputs.count, by: rowLength)
    where inputs[start..<(start + rowLength)].allSatisfy({ $0 == -.infinity }) {
        for index in start..<(start + rowLength) { outputs[index] = 0 }
        changed = true
    }
    guard changed else { return probabilities }
    return try ResultBuilder.tensor(doubles: outputs, shape: scores.shape, dtype: scores.dtype)
}

extension Generator {
    /// `F.gumbel_softmax(logits, tau, hard, dim)`: softmax((logits + g) / tau) with
    /// g = -log(Exponential(1)) drawn in C order; `hard` returns the one-hot of the
    /// argmax as y_hard - y_soft + y_soft, exactly as PyTorch computes it.
    public func gumbelSoftmax(_ logits: Tensor, tau: Double = 1, hard: Bool = false, dim: Int = -1) throws -> Tensor {
        let noise = try Tensor.zeros(shape: logits.shape, dtype: logits.dtype.isFloatingPoint ? logits.dtype : defaultFloatDType)
        try exponential_(noise, lambda: 1)
        let gumbels = try noise.unary(.log).unary(.negate)
        let perturbed = try binary(.divide, .tensor(try binary(.add, .tensor(logits), .tensor(gumbels))), .scalar(.float(tau)))
        let soft = try perturbed.softmax(dim: dim)
        guard hard else { return soft }
        let axis = try normalizeDim(dim, rank: soft.rank)
        let index = try soft.max(dim: axis, keepDim: true).indices
        let hardOneHot = try Tensor.zeros(shape: logits.shape, dtype: soft.dtype)
            .scattered(dim: axis, index: index, source: .scalar(.float(1)))
        return try binary(.add, .tensor(try binary(.subtract, .tensor(hardOneHot), .tensor(soft))), .tensor(soft))
    }
}
