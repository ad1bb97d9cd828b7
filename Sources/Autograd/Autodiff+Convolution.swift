import TensorEngine

/// Convolutions and pooling, with the node names PyTorch gives them.
extension Autodiff {
    /// `F.conv1d`/`F.conv2d`. An unbatched input gets a batch dim of one for the
    /// convolution and loses it after, so its last node is `SqueezeBackward1`, as in PyTorch.
    public static func convolution(_ input: Tensor, weight: Tensor, bias: Tensor?, geometry: ConvolutionGeometry) throws -> Tensor {
        if input.rank == geometry.stride.count + 1 {
            let batched = try convolution(try unsqueeze(input, 0), weight: weight, bias: bias, geometry: geometry)
            return try squeeze(batched, [0])
        }
        let output = try input.convolution(weight: weight, bias: bias, geometry: geometry)
        return Recorder.record("ConvolutionBackward0", inputs: [input, weight, bias], output: output) { node in
            // Each of the input's and the weight's gradients reads the other tensor.
            let needsImage = node.needsGradient(0) || node.needsGradient(1)
            let savedInput = needsImage ? node.save(input) : nil
            let savedWeight = needsImage ? node.save(weight) : nil
            return { gradient, node in
                guard let savedInput, let savedWeight else { return [nil, nil, node.needsGradient(2) ? try biasGradient(gradient) : nil] }
                let gradients = try savedInput.unpack().convolutionBackward(
                    gradOutput: gradient, weight: try savedWeight.unpack(), geometry: geometry,
                    needs: (node.needsGradient(0), node.needsGradient(1), node.needsGradient(2)))
                return [gradients.input, gradients.weight, gradients.bias]
            }
        }
    }

    /// `F.conv_transpose1d`/`2d`/`3d`. Its input gradient is a convolution of the output
    /// gradient; its weight gradient swaps the roles of image and output gradient.
    public static func transposedConvolution(
        _ input: Tensor, weight: Tensor, bias: Tensor?, geometry: ConvolutionGeometry, outputPadding: [Int]
    ) throws -> Tensor {
        if input.rank == geometry.stride.count + 1 {
            let batched = try transposedConvolution(try unsqueeze(input, 0), weight: weight, bias: bias, geometry: geometry, outputPadding: outputPadding)
            return try squeeze(batched, [0])
        }
        let output = try input.transposedConvolution(weight: weight, bias: bias, geometry: geometry, outputPadding: outputPadding)
        return Recorder.record("ConvolutionBackward0", inputs: [input, weight, bias], output: output) { node in
            let needsImage = node.needsGradient(0) || node.needsGradient(1)
            let savedInput = needsImage ? node.save(input) : nil
            let savedWeight = needsImage ? node.save(weight) : nil
            return { gradient, node in
                let bias = node.needsGradient(2)
                    ? (gradient.rank == 5 ? try Tensor.transposedConvolution3dBiasGradient(gradOutput: gradient) : try biasGradient(gradient)) : nil
                guard let savedInput, let savedWeight else { return [nil, nil, bias] }
                let x = try savedInput.unpack(), w = try savedWeight.unpack()
                // The backend is the one PyTorch chose for this transposed convolution's own
                // input and weight, not one asked again with the roles swapped.
                let onOneDNN = try x.runsOnOneDNN(weight: w, geometry: geometry)
                return [node.needsGradient(0) ? try gradient.convolution(weight: w, bias: nil, geometry: geometry) : nil,
                        node.needsGradient(1)
                            ? try Tensor.convolutionWeightGradient(image: gradient, gradOutput: x, weightShape: w.shape, geometry: geometry,
                                                                   onOneDNN: onOneDNN) : nil,
                        bias]
            }
        }
    }

    /// `F.max_pool2d`: the maxima, and their indices for `return_indices=True`.
    public static func maxPool2d(_ input: Tensor, window: PoolingWindow) throws -> (values: Tensor, indices: Tensor) {
        recordedMaxPool("MaxPool2DWithIndicesBackward0", input: input, try input.maxPool2d(window), backward: Tensor.maxPool2dBackward)
    }

    /// Records a max pooling's values under `name`; their gradient goes back to where each
    /// maximum was taken, found by `backward` from the indices.
    static func recordedMaxPool(_ name: String, input: Tensor, _ pooled: (values: Tensor, indices: Tensor),
                                backward: @escaping (Tensor, Tensor, [Int]) throws -> Tensor) -> (values: Tensor, indices: Tensor) {
        let (indices, inputShape) = (pooled.indices, input.shape)
        let recorded = Recorder.record(name, inputs: [input], output: pooled.values) { _ in
            { gradient, _ in [try backward(gradient, indices, inputShape)] }
        }
        return (recorded, indices)
    }

    public static func avgPool2d(_ input: Tensor, window: PoolingWindow, divisor: AverageDivisor) throws -> Tensor {
        let output = try input.avgPool2d(window, divisor: divisor)
        let inputShape = input.shape
        return Recorder.record("AvgPool2DBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try Tensor.avgPool2dBackward(gradOutput: gradient, inputShape: inputShape, window: window, divisor: divisor)] }
        }
    }

    /// `F.adaptive_avg_pool2d`. To a single cell PyTorch takes the mean instead
    /// (MeanBackward1), and so does this.
    public static func adaptiveAvgPool2d(_ input: Tensor, outputSize: [Int]) throws -> Tensor {
        if outputSize == [1, 1], input.rank == 3 || input.rank == 4, !input.shape.dropFirst().contains(0) {
            return try mean(input, dims: [-2, -1], keepDim: true)
        }
        let output = try input.adaptiveAvgPool2d(outputSize: outputSize)
        let inputShape = input.shape
        return Recorder.record("AdaptiveAvgPool2DBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try Tensor.adaptiveAvgPool2dBackward(gradOutput: gradient, inputShape: inputShape)] }
        }
    }
}

/// A bias's gradient: the output gradient summed over every dim but the channels.
private func biasGradient(_ gradient: Tensor) throws -> Tensor {
    try gradient.sum(dims: [0] + Array(2..<gradient.rank), keepDim: false)
}

extension Autodiff {
    /// `F.adaptive_max_pool2d` / `3d` (AdaptiveMaxPool2DBackward0 / 3D): the values and their
    /// indices; the gradient goes back to where each maximum was taken.
    public static func adaptiveMaxPool(_ input: Tensor, spatialRank: Int, outputSize: [Int]) throws -> (values: Tensor, indices: Tensor) {
        let (values, indices) = try input.adaptiveMaxPool(spatialRank: spatialRank, outputSize: outputSize)
        let inputShape = input.shape
        let output = Recorder.record("AdaptiveMaxPool\(spatialRank)DBackward0", inputs: [input], output: values) { _ in
            { gradient, _ in
                [try Tensor.adaptiveMaxPoolBackward(gradOutput: gradient, indices: indices, inputShape: inputShape, spatialRank: spatialRank)]
            }
        }
        return (output, indices)
    }
}
