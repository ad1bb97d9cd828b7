import Glibc

/// Normalizations: layer_norm, normalize, cosine_similarity.
extension Tensor {
    /// `F.layer_norm(input, normalized_shape, weight, bias, eps)`: each trailing block of
    /// `normalizedShape` gets zero mean and unit (biased) variance, then the affine map.
    public func layerNorm(normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5) throws -> Tensor {
        let trailing = normalizedShape.count
        guard trailing >= 1 else {
            throw TensorError.runtime("Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []")
        }
        if let weight, weight.shape != normalizedShape {
            throw TensorError.runtime("Expected weight to be of same shape as normalized_shape, but got weight of shape \(formatShape(weight.shape)) and normalized_shape = \(formatShape(normalizedShape))")
        }
        if let bias, bias.shape != normalizedShape {
            throw TensorError.runtime("Expected bias to be of same shape as normalized_shape, but got bias of shape \(formatShape(bias.shape)) and normalized_shape = \(formatShape(normalizedShape))")
        }
        guard rank >= trailing, Array(shape[(rank - trailing)...]) == normalizedShape else {
            throw TensorError.runtime(
                "Given normalized_shape=\(formatShape(normalizedShape)), expected input with shape [*, \(normalizedShape.map(String.init).joined(separator: ", "))], but got input of size\(formatShape(shape))")
        }
        guard dtype.isFloatingPoint else {
            throw TensorError.kernelNotImplemented("LayerNormKernelImpl", dtype)
        }
        let blockSize = normalizedShape.reduce(1, *)
        if dtype == .float32 {
            return try floatLayerNorm(blockSize: blockSize, weight: weight, bias: bias, eps: eps)
        }
        let values = doubles()
        let scales = try weight?.to(dtype).doubles()
        let shifts = try bias?.to(dtype).doubles()
        var result = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < values.count, blockSize > 0 {
            var mean = 0.0
            for index in start..<(start + blockSize) { mean += values[index] }
            mean /= Double(blockSize)
            var variance = 0.0
            for index in start..<(start + blockSize) {
                let deviation = values[index] - mean
                variance += deviation * deviation
            }
            variance /= Double(blockSize)
            let inverseDeviation = 1 / Glibc.sqrt(Swift.max(variance, 0) + eps)
            for offset in 0..<blockSize {
                var y = (values[start + offset] - mean) * inverseDeviation
                if let scales { y *= scales[offset] }
                if let shifts { y += shifts[offset] }
                result[start + offset] = y
            }
            start += blockSize
        }
        return try ResultBuilder.tensor(doubles: result, shape: shape, dtype: dtype)
    }

    /// `F.normalize(input, p, dim, eps)`: input / max(‖input‖_p along dim, eps).
    public func normalized(p: Double = 2, dim: Int = 1, eps: Double = 1e-12) throws -> Tensor {
        let norms = try norm(p: p, dims: [dim], keepDim: true)
        let denominator = try norms.clamp(min: .scalar(.float(eps)), max: nil)
        return try binary(.divide, .tensor(self), .tensor(denominator.expand(shape)))
    }
}

/// `F.cosine_similarity(x1, x2, dim, eps)`: Σ (x1/max(‖x1‖, eps)) · (x2/max(‖x2‖, eps)).
public func cosineSimilarity(_ first: Tensor, _ second: Tensor, dim: Int = 1, eps: Double = 1e-8) throws -> Tensor {
    let common = DType.promote(first.dtype, second.dtype)
    guard common.isFloatingPoint else {
        throw TensorError.runtime("expected common dtype to be floating point, yet common dtype is \(common.scalarTypeName)")
    }
    let shape = try broadcastShapes(first.shape, second.shape)
    let a = try first.to(common).expand(shape)
    let b = try second.to(common).expand(shape)
    let axis = try normalizeDim(dim, rank: shape.count)
    let normA = try a.norm(p: 2, dims: [axis], keepDim: true).clamp(min: .scalar(.float(eps)), max: nil)
    let normB = try b.norm(p: 2, dims: [axis], keepDim: true).clamp(min: .scalar(.float(eps)), max: nil)
    let product = try binary(.multiply, .tensor(try binary(.divide, .tensor(a), .tensor(normA))),
                             .tensor(try binary(.divide, .tensor(b), .tensor(normB))))
    return try product.sum(dims: [axis], keepDim: false)
}
