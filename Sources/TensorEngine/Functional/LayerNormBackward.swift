/// float32 layer_norm's input gradient, rounded as PyTorch's CPU backward kernel
/// (`layer_norm_backward_frame`) rounds it. The gradient of a normalised row is mostly
/// cancellation, so its printed digits depend on the order of every float operation:
/// - the row statistics are the forward kernel's (Welford), recomputed here bit for bit;
/// - ds = Σ dy·x·γ and db = Σ dy·γ follow `map2_reduce_all` over eight float lanes (see
///   `laneSum`);
/// - b = (db·mean − ds)·a·a·a/N and c = −b·mean − db·a/N, with a = rstd, and
///   dx = (b·x + a·dy·γ) + c, with multiply-adds fused where the compiled kernel fuses them.
/// Each rule was found by matching PyTorch's gradients bit for bit over rows of 1 to 130.
enum LayerNormBackward {
    static let laneCount = 8

    /// Σ lhs·rhs over a row. Rows shorter than a vector add the products in order. Longer
    /// rows keep eight lane sums: the first vector's products, then each whole vector's
    /// products added, then the tail fused into the first lanes (fma), and finally the lanes
    /// folded in halves (lane i + lane i^4, ^2, ^1).
    static func laneSum(count: Int, _ factors: @escaping (Int) -> (Float, Float)) -> Float {
        let product = { (index: Int) -> Float in let (lhs, rhs) = factors(index); return lhs * rhs }
        guard count >= laneCount else {
            var total: Float = 0
            for index in 0..<count { total = index == 0 ? product(0) : total + product(index) }
            return total
        }
        var lanes = (0..<laneCount).map(product)
        var start = laneCount
        while start + laneCount <= count {
            for lane in 0..<laneCount { lanes[lane] = lanes[lane] + product(start + lane) }
            start += laneCount
        }
        for lane in 0..<(count - start) {
            let (lhs, rhs) = factors(start + lane)
            lanes[lane] = lanes[lane].addingProduct(lhs, rhs)
        }
        var half = laneCount / 2
        while half >= 1 {
            for lane in 0..<half { lanes[lane] = lanes[lane] + lanes[lane ^ half] }
            half /= 2
        }
        return lanes[0]
    }

    /// dx for every row of `blockSize` elements; `gradient` is dy, `weight` is γ.
    static func inputGradient(input: [Float], gradient: [Float], weight: [Float]?,
                              blockSize: Int, eps: Float) -> [Float] {
        var result = [Float](repeating: 0, count: input.count)
        let scale = 1 / Float(blockSize)
        LayerNormMoments.forEachRow(of: input, blockSize: blockSize, eps: eps) { start, row, mean, a in
            // γ = 1 when absent: multiplying by one is exact, so one form serves both,
            // except in ds's fused tail, which fuses dy·x without γ and (dy·x)·γ with it.
            let dy = { gradient[start + $0] }, gamma = { weight?[$0] ?? 1 }
            let ds = weight == nil
                ? laneSum(count: blockSize) { (dy($0), row[$0]) }
                : laneSum(count: blockSize) { (dy($0) * row[$0], gamma($0)) }
            let db = laneSum(count: blockSize) { (dy($0), gamma($0)) }
            let b = (-ds).addingProduct(db, mean) * a * a * a * scale
            let c = (-(db * a * scale)).addingProduct(-b, mean)
            for offset in 0..<blockSize {
                result[start + offset] = (a * dy(offset) * gamma(offset)).addingProduct(b, row[offset]) + c
            }
        }
        return result
    }

    /// dγ and dβ over all rows, in the order of one thread's buffer (the project follows
    /// PyTorch with one thread): dγ[j] accumulates dy·(a·x + b) row by row with b = −a·mean,
    /// both multiply-adds fused, and dβ[j] accumulates dy.
    static func parameterGradients(input: [Float], gradient: [Float], blockSize: Int,
                                   eps: Float) -> (weight: [Float], bias: [Float]) {
        var weight = [Float](repeating: 0, count: blockSize)
        var bias = [Float](repeating: 0, count: blockSize)
        LayerNormMoments.forEachRow(of: input, blockSize: blockSize, eps: eps) { start, row, mean, a in
            let b = -a * mean
            for j in 0..<blockSize {
                let dy = gradient[start + j]
                weight[j] = weight[j].addingProduct(dy, b.addingProduct(a, row[j]))
                bias[j] = bias[j] + dy
            }
        }
        return (weight, bias)
    }
}

extension Tensor {
    /// The input gradient of float32 `layer_norm` over trailing blocks of `blockSize`.
    public func layerNormInputGradient(_ gradient: Tensor, weight: Tensor?, blockSize: Int, eps: Double) throws -> Tensor {
        guard dtype == .float32 else { throw TensorError.runtime("layerNormInputGradient expects float32, got \(dtype)") }
        let values = LayerNormBackward.inputGradient(
            input: elements(as: Float.self), gradient: try gradient.to(.float32).elements(as: Float.self),
            weight: try weight?.to(.float32).elements(as: Float.self), blockSize: blockSize, eps: Float(eps))
        return try Tensor(values: values, shape: shape)
    }

    /// The weight and bias gradients of float32 `layer_norm`, shaped like one trailing block.
    public func layerNormParameterGradients(_ gradient: Tensor, normalizedShape: [Int], eps: Double) throws -> (weight: Tensor, bias: Tensor) {
        guard dtype == .float32 else { throw TensorError.runtime("layerNormParameterGradients expects float32, got \(dtype)") }
        let (weight, bias) = LayerNormBackward.parameterGradients(
            input: elements(as: Float.self), gradient: try gradient.to(.float32).elements(as: Float.self),
            blockSize: normalizedShape.reduce(1, *), eps: Float(eps))
        return (try Tensor(values: weight, shape: normalizedShape), try Tensor(values: bias, shape: normalizedShape))
    }
}
