/// `F.unfold` (im2col) and `F.fold` (col2im) on `[N, C, H, W]` images and `[N, C·kH·kW, L]`
/// block matrices, unbatched too. They reuse the convolution's `imageColumns` and
/// `foldedColumns`, whose patches list kernel position first; PyTorch's blocks list the
/// channel first (`C, kH, kW`), so the rows are permuted on the way in and out.
public struct SlidingBlocks: Equatable, Sendable {
    public var kernel: [Int]
    public var dilation: [Int]
    public var padding: [Int]
    public var stride: [Int]

    public init(kernel: [Int], dilation: [Int], padding: [Int], stride: [Int]) {
        self.kernel = kernel
        self.dilation = dilation
        self.padding = padding
        self.stride = stride
    }

    var geometry: ConvolutionGeometry {
        ConvolutionGeometry(stride: stride, paddingBefore: padding, paddingAfter: padding, dilation: dilation, groups: 1)
    }

    /// Blocks along one dim of an image `length` long, rounding down as ATen's `div_rtn` does.
    /// ATen computes in int64, which wraps; so does this, so absurd sizes fail its checks
    /// with its numbers instead of trapping.
    func blockCount(_ dim: Int, length: Int) -> Int {
        let span = length &+ 2 &* padding[dim] &- dilation[dim] &* (kernel[dim] &- 1) &- 1
        let quotient = span / stride[dim]
        return (span % stride[dim] != 0 && span < 0 ? quotient &- 1 : quotient) &+ 1
    }

    private static func pairText(_ values: [Int]) -> String { "(\(values[0]), \(values[1]))" }

    private func check(_ values: [Int], positive: Bool, _ what: String, _ names: (String, String)) throws {
        guard values.allSatisfy({ positive ? $0 > 0 : $0 >= 0 }) else {
            throw TensorError.runtime("\(what), but got \(names.0): \(values[0]) \(names.1): \(values[1])")
        }
    }

    private func checkKernel() throws {
        try check(kernel, positive: true, "kernel size should be greater than zero", ("kernel_height", "kernel_width"))
    }
    private func checkDilation() throws {
        try check(dilation, positive: true, "dilation should be greater than zero", ("dilation_height", "dilation_width"))
    }
    private func checkPadding() throws {
        try check(padding, positive: false, "padding should be non-negative", ("pad_height", "pad_width"))
    }
    private func checkStride() throws {
        try check(stride, positive: true, "stride should be greater than zero", ("stride_height", "stride_width"))
    }

    /// ATen's `im2col_shape_check`, in its order.
    func checkImage(_ shape: [Int]) throws {
        try checkKernel(); try checkDilation(); try checkPadding(); try checkStride()
        // ATen reads sizes 1 and 2 before it checks the rank, so a small rank is an IndexError.
        if shape.isEmpty { throw TensorError(.indexError, "Dimension specified as 1 but tensor has no dimensions") }
        if shape.count < 3 { _ = try normalizeDims([1, 2], rank: shape.count) }
        let sizes = "[" + shape.map(String.init).joined(separator: ", ") + "]"
        let valid = (shape.count == 3 && !shape.contains(0)) || (shape.count == 4 && !shape.dropFirst().contains(0))
        guard valid else {
            throw TensorError.runtime("Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: \(sizes)")
        }
        let spatial = Array(shape.suffix(2))
        let blocks = [blockCount(0, length: spatial[0]), blockCount(1, length: spatial[1])]
        guard blocks.allSatisfy({ $0 >= 1 }) else {
            throw TensorError.runtime("Given input with spatial size \(Self.pairText(spatial)), kernel_size=\(Self.pairText(kernel)), "
                + "dilation=\(Self.pairText(dilation)), padding=\(Self.pairText(padding)), calculated shape of the array of sliding blocks as "
                + "\(Self.pairText(blocks)), but its components must be at least one.")
        }
    }

    /// ATen's `col2im_shape_check`, in its order; returns the block grid.
    func checkColumns(_ shape: [Int], outputSize: [Int]) throws -> [Int] {
        try checkKernel(); try checkStride(); try checkDilation(); try checkPadding()
        let sizes = "[" + shape.map(String.init).joined(separator: ", ") + "]"
        let valid = (shape.count == 2 && !shape.contains(0)) || (shape.count == 3 && !shape.dropFirst().contains(0))
        guard valid else {
            throw TensorError.runtime("Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: \(sizes)")
        }
        let (planes, length) = (shape[shape.count - 2], shape[shape.count - 1])
        let (patchSize, overflowed) = kernel[1].multipliedReportingOverflow(by: kernel[0])
        guard !overflowed else {
            throw TensorError.runtime("Given kernel_width = \(kernel[1]) and kernel_height = \(kernel[0]) the product of kernel_width and kernel_height overflowed.")
        }
        guard planes % patchSize == 0 else {
            throw TensorError.runtime("Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got "
                + "input.size(1)=\(planes) and kernel_size=\(Self.pairText(kernel)).")
        }
        let blocks = [blockCount(0, length: outputSize[0]), blockCount(1, length: outputSize[1])]
        let settings = "Given output_size=\(Self.pairText(outputSize)), kernel_size=\(Self.pairText(kernel)), dilation=\(Self.pairText(dilation)), "
            + "padding=\(Self.pairText(padding)), stride=\(Self.pairText(stride)), "
        guard length == blocks[0] &* blocks[1] else {
            throw TensorError.runtime(settings + "expected size of input's dimension 2 to match the calculated number of sliding blocks "
                + "\(blocks[0]) * \(blocks[1]) = \(blocks[0] &* blocks[1]), but got input.size(2)=\(length).")
        }
        guard blocks.allSatisfy({ $0 >= 1 }) else {
            throw TensorError.runtime(settings + "calculated shape of the array of sliding blocks as \(Self.pairText(blocks)), which is too small (non-positive)")
        }
        return blocks
    }
}

extension Tensor {
    /// `im2col`: `[N, C, H, W]` (or `[C, H, W]`) to `[N, C·kH·kW, L]`, one column per block.
    public func slidingBlocks(_ blocks: SlidingBlocks) throws -> Tensor {
        try blocks.checkImage(shape)
        try checkSlidingBlockDType("im2col_out_cpu")
        let image = rank == 3 ? try unsqueeze(0) : self
        let (batch, channels) = (image.shape[0], image.shape[1])
        let patchSize = blocks.kernel[0] * blocks.kernel[1]
        let columns = try image.imageColumns(kernel: blocks.kernel, geometry: blocks.geometry)
        let length = columns.shape[3]
        let channelMajor = try columns.reshape([batch, patchSize, channels, length]).permute([0, 2, 1, 3])
            .contiguous().reshape([batch, channels * patchSize, length])
        return rank == 3 ? try channelMajor.squeeze([0]) : channelMajor
    }

    /// `col2im`: sums `[N, C·kH·kW, L]` (or unbatched) blocks onto `[N, C, *outputSize]`.
    public func foldedBlocks(outputSize: [Int], _ blocks: SlidingBlocks) throws -> Tensor {
        let grid = try blocks.checkColumns(shape, outputSize: outputSize)
        try checkSlidingBlockDType("col2im_out_cpu")
        let columns = rank == 2 ? try unsqueeze(0) : self
        let (batch, patchSize) = (columns.shape[0], blocks.kernel[0] * blocks.kernel[1])
        let channels = columns.shape[1] / patchSize
        let kernelFirst = try columns.reshape([batch, channels, patchSize, columns.shape[2]]).permute([0, 2, 1, 3])
        let image = try kernelFirst.foldedColumns(imageShape: [batch, channels] + outputSize, kernel: blocks.kernel,
                                                  geometry: blocks.geometry, outputSize: grid)
        return rank == 2 ? try image.squeeze([0]) : image
    }

    /// ATen dispatches im2col and col2im on floating and bool tensors only.
    private func checkSlidingBlockDType(_ kernelName: String) throws {
        guard !dtype.isIntegral else {
            throw TensorError(.notImplementedError, "\"\(kernelName)\" not implemented for '\(dtype.scalarTypeName)'")
        }
    }
}
