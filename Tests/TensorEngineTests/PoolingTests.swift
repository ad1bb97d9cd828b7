import Testing
@testable import TensorEngine

/// Max pooling against a slow reference that lists each window's positions, and every
/// pooling backward against its forward: a backward pass is the adjoint of the forward
/// map, so ⟨pool(x), g⟩ = ⟨x, poolBackward(g)⟩ for every x and g (max pooling is linear
/// once its argmax is fixed).
@Suite struct PoolingTests {
    static let windows: [PoolingWindow] = [
        PoolingWindow(kernel: [2, 2], stride: [2, 2], padding: [0, 0]),
        PoolingWindow(kernel: [3, 3], stride: [2, 2], padding: [1, 1]),
        PoolingWindow(kernel: [3, 2], stride: [2, 1], padding: [1, 0], ceilMode: true),
        PoolingWindow(kernel: [2, 3], stride: [1, 2], padding: [1, 1], dilation: [2, 1]),
        PoolingWindow(kernel: [3, 3], stride: [3, 3], padding: [1, 0], ceilMode: true),
        PoolingWindow(kernel: [1, 4], stride: [1, 3], padding: [0, 2], ceilMode: true),
    ]

    @Test(arguments: windows)
    func maxPoolMatchesWindowListing(_ window: PoolingWindow) throws {
        let input = try Generator(seed: 17).randn(shape: [2, 3, 7, 8], dtype: .float64)
        let (values, indices) = try input.maxPool2d(window)
        let maxima = values.doubles(), argmaxima = indices.int64s(), source = input.doubles()
        let (outputHeight, outputWidth) = (values.shape[2], values.shape[3])
        for plane in 0..<6 {
            for row in 0..<outputHeight {
                for column in 0..<outputWidth {
                    let positions = windowPositions(window, row: row, column: column, height: 7, width: 8)
                    let best = positions.max { source[plane * 56 + $0] < source[plane * 56 + $1] }!
                    let flat = (plane * outputHeight + row) * outputWidth + column
                    #expect(maxima[flat] == source[plane * 56 + best], "\(window) plane \(plane) (\(row), \(column))")
                    #expect(argmaxima[flat] == Int64(best), "\(window) plane \(plane) (\(row), \(column))")
                }
            }
        }
    }

    @Test func ceilModeDropsAWindowThatStartsInThePadding() throws {
        // PyTorch: 5 wide, kernel 2, stride 2, padding 1, ceil_mode gives 3, not 4.
        let window = PoolingWindow(kernel: [2, 2], stride: [2, 2], padding: [1, 1], ceilMode: true)
        #expect(window.outputLength(1, input: 5) == 3)
        #expect(PoolingWindow(kernel: [3, 3], stride: [2, 2], padding: [0, 0], ceilMode: true).outputLength(0, input: 6) == 3)
        #expect(PoolingWindow(kernel: [3, 3], stride: [2, 2], padding: [0, 0]).outputLength(0, input: 6) == 2)
    }

    @Test(arguments: windows)
    func maxPoolBackwardIsTheAdjoint(_ window: PoolingWindow) throws {
        let input = try Generator(seed: 3).randn(shape: [2, 3, 7, 8], dtype: .float64)
        let (values, indices) = try input.maxPool2d(window)
        let gradient = try Generator(seed: 4).randn(shape: values.shape, dtype: .float64)
        let back = try Tensor.maxPool2dBackward(gradOutput: gradient, indices: indices, inputShape: input.shape)
        expectAdjoint(forward: values, gradient: gradient, input: input, backward: back, "\(window)")
    }

    @Test(arguments: windows.filter { $0.dilation == [1, 1] })
    func avgPoolBackwardIsTheAdjoint(_ window: PoolingWindow) throws {
        for divisor in [AverageDivisor(), AverageDivisor(countIncludePad: false), AverageDivisor(divisorOverride: 5)] {
            let input = try Generator(seed: 5).randn(shape: [2, 3, 7, 8], dtype: .float64)
            let output = try input.avgPool2d(window, divisor: divisor)
            let gradient = try Generator(seed: 6).randn(shape: output.shape, dtype: .float64)
            let back = try Tensor.avgPool2dBackward(gradOutput: gradient, inputShape: input.shape, window: window, divisor: divisor)
            expectAdjoint(forward: output, gradient: gradient, input: input, backward: back, "\(window) \(divisor)")
        }
    }

    @Test(arguments: [[1, 1], [2, 3], [3, 5], [7, 8], [5, 2]])
    func adaptiveAvgPoolBackwardIsTheAdjoint(_ outputSize: [Int]) throws {
        let input = try Generator(seed: 7).randn(shape: [2, 3, 7, 8], dtype: .float64)
        let output = try input.adaptiveAvgPool2d(outputSize: outputSize)
        #expect(output.shape == [2, 3] + outputSize)
        let gradient = try Generator(seed: 8).randn(shape: output.shape, dtype: .float64)
        let back = try Tensor.adaptiveAvgPool2dBackward(gradOutput: gradient, inputShape: input.shape)
        expectAdjoint(forward: output, gradient: gradient, input: input, backward: back, "\(outputSize)")
    }

    @Test func adaptivePoolingToTheInputSizeIsTheIdentity() throws {
        let input = try Generator(seed: 9).randn(shape: [3, 5, 4], dtype: .float32)
        #expect(try input.adaptiveAvgPool2d(outputSize: [5, 4]).doubles() == input.doubles())
    }

    // MARK: - Helpers

    /// The flat positions window (row, column) covers, listed one by one.
    private func windowPositions(_ window: PoolingWindow, row: Int, column: Int, height: Int, width: Int) -> [Int] {
        var positions: [Int] = []
        for kernelRow in 0..<window.kernel[0] {
            for kernelColumn in 0..<window.kernel[1] {
                let h = row * window.stride[0] - window.padding[0] + kernelRow * window.dilation[0]
                let w = column * window.stride[1] - window.padding[1] + kernelColumn * window.dilation[1]
                if h >= 0, h < height, w >= 0, w < width { positions.append(h * width + w) }
            }
        }
        return positions
    }

    private func expectAdjoint(forward: Tensor, gradient: Tensor, input: Tensor, backward: Tensor, _ label: String) {
        #expect(backward.shape == input.shape, "\(label)")
        let left = zip(forward.doubles(), gradient.doubles()).reduce(0) { $0 + $1.0 * $1.1 }
        let right = zip(input.doubles(), backward.doubles()).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(left - right) <= 1e-9 * max(1, abs(left)), "\(label): \(left) vs \(right)")
    }
}
