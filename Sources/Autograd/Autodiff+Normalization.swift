import TensorEngine

/// Batch norm and group norm (NativeBatchNormBackward0, NativeGroupNormBackward0). The
/// backward formulas are arranged as PyTorch's CPU kernels arrange them, so the float
/// rounding falls in the same places.
extension Autodiff {
    /// `F.batch_norm`. With `useBatchStatistics` (training, or no running estimates) the
    /// gradient flows through the batch mean and variance too; otherwise they are constants.
    public static func batchNorm(
        _ input: Tensor, weight: Tensor?, bias: Tensor?, running: RunningStatistics?, useBatchStatistics: Bool, eps: Double
    ) throws -> Tensor {
        let (output, statistics) = try input.batchNorm(weight: weight, bias: bias, running: running, training: useBatchStatistics, eps: eps)
        return Recorder.record("NativeBatchNormBackward0", inputs: [input, weight, bias], output: output) { node in
            let savedInput = node.save(input)
            let savedWeight = weight.map { node.save($0) }
            return { gradient, node in
                try batchNormGradients(gradient, try savedInput.unpack(), weight: try savedWeight?.unpack(), statistics: statistics,
                                       useBatchStatistics: useBatchStatistics, node: node)
            }
        }
    }

    /// `F.group_norm`.
    public static func groupNorm(_ input: Tensor, groups: Int, weight: Tensor?, bias: Tensor?, eps: Double) throws -> Tensor {
        let (output, statistics) = try input.groupNorm(groups: groups, weight: weight, bias: bias, eps: eps)
        return Recorder.record("NativeGroupNormBackward0", inputs: [input, weight, bias], output: output) { node in
            let savedInput = node.save(input)
            let savedWeight = weight.map { node.save($0) }
            return { gradient, node in
                try groupNormGradients(gradient, try savedInput.unpack(), weight: try savedWeight?.unpack(), groups: groups,
                                       statistics: statistics, node: node)
            }
        }
    }
}

/// `batch_norm_backward_cpu`: per channel, Σdy and dotp = Σ(x − mean)·dy; in training
/// dx = (dy − Σdy/n − (x − mean)·dotp·invstd²/n)·invstd·γ, else dx = dy·invstd·γ.
private func batchNormGradients(
    _ gradient: Tensor, _ x: Tensor, weight: Tensor?, statistics: NormalizationStatistics, useBatchStatistics: Bool, node: Node
) throws -> [Tensor?] {
    if x.dtype == .float32, gradient.dtype == .float32, x.count > 0, (weight?.dtype ?? .float32) == .float32 {
        let result = try x.float32BatchNormGradients(gradient, mean: statistics.mean, inverseDeviation: statistics.inverseDeviation,
                                                     weight: weight, training: useBatchStatistics)
        return [node.needsGradient(0) ? result.input : nil, node.needsGradient(1) ? result.weight : nil,
                node.needsGradient(2) ? result.bias : nil]
    }
    let channelShape = [1, x.shape[1]] + Array(repeating: 1, count: x.rank - 2)
    let reduced = [0] + Array(2..<x.rank)
    let count = Double(x.count / Swift.max(x.shape[1], 1))
    let mean = try statistics.mean.reshape(channelShape)
    let inverseDeviation = try statistics.inverseDeviation.reshape(channelShape)
    let centered = try sub(x, mean)
    let gradientSum = try gradient.sum(dims: reduced, keepDim: true)
    let dotProduct = try mul(centered, gradient).sum(dims: reduced, keepDim: true)
    let scale = try weight.map { try mul(inverseDeviation, try $0.reshape(channelShape)) } ?? inverseDeviation
    var gradInput: Tensor?
    if node.needsGradient(0) {
        if useBatchStatistics {
            let projection = try mul(try mul(try mul(dotProduct, inverseDeviation), inverseDeviation), 1 / count)
            let centeredGradient = try sub(try sub(gradient, try mul(gradientSum, 1 / count)), try mul(centered, projection))
            gradInput = try mul(centeredGradient, scale)
        } else {
            gradInput = try mul(gradient, scale)
        }
    }
    return [gradInput,
            node.needsGradient(1) ? try mul(dotProduct, inverseDeviation).reshape([x.shape[1]]) : nil,
            node.needsGradient(2) ? try gradientSum.reshape([x.shape[1]]) : nil]
}

/// `GroupNormBackwardKernelImpl`: with ds = Σ dy·x and db = Σ dy per (sample, channel),
/// and their γ-weighted sums over each group, dx = rstd·γ·dy + c2·x + c3 where
/// c2 = (db_g·mean − ds_g)·rstd³/m and c3 = −c2·mean − db_g·rstd/m, m the group's size.
private func groupNormGradients(
    _ gradient: Tensor, _ x: Tensor, weight: Tensor?, groups: Int, statistics: NormalizationStatistics, node: Node
) throws -> [Tensor?] {
    if x.dtype == .float32, gradient.dtype == .float32, x.count > 0 {
        let result = try x.float32GroupNormGradients(gradient, mean: statistics.mean, inverseDeviation: statistics.inverseDeviation,
                                                     weight: weight, groups: groups)
        return [node.needsGradient(0) ? result.input : nil, node.needsGradient(1) ? result.weight : nil,
                node.needsGradient(2) ? result.bias : nil]
    }
    let (batch, channels) = (x.shape[0], x.shape[1])
    let perChannel = [batch, groups, channels / groups]
    let flat: (Tensor) throws -> Tensor = { try $0.contiguous().reshape([batch, channels, -1]) }
    let ds = try mul(try flat(gradient), try flat(x)).sum(dims: [2], keepDim: false).reshape(perChannel)
    let db = try flat(gradient).sum(dims: [2], keepDim: false).reshape(perChannel)
    let mean = try statistics.mean.unsqueeze(2), rstd = try statistics.inverseDeviation.unsqueeze(2)
    let gamma = try weight.map { try $0.reshape([1, groups, channels / groups]) }
    var gradInput: Tensor?
    if node.needsGradient(0) {
        let groupSize = Double(x.count / Swift.max(batch * groups, 1))
        let dsGroup = try (gamma.map { try mul(ds, $0) } ?? ds).sum(dims: [2], keepDim: true)
        let dbGroup = try (gamma.map { try mul(db, $0) } ?? db).sum(dims: [2], keepDim: true)
        let rstdCubed = try mul(try mul(rstd, rstd), rstd)
        let c2 = try mul(try mul(try sub(try mul(dbGroup, mean), dsGroup), rstdCubed), 1 / groupSize)
        let c3 = try sub(try mul(try neg(c2), mean), try mul(try mul(dbGroup, rstd), 1 / groupSize))
        let c1 = try gamma.map { try mul(rstd, $0) } ?? rstd.expand(perChannel)
        let grouped = [batch, groups, channels / groups, -1]
        let scaled = try mul(try c1.unsqueeze(3), try gradient.contiguous().reshape(grouped))
        let shifted = try add(try mul(try c2.unsqueeze(3), try x.contiguous().reshape(grouped)), try c3.unsqueeze(3))
        gradInput = try add(scaled, shifted).reshape(x.shape)
    }
    var gradWeight: Tensor?
    if node.needsGradient(1) {
        gradWeight = try mul(try sub(ds, try mul(db, mean)), rstd).sum(dims: [0], keepDim: false).reshape([channels])
    }
    return [gradInput, gradWeight, node.needsGradient(2) ? try db.sum(dims: [0], keepDim: false).reshape([channels]) : nil]
}
