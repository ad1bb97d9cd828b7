import Glibc

/// float32 batch norm rounded as PyTorch's CPU kernels (batch_norm_kernel.cpp, and the
/// statistics update in Normalization.cpp) round it. A normalised value is a small
/// difference of large ones, so its printed digits depend on where every rounding falls.
/// PyTorch takes one of two paths by layout:
/// - more than one position per channel (`[N, C, L]`, `[N, C, H, W]`): the channel sums run
///   in double, each square rounded to float first; the backward adds each row's
///   `reduce_all`/`map2_reduce_all` (see `LaneOrderedSum`) into double sums;
/// - one position per channel (`[N, C]`, which PyTorch treats as channels-last): the sums
///   run in float down the rows, with the squares and dot products fused into them.
/// Elsewhere the arithmetic is float, with the multiply-adds fused where the compiled
/// kernel fuses them: y = x·α + β, β = bias − mean·α. Each rule was matched bit for bit
/// against PyTorch on both layouts, in training and in evaluation.
struct BatchNormLayout {
    let batch: Int
    let channels: Int
    let spatial: Int

    /// Elements per channel: the n that means and variances divide by.
    var perChannel: Int { batch * spatial }

    func rowStart(sample: Int, channel: Int) -> Int { (sample * channels + channel) * spatial }
}

enum BatchNormKernels {
    /// Per channel: the batch mean, and Σ(x − mean)² (PyTorch's `var_sum`).
    static func moments(_ x: UnsafeBufferPointer<Float>, _ layout: BatchNormLayout) -> (mean: [Float], squares: [Float]) {
        var means = [Float](repeating: 0, count: layout.channels)
        var squares = means
        let count = Double(layout.perChannel)
        for channel in 0..<layout.channels {
            let rows = (0..<layout.batch).map { layout.rowStart(sample: $0, channel: channel) }
            if layout.spatial == 1 {
                let sum = rows.reduce(Float(0)) { $0 + x[$1] }
                let mean = Float(Double(sum) / count)
                means[channel] = mean
                squares[channel] = rows.reduce(Float(0)) { total, index in
                    let deviation = x[index] - mean
                    return total.addingProduct(deviation, deviation)
                }
            } else {
                var sum = 0.0
                for start in rows { for index in start..<(start + layout.spatial) { sum += Double(x[index]) } }
                let mean = Float(sum / count)
                means[channel] = mean
                var total = 0.0
                for start in rows {
                    for index in start..<(start + layout.spatial) {
                        let deviation = x[index] - mean
                        total += Double(deviation * deviation)
                    }
                }
                squares[channel] = Float(total)
            }
        }
        return (means, squares)
    }

    /// `InvStd`: 1 / √(variance + eps) in double, 0 when both are 0.
    static func inverseDeviation(variance: Float, eps: Double) -> Float {
        variance == 0 && eps == 0 ? 0 : Float(1 / Glibc.sqrt(Double(variance) + eps))
    }

    /// y = x·α + β per channel (one fused rounding), with α = invstd·γ and β = bias − mean·α,
    /// eight positions at a time: along each (sample, channel) row, or, with one position
    /// per channel (`[N, C]`), along each sample's channels.
    static func normalize(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, _ layout: BatchNormLayout,
                          mean: [Float], inverseDeviation: [Float], weight: [Float]?, bias: [Float]?) {
        let alphas = (0..<layout.channels).map { inverseDeviation[$0] * (weight?[$0] ?? 1) }
        let betas = (0..<layout.channels).map { (bias?[$0] ?? 0).addingProduct(-mean[$0], alphas[$0]) }
        alphas.withUnsafeBufferPointer { alphas in
            betas.withUnsafeBufferPointer { betas in
                guard let alpha = alphas.baseAddress, let beta = betas.baseAddress else { return }
                if layout.spatial == 1 {
                    for sample in 0..<layout.batch {
                        let (row, out) = (x + sample * layout.channels, y + sample * layout.channels)
                        var channel = 0
                        while channel + 8 <= layout.channels {
                            storeVector(loadVector(beta + channel).addingProduct(loadVector(row + channel), loadVector(alpha + channel)),
                                        out + channel)
                            channel += 8
                        }
                        while channel < layout.channels {
                            out[channel] = beta[channel].addingProduct(row[channel], alpha[channel])
                            channel += 1
                        }
                    }
                    return
                }
                for sample in 0..<layout.batch {
                    for channel in 0..<layout.channels {
                        let start = layout.rowStart(sample: sample, channel: channel)
                        let (row, out) = (x + start, y + start)
                        let (alphaVector, betaVector) = (SIMD8<Float>(repeating: alpha[channel]), SIMD8<Float>(repeating: beta[channel]))
                        var offset = 0
                        while offset + 8 <= layout.spatial {
                            storeVector(betaVector.addingProduct(loadVector(row + offset), alphaVector), out + offset)
                            offset += 8
                        }
                        while offset < layout.spatial {
                            out[offset] = beta[channel].addingProduct(row[offset], alpha[channel])
                            offset += 1
                        }
                    }
                }
            }
        }
    }

    /// Running estimates moved towards the batch's: the mean in float, the unbiased
    /// variance (Σ squares / (n − 1), in float) blended in double.
    static func updatedRunning(mean running: [Float], variance runningVariance: [Float], batchMean: [Float],
                               squares: [Float], count: Int, momentum: Double) -> (mean: [Float], variance: [Float]) {
        let momentum = Float(momentum), keep = 1 - Float(momentum)
        let means = zip(running, batchMean).map { old, new in momentum * new + keep * old }
        let variances = zip(runningVariance, squares).map { old, squares in
            Float(Double(momentum) * Double(squares / Float(count - 1)) + Double(keep * old))
        }
        return (means, variances)
    }
}

extension Tensor {
    /// float32 `F.batch_norm` with PyTorch's roundings (`BatchNormKernels`). The statistics
    /// kept for the backward pass are PyTorch's too: in evaluation its backward kernel takes
    /// invstd from the running variance in double, while the forward takes it in float.
    func float32BatchNorm(weight: Tensor?, bias: Tensor?, running: RunningStatistics?, training: Bool, eps: Double)
        throws -> (output: Tensor, statistics: NormalizationStatistics) {
        let layout = BatchNormLayout(batch: shape[0], channels: shape[1], spatial: shape.dropFirst(2).reduce(1, *))
        let source = try contiguous()
        let x = UnsafeBufferPointer(start: UnsafePointer(source.pointer(Float.self) + source.storageOffset), count: count)
        var mean: [Float], forwardInverse: [Float], savedInverse: [Float]
        if training || running == nil {
            let moments = BatchNormKernels.moments(x, layout)
            mean = moments.mean
            forwardInverse = moments.squares.map {
                BatchNormKernels.inverseDeviation(variance: $0 / Float(layout.perChannel), eps: eps)
            }
            savedInverse = forwardInverse
            if let running, training {
                let updated = BatchNormKernels.updatedRunning(
                    mean: running.mean.elements(as: Float.self), variance: running.variance.elements(as: Float.self),
                    batchMean: mean, squares: moments.squares, count: layout.perChannel, momentum: running.momentum)
                try running.mean.copy(from: try Tensor(values: updated.mean, shape: running.mean.shape))
                try running.variance.copy(from: try Tensor(values: updated.variance, shape: running.variance.shape))
            }
        } else {
            let variance = running?.variance.elements(as: Float.self) ?? []
            mean = running?.mean.elements(as: Float.self) ?? []
            forwardInverse = variance.map { 1 / ($0 + Float(eps)).squareRoot() }
            savedInverse = variance.map { Float(1 / (Double($0) + eps).squareRoot()) }
        }
        // Every element is written.
        let y = try Tensor.uninitialized(shape: shape, dtype: .float32)
        if let input = x.baseAddress {
            BatchNormKernels.normalize(input, into: y.pointer(Float.self), layout, mean: mean, inverseDeviation: forwardInverse,
                                       weight: weight?.elements(as: Float.self), bias: bias?.elements(as: Float.self))
        }
        let statistics = NormalizationStatistics(mean: try Tensor(values: mean, shape: [layout.channels]),
                                                 inverseDeviation: try Tensor(values: savedInverse, shape: [layout.channels]))
        return (y, statistics)
    }
}
