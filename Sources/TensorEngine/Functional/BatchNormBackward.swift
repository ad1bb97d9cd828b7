/// float32 batch norm gradients rounded as PyTorch's CPU backward kernels round them (see
/// `BatchNormKernels` for the two layouts). Per channel, with Σdy and dotp = Σ(x − mean)·dy:
///   training:   dx = (dy − Σdy/n − (x − mean)·k)·invstd·γ,  k = dotp·invstd·invstd/n
///   evaluation: dx = dy·invstd·γ
///   dγ = dotp·invstd, dβ = Σdy.
/// With more than one position per channel the sums are double, k starts from dotp rounded
/// to float, and dx's subtraction of (x − mean)·k is fused; with one position per channel
/// the sums are float, dotp's products fused into it, and dx rounds every step.
enum BatchNormBackward {
    struct Inputs {
        let x: UnsafeBufferPointer<Float>
        let dy: UnsafeBufferPointer<Float>
        let mean: [Float]
        let inverseDeviation: [Float]
        let weight: [Float]?
        let training: Bool
    }

    static func gradients(_ inputs: Inputs, _ layout: BatchNormLayout) -> (input: [Float], weight: [Float], bias: [Float]) {
        var dx = [Float](repeating: 0, count: layout.perChannel * layout.channels)
        var dgamma = [Float](repeating: 0, count: layout.channels)
        var dbeta = dgamma
        for channel in 0..<layout.channels {
            let sums = layout.spatial == 1 ? rowSums(inputs, layout, channel) : planeSums(inputs, layout, channel)
            let r = inputs.inverseDeviation[channel]
            dgamma[channel] = sums.weightGradient
            dbeta[channel] = sums.biasGradient
            let (mean, gamma) = (inputs.mean[channel], inputs.weight?[channel] ?? 1)
            for sample in 0..<layout.batch {
                let start = layout.rowStart(sample: sample, channel: channel)
                for index in start..<(start + layout.spatial) {
                    let dy = inputs.dy[index]
                    guard inputs.training else {
                        dx[index] = dy * r * gamma
                        continue
                    }
                    let centered = inputs.x[index] - mean, shifted = dy - sums.meanGradient
                    let projected = layout.spatial == 1 ? shifted - centered * sums.k : shifted.addingProduct(-centered, sums.k)
                    dx[index] = projected * r * gamma
                }
            }
        }
        return (dx, dgamma, dbeta)
    }

    /// What dx, dγ and dβ need of one channel's sums.
    private struct ChannelSums {
        let k: Float
        let meanGradient: Float
        let weightGradient: Float
        let biasGradient: Float
    }

    /// The contiguous kernel: each (sample, channel) row's lane-ordered sums added in double.
    private static func planeSums(_ inputs: Inputs, _ layout: BatchNormLayout, _ channel: Int) -> ChannelSums {
        let mean = inputs.mean[channel], r = inputs.inverseDeviation[channel]
        var sum = 0.0, dotp = 0.0
        guard let dy = inputs.dy.baseAddress else { return ChannelSums(k: 0, meanGradient: 0, weightGradient: 0, biasGradient: 0) }
        var centered = [Float](repeating: 0, count: layout.spatial)
        for sample in 0..<layout.batch {
            let start = layout.rowStart(sample: sample, channel: channel)
            for offset in 0..<layout.spatial { centered[offset] = inputs.x[start + offset] - mean }
            sum += Double(LaneOrderedSum.sum(dy + start, count: layout.spatial))
            dotp += Double(LaneOrderedSum.dot(centered, dy + start, count: layout.spatial, fusedTail: true))
        }
        let count = layout.perChannel
        return ChannelSums(k: Float(dotp) * r * r / Float(count), meanGradient: Float(sum / Double(count)),
                           weightGradient: Float(dotp * Double(r)), biasGradient: Float(sum))
    }

    /// The channels-last kernel: float sums running down the rows.
    private static func rowSums(_ inputs: Inputs, _ layout: BatchNormLayout, _ channel: Int) -> ChannelSums {
        let mean = inputs.mean[channel], r = inputs.inverseDeviation[channel]
        var sum: Float = 0, dotp: Float = 0
        for sample in 0..<layout.batch {
            let index = layout.rowStart(sample: sample, channel: channel)
            sum += inputs.dy[index]
            dotp = dotp.addingProduct(inputs.x[index] - mean, inputs.dy[index])
        }
        let count = Float(layout.perChannel)
        return ChannelSums(k: dotp * r * r / count, meanGradient: sum / count, weightGradient: dotp * r, biasGradient: sum)
    }
}

extension Tensor {
    /// float32 batch norm's input, weight and bias gradients for this input, from the
    /// per-channel `mean` and `inverseDeviation` the forward pass kept.
    public func float32BatchNormGradients(_ gradient: Tensor, mean: Tensor, inverseDeviation: Tensor, weight: Tensor?, training: Bool)
        throws -> (input: Tensor, weight: Tensor, bias: Tensor) {
        guard dtype == .float32, rank >= 2, gradient.shape == shape else {
            throw TensorError.runtime("float32BatchNormGradients expects a float32 (N, C, *) input and a gradient of its shape")
        }
        let layout = BatchNormLayout(batch: shape[0], channels: shape[1], spatial: shape.dropFirst(2).reduce(1, *))
        let floats = { (tensor: Tensor) in tensor.elements(as: Float.self) }
        let (x, dy) = (floats(self), floats(gradient))
        let result = x.withUnsafeBufferPointer { x in
            dy.withUnsafeBufferPointer { dy in
                BatchNormBackward.gradients(
                    BatchNormBackward.Inputs(x: x, dy: dy, mean: floats(mean), inverseDeviation: floats(inverseDeviation),
                                             weight: weight.map(floats), training: training),
                    layout)
            }
        }
        return (try Tensor(values: result.input, shape: shape), try Tensor(values: result.weight, shape: [shape[1]]),
                try Tensor(values: result.bias, shape: [shape[1]]))
    }
}
