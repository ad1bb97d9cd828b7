/// float32 layer_norm's input gradient, rounded as PyTorch's CPU backward kernel
/// (`layer_norm_backward_frame`) rounds it. The gradient of a normalised row is mostly
/// cancellation, so its printed digits depend on the order of every float operation:
/// - the row statistics are the forward kernel's (Welford), recomputed here bit for bit;
/// - ds = Σ dy·x·γ and db = Σ dy·γ follow `map2_reduce_all` over eight float lanes (see
///   `LaneOrderedSum`);
/// - b = (db·mean − ds)·a·a·a/N and c = −b·mean − db·a/N, with a = rstd, and
///   dx = (b·x + a·dy·γ) + c, with multiply-adds fused where the compiled kernel fuses them.
/// Each rule was found by matching PyTorch's gradients bit for bit over rows of 1 to 130.
enum LayerNormBackward {
    /// The gradients PyTorch's kernel returns, from one walk over the rows: dx when `inputs`
    /// is set (`gradient` is dy, `weight` is γ), and dγ, dβ when `parameters` is set.
    /// dγ and dβ follow one thread's buffer (the project follows PyTorch with one thread):
    /// dγ[j] accumulates dy·(a·x + b) row by row with b = −a·mean, both multiply-adds
    /// fused, and dβ[j] accumulates dy.
    static func gradients(input: [Float], gradient: [Float], weight: [Float]?, blockSize: Int, eps: Float,
                          inputs: Bool, parameters: Bool) -> (input: [Float]?, weight: [Float]?, bias: [Float]?) {
        // Arrays nobody asked for stay empty and come back as nil.
        var gradInput = [Float](repeating: 0, count: inputs ? input.count : 0)
        var gradWeight = [Float](repeating: 0, count: parameters ? blockSize : 0)
        var gradBias = gradWeight
        let scale = 1 / Float(blockSize)
        LayerNormMoments.forEachRow(of: input, blockSize: blockSize, eps: eps) { start, row, mean, a in
            if inputs {
                rowInputGradient(into: &gradInput, start: start, row: row, gradient: gradient, weight: weight,
                                 mean: mean, a: a, scale: scale)
            }
            if parameters {
                let b = -a * mean
                for j in 0..<blockSize {
                    let dy = gradient[start + j]
                    gradWeight[j] = gradWeight[j].addingProduct(dy, b.addingProduct(a, row[j]))
                    gradBias[j] = gradBias[j] + dy
                }
            }
        }
        return (inputs ? gradInput : nil, parameters ? gradWeight : nil, parameters ? gradBias : nil)
    }

    /// dx for one row.
    private static func rowInputGradient(into result: inout [Float], start: Int, row: UnsafeBufferPointer<Float>,
                                         gradient: [Float], weight: [Float]?, mean: Float, a: Float, scale: Float) {
        let blockSize = row.count
        let dy = { gradient[start + $0] }, gamma = { weight?[$0] ?? 1 }
        let (ds, db) = gradient.withUnsafeBufferPointer { gradient -> (Float, Float) in
            guard let dyRow = gradient.baseAddress.map({ $0 + start }), let x = row.baseAddress else { return (0, 0) }
            // Without γ the kernel sums dy·x and dy; with it, (dy·x)·γ and dy·γ, whose fused
            // tails round differently from multiplying by one.
            guard let weight else {
                return (LaneOrderedSum.dot(dyRow, x, count: blockSize, fusedTail: true), LaneOrderedSum.sum(dyRow, count: blockSize))
            }
            let dyTimesX = (0..<blockSize).map { dyRow[$0] * x[$0] }
            return (LaneOrderedSum.dot(dyTimesX, weight, count: blockSize, fusedTail: true),
                    LaneOrderedSum.dot(dyRow, weight, count: blockSize, fusedTail: true))
        }
        let b = (-ds).addingProduct(db, mean) * a * a * a * scale
        let c = (-(db * a * scale)).addingProduct(-b, mean)
        for offset in 0..<blockSize {
            result[start + offset] = (a * dy(offset) * gamma(offset)).addingProduct(b, row[offset]) + c
        }
    }
}

extension Tensor {
    /// float32 `layer_norm`'s gradients over trailing blocks of `normalizedShape`, each computed
    /// only when asked for: the input's (shaped like `self`), and the weight's and bias's
    /// (shaped like one block).
    public func layerNormGradients(_ gradient: Tensor, weight: Tensor?, normalizedShape: [Int], eps: Double,
                                   input needsInput: Bool, parameters needsParameters: Bool)
        throws -> (input: Tensor?, weight: Tensor?, bias: Tensor?) {
        guard dtype == .float32 else { throw TensorError.runtime("layerNormGradients expects float32, got \(dtype)") }
        let result = LayerNormBackward.gradients(
            input: elements(as: Float.self), gradient: try gradient.to(.float32).elements(as: Float.self),
            weight: needsInput ? try weight?.to(.float32).elements(as: Float.self) : nil,
            blockSize: normalizedShape.reduce(1, *), eps: Float(eps), inputs: needsInput, parameters: needsParameters)
        return (try result.input.map { try Tensor(values: $0, shape: shape) },
                try result.weight.map { try Tensor(values: $0, shape: normalizedShape) },
                try result.bias.map { try Tensor(values: $0, shape: normalizedShape) })
    }
}
