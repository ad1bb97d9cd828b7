import TensorEngine

extension Autodiff {
    /// `F.local_response_norm`: x / (k + alpha · mean of x² over `size` neighbouring channels)^beta.
    /// PyTorch writes it in Python from other ops, so it is composed here from the same ones
    /// in the same order: the values round alike and the graph ends in DivBackward0.
    public static func localResponseNorm(_ input: Tensor, size: Int, alpha: Double, beta: Double, k: Double) throws -> Tensor {
        guard input.rank >= 3 else {
            throw TensorError.value("Expected 3D or higher dimensionality                          input (got \(input.rank) dimensions)")
        }
        if input.count == 0 { return input }
        let squares = try binary(.multiply, .tensor(input), .tensor(input))
        // The window runs over channels only: `size // 2` zero channels before, `(size - 1) // 2` after.
        let before = size.floorDivided(by: 2), after = (size - 1).floorDivided(by: 2)
        let average: Tensor
        if input.rank == 3 {
            let padded = try constantPadded(try unsqueeze(squares, 1), [0, 0, before, after], value: .int(0))
            let window = PoolingWindow(kernel: [size, 1], stride: [1, 1], padding: [0, 0])
            average = try squeeze(try avgPool2d(padded, window: window, divisor: AverageDivisor()), [1])
        } else {
            let sizes = input.shape
            let volumes = try view(squares, [sizes[0], 1, sizes[1], sizes[2], -1])
            let padded = try constantPadded(volumes, [0, 0, 0, 0, before, after], value: .int(0))
            let window = Pooling3dWindow(kernel: [size, 1, 1], stride: [1, 1, 1], padding: [0, 0, 0], dilation: [1, 1, 1], ceilMode: false)
            let pooled = try avgPool3d(padded, pooling: AveragePooling3d(window: window, countIncludePad: true, divisorOverride: nil))
            average = try view(try squeeze(pooled, [1]), sizes)
        }
        let scaled = try binary(.multiply, .tensor(average), .scalar(.float(alpha)))
        let shifted = try binary(.add, .tensor(scaled), .scalar(.float(k)))
        let divisor = try binary(.power, .tensor(shifted), .scalar(.float(beta)))
        return try binary(.divide, .tensor(input), .tensor(divisor))
    }
}
