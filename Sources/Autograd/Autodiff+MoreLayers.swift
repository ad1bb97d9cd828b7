import TensorEngine

extension Autodiff {
    /// `F.prelu` (PreluKernelBackward0): x where x > 0, else weight · x, the weight holding
    /// one slope or one per channel (dim 1). Its input gradient is the gradient scaled the
    /// same way; the weight's is Σ x · gradient over the non-positive inputs of its channel.
    public static func prelu(_ input: Tensor, weight: Tensor) throws -> Tensor {
        guard weight.rank <= 1 else {
            throw TensorError.runtime("prelu: Expected `weight` to be a scalar or 1D tensor, but got: ndim = \(weight.rank)")
        }
        let channels = input.rank >= 2 ? input.shape[1] : 1
        guard weight.count == 1 || weight.count == channels else {
            throw TensorError.runtime(
                "Mismatch of parameter numbers and input channel size. Found parameter numbers = \(weight.count) and channel size = \(channels).")
        }
        var slopeShape = [Int](repeating: 1, count: input.rank)
        if weight.count > 1 { slopeShape[1] = channels }
        let slopes = try weight.reshape(slopeShape)
        let positive = try binary(.greater, .tensor(input), .scalar(.int(0)))
        let output = try whereSelect(positive, .tensor(input), .tensor(try binary(.multiply, .tensor(slopes), .tensor(input))))
        let weightShape = weight.shape
        return Recorder.record("PreluKernelBackward0", inputs: [input, weight], output: output) { node in
            let savedInput = node.save(input), savedWeight = node.save(weight)
            return { gradient, node in
                let x = try savedInput.unpack(), slopes = try savedWeight.unpack().reshape(slopeShape)
                let positive = try binary(.greater, .tensor(x), .scalar(.int(0)))
                let inputGradient = node.needsGradient(0)
                    ? try whereSelect(positive, .tensor(gradient), .tensor(try binary(.multiply, .tensor(slopes), .tensor(gradient)))) : nil
                var weightGradient: Tensor?
                if node.needsGradient(1) {
                    let contributions = try whereSelect(positive, .scalar(.int(0)), .tensor(try binary(.multiply, .tensor(x), .tensor(gradient))))
                    weightGradient = try sumTo(contributions, slopeShape).reshape(weightShape)
                }
                return [inputGradient, weightGradient]
            }
        }
    }
}

extension Autodiff {
    /// `F.adaptive_avg_pool3d` (AdaptiveAvgPool3DBackward0); to a single cell PyTorch takes
    /// the mean instead (MeanBackward1), and so does this.
    public static func adaptiveAvgPool3d(_ input: Tensor, outputSize: [Int]) throws -> Tensor {
        if outputSize == [1, 1, 1], input.rank == 4 || input.rank == 5, !input.shape.dropFirst().contains(0) {
            return try mean(input, dims: [-3, -2, -1], keepDim: true)
        }
        let output = try input.adaptiveAvgPool3d(outputSize: outputSize)
        let inputShape = input.shape
        return Recorder.record("AdaptiveAvgPool3DBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try Tensor.adaptiveAvgPool3dBackward(gradOutput: gradient, inputShape: inputShape)] }
        }
    }
}

extension Autodiff {
    /// `F.max_pool3d`: the maxima (MaxPool3DWithIndicesBackward0) and their indices.
    public static func maxPool3d(_ input: Tensor, window: Pooling3dWindow) throws -> (values: Tensor, indices: Tensor) {
        recordedMaxPool("MaxPool3DWithIndicesBackward0", input: input, try input.maxPool3d(window), backward: Tensor.maxPool3dBackward)
    }
}

extension Autodiff {
    /// `F.avg_pool3d` (AvgPool3DBackward0).
    public static func avgPool3d(_ input: Tensor, pooling: AveragePooling3d) throws -> Tensor {
        let output = try input.avgPool3d(pooling)
        let inputShape = input.shape
        return Recorder.record("AvgPool3DBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try Tensor.avgPool3dBackward(gradOutput: gradient, inputShape: inputShape, pooling: pooling)] }
        }
    }
}
