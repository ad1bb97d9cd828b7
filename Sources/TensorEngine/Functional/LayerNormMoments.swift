/// float32 layer_norm rounded as PyTorch's CPU kernel rounds it (`RowwiseMoments` in
/// moments_utils.h): Welford's update in eight float lanes, one lane per eighth element,
/// in chunks of 16 steps merged pairwise; the lanes then merge one by one into a scalar
/// Welford over the leftover tail. The fused multiply-adds sit where the compiled
/// kernel has them. Output is fma((x - mean) · rstd, weight, bias).
enum LayerNormMoments {
    static let laneCount = 8
    static let chunkSteps = 16

    /// Count, mean and sum of squared deviations of one lane group (or the scalar tail).
    struct Moments {
        var count = 0
        var mean = [Float](repeating: 0, count: LayerNormMoments.laneCount)
        var squares = [Float](repeating: 0, count: LayerNormMoments.laneCount)
    }

    /// `AddMomentsVec`: folds `added` into `total`, Chan's merge per lane.
    static func merge(_ added: Moments, into total: inout Moments) {
        let count = total.count + added.count
        let share: Float = count == 0 ? 0 : Float(added.count) / Float(count)
        let previous = Float(total.count)
        for lane in 0..<laneCount {
            let delta = added.mean[lane] - total.mean[lane]
            // Unlike the scalar merge below, the compiled vector merge adds the two sums of
            // squares first and fuses (δ·share)·(δ·count) into them; the mean is not fused.
            // Matched bit for bit against PyTorch on rows of 129 to 4096 elements.
            total.mean[lane] = total.mean[lane] + share * delta
            total.squares[lane] = (total.squares[lane] + added.squares[lane]).addingProduct(delta * share, delta * previous)
        }
        total.count = count
    }

    /// Mean and biased variance of `row`.
    static func meanAndVariance(_ row: UnsafeBufferPointer<Float>) -> (mean: Float, variance: Float) {
        let steps = row.count / laneCount
        let chunks = (steps + chunkSteps - 1) / chunkSteps
        // The kernel's stack of partial results, one level per power of two of chunks.
        var depth = 0
        while (1 << depth) < chunks { depth += 1 }
        var stack = [Moments](repeating: Moments(), count: Swift.max(depth, 1))
        for chunkIndex in 0..<chunks {
            let chunkStart = chunkIndex * chunkSteps
            var chunk = Moments()
            chunk.count = Swift.min(chunkSteps, steps - chunkStart)
            for step in 0..<chunk.count {
                let weight = 1 / Float(step + 1)
                for lane in 0..<laneCount {
                    let x = row[(chunkStart + step) * laneCount + lane]
                    let delta = x - chunk.mean[lane]
                    chunk.mean[lane] = chunk.mean[lane].addingProduct(delta, weight)
                    chunk.squares[lane] = chunk.squares[lane].addingProduct(delta, x - chunk.mean[lane])
                }
            }
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
        for level in stride(from: 1, to: depth, by: 1) { merge(stack[level], into: &stack[0]) }
        let total = stack[0]
        var count = 0
        var mean: Float = 0, squares: Float = 0
        for index in (steps * laneCount)..<row.count {
            let x = row[index]
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
    static func forEachRow(of values: [Float], blockSize: Int, eps: Float,
                           _ body: (_ start: Int, _ row: UnsafeBufferPointer<Float>, _ mean: Float, _ rstd: Float) -> Void) {
        guard blockSize > 0 else { return }
        values.withUnsafeBufferPointer { buffer in
            for start in stride(from: 0, to: values.count, by: blockSize) {
                let row = UnsafeBufferPointer(rebasing: buffer[start..<(start + blockSize)])
                let (mean, rstd) = meanAndInverseDeviation(row, eps: eps)
                body(start, row, mean, rstd)
            }
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
    func floatLayerNorm(blockSize: Int, weight: Tensor?, bias: Tensor?, eps: Double) throws -> Tensor {
        let values = doubles().map { Float($0) }
        let scales = try weight?.to(.float32).doubles().map { Float($0) }
        let shifts = try bias?.to(.float32).doubles().map { Float($0) }
        var result = [Float](repeating: 0, count: values.count)
        LayerNormMoments.forEachRow(of: values, blockSize: blockSize, eps: Float(eps)) { start, row, mean, inverseDeviation in
            for offset in 0..<blockSize {
                let normalized = (row[offset] - mean) * inverseDeviation
                result[start + offset] = (shifts?[offset] ?? 0).addingProduct(normalized, scales?[offset] ?? 1)
            }
        }
        return try Tensor(values: result, shape: shape)
    }
}
