/// `F.conv_transpose1d` / `2d` / `3d`: the adjoint of a convolution. Its output
/// is what a convolution's input would receive as gradient, so it runs the same col2im
/// (`convolutionInputGradient`) with the weight `[C_in, C_out / groups, *kernel]`.
extension Tensor {
    public func transposedConvolution(weight: Tensor, bias: Tensor?, geometry: ConvolutionGeometry, outputPadding: [Int]) throws -> Tensor {
        try checkTransposedConvolution(weight: weight, bias: bias, geometry: geometry, outputPadding: outputPadding)
        let spatialRank = rank - 2
        let outputChannels = weight.shape[1] * geometry.groups
        let spatial = (0..<spatialRank).map { (dim: Int) -> Int in
            let stretched: Int = (shape[2 + dim] - 1) * geometry.stride[dim]
            let padding: Int = geometry.paddingBefore[dim] + geometry.paddingAfter[dim]
            let kernelSpan: Int = geometry.dilation[dim] * (weight.shape[2 + dim] - 1)
            return stretched - padding + kernelSpan + outputPadding[dim] + 1
        }
        let imageShape = [shape[0], outputChannels] + spatial
        try ensureAllocatable(shape: imageShape, itemSize: dtype.itemSize)
        let onOneDNN = try runsOnOneDNN(weight: weight, geometry: geometry)
        var output = try Tensor.convolutionInputGradient(gradOutput: self, weight: weight, imageShape: imageShape, geometry: geometry,
                                                         onOneDNN: onOneDNN)
        if let bias {
            let broadcastShape = [1, outputChannels] + Array(repeating: 1, count: spatialRank)
            output = try binary(.add, .tensor(output), .tensor(try bias.reshape(broadcastShape)))
        }
        return output
    }

    private func checkTransposedConvolution(weight: Tensor, bias: Tensor?, geometry: ConvolutionGeometry, outputPadding: [Int]) throws {
        try checkWindowMagnitudes([shape, weight.shape, geometry.stride, geometry.paddingBefore, geometry.paddingAfter, geometry.dilation,
                                   [geometry.groups], outputPadding])
        guard dtype == weight.dtype else {
            throw TensorError.scalarTypeMismatch(expected: dtype, found: weight.dtype)
        }
        guard weight.rank == geometry.stride.count + 2, rank == weight.rank else {
            throw TensorError.runtime(
                "Expected \(weight.rank)-dimensional input for \(weight.rank)-dimensional weight \(formatShape(weight.shape)), but got \(rank)-dimensional input of size \(formatShape(shape)) instead")
        }
        guard shape[1] == weight.shape[0] else {
            throw TensorError.runtime(
                "Given transposed=1, weight of size \(formatShape(weight.shape)), expected input\(formatShape(shape)) to have \(weight.shape[0]) channels, but got \(shape[1]) channels instead")
        }
        let outputChannels = weight.shape[1] * geometry.groups
        if let bias, bias.rank != 1 || bias.shape[0] != outputChannels {
            throw TensorError.runtime(
                "Given transposed=1, weight of size \(formatShape(weight.shape)), expected bias to be 1-dimensional with \(outputChannels) elements, but got bias of size \(formatShape(bias.shape)) instead")
        }
        for dim in outputPadding.indices where outputPadding[dim] >= geometry.stride[dim] && outputPadding[dim] >= geometry.dilation[dim] {
            let names = Array(["depth", "height", "width"].suffix(geometry.stride.count))
            let parts = [("output_padding", outputPadding), ("stride", geometry.stride), ("dilation", geometry.dilation)]
                .flatMap { name, values in zip(names, values).map { "\(name)_\($0): \($1)" } }
            throw TensorError.runtime("output padding must be smaller than either stride or dilation, but got " + parts.joined(separator: " "))
        }
    }
}
