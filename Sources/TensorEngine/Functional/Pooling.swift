/// `max_pool2d`, `avg_pool2d` and their backward passes over the last two dims of a 3-d
/// or 4-d tensor, with PyTorch's window arithmetic (CPU kernels in MaxPoolKernel.cpp and
/// AvgPoolKernel.cpp). Each plane (one channel of one sample) is pooled alone.

/// A pooling window: kernel, stride, padding and dilation as (height, width).
public struct PoolingWindow: Equatable, Sendable {
    public var kernel: [Int]
    public var stride: [Int]
    public var padding: [Int]
    public var dilation: [Int]
    public var ceilMode: Bool

    public init(kernel: [Int], stride: [Int], padding: [Int], dilation: [Int] = [1, 1], ceilMode: Bool = false) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.ceilMode = ceilMode
    }

    /// `pooling_output_shape`: in ceil mode the last window may hang over the end, but
    /// must start inside the input or its left padding.
    func outputLength(_ dim: Int, input: Int) -> Int {
        let span = input + 2 * padding[dim] - dilation[dim] * (kernel[dim] - 1) - 1 + (ceilMode ? stride[dim] - 1 : 0)
        var length = span.floorDivided(by: stride[dim]) + 1
        if ceilMode, (length - 1) * stride[dim] >= input + padding[dim] { length -= 1 }
        return length
    }

    /// The output size for an input `shape`, after the checks `pool2d_shape_check` makes,
    /// with its messages.
    func checkedOutputSize(_ shape: [Int]) throws -> [Int] {
        try checkWindowMagnitudes([shape, kernel, stride, padding, dilation])
        if kernel.contains(where: { $0 <= 0 }) {
            throw TensorError.runtime("kernel size should be greater than zero, but got kH: \(kernel[0]) kW: \(kernel[1])")
        }
        if stride.contains(0) { throw TensorError.runtime("stride should not be zero") }
        if stride.contains(where: { $0 < 0 }) {
            throw TensorError.runtime("stride should be greater than zero, but got dH: \(stride[0]) dW: \(stride[1])")
        }
        if dilation.contains(where: { $0 <= 0 }) {
            throw TensorError.runtime("dilation should be greater than zero, but got dilationH: \(dilation[0]) dilationW: \(dilation[1])")
        }
        for dim in 0..<2 where padding[dim] > kernel[dim] / 2 {
            throw TensorError.runtime(
                "pad should be at most half of effective kernel size, but got pad=\(padding[dim]), kernel_size=\(kernel[dim]) and dilation=\(dilation[dim])")
        }
        let outputSize = [outputLength(0, input: shape[shape.count - 2]), outputLength(1, input: shape[shape.count - 1])]
        if outputSize.contains(where: { $0 < 1 }) {
            let planes = shape[shape.count - 3]
            throw TensorError.runtime(
                "Given input size: (\(planes)x\(shape[shape.count - 2])x\(shape[shape.count - 1])). Calculated output size: (\(planes)x\(outputSize[0])x\(outputSize[1])). Output size is too small")
        }
        return outputSize
    }

    /// The window of output position `index` along `dim`, clipped to the input and
    /// (before clipping) to the padded input, as avg_pool2d uses both.
    func span(_ dim: Int, index: Int, input: Int) -> (start: Int, end: Int, paddedCount: Int) {
        let start = index * stride[dim] - padding[dim]
        let end = Swift.min(start + kernel[dim], input + padding[dim])
        return (Swift.max(start, 0), Swift.min(end, input), end - start)
    }
}

/// The planes of a 3-d or 4-d tensor as one row-major array, with their geometry.
struct PooledPlanes {
    let leadingShape: [Int]
    let height: Int
    let width: Int
    var planeCount: Int { leadingShape.reduce(1, *) }
    var planeSize: Int { height * width }

    init(_ shape: [Int]) {
        leadingShape = Array(shape.dropLast(2))
        height = shape[shape.count - 2]
        width = shape[shape.count - 1]
    }
}

extension Tensor {
    /// `F.max_pool2d(..., return_indices=True)`: the maxima and, for each, its flat index
    /// within its plane. A NaN in a window wins, as in PyTorch.
    public func maxPool2d(_ window: PoolingWindow) throws -> (values: Tensor, indices: Tensor) {
        guard (rank == 3 || rank == 4), !shape.dropFirst().contains(0) else {
            throw TensorError.runtime("non-empty 3D or 4D (batch mode) tensor expected for input")
        }
        let planes = PooledPlanes(shape)
        let outputSize = try window.checkedOutputSize(shape)
        let outputPlane = outputSize[0] * outputSize[1]
        let input = doubles()
        var values = [Double](repeating: 0, count: planes.planeCount * outputPlane)
        var indices = [Int64](repeating: 0, count: values.count)
        input.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { valueBuffer in
                indices.withUnsafeMutableBufferPointer { indexBuffer in
                    for plane in 0..<planes.planeCount {
                        maxPoolPlane(source.baseAddress! + plane * planes.planeSize, planes: planes, window: window,
                                     outputSize: outputSize, values: valueBuffer.baseAddress! + plane * outputPlane,
                                     indices: indexBuffer.baseAddress! + plane * outputPlane)
                    }
                }
            }
        }
        let outputShape = planes.leadingShape + outputSize
        return (try ResultBuilder.tensor(doubles: values, shape: outputShape, dtype: dtype),
                try Tensor(values: indices, shape: outputShape))
    }

    /// The gradient of max_pool2d: each output's gradient added at its argmax.
    public static func maxPool2dBackward(gradOutput: Tensor, indices: Tensor, inputShape: [Int]) throws -> Tensor {
        let planes = PooledPlanes(inputShape)
        let gradient = gradOutput.doubles(), positions = indices.int64s()
        let round = gradOutput.dtype.accumulationRounding
        let outputPlane = gradOutput.count / Swift.max(planes.planeCount, 1)
        var result = [Double](repeating: 0, count: planes.planeCount * planes.planeSize)
        for plane in 0..<planes.planeCount {
            for index in 0..<outputPlane {
                let flat = plane * outputPlane + index
                let position = plane * planes.planeSize + Int(positions[flat])
                result[position] = round(result[position] + gradient[flat])
            }
        }
        return try ResultBuilder.tensor(doubles: result, shape: inputShape, dtype: gradOutput.dtype)
    }
}

private func maxPoolPlane(
    _ input: UnsafePointer<Double>, planes: PooledPlanes, window: PoolingWindow, outputSize: [Int],
    values: UnsafeMutablePointer<Double>, indices: UnsafeMutablePointer<Int64>
) {
    let (height, width) = (planes.height, planes.width)
    for outputRow in 0..<outputSize[0] {
        var rowStart = outputRow * window.stride[0] - window.padding[0]
        let rowEnd = Swift.min(rowStart + (window.kernel[0] - 1) * window.dilation[0] + 1, height)
        while rowStart < 0 { rowStart += window.dilation[0] }
        for outputColumn in 0..<outputSize[1] {
            var columnStart = outputColumn * window.stride[1] - window.padding[1]
            let columnEnd = Swift.min(columnStart + (window.kernel[1] - 1) * window.dilation[1] + 1, width)
            while columnStart < 0 { columnStart += window.dilation[1] }
            var best = -Double.infinity
            var bestIndex = rowStart * width + columnStart
            for row in stride(from: rowStart, to: rowEnd, by: window.dilation[0]) {
                for column in stride(from: columnStart, to: columnEnd, by: window.dilation[1]) {
                    let value = input[row * width + column]
                    if value > best || value.isNaN {
                        best = value
                        bestIndex = row * width + column
                    }
                }
            }
            values[outputRow * outputSize[1] + outputColumn] = best
            indices[outputRow * outputSize[1] + outputColumn] = Int64(bestIndex)
        }
    }
}
