import TensorEngine

extension Autodiff {
    /// `torch.instance_norm`, as ATen computes it: batch norm of the input viewed as
    /// `[1, N·C, *]`, with weight, bias and running statistics repeated N times, so the
    /// graph (ViewBackward0 ← NativeBatchNormBackward0 ← RepeatBackward0) and the float32
    /// rounding are PyTorch's. The running statistics get the mean over the batch of the
    /// repeated copies' updates.
    public static func instanceNorm(
        _ input: Tensor, weight: Tensor?, bias: Tensor?, runningMean: Tensor?, runningVariance: Tensor?,
        useInputStatistics: Bool, momentum: Double, eps: Double
    ) throws -> Tensor {
        guard useInputStatistics || (runningMean != nil && runningVariance != nil) else {
            throw TensorError.runtime("Expected running_mean and running_var to be defined when use_input_stats is false")
        }
        if input.rank == 0 { throw TensorError(.indexError, "Dimension specified as 0 but tensor has no dimensions") }
        _ = try normalizeDim(1, rank: input.rank)
        let (batch, channels) = (input.shape[0], input.shape[1])
        var flatShape = input.shape
        (flatShape[0], flatShape[1]) = (1, batch * channels)
        let repeatedMean = try runningMean?.repeated([batch])
        let repeatedVariance = try runningVariance?.repeated([batch])
        var running: RunningStatistics?
        if let repeatedMean, let repeatedVariance {
            running = RunningStatistics(mean: repeatedMean, variance: repeatedVariance, momentum: momentum)
        }
        let output = try batchNorm(try view(try contiguous(input), flatShape), weight: try weight.map { try repeated($0, [batch]) },
                                   bias: try bias.map { try repeated($0, [batch]) }, running: running,
                                   useBatchStatistics: useInputStatistics, eps: eps)
        for (buffer, copies) in [(runningMean, repeatedMean), (runningVariance, repeatedVariance)] {
            if let buffer, let copies { try buffer.copy(from: try copies.reshape([batch, channels]).mean(dims: [0], keepDim: false)) }
        }
        return try view(output, input.shape)
    }
}
