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

    /// Whether PyTorch's CPU convolution of a 2-d `input` `[N, C, H, W]` with a `weight`
    /// `[O, C/groups, kH, kW]` runs oneDNN rather than its own im2col + gemm
    /// (`use_mkldnn`, on one thread). The two round sums differently.
    func runsOnOneDNN(_ input: [Int], _ weight: [Int]) -> Bool {
        let batch = input[0]
        let pointwise = weight[2] == 1 && weight[3] == 1
        let strided = stride.contains { $0 != 1 }, dilated = dilation.contains { $0 != 1 }
        let inputElements = input.reduce(1, *)
        return (strided || dilated || batch >= 16 || !pointwise)
            && (groups > 1 || (weight[2] > 3 && weight[3] > 3) || batch > 1 || inputElements > 20480)
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
        if geometry.stride.count == 3 { return try convolution3d(weight: weight, bias: bias, geometry: geometry) }
        let spatialRank = rank - 2
        let (input, kernel) = (try liftedSpatially(), try weight.liftedSpatially())
        let lifted = geometry.liftedToTwoDimensions
        let (batch, outputChannels) = (shape[0], weight.shape[0])
        let outputHeight = lifted.outputLength(0, input: input.shape[2], kernel: kernel.shape[2])
        let outputWidth = lifted.outputLength(1, input: input.shape[3], kernel: kernel.shape[3])
        let columns = try input.imageColumns(kernel: [kernel.shape[2], kernel.shape[3]], geometry: lifted)
        let groups = geometry.groups
        let weightMatrices = try kernel.patchOrderedMatrices(groups: groups)
        var output = try weightMatrices.broadcastBatchProduct(columns, allowingUnfusedTinyPath: !lifted.runsOnOneDNN(input.shape, kernel.shape))
            .reshape([batch, outputChannels, outputHeight, outputWidth])
        if let bias {
            output = try binary(.add, .tensor(output), .tensor(try bias.reshape([1, outputChannels, 1, 1])))
        }
        return spatialRank == 1 ? try output.squeeze([2]) : output
    }

    /// The gradients of a convolution with respect to its input, weight and bias (each
    /// computed only when asked for).
    public func convolutionBackward(
        gradOutput: Tensor, weight: Tensor, geometry: ConvolutionGeometry, needs: (input: Bool, weight: Bool, bias: Bool)
    ) throws -> (input: Tensor?, weight: Tensor?, bias: Tensor?) {
        if geometry.stride.count == 3 { return try convolution3dBackward(gradOutput: gradOutput, weight: weight, geometry: geometry, needs: needs) }
        // PyTorch picks the backend once per convolution; every gradient follows that choice.
        let onOneDNN = try runsOnOneDNN(weight: weight, geometry: geometry)
        let gradInput = needs.input
            ? try Tensor.convolutionInputGradient(gradOutput: gradOutput, weight: weight, imageShape: shape, geometry: geometry, onOneDNN: onOneDNN)
            : nil
        let gradWeight = needs.weight
            ? try Tensor.convolutionWeightGradient(image: self, gradOutput: gradOutput, weightShape: weight.shape, geometry: geometry,
                                                   onOneDNN: onOneDNN) : nil
        let gradBias = needs.bias ? try Tensor.convolutionBiasGradient(gradOutput: gradOutput, geometry: geometry, onOneDNN: onOneDNN) : nil
        return (gradInput, gradWeight, gradBias)
    }

    /// Whether PyTorch runs this convolution (self as its input) on oneDNN.
    public func runsOnOneDNN(weight: Tensor, geometry: ConvolutionGeometry) throws -> Bool {
        geometry.liftedToTwoDimensions.runsOnOneDNN(try liftedSpatially().shape, try weight.liftedSpatially().shape)
    }

    /// Σ gradOutput over samples and positions, per output channel. oneDNN reduces an
    /// ungrouped float32 convolution's bias gradient as one running sum in memory order;
    /// elsewhere the reduction kernel's order applies.
    public static func convolutionBiasGradient(gradOutput: Tensor, geometry: ConvolutionGeometry, onOneDNN: Bool) throws -> Tensor {
        let channels = gradOutput.shape[1]
        guard gradOutput.dtype == .float32, geometry.groups == 1, onOneDNN else {
            return try gradOutput.sum(dims: [0] + Array(2..<gradOutput.rank), keepDim: false)
        }
        let values = try gradOutput.contiguous().elements(as: Float.self)
        let positions = gradOutput.shape.dropFirst(2).reduce(1, *)
        var sums = [Float](repeating: 0, count: channels)
        for sample in 0..<gradOutput.shape[0] {
            for channel in 0..<channels {
                let start = (sample * channels + channel) * positions
                for index in start..<(start + positions) { sums[channel] += values[index] }
            }
        }
        return try Tensor(values: sums, shape: [channels])
    }

    /// What a convolution's input of `imageShape` receives from its output gradient. It is
    /// also the forward pass of a transposed convolution. An ungrouped float32 one on oneDNN
    /// (`onOneDNN`) takes oneDNN's direct kernel; the rest col2im(weightᵀ · gradOutput),
    /// whose sums round as oneDNN's grouped kernel and PyTorch's own path round theirs.
    public static func convolutionInputGradient(gradOutput: Tensor, weight: Tensor, imageShape: [Int], geometry: ConvolutionGeometry,
                                                onOneDNN: Bool) throws -> Tensor {
        if weight.rank == 5 { return try convolution3dInputGradient(gradOutput: gradOutput, weight: weight, imageShape: imageShape, geometry: geometry) }
        let isOneDimensional = gradOutput.rank == 3
        let (gradient, kernel) = (try gradOutput.liftedSpatially(), try weight.liftedSpatially())
        let liftedShape = isOneDimensional ? [imageShape[0], imageShape[1], 1, imageShape[2]] : imageShape
        if onOneDNN, geometry.groups == 1, gradient.dtype == .float32, kernel.dtype == .float32 {
            let direct = DirectInputGradient(image: liftedShape, output: gradient.shape, weight: kernel.shape,
                                             geometry: geometry.liftedToTwoDimensions)
            let (gradients, weights) = (try gradient.contiguous().elements(as: Float.self), try kernel.contiguous().elements(as: Float.self))
            let values = gradients.withUnsafeBufferPointer { gradients in
                weights.withUnsafeBufferPointer { direct.run(gradient: gradients, weights: $0) }
            }
            return try Tensor(values: values, shape: imageShape)
        }
        let (batch, outputChannels, groups) = (gradient.shape[0], kernel.shape[0], geometry.groups)
        let gradientMatrices = try gradient.contiguous()
            .reshape([batch, groups, outputChannels / groups, gradient.shape[2] * gradient.shape[3]])
        let gradColumns = try kernel.patchOrderedMatrices(groups: groups).matrixTranspose().matmul(gradientMatrices)
        let image = try gradColumns.foldedColumns(imageShape: liftedShape, kernel: [kernel.shape[2], kernel.shape[3]],
                                                  geometry: geometry.liftedToTwoDimensions,
                                                  outputSize: [gradient.shape[2], gradient.shape[3]])
        return isOneDimensional ? try image.squeeze([2]) : image
    }

    /// A convolution's weight gradient, Σ over samples and output positions of
    /// gradOutput · columns(image)ᵀ. An ungrouped float32 one on oneDNN takes oneDNN's
    /// direct kernel (`DirectWeightGradient`); PyTorch's own im2col path adds one product
    /// per sample.
    public static func convolutionWeightGradient(image: Tensor, gradOutput: Tensor, weightShape: [Int], geometry: ConvolutionGeometry,
                                                 onOneDNN: Bool) throws -> Tensor {
        if weightShape.count == 5 { return try convolution3dWeightGradient(image: image, gradOutput: gradOutput, weightShape: weightShape, geometry: geometry) }
        let (input, gradient) = (try image.liftedSpatially(), try gradOutput.liftedSpatially())
        let kernelSize = weightShape.count == 3 ? [1, weightShape[2]] : [weightShape[2], weightShape[3]]
        let (batch, outputChannels, groups) = (input.shape[0], weightShape[0], geometry.groups)
        let lifted = geometry.liftedToTwoDimensions
        if groups == 1, input.dtype == .float32, onOneDNN {
            let direct = DirectWeightGradient(image: input.shape, output: gradient.shape, kernel: kernelSize, geometry: lifted)
            let values = try input.contiguous().elements(as: Float.self)
            let channelsLast = try gradient.permute([0, 2, 3, 1]).contiguous().elements(as: Float.self)
            let sums = values.withUnsafeBufferPointer { values in
                channelsLast.withUnsafeBufferPointer { direct.run(values: values, channelsLast: $0) }
            }
            return try Tensor(values: sums, shape: weightShape)
        }
        let gradientMatrices = try gradient.contiguous()
            .reshape([batch, groups, outputChannels / groups, gradient.shape[2] * gradient.shape[3]])
        let columns = try input.imageColumns(kernel: kernelSize, geometry: lifted)
        let perSample = try gradientMatrices.matmul(try columns.matrixTranspose())
        let patchOrdered = try perSample.sum(dims: [0], keepDim: false)
            .reshape([outputChannels, kernelSize[0], kernelSize[1], weightShape[1]])
        return try patchOrdered.permute([0, 3, 1, 2]).contiguous().reshape(weightShape)
    }

    /// A 1-d tensor `[N, C, L]` as `[N, C, 1, L]`; a 2-d one as it is.
    func liftedSpatially() throws -> Tensor { rank == 3 ? try unsqueeze(2) : self }

    /// A `[O, C/groups, kH, kW]` weight as `[1, groups, O/groups, kH · kW · C/groups]`
    /// matrices whose columns follow `imageColumns`' patch order.
    private func patchOrderedMatrices(groups: Int) throws -> Tensor {
        let patchLength = shape[1] * shape[2] * shape[3]
        return try permute([0, 2, 3, 1]).contiguous().reshape([1, groups, shape[0] / groups, patchLength])
    }

    /// PyTorch's checks, in its order and words (`check_shape_forward`).
    private func checkConvolution(weight: Tensor, bias: Tensor?, geometry: ConvolutionGeometry) throws {
        try checkWindowMagnitudes([shape, weight.shape, geometry.stride, geometry.paddingBefore, geometry.paddingAfter, geometry.dilation, [geometry.groups]])
        let spatialRank = geometry.stride.count
        if geometry.stride.contains(where: { $0 <= 0 }) { throw TensorError.runtime("non-positive stride is not supported") }
        if geometry.paddingBefore.contains(where: { $0 < 0 }) || geometry.paddingAfter.contains(where: { $0 < 0 }) {
            throw TensorError.runtime("negative padding is not supported")
        }
        if geometry.dilation.contains(where: { $0 <= 0 }) { throw TensorError.runtime("dilation should be greater than zero") }
        if geometry.groups <= 0 { throw TensorError.runtime("non-positive groups is not supported") }
        guard dtype == weight.dtype else {
            throw TensorError.scalarTypeMismatch(expected: dtype, found: weight.dtype)
        }
        if let bias, bias.dtype != dtype {
            throw TensorError.scalarTypeMismatch(expected: dtype, found: bias.dtype)
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

/// Window sizes, strides, paddings and input lengths above 2³¹ would overflow the output-size
/// arithmetic (PyTorch fails later, allocating); they are refused up front instead.
public func checkWindowMagnitudes(_ groups: [[Int]]) throws {
    let limit = Int(Int32.max)
    for values in groups {
        if let value = values.first(where: { $0 > limit || $0 < -limit }) {
            throw TensorError.runtime("size \(value) is too large for a convolution or pooling window (at most 2**31 - 1)")
        }
    }
}
