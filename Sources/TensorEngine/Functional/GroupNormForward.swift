import Glibc

extension Tensor {
    /// float32 `F.group_norm`: each (sample, group) is a contiguous run of its channels'
    /// positions, whose moments are the layer_norm kernel's Welford (`LayerNormMoments`).
    /// The affine map keeps the double arithmetic of the other dtypes' path, rounded to
    /// float where that path rounds: α = invstd·γ and β = bias − mean·α per channel, then
    /// y = x·α + β; without weight and bias, y = (x − mean)·invstd, rounding each step.
    /// The caller has checked the shape, the groups and the parameters' sizes.
    func float32GroupNorm(groups: Int, weight: Tensor?, bias: Tensor?, eps: Double) throws
        -> (output: Tensor, statistics: NormalizationStatistics) {
        let (batch, channels, spatial) = (shape[0], shape[1], shape.dropFirst(2).reduce(1, *))
        let groupSize = channels / groups
        let groupLength = groupSize * spatial
        let source = try contiguous()
        let input = UnsafePointer(source.pointer(Float.self) + source.storageOffset)
        // Every channel's positions are written.
        let result = try Tensor.uninitialized(shape: shape, dtype: .float32)
        let output = result.pointer(Float.self)
        let scales = weight?.doubles(), shifts = bias?.doubles()
        var means = [Float](repeating: 0, count: batch * groups)
        var inverseDeviations = means
        for slot in 0..<(batch * groups) {
            let (mean, variance) = LayerNormMoments.meanAndVariance(UnsafeBufferPointer(start: input + slot * groupLength, count: groupLength))
            let inverseDeviation = Float(1 / Glibc.sqrt(Swift.max(Double(variance), 0) + eps))
            (means[slot], inverseDeviations[slot]) = (mean, inverseDeviation)
            let (meanValue, inverseValue) = (Double(mean), Double(inverseDeviation))
            for offset in 0..<groupSize {
                let channel = slot % groups * groupSize + offset
                let start = (slot * groupSize + offset) * spatial
                let (x, y) = (input + start, output + start)
                guard scales != nil || shifts != nil else {
                    // In float: a difference or product of floats rounded to double and then to
                    // float is the float operation's result (double has more than 2·24 + 2 bits).
                    unscaledRow(x, y, count: spatial, mean: mean, inverseDeviation: inverseDeviation)
                    continue
                }
                let alpha = Double(Float(inverseValue * (scales?[channel] ?? 1)))
                let beta = Double(Float((shifts?[channel] ?? 0) - meanValue * alpha))
                for index in 0..<spatial { y[index] = Float(Double(x[index]) * alpha + beta) }
            }
        }
        let statistics = NormalizationStatistics(mean: try Tensor(values: means, shape: [batch, groups]),
                                                 inverseDeviation: try Tensor(values: inverseDeviations, shape: [batch, groups]))
        return (result, statistics)
    }

    /// y = (x − mean)·invstd over `count` floats, each step rounded to float.
    @inline(__always)
    private func unscaledRow(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, mean: Float, inverseDeviation: Float) {
        let (meanVector, inverseVector) = (SIMD8<Float>(repeating: mean), SIMD8<Float>(repeating: inverseDeviation))
        var index = 0
        while index + 8 <= count {
            storeVector((loadVector(x + index) - meanVector) * inverseVector, y + index)
            index += 8
        }
        while index < count {
            y[index] = (x[index] - mean) * inverseDeviation
            index += 1
        }
    }
}
