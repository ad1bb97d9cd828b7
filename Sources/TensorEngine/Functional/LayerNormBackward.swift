/// float32 layer_norm's input gradient, rounded as PyTorch's CPU backward kernel
/// (`layer_norm_backward_frame`) rounds it. The gradient of a normalised row is mostly
/// cancellation, so its printed digits depend on the order of every float operation:
/// - the row statistics are the forward kernel's (Welford), recomputed here bit for bit;
/// - ds = Σ dy·x·γ and db = Σ dy·γ follow `map2_reduce_all` over eight float lanes (see
///   `LaneOrderedSum`);
/// - b = (db·mean − ds)·a·a·a/N and c = −b·mean − db·a/N, with a = rstd, and
///   dx = (b·x + a·dy·γ) + c, with multiply-adds fused where the compiled kernel fuses them.
/// Each rule was found by matching PyTorch's gradients bit for bit over rows of 1 to 130.
/// The element-wise steps run eight lanes at a time with the same roundings.
enum LayerNormBackward {
    /// Where each requested gradient goes: dx shaped like the input, and dγ, dβ of one
    /// row each, which must start zeroed (they accumulate over the rows).
    struct Outputs {
        let input: UnsafeMutablePointer<Float>?
        let weight: UnsafeMutablePointer<Float>?
        let bias: UnsafeMutablePointer<Float>?
    }

    /// The gradients PyTorch's kernel returns, from one walk over the `count` values of
    /// `input` (`gradient` is dy, `weight` is γ): each requested one goes to `outputs`.
    /// dγ and dβ follow one thread's buffer (the project follows PyTorch with one thread):
    /// dγ[j] accumulates dy·(a·x + b) row by row with b = −a·mean, both multiply-adds
    /// fused, and dβ[j] accumulates dy.
    static func gradients(input: UnsafePointer<Float>, gradient: UnsafePointer<Float>, count: Int, weight: UnsafePointer<Float>?,
                          blockSize: Int, eps: Float, into outputs: Outputs) {
        let scale = 1 / Float(blockSize)
        // dy·x of one row, when γ weighs it.
        let products = UnsafeMutablePointer<Float>.allocate(capacity: weight == nil ? 0 : blockSize)
        defer { products.deallocate() }
        LayerNormMoments.forEachRow(of: input, count: count, blockSize: blockSize, eps: eps) { start, x, mean, a in
            let dy = gradient + start
            if let dx = outputs.input {
                rowInputGradient(x: x, dy: dy, weight: weight, products: products, into: dx + start,
                                 blockSize: blockSize, mean: mean, a: a, scale: scale)
            }
            if let gradWeight = outputs.weight, let gradBias = outputs.bias {
                accumulateParameterGradients(x: x, dy: dy, into: gradWeight, gradBias, blockSize: blockSize, mean: mean, a: a)
            }
        }
    }

    /// dx for one row.
    @inline(__always)
    private static func rowInputGradient(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, weight: UnsafePointer<Float>?,
                                         products: UnsafeMutablePointer<Float>, into dx: UnsafeMutablePointer<Float>,
                                         blockSize: Int, mean: Float, a: Float, scale: Float) {
        let ds: Float, db: Float
        // Without γ the kernel sums dy·x and dy; with it, (dy·x)·γ and dy·γ, whose fused
        // tails round differently from multiplying by one.
        if let weight {
            var offset = 0
            while offset + 8 <= blockSize {
                storeVector(loadVector(dy + offset) * loadVector(x + offset), products + offset)
                offset += 8
            }
            while offset < blockSize {
                products[offset] = dy[offset] * x[offset]
                offset += 1
            }
            ds = LaneOrderedSum.dot(UnsafePointer(products), weight, count: blockSize, fusedTail: true)
            db = LaneOrderedSum.dot(dy, weight, count: blockSize, fusedTail: true)
        } else {
            ds = LaneOrderedSum.dot(dy, x, count: blockSize, fusedTail: true)
            db = LaneOrderedSum.sum(dy, count: blockSize)
        }
        let b = (-ds).addingProduct(db, mean) * a * a * a * scale
        let c = (-(db * a * scale)).addingProduct(-b, mean)
        // dx = ((a·dy)·γ + b·x) + c; without γ, (a·dy)·1 is a·dy exactly.
        let (aVector, bVector, cVector) = (SIMD8<Float>(repeating: a), SIMD8<Float>(repeating: b), SIMD8<Float>(repeating: c))
        var offset = 0
        while offset + 8 <= blockSize {
            var scaled = aVector * loadVector(dy + offset)
            if let weight { scaled *= loadVector(weight + offset) }
            storeVector(scaled.addingProduct(bVector, loadVector(x + offset)) + cVector, dx + offset)
            offset += 8
        }
        while offset < blockSize {
            var scaled = a * dy[offset]
            if let weight { scaled *= weight[offset] }
            dx[offset] = scaled.addingProduct(b, x[offset]) + c
            offset += 1
        }
    }

    /// dγ += dy·(a·x + b) and dβ += dy for one row, with b = −a·mean.
    @inline(__always)
    private static func accumulateParameterGradients(x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                                     into gradWeight: UnsafeMutablePointer<Float>, _ gradBias: UnsafeMutablePointer<Float>,
                                                     blockSize: Int, mean: Float, a: Float) {
        let b = -a * mean
        let (aVector, bVector) = (SIMD8<Float>(repeating: a), SIMD8<Float>(repeating: b))
        var j = 0
        while j + 8 <= blockSize {
            let dyVector = loadVector(dy + j)
            storeVector(loadVector(gradWeight + j).addingProduct(dyVector, bVector.addingProduct(aVector, loadVector(x + j))), gradWeight + j)
            storeVector(loadVector(gradBias + j) + dyVector, gradBias + j)
            j += 8
        }
        while j < blockSize {
            gradWeight[j] = gradWeight[j].addingProduct(dy[j], b.addingProduct(a, x[j]))
            gradBias[j] = gradBias[j] + dy[j]
            j += 1
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
        guard gradient.count == count else {
            throw TensorError.runtime("layerNormGradients expects a gradient of \(count) elements, got \(gradient.count)")
        }
        let blockSize = normalizedShape.reduce(1, *)
        let x = try contiguous(), dy = try gradient.to(.float32).contiguous()
        let gamma = needsInput ? try weight?.to(.float32).elements(as: Float.self) : nil
        // dx is written row by row in full; dγ and dβ accumulate from zero.
        let gradInput = needsInput ? try Tensor.uninitialized(shape: shape, dtype: .float32) : nil
        let gradWeight = needsParameters ? try Tensor.zeros(shape: normalizedShape, dtype: .float32) : nil
        let gradBias = needsParameters ? try Tensor.zeros(shape: normalizedShape, dtype: .float32) : nil
        let outputs = LayerNormBackward.Outputs(input: gradInput?.pointer(Float.self), weight: gradWeight?.pointer(Float.self),
                                                bias: gradBias?.pointer(Float.self))
        let run = { (gamma: UnsafePointer<Float>?) in
            LayerNormBackward.gradients(
                input: x.pointer(Float.self) + x.storageOffset, gradient: dy.pointer(Float.self) + dy.storageOffset, count: self.count,
                weight: gamma, blockSize: blockSize, eps: Float(eps), into: outputs)
        }
        if let gamma {
            gamma.withUnsafeBufferPointer { run($0.baseAddress) }
        } else {
            run(nil)
        }
        return (gradInput, gradWeight, gradBias)
    }
}
