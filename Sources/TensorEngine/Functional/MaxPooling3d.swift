/// `F.max_pool3d` on `[C, D, H, W]` or `[N, C, D, H, W]`: each output cell takes the
/// maximum of its dilated window (NaN wins, the first maximum otherwise) and the index of
/// that maximum within its volume (d·H·W + h·W + w), as ATen's `cpu_max_pool` scans it.
public struct Pooling3dWindow: Sendable {
    public var kernel: [Int]
    public var stride: [Int]
    public var padding: [Int]
    public var dilation: [Int]
    public var ceilMode: Bool

    public init(kernel: [Int], stride: [Int], padding: [Int], dilation: [Int], ceilMode: Bool) {
        (self.kernel, self.stride, self.padding, self.dilation, self.ceilMode) = (kernel, stride, padding, dilation, ceilMode)
    }

    /// `pooling_output_shape`: with ceil_mode the last window must still start inside the
    /// input or its left padding.
    func outputLength(_ dim: Int, input: Int) -> Int {
        let span = input + 2 * padding[dim] - dilation[dim] * (kernel[dim] - 1) - 1 + (ceilMode ? stride[dim] - 1 : 0)
        var length = Int((Double(span) / Double(stride[dim])).rounded(.down)) + 1
        if ceilMode, (length - 1) * stride[dim] >= input + padding[dim] { length -= 1 }
        return length
    }
}

extension Tensor {
    public func maxPool3d(_ window: Pooling3dWindow) throws -> (values: Tensor, indices: Tensor) {
        try checkPooling3d(window, kernelName: "max_pool3d_with_indices_cpu", checkInputSize: false)
        let volumes = PooledVolumes(shape, spatialRank: 3)
        let (depth, height, width) = (volumes.spatialShape[0], volumes.spatialShape[1], volumes.spatialShape[2])
        let output = (0..<3).map { window.outputLength($0, input: volumes.spatialShape[$0]) }
        try ensureAllocatable(shape: volumes.leadingShape + output)
        let input = doubles()
        let cells = output.reduce(1, *)
        var values = [Double](repeating: 0, count: volumes.count * cells)
        var indices = [Int64](repeating: 0, count: values.count)
        func span(_ dim: Int, _ index: Int, _ length: Int) -> StrideTo<Int> {
            var start = index * window.stride[dim] - window.padding[dim]
            let end = Swift.min(start + (window.kernel[dim] - 1) * window.dilation[dim] + 1, length)
            while start < 0 { start += window.dilation[dim] }
            return Swift.stride(from: start, to: end, by: window.dilation[dim])
        }
        var cell = 0
        for volume in 0..<volumes.count {
            let base = volume * volumes.size
            for od in 0..<output[0] {
                let depths = span(0, od, depth)
                for oh in 0..<output[1] {
                    let rows = span(1, oh, height)
                    for ow in 0..<output[2] {
                        let columns = span(2, ow, width)
                        var best = -Double.infinity
                        var bestIndex = ((depths.first { _ in true } ?? 0) * height + (rows.first { _ in true } ?? 0)) * width
                            + (columns.first { _ in true } ?? 0)
                        for d in depths {
                            for h in rows {
                                for w in columns {
                                    let index = (d * height + h) * width + w
                                    let value = input[base + index]
                                    if value > best || value.isNaN { (best, bestIndex) = (value, index) }
                                }
                            }
                        }
                        (values[cell], indices[cell]) = (best, Int64(bestIndex))
                        cell += 1
                    }
                }
            }
        }
        return (try ResultBuilder.tensor(doubles: values, shape: volumes.leadingShape + output, dtype: dtype),
                try ResultBuilder.tensor(int64s: indices, shape: volumes.leadingShape + output, dtype: .int64))
    }

    /// The checks of `max_pool3d_with_indices` and `avg_pool3d`, in ATen's order and words:
    /// the rank, then `pooling_output_shape`'s per dim, then `pool3d_shape_check` (which
    /// makes an average pooling's window fit in the input).
    func checkPooling3d(_ window: Pooling3dWindow, kernelName: String, checkInputSize: Bool) throws {
        let (k, s, p, d) = (window.kernel, window.stride, window.padding, window.dilation)
        try checkWindowMagnitudes([shape, k, s, p, d])
        guard rank == 4 || rank == 5 else { throw TensorError.runtime("non-empty 4D or 5D (batch mode) tensor expected for input") }
        for dim in 0..<3 {
            if s[dim] == 0 { throw TensorError.runtime("stride should not be zero") }
            if p[dim] < 0 { throw TensorError.runtime("pad must be non-negative, but got pad: \(p[dim])") }
            if p[dim] > ((k[dim] - 1) * d[dim] + 1) / 2 {
                throw TensorError.runtime(
                    "pad should be at most half of effective kernel size, but got pad=\(p[dim]), kernel_size=\(k[dim]) and dilation=\(d[dim])")
            }
        }
        guard k.allSatisfy({ $0 > 0 }) else {
            throw TensorError.runtime("kernel size should be greater than zero, but got kT: \(k[0]) kH: \(k[1]) kW: \(k[2])")
        }
        guard s.allSatisfy({ $0 > 0 }) else {
            throw TensorError.runtime("stride should be greater than zero, but got dT: \(s[0]) dH: \(s[1]) dW: \(s[2])")
        }
        guard d.allSatisfy({ $0 > 0 }) else {
            throw TensorError.runtime(
                "dilation should be greater than zero, but got dilationT: \(d[0]) dilationH: \(d[1]) dilationW: \(d[2])")
        }
        guard checkInputSize || dtype.isFloatingPoint else { throw TensorError.kernelNotImplemented(kernelName, dtype) }
        let spatial = Array(shape.suffix(3))
        if checkInputSize, (0..<3).contains(where: { spatial[$0] < k[$0] }) {
            throw TensorError.runtime(
                "input image (T: \(spatial[0]) H: \(spatial[1]) W: \(spatial[2])) smaller than kernel size (kT: \(k[0]) kH: \(k[1]) kW: \(k[2]))")
        }
        guard (0..<3).allSatisfy({ k[$0] / 2 >= p[$0] }) else {
            throw TensorError.runtime(
                "pad should be smaller than or equal to half of kernel size, but got kT: \(k[0]) kW: \(k[2]) kH: \(k[1]) padT: \(p[0]) padW: \(p[2]) padH: \(p[1])")
        }
        let output = (0..<3).map { window.outputLength($0, input: spatial[$0]) }
        if output.contains(where: { $0 < 1 }) {
            let channels = shape[rank - 4]
            throw TensorError.runtime(
                "Given input size: (\(channels)x\(spatial.map(String.init).joined(separator: "x"))). Calculated output size: (\(channels)x\(output.map(String.init).joined(separator: "x"))). Output size is too small")
        }
    }

    /// Each output's gradient added at the input position its maximum came from, in output order.
    public static func maxPool3dBackward(gradOutput: Tensor, indices: Tensor, inputShape: [Int]) throws -> Tensor {
        try adaptiveMaxPoolBackward(gradOutput: gradOutput, indices: indices, inputShape: inputShape, spatialRank: 3)
    }
}
