/// float32 layer_norm rounded as PyTorch's CPU kernel rounds it (`RowwiseMoments` in
/// moments_utils.h): Welford's update in eight float lanes, one lane per eighth element,
/// in chunks of 16 steps merged pairwise; the lanes then merge one by one into a scalar
/// Welford over the leftover tail. The fused multiply-adds sit where the compiled
/// kernel has them. Output is fma((x - mean) · rstd, weight, bias).
/// The eight lanes are one `SIMD8<Float>`, so each step is the kernel's vector
/// instruction: the same roundings as lane by lane, at the kernel's speed.
enum LayerNormMoments {
    static let laneCount = 8
    static let chunkSteps = 16

    /// Count, mean and sum of squared deviations of one lane group.
    struct Moments {
        var count = 0
        var mean = SIMD8<Float>(repeating: 0)
        var squares = SIMD8<Float>(repeating: 0)
    }

    /// `AddMomentsVec`: folds `added` into `total`, Chan's merge per lane.
    @inline(__always)
    static func merge(_ added: Moments, into total: inout Moments) {
        let count = total.count + added.count
        let share: Float = count == 0 ? 0 : Float(added.count) / Float(count)
        let previous = Float(total.count)
        let delta = added.mean - total.mean
        // Unlike the scalar merge below, the compiled vector merge adds the two sums of
        // squares first and fuses (δ·share)·(δ·count) into them; the mean is not fused.
        // Matched bit for bit against PyTorch on rows of 129 to 4096 elements.
        total.mean = total.mean + share * delta
        total.squares = (total.squares + added.squares).addingProduct(delta * share, delta * previous)
        total.count = count
    }

    /// Welford over one chunk of `steps` vectors from `start`: step k weighs 1/(k+1).
    @inline(__always)
    private static func chunkMoments(_ start: UnsafePointer<Float>, steps: Int) -> Moments {
        var mean = SIMD8<Float>(repeating: 0), squares = mean
        for step in 0..<steps {
            let weight = SIMD8<Float>(repeating: 1 / Float(step + 1))
            let x = loadVector(start + step * laneCount)
            let delta = x - mean
            mean = mean.addingProduct(delta, weight)
            squares = squares.addingProduct(delta, x - mean)
        }
        return Moments(count: steps, mean: mean, squares: squares)
    }

    /// Four whole chunks from `first`, stepped together: each chunk starts from zero, so
    /// they are independent, and interleaving them hides the latency of each step's
    /// dependent subtract and multiply-add. Each is rounded as `chunkMoments` rounds it.
    @inline(__always)
    private static func chunkQuadMoments(_ first: UnsafePointer<Float>) -> (Moments, Moments, Moments, Moments) {
        let stride = chunkSteps * laneCount
        let zero = SIMD8<Float>(repeating: 0)
        var (mean0, mean1, mean2, mean3) = (zero, zero, zero, zero)
        var (squares0, squares1, squares2, squares3) = (zero, zero, zero, zero)
        for step in 0..<chunkSteps {
            let weight = SIMD8<Float>(repeating: 1 / Float(step + 1))
            let at = first + step * laneCount
            let (x0, x1, x2, x3) = (loadVector(at), loadVector(at + stride), loadVector(at + 2 * stride), loadVector(at + 3 * stride))
            let (delta0, delta1, delta2, delta3) = (x0 - mean0, x1 - mean1, x2 - mean2, x3 - mean3)
            mean0 = mean0.addingProduct(delta0, weight)
            mean1 = mean1.addingProduct(delta1, weight)
            mean2 = mean2.addingProduct(delta2, weight)
            mean3 = mean3.addingProduct(delta3, weight)
            squares0 = squares0.addingProduct(delta0, x0 - mean0)
            squares1 = squares1.addingProduct(delta1, x1 - mean1)
            squares2 = squares2.addingProduct(delta2, x2 - mean2)
            squares3 = squares3.addingProduct(delta3, x3 - mean3)
        }
        return (Moments(count: chunkSteps, mean: mean0, squares: squares0), Moments(count: chunkSteps, mean: mean1, squares: squares1),
                Moments(count: chunkSteps, mean: mean2, squares: squares2), Moments(count: chunkSteps, mean: mean3, squares: squares3))
    }

    /// Mean and biased variance of `row`.
    static func meanAndVariance(_ row: UnsafeBufferPointer<Float>) -> (mean: Float, variance: Float) {
        guard let base = row.baseAddress, row.count > 0 else { return (0, 0 / Float(row.count)) }
        let steps = row.count / laneCount
        let chunks = (steps + chunkSteps - 1) / chunkSteps
        // The kernel's stack of partial results, one level per power of two of chunks.
        var depth = 0
        while (1 << depth) < chunks { depth += 1 }
        let total = withUnsafeTemporaryAllocation(of: Moments.self, capacity: Swift.max(depth, 1)) { stack -> Moments in
            stack.initialize(repeating: Moments())
            // The kernel's order: chunk by chunk into level 0, then each completed pair of
            // a level carried up.
            func add(_ chunk: Moments, index chunkIndex: Int) {
                merge(chunk, into: &stack[0])
                var mask = chunkIndex + 1
                var level = 1
                while level < depth && mask & 1 == 0 {
                    merge(stack[level - 1], into: &stack[level])
                    stack[level - 1] = Moments()
                    mask >>= 1
                    level += 1
                }
            }
            var chunkIndex = 0
            while (chunkIndex + 4) * chunkSteps <= steps {
                let quad = chunkQuadMoments(base + chunkIndex * chunkSteps * laneCount)
                add(quad.0, index: chunkIndex)
                add(quad.1, index: chunkIndex + 1)
                add(quad.2, index: chunkIndex + 2)
                add(quad.3, index: chunkIndex + 3)
                chunkIndex += 4
            }
            while chunkIndex < chunks {
                let chunkStart = chunkIndex * chunkSteps
                add(chunkMoments(base + chunkStart * laneCount, steps: Swift.min(chunkSteps, steps - chunkStart)), index: chunkIndex)
                chunkIndex += 1
            }
            for level in stride(from: 1, to: depth, by: 1) { merge(stack[level], into: &stack[0]) }
            return stack[0]
        }
        var count = 0
        var mean: Float = 0, squares: Float = 0
        for index in (steps * laneCount)..<row.count {
            let x = base[index]
            let delta = x - mean
            count += 1
            mean = mean + delta / Float(count)
            squares = squares + delta * (x - mean)
        }
        if steps > 0 {
            for lane in 0..<laneCount {
                let added = total.count
                let merged = count + added
                let share = Float(added) / Float(merged)
                let delta = total.mean[lane] - mean
                let previous = Float(count)
                mean = mean.addingProduct(share, delta)
                squares = squares + total.squares[lane].addingProduct(delta * delta * share, previous)
                count = merged
            }
        }
        return (mean, squares / Float(row.count))
    }

    /// Calls `body` with each row of `blockSize` values, its start, mean and
    /// 1/√(variance + eps): the walk the forward and both backward kernels share.
    @inline(__always)
    static func forEachRow(of values: UnsafePointer<Float>, count: Int, blockSize: Int, eps: Float,
                           _ body: (_ start: Int, _ row: UnsafePointer<Float>, _ mean: Float, _ rstd: Float) -> Void) {
        guard blockSize > 0 else { return }
        for start in stride(from: 0, to: count, by: blockSize) {
            let row = values + start
            let (mean, rstd) = meanAndInverseDeviation(UnsafeBufferPointer(start: row, count: blockSize), eps: eps)
            body(start, row, mean, rstd)
        }
    }

    /// The row's mean and 1/√(variance + eps), as the forward kernel saves them.
    static func meanAndInverseDeviation(_ row: UnsafeBufferPointer<Float>, eps: Float) -> (mean: Float, rstd: Float) {
        let (mean, variance) = meanAndVariance(row)
        return (mean, 1 / (Swift.max(variance, 0) + eps).squareRoot())
    }
}

extension Tensor {
    /// float32 layer_norm over trailing blocks of `blockSize`, with PyTorch's roundings.
    /// Without weight the scale is 1 and without bias the shift is 0, still fused in.
    func floatLayerNorm(blockSize: Int, weight: Tensor?, bias: Tensor?, eps: Double) throws -> Tensor {
        let source = try contiguous()
        let scales = try weight?.to(.float32).elements(as: Float.self) ?? [Float](repeating: 1, count: blockSize)
        let shifts = try bias?.to(.float32).elements(as: Float.self) ?? [Float](repeating: 0, count: blockSize)
        // Every row is written in full.
        let result = try Tensor.uninitialized(shape: shape, dtype: .float32)
        let input = UnsafePointer(source.pointer(Float.self) + source.storageOffset)
        let output = result.pointer(Float.self)
        scales.withUnsafeBufferPointer { scales in
            shifts.withUnsafeBufferPointer { shifts in
                guard let scale = scales.baseAddress, let shift = shifts.baseAddress else { return }
                LayerNormMoments.forEachRow(of: input, count: count, blockSize: blockSize, eps: Float(eps)) { start, x, mean, rstd in
                    let y = output + start
                    let (meanVector, rstdVector) = (SIMD8<Float>(repeating: mean), SIMD8<Float>(repeating: rstd))
                    var offset = 0
                    while offset + 8 <= blockSize {
                        let normalized = (loadVector(x + offset) - meanVector) * rstdVector
                        storeVector(loadVector(shift + offset).addingProduct(normalized, loadVector(scale + offset)), y + offset)
                        offset += 8
                    }
                    while offset < blockSize {
                        y[offset] = shift[offset].addingProduct((x[offset] - mean) * rstd, scale[offset])
                        offset += 1
                    }
                }
            }
        }
        return result
    }
}
