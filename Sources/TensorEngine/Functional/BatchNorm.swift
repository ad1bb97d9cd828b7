import Glibc

/// `F.batch_norm` and `F.group_norm`. Both normalize an `[N, C, *]` input with a mean and
/// an inverse deviation that each (sample, channel) pair reads (batch norm: one per
/// channel, over the batch; group norm: one per sample and group), then apply the
/// per-channel affine map. float32 batch norm rounds as PyTorch's kernel does
/// (BatchNormKernels.swift) and float32 group norm takes Welford moments
/// (GroupNormForward.swift); other dtypes take their statistics in double.

/// The statistics a normalization used, kept for its backward pass: batch norm's are
/// `[C]`, group norm's `[N, groups]`.
public struct NormalizationStatistics {
    public let mean: Tensor
    public let inverseDeviation: Tensor
}

/// The buffers and settings of batch norm's running estimates.
public struct RunningStatistics {
    public let mean: Tensor
    public let variance: Tensor
    public let momentum: Double

    public init(mean: Tensor, variance: Tensor, momentum: Double) {
        self.mean = mean
        self.variance = variance
        self.momentum = momentum
    }
}

/// An `[N, C, *]` input as `batch × channels × spatial` doubles.
private struct ChannelBlocks {
    let values: [Double]
    let batch: Int
    let channels: Int
    let spatial: Int

    init(_ tensor: Tensor) {
        values = tensor.doubles()
        batch = tensor.shape[0]
        channels = tensor.shape[1]
        spatial = tensor.shape.dropFirst(2).reduce(1, *)
    }

    /// Mean and biased variance of the elements whose (sample, channel) pair is in `pairs`.
    /// Sums run in double; the mean is rounded to the tensor's precision (`round`) before
    /// the deviations are taken from it, as PyTorch stores it before its second pass.
    func moments(_ pairs: [(sample: Int, channel: Int)], round: (Double) -> Double) -> (mean: Double, variance: Double) {
        let count = Double(pairs.count * spatial)
        var sum = 0.0
        for (sample, channel) in pairs {
            let start = (sample * channels + channel) * spatial
            for index in start..<(start + spatial) { sum += values[index] }
        }
        let mean = round(sum / count)
        var squares = 0.0
        for (sample, channel) in pairs {
            let start = (sample * channels + channel) * spatial
            for index in start..<(start + spatial) {
                let deviation = values[index] - mean
                squares += deviation * deviation
            }
        }
        return (mean, squares / count)
    }
}

extension Tensor {
    /// ATen's `check_mixed_data_type`: parameters of another dtype than the input (the first
    /// one given decides) are allowed only as float32 ones for a half or bfloat16 input.
    private func checkMixedParameterTypes(_ parameters: [Tensor]) throws {
        guard let parameterType = parameters.first?.dtype, parameterType != dtype else { return }
        guard parameters.allSatisfy({ $0.dtype == .float32 }) else {
            throw TensorError.runtime("mixed dtype (CPU): expect parameter to have scalar type of Float")
        }
        guard dtype == .float16 || dtype == .bfloat16 else { throw TensorError.runtime("mixed dtype (CPU): all inputs must share same datatype.") }
    }

    /// `F.batch_norm`: training normalizes with the batch's statistics (biased variance)
    /// and moves `running` towards them (unbiased variance); evaluation uses `running`.
    public func batchNorm(weight: Tensor?, bias: Tensor?, running: RunningStatistics?, training: Bool, eps: Double) throws -> (output: Tensor, statistics: NormalizationStatistics) {
        guard rank >= 2 else {
            throw TensorError.value("Expected 2D or more input to batch_norm (got \(rank)D input)")
        }
        try checkChannelParameters(weight: weight, bias: bias, running: running, channels: shape[1])
        try checkMixedParameterTypes([weight, bias, running?.mean, running?.variance].compactMap { $0 })
        if dtype == .float32, count > 0, [weight, bias, running?.mean, running?.variance].allSatisfy({ ($0?.dtype ?? .float32) == .float32 }) {
            return try float32BatchNorm(weight: weight, bias: bias, running: running, training: training, eps: eps)
        }
        // Read only here: the float32 kernels work on the tensor's own storage.
        let blocks = ChannelBlocks(self)
        let round = precisionRounding
        let useDoublePrecisionDeviation = training || running == nil
        var means = [Double](repeating: 0, count: blocks.channels)
        var variances = means
        if training || running == nil {
            for channel in 0..<blocks.channels {
                (means[channel], variances[channel]) = blocks.moments((0..<blocks.batch).map { ($0, channel) }, round: round)
            }
            if let running, training { try updateRunningStatistics(running, means: means, variances: variances, count: blocks.batch * blocks.spatial) }
        } else if let running {
            means = running.mean.doubles()
            variances = running.variance.doubles()
        }
        // Batch statistics get their inverse deviation in double; running ones in the
        // tensor's precision, each step rounded, as PyTorch's CPU kernel computes them.
        let inverseDeviations = variances.map { variance in
            useDoublePrecisionDeviation ? round(1 / Glibc.sqrt(variance + eps)) : round(1 / round(Glibc.sqrt(round(variance + eps))))
        }
        let output = try normalizedAffine(blocks, weight: weight, bias: bias) { _, channel in
            (means[channel], inverseDeviations[channel])
        }
        let statistics = NormalizationStatistics(
            mean: try ResultBuilder.tensor(doubles: means, shape: [blocks.channels], dtype: dtype),
            inverseDeviation: try ResultBuilder.tensor(doubles: inverseDeviations, shape: [blocks.channels], dtype: dtype))
        return (output, statistics)
    }

    /// `F.group_norm`: each sample's channels split into `groups` consecutive groups,
    /// each normalized over its channels and positions.
    public func groupNorm(groups: Int, weight: Tensor?, bias: Tensor?, eps: Double) throws -> (output: Tensor, statistics: NormalizationStatistics) {
        guard rank >= 2 else {
            throw TensorError.runtime("Expected at least 2 dimensions for input tensor but received \(rank)")
        }
        guard groups > 0, shape[1] % groups == 0 else {
            throw TensorError.runtime(
                "Expected number of channels in input to be divisible by num_groups, but got input of shape \(formatShape(shape)) and num_groups=\(groups)")
        }
        try checkChannelParameters(weight: weight, bias: bias, running: nil, channels: shape[1])
        if dtype == .float32 { return try float32GroupNorm(groups: groups, weight: weight, bias: bias, eps: eps) }
        let blocks = ChannelBlocks(self)
        let groupSize = blocks.channels / groups
        var means = [Double](repeating: 0, count: blocks.batch * groups)
        var inverseDeviations = means
        for sample in 0..<blocks.batch {
            for group in 0..<groups {
                let moments = blocks.moments((0..<groupSize).map { (sample, group * groupSize + $0) }, round: precisionRounding)
                means[sample * groups + group] = moments.mean
                inverseDeviations[sample * groups + group] = precisionRounding(1 / Glibc.sqrt(Swift.max(moments.variance, 0) + eps))
            }
        }
        let output = try normalizedAffine(blocks, weight: weight, bias: bias, unscaledForm: true) { sample, channel in
            let slot = sample * groups + channel / groupSize
            return (means[slot], inverseDeviations[slot])
        }
        let statistics = NormalizationStatistics(
            mean: try ResultBuilder.tensor(doubles: means, shape: [blocks.batch, groups], dtype: dtype),
            inverseDeviation: try ResultBuilder.tensor(doubles: inverseDeviations, shape: [blocks.batch, groups], dtype: dtype))
        return (output, statistics)
    }

    /// Rounds a double to this dtype's arithmetic precision (float for every float dtype
    /// but float64, as PyTorch's CPU kernels compute in float).
    private var precisionRounding: (Double) -> Double { dtype.accumulationRounding }

    /// y = (x − mean)·invstd·γ + β, computed as x·α + (β − mean·α) per (sample, channel).
    /// PyTorch computes α and β in float for float inputs, and y with one fused rounding.
    /// `unscaledForm`: without weight and bias, group norm computes (x − mean)·invstd,
    /// rounding twice, instead of the fused form.
    private func normalizedAffine(
        _ blocks: ChannelBlocks, weight: Tensor?, bias: Tensor?, unscaledForm: Bool = false,
        statistics: (_ sample: Int, _ channel: Int) -> (mean: Double, inverseDeviation: Double)
    ) throws -> Tensor {
        let scales = weight?.doubles(), shifts = bias?.doubles()
        let round = precisionRounding
        var result = [Double](repeating: 0, count: blocks.values.count)
        blocks.values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { output in
                for sample in 0..<blocks.batch {
                    for channel in 0..<blocks.channels {
                        let (mean, inverseDeviation) = statistics(sample, channel)
                        let alpha = round(inverseDeviation * (scales?[channel] ?? 1))
                        let beta = round((shifts?[channel] ?? 0) - mean * alpha)
                        let start = (sample * blocks.channels + channel) * blocks.spatial
                        if unscaledForm, scales == nil, shifts == nil {
                            for index in start..<(start + blocks.spatial) {
                                output[index] = round(round(source[index] - mean) * inverseDeviation)
                            }
                            continue
                        }
                        for index in start..<(start + blocks.spatial) { output[index] = source[index] * alpha + beta }
                    }
                }
            }
        }
        return try ResultBuilder.tensor(doubles: result, shape: shape, dtype: dtype)
    }

    private func checkChannelParameters(weight: Tensor?, bias: Tensor?, running: RunningStatistics?, channels: Int) throws {
        guard dtype.isFloatingPoint else {
            throw TensorError.kernelNotImplemented("batch_norm", dtype)
        }
        for (name, tensor) in [("running_mean", running?.mean), ("running_var", running?.variance), ("weight", weight), ("bias", bias)] {
            if let tensor, tensor.count != channels {
                throw TensorError.runtime("\(name) should contain \(channels) elements not \(tensor.count)")
            }
        }
    }

    /// running ← (1 − momentum)·running + momentum·batch, with the unbiased variance.
    private func updateRunningStatistics(_ running: RunningStatistics, means: [Double], variances: [Double], count: Int) throws {
        let momentum = running.momentum
        let correction = count > 1 ? Double(count) / Double(count - 1) : Double.infinity
        let oldMeans = running.mean.doubles(), oldVariances = running.variance.doubles()
        let newMeans = zip(oldMeans, means).map { momentum * $1 + (1 - momentum) * $0 }
        let newVariances = zip(oldVariances, variances).map { momentum * $1 * correction + (1 - momentum) * $0 }
        try running.mean.copy(from: try ResultBuilder.tensor(doubles: newMeans, shape: running.mean.shape, dtype: running.mean.dtype))
        try running.variance.copy(from: try ResultBuilder.tensor(doubles: newVariances, shape: running.variance.shape, dtype: running.variance.dtype))
    }
}
