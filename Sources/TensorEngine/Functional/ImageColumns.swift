/// im2col and col2im for 2-d convolutions. Every patch element of every output position
/// is one strided view of the (padded) image: element (kh, kw) of the patch at (oh, ow)
/// sits at row kh·dilation + oh·stride, so the whole column matrix is a single view
/// `[N, groups, kH, kW, C/groups, oH, oW]` that one copy makes contiguous. A patch lists
/// its elements kernel position first and channel last, the order in which oneDNN (what
/// PyTorch runs on CPU) accumulates them, so float32 sums round alike.
extension Tensor {
    /// The column matrices `[N, groups, kH · kW · C/groups, oH · oW]` of a `[N, C, H, W]`
    /// image: column l holds the patch that output position l sees.
    func imageColumns(kernel: [Int], geometry: ConvolutionGeometry) throws -> Tensor {
        let padded = try paddedImage(geometry)
        let (batch, channels) = (shape[0], shape[1])
        let outputHeight = geometry.outputLength(0, input: shape[2], kernel: kernel[0])
        let outputWidth = geometry.outputLength(1, input: shape[3], kernel: kernel[1])
        let patches = padded.viewing(padded.patchView(kernel: kernel, geometry: geometry, outputSize: [outputHeight, outputWidth]))
        try ensureAllocatable(shape: patches.shape, itemSize: dtype.itemSize)
        return try patches.contiguous().reshape(
            [batch, geometry.groups, channels / geometry.groups * kernel[0] * kernel[1], outputHeight * outputWidth])
    }

    /// col2im: the adjoint of `imageColumns`. Sums these column matrices (shaped as
    /// `imageColumns` returns them) back onto an image of `imageShape`, each patch
    /// element added where it was read from.
    func foldedColumns(imageShape: [Int], kernel: [Int], geometry: ConvolutionGeometry, outputSize: [Int]) throws -> Tensor {
        let (batch, channels) = (imageShape[0], imageShape[1])
        let paddedShape = [batch, channels,
                           imageShape[2] + geometry.paddingBefore[0] + geometry.paddingAfter[0],
                           imageShape[3] + geometry.paddingBefore[1] + geometry.paddingAfter[1]]
        let padded = try Tensor.zeros(shape: paddedShape, dtype: dtype)
        let groups = geometry.groups
        let patches = try contiguous().reshape([batch, groups, kernel[0], kernel[1], channels / groups, outputSize[0], outputSize[1]])
        let patchView = padded.patchView(kernel: kernel, geometry: geometry, outputSize: outputSize)
        // Positions of one patch element never overlap each other, so each (kh, kw) is one
        // elementwise add through a strided view; different elements may overlap, which is
        // why they are added one after another.
        for row in 0..<kernel[0] {
            for column in 0..<kernel[1] {
                let destination = padded.viewing(View(
                    shape: [batch, groups, channels / groups, outputSize[0], outputSize[1]],
                    strides: [patchView.strides[0], patchView.strides[1], patchView.strides[4], patchView.strides[5], patchView.strides[6]],
                    offset: patchView.offset + row * patchView.strides[2] + column * patchView.strides[3]))
                let contribution = try patches.select(2, row).select(2, column)
                try destination.copy(from: try binary(.add, .tensor(destination), .tensor(contribution)))
            }
        }
        return try padded
            .narrow(2, start: geometry.paddingBefore[0], length: imageShape[2])
            .narrow(3, start: geometry.paddingBefore[1], length: imageShape[3])
            .contiguous()
    }

    /// The image with the convolution's zero padding around its last two dims.
    private func paddedImage(_ geometry: ConvolutionGeometry) throws -> Tensor {
        let pads = [geometry.paddingBefore[1], geometry.paddingAfter[1], geometry.paddingBefore[0], geometry.paddingAfter[0]]
        return pads.allSatisfy { $0 == 0 } ? self : try constantPadded(pads)
    }

    /// The `[N, groups, kH, kW, C/groups, oH, oW]` view of this (padded) image's patches.
    private func patchView(kernel: [Int], geometry: ConvolutionGeometry, outputSize: [Int]) -> View {
        let (rowStride, columnStride, groupSize) = (strides[2], strides[3], shape[1] / geometry.groups)
        // Wrapping products: a step past the image (stride 2**63-1) only occurs along a dim
        // with one position, whose stride is never multiplied by anything but 0.
        return View(
            shape: [shape[0], geometry.groups, kernel[0], kernel[1], groupSize, outputSize[0], outputSize[1]],
            strides: [strides[0], strides[1] * groupSize,
                      rowStride &* geometry.dilation[0], columnStride &* geometry.dilation[1], strides[1],
                      rowStride &* geometry.stride[0], columnStride &* geometry.stride[1]],
            offset: storageOffset)
    }
}
