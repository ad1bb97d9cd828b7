/// `F.conv3d` forward and backward. Output depth slice d is the sum, over the kernel's
/// depth k, of the 2-d convolution of input depth slice d·stride + k·dilation with the
/// weight's depth slice k; the backward pass sends each of those 2-d convolutions'
/// gradients back to the slices they read. The 2-d work runs in the im2col kernels.
extension Tensor {
    /// A `[N, C, D, H, W]` input convolved with a `[O, C / groups, kD, kH, kW]` weight;
    /// `checkConvolution` has already run.
    func convolution3d(weight: Tensor, bias: Tensor?, geometry: ConvolutionGeometry) throws -> Tensor {
        let padded = try depthPadded(geometry)
        let planar = geometry.planar
        let outputDepth = geometry.outputLength(0, input: shape[2], kernel: weight.shape[2])
        var slices: [Tensor] = []
        for depth in 0..<outputDepth {
            var total: Tensor?
            for tap in 0..<weight.shape[2] {
                let source = try padded.select(2, depth * geometry.stride[0] + tap * geometry.dilation[0])
                let part = try source.convolution(weight: try weight.select(2, tap), bias: nil, geometry: planar)
                total = try total.map { try binary(.add, .tensor($0), .tensor(part)) } ?? part
            }
            if let total { slices.append(total) }
        }
        var output = try stack(slices, dim: 2)
        if let bias {
            output = try binary(.add, .tensor(output), .tensor(try bias.reshape([1, weight.shape[0], 1, 1, 1])))
        }
        return output
    }

    /// The input, weight and bias gradients of `convolution3d` (self its input), each
    /// computed only when asked for.
    func convolution3dBackward(gradOutput: Tensor, weight: Tensor, geometry: ConvolutionGeometry,
                               needs: (input: Bool, weight: Bool, bias: Bool)) throws -> (input: Tensor?, weight: Tensor?, bias: Tensor?) {
        let gradInput = needs.input
            ? try Tensor.convolution3dInputGradient(gradOutput: gradOutput, weight: weight, imageShape: shape, geometry: geometry) : nil
        let gradWeight = needs.weight
            ? try Tensor.convolution3dWeightGradient(image: self, gradOutput: gradOutput, weightShape: weight.shape, geometry: geometry) : nil
        let gradBias = needs.bias ? try gradOutput.sum(dims: [0, 2, 3, 4], keepDim: false) : nil
        return (gradInput, gradWeight, gradBias)
    }

    /// What a 3-d convolution's input of `imageShape` receives from its output gradient (also
    /// a 3-d transposed convolution's output): each depth slice's 2-d input gradient, added
    /// to the input slice it read.
    static func convolution3dInputGradient(gradOutput: Tensor, weight: Tensor, imageShape: [Int], geometry: ConvolutionGeometry) throws -> Tensor {
        let paddedDepth = imageShape[2] + geometry.paddingBefore[0] + geometry.paddingAfter[0]
        let gradPadded = try Tensor.zeros(shape: [imageShape[0], imageShape[1], paddedDepth, imageShape[3], imageShape[4]], dtype: gradOutput.dtype)
        let planeShape = [imageShape[0], imageShape[1], imageShape[3], imageShape[4]]
        for depth in 0..<gradOutput.shape[2] {
            let gradient = try gradOutput.select(2, depth)
            for tap in 0..<weight.shape[2] {
                let part = try convolutionInputGradient(gradOutput: gradient, weight: try weight.select(2, tap), imageShape: planeShape,
                                                        geometry: geometry.planar, onOneDNN: false)
                try gradPadded.select(2, depth * geometry.stride[0] + tap * geometry.dilation[0]).accumulate(part)
            }
        }
        return try gradPadded.narrow(2, start: geometry.paddingBefore[0], length: imageShape[2]).contiguous()
    }

    /// A 3-d convolution's weight gradient: each depth tap's 2-d weight gradient, summed
    /// over the output depth slices.
    static func convolution3dWeightGradient(image: Tensor, gradOutput: Tensor, weightShape: [Int], geometry: ConvolutionGeometry) throws -> Tensor {
        let padded = try image.depthPadded(geometry)
        let gradWeight = try Tensor.zeros(shape: weightShape, dtype: gradOutput.dtype)
        let tapShape = [weightShape[0], weightShape[1], weightShape[3], weightShape[4]]
        for depth in 0..<gradOutput.shape[2] {
            let gradient = try gradOutput.select(2, depth)
            for tap in 0..<weightShape[2] {
                let source = try padded.select(2, depth * geometry.stride[0] + tap * geometry.dilation[0])
                let part = try convolutionWeightGradient(image: source, gradOutput: gradient, weightShape: tapShape, geometry: geometry.planar,
                                                         onOneDNN: false)
                try gradWeight.select(2, tap).accumulate(part)
            }
        }
        return gradWeight
    }

    /// The input with the convolution's zero padding on its depth dim only.
    private func depthPadded(_ geometry: ConvolutionGeometry) throws -> Tensor {
        let (before, after) = (geometry.paddingBefore[0], geometry.paddingAfter[0])
        return before == 0 && after == 0 ? self : try constantPadded([0, 0, 0, 0, before, after])
    }

    /// Adds `other` into this view of a larger tensor.
    private func accumulate(_ other: Tensor) throws {
        try copy(from: try binary(.add, .tensor(self), .tensor(other)))
    }
}

extension ConvolutionGeometry {
    /// The height and width part of a 3-d geometry.
    var planar: ConvolutionGeometry {
        ConvolutionGeometry(stride: Array(stride.dropFirst()), paddingBefore: Array(paddingBefore.dropFirst()),
                            paddingAfter: Array(paddingAfter.dropFirst()), dilation: Array(dilation.dropFirst()), groups: groups)
    }
}

extension Tensor {
    /// A 3-d transposed convolution's bias gradient as `slow_conv_transpose3d` forms it:
    /// each sample's positions summed in memory order, then the samples added in turn.
    public static func transposedConvolution3dBiasGradient(gradOutput: Tensor) throws -> Tensor {
        let (batch, channels) = (gradOutput.shape[0], gradOutput.shape[1])
        let positions = gradOutput.shape.dropFirst(2).reduce(1, *)
        guard gradOutput.dtype == .float32 else { return try gradOutput.sum(dims: [0, 2, 3, 4], keepDim: false) }
        let values = try gradOutput.contiguous().elements(as: Float.self)
        var totals = [Float](repeating: 0, count: channels)
        for sample in 0..<batch {
            for channel in 0..<channels {
                let start = (sample * channels + channel) * positions
                var sum: Float = 0
                for index in start..<(start + positions) { sum += values[index] }
                totals[channel] += sum
            }
        }
        return try Tensor(values: totals, shape: [channels])
    }
}
