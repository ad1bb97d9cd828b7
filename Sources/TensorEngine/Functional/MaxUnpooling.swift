/// `max_unpool2d`: each input value written into a zero output plane at the flat index
/// (within its H × W plane) that `max_pool2d(return_indices=True)` recorded for it.
/// The input is (C, H, W) or (N, C, H, W); its gradient reads the output gradient back
/// at the same indices. Checks follow MaxUnpooling.cpp in order and words.
extension Tensor {
    public static func maxUnpool2d(_ input: Tensor, indices: Tensor, outputSize: [Int]) throws -> Tensor {
        guard indices.dtype == .int64 else {
            throw TensorError.runtime("elements in indices should be type int64 but got: \(indices.dtype.scalarTypeName)")
        }
        guard outputSize.count == 2 else {
            throw TensorError.runtime(
                "There should be exactly two elements (height, width) in output_size, but got \(outputSize.count) elements.")
        }
        guard input.rank == 3 || input.rank == 4 else {
            throw TensorError.runtime(
                "Input to max_unpooling2d should be a 3d or 4d Tensor, but got a tensor with \(input.rank) dimensions.")
        }
        guard input.shape == indices.shape else {
            throw TensorError.runtime(
                "Expected shape of indices to be same as that of the input tensor (\(formatShape(input.shape))) but got indices tensor with shape: \(formatShape(indices.shape))")
        }
        for dim in 1..<input.rank where input.shape[dim] <= 0 {
            throw TensorError.runtime(
                "max_unpooling2d_forward_out_cpu(): Expected input to have non-zero size for non-batch dimensions, but input has sizes \(formatShape(input.shape)) with dimension \(dim) being empty")
        }
        let (height, width) = (outputSize[0], outputSize[1])
        let outputShape = Array(input.shape.dropLast(2)) + [height, width]
        try ensureAllocatable(shape: outputShape)
        let planes = input.shape.dropLast(2).reduce(1, *), inputPlane = input.shape.suffix(2).reduce(1, *)
        let outputPlane = height * width
        let values = try input.to(.float64).contiguous().elements(as: Double.self)
        let targets = try indices.contiguous().elements(as: Int64.self)
        var output = [Double](repeating: 0, count: planes * outputPlane)
        // The kernel goes on past a bad index and reports the last one it met.
        var invalid: Int64?
        for plane in 0..<planes {
            for position in 0..<inputPlane {
                let target = targets[plane * inputPlane + position]
                guard target >= 0, target < Int64(outputPlane) else {
                    invalid = target
                    continue
                }
                output[plane * outputPlane + Int(target)] = values[plane * inputPlane + position]
            }
        }
        if let invalid {
            throw TensorError.runtime("Found an invalid max index: \(invalid) (output volumes are of size \(height)x\(width))")
        }
        return try ResultBuilder.tensor(doubles: output, shape: outputShape, dtype: input.dtype)
    }

    /// The input's gradient: the output gradient read at each index.
    public static func maxUnpool2dBackward(gradOutput: Tensor, indices: Tensor) throws -> Tensor {
        let planes = indices.shape.dropLast(2).reduce(1, *), inputPlane = indices.shape.suffix(2).reduce(1, *)
        let outputPlane = gradOutput.shape.suffix(2).reduce(1, *)
        let gradients = try gradOutput.to(.float64).contiguous().elements(as: Double.self)
        let targets = try indices.contiguous().elements(as: Int64.self)
        var result = [Double](repeating: 0, count: planes * inputPlane)
        for plane in 0..<planes {
            for position in 0..<inputPlane {
                result[plane * inputPlane + position] = gradients[plane * outputPlane + Int(targets[plane * inputPlane + position])]
            }
        }
        return try ResultBuilder.tensor(doubles: result, shape: indices.shape, dtype: gradOutput.dtype)
    }
}
