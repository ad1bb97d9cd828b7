/// `F.conv1d` / `F.conv2d` forward and backward, as im2col + the engine's matrix product
/// (what PyTorch's CPU path does), so the summation runs in the blocked float32 kernel.
/// A 1-d convolution is a 2-d one over a height of one.

/// Stride, padding (before and after each spatial dim, so `padding='same'` with an even
/// kernel can pad unevenly), dilation and groups, one entry per spatial dim.
public struct ConvolutionGeometry: Equatable, Sendable {
    public var stride: [Int]
    public var paddingBefore: [Int]
    public var paddingAfter: [Int]
    public var dilation: [Int]
    public var groups: Int

    public init(stride: [Int], paddingBefore: [Int], paddingAfter: [Int], dilation: [Int], groups: Int) {
        self.stride = stride
        self.paddingBefore = paddingBefore
        self.paddingAfter = paddingAfter
        self.dilation = dilation
        self.groups = groups
    }

    /// The same geometry with a leading height dim of one (stride 1, no padding).
    var liftedToTwoDimensions: ConvolutionGeometry {
        guard stride.count == 1 else { return self }
        return ConvolutionGeometry(stride: [1] + stride, paddingBefore: [0] + paddingBefore,
                                   paddingAfter: [0] + paddingAfter, dilation: [1] + dilation, groups: groups)
    }

    /// The output length along spatial dim `dim` for an input length and kernel length.
    func outputLength(_ dim: Int, input: Int, kernel: Int) -> Int {
        let padded = input + paddingBefore[dim] + paddingAfter[dim]
        return (padded - dilation[dim] * (kernel - 1) - 1) / stride[dim] + 1
    }
}

extension Tensor {
    /// `F.conv1d`/`F.conv2d` on a batched input `[N, C, *spatial]` with a weight
    /// `[O, C / groups, *kernel]`.
    public func convolution(weight: Tensor, bias: Tensor?, geometry: ConvolutionGeometry) throws -> Tensor {
        try checkConvolution(weight: weight, bias: bias, geometry: geometry)
        let spatialRank = rank - 2
        let (input, kernel) = try liftedToTwoDimensions(weight)
        let lifted = geometry.liftedToTwoDimensions
        let (batch, outputChannels) = (shape[0], weight.shape[0])
        let outputHeight = lifted.outputLength(0, input: input.shape[2], kernel: kernel.shape[2])
        let outputWidth = lifted.outputLength(1, input: input.shape[3], kernel: kernel.shape[3])
        let columns = try input.imageColumns(kernel: [kernel.shape[2], kernel.shape[3]], geometry: lifted)
        let groups = geometry.groups
        let weightMatrices = try kernel.patchOrderedMatrices(groups: groups)
        var output = try weightMatrices.matmul(columns).reshape([batch, outputChannels, outputHeight, outputWidth])
        if let bias {
            output = try binary(.add, .tensor(output), .tensor(try bias.reshape([1, outputChannels, 1, 1])))
        }
        return spatialRank == 1 ? try output.squeeze([2]) : output
    }

    /// The gradients of a convolution with respect to its input, weight and bias (each
    /// computed only when asked for): the weight's is Σ_batch gradOut · columnsᵀ, the
    /// input's folds weightᵀ · gradOut back onto the image (col2im).
    public func convolutionBackward(
        gradOutput: Tensor, weight: Tensor, geometry: ConvolutionGeometry, needs: (input: Bool, weight: Bool, bias: Bool)
    ) throws -> (input: Tensor?, weight: Tensor?, bias: Tensor?) {
        let spatialRank = rank - 2
        let (input, kernel) = try liftedToTwoDimensions(weight)
        let lifted = geometry.liftedToTwoDimensions
        let gradient = spatialRank == 1 ? try gradOutput.unsqueeze(2) : gradOutput
        let (batch, outputChannels, groups) = (shape[0], weight.shape[0], geometry.groups)
        let kernelSize = [kernel.shape[2], kernel.shape[3]]
        let gradientMatrices = try gradient.contiguous()
            .reshape([batch, groups, outputChannels / groups, gradient.shape[2] * gradient.shape[3]])
        var gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?
        if needs.input {
            let weightMatrices = try kernel.patchOrderedMatrices(groups: groups)
            let gradColumns = try weightMatrices.matrixTranspose().matmul(gradientMatrices)
            let image = try gradColumns.foldedColumns(imageShape: input.shape, kernel: kernelSize, geometry: lifted,
                                                      outputSize: [gradient.shape[2], gradient.shape[3]])
            gradInput = spatialRank == 1 ? try image.squeeze([2]) : image
        }
        if needs.weight {
            let columns = try input.imageColumns(kernel: kernelSize, geometry: lifted)
            let perSample = try gradientMatrices.matmul(try columns.matrixTranspose())
            let patchOrdered = try perSample.sum(dims: [0], keepDim: false)
                .reshape([outputChannels, kernelSize[0], kernelSize[1], kernel.shape[1]])
            gradWeight = try patchOrdered.permute([0, 3, 1, 2]).contiguous().reshape(weight.shape)
        }
        if needs.bias {
            gradBias = try gradient.sum(dims: [0, 2, 3], keepDim: false)
        }
        return (gradInput, gradWeight, gradBias)
    }

    /// A `[O, C/groups, kH, kW]` weight as `[1, groups, O/groups, kH · kW · C/groups]`
    /// matrices whose columns follow `imageColumns`' patch order.
    private func patchOrderedMatrices(groups: Int) throws -> Tensor {
        let patchLength = shape[1] * shape[2] * shape[3]
        return try permute([0, 2, 3, 1]).contiguous().reshape([1, groups, shape[0] / groups, patchLength])
    }

    /// This input and `weight` with a height dim of one inserted for a 1-d convolution.
    private func liftedToTwoDimensions(_ weight: Tensor) throws -> (input: Tensor, weight: Tensor) {
        rank == 3 ? (try unsqueeze(2), try weight.unsqueeze(2)) : (self, weight)
    }

    /// PyTorch's checks, in its order and words (`check_shape_forward`).
    private func checkConvolution(weight: Tensor, bias: Tensor?, geometry: ConvolutionGeometry) throws {
        let spatialRank = geometry.stride.count
        if geometry.stride.contains(where: { $0 <= 0 }) { throw TensorError.runtime("non-positive stride is not supported") }
        if geometry.paddingBefore.contains(where: { $0 < 0 }) || geometry.paddingAfter.contains(where: { $0 < 0 }) {
            throw TensorError.runtime("negative padding is not supported")
        }
        if geometry.dilation.contains(where: { $0 <= 0 }) { throw TensorError.runtime("dilation should be greater than zero") }
        if geometry.groups <= 0 { throw TensorError.runtime("non-positive groups is not supported") }
        guard dtype == weight.dtype else {
            throw TensorError.runtime("expected scalar type \(dtype.scalarTypeName) but found \(weight.dtype.scalarTypeName)")
        }
        if let bias, bias.dtype != dtype {
            throw TensorError.runtime("expected scalar type \(dtype.scalarTypeName) but found \(bias.dtype.scalarTypeName)")
        }
        guard weight.rank == spatialRank + 2, rank == weight.rank else {
            throw TensorError.runtime(
                "Expected \(weight.rank)-dimensional input for \(weight.rank)-dimensional weight \(formatShape(weight.shape)), but got \(rank)-dimensional input of size \(formatShape(shape)) instead")
        }
        let groups = geometry.groups
        guard weight.shape[0] >= groups else {
            throw TensorError.runtime(
                "Given groups=\(groups), expected weight to be at least \(groups) at dimension 0, but got weight of size \(formatShape(weight.shape)) instead")
        }
        guard weight.shape[0] % groups == 0 else {
            // PyTorch prints this size inside a second pair of brackets.
            throw TensorError.runtime(
                "Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight of size [\(formatShape(weight.shape))] instead")
        }
        guard shape[1] == weight.shape[1] * groups else {
            throw TensorError.runtime(
                "Given groups=\(groups), weight of size \(formatShape(weight.shape)), expected input\(formatShape(shape)) to have \(weight.shape[1] * groups) channels, but got \(shape[1]) channels instead")
        }
        if let bias, bias.rank != 1 || bias.shape[0] != weight.shape[0] {
            throw TensorError.runtime(
                "Given weight of size \(formatShape(weight.shape)), expected bias to be 1-dimensional with \(weight.shape[0]) elements, but got bias of size \(formatShape(bias.shape)) instead")
        }
        let padded = (0..<spatialRank).map { shape[2 + $0] + geometry.paddingBefore[$0] + geometry.paddingAfter[$0] }
        let dilatedKernel = (0..<spatialRank).map { geometry.dilation[$0] * (weight.shape[2 + $0] - 1) + 1 }
        if zip(padded, dilatedKernel).contains(where: { $0 < $1 }) {
            throw TensorError.runtime(
                "Calculated padded input size per channel: (\(padded.map(String.init).joined(separator: " x "))). Kernel size: (\(dilatedKernel.map(String.init).joined(separator: " x "))). Kernel size can't be greater than actual input size")
        }
    }
}
