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
        let padded = try depthPadded(geometry)
        let planar = geometry.planar
        let planeShape = [shape[0], shape[1], shape[3], shape[4]]
        let gradPadded = needs.input ? try Tensor.zeros(shape: padded.shape, dtype: dtype) : nil
        let gradWeight = needs.weight ? try Tensor.zeros(shape: weight.shape, dtype: weight.dtype) : nil
        for depth in 0..<gradOutput.shape[2] {
            let gradient = try gradOutput.select(2, depth)
            for tap in 0..<weight.shape[2] {
                let sourceDepth = depth * geometry.stride[0] + tap * geometry.dilation[0]
                let kernel = try weight.select(2, tap)
                if let gradPadded {
                    let part = try Tensor.convolutionInputGradient(gradOutput: gradient, weight: kernel, imageShape: planeShape,
                                                                   geometry: planar, onOneDNN: false)
                    try gradPadded.select(2, sourceDepth).accumulate(part)
                }
                if let gradWeight {
                    let part = try Tensor.convolutionWeightGradient(image: try padded.select(2, sourceDepth), gradOutput: gradient,
                                                                    weightShape: kernel.shape, geometry: planar, onOneDNN: false)
                    try gradWeight.select(2, tap).accumulate(part)
                }
            }
        }
        let gradInput = try gradPadded.map { try $0.narrow(2, start: geometry.paddingBefore[0], length: shape[2]).contiguous() }
        let gradBias = needs.bias ? try gradOutput.sum(dims: [0, 2, 3, 4], keepDim: false) : nil
        return (gradInput, gradWeight, gradBias)
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
