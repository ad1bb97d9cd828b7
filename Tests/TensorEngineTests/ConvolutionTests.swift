import Testing
@testable import TensorEngine

/// The im2col convolution and its col2im backward against slow, obviously-correct loops
/// that visit every (output, patch element) pair, over shapes, strides, uneven padding,
/// dilations and groups.
@Suite struct ConvolutionTests {
    struct Case: CustomStringConvertible, Sendable {
        var batch = 2, inChannels = 3, outChannels = 4, height = 7, width = 6, kernel = [3, 3]
        var stride = [1, 1], before = [0, 0], after = [0, 0], dilation = [1, 1], groups = 1

        var geometry: ConvolutionGeometry {
            ConvolutionGeometry(stride: stride, paddingBefore: before, paddingAfter: after, dilation: dilation, groups: groups)
        }
        var description: String { "N\(batch) C\(inChannels)→\(outChannels) \(height)x\(width) k\(kernel) s\(stride) p\(before)/\(after) d\(dilation) g\(groups)" }
    }

    static let cases: [Case] = [
        Case(),
        Case(batch: 1, inChannels: 1, outChannels: 1, height: 5, width: 5, kernel: [1, 1]),
        Case(stride: [2, 3]),
        Case(before: [1, 2], after: [1, 2]),
        Case(before: [0, 1], after: [1, 2]),
        Case(kernel: [2, 3], dilation: [2, 2]),
        Case(inChannels: 4, outChannels: 6, groups: 2),
        Case(inChannels: 4, outChannels: 4, kernel: [3, 2], stride: [2, 1], before: [1, 1], after: [1, 1], dilation: [1, 2], groups: 4),
        Case(batch: 3, inChannels: 2, outChannels: 5, height: 9, width: 4, kernel: [4, 1], stride: [3, 2], before: [2, 0], after: [2, 0]),
        Case(height: 3, width: 3, kernel: [3, 3], before: [1, 1], after: [1, 1]),
        Case(height: 8, width: 8, kernel: [5, 5], stride: [2, 2], before: [2, 2], after: [2, 2], dilation: [1, 1]),
    ]

    @Test(arguments: cases)
    func forwardMatchesDirectLoop(_ testCase: Case) throws {
        let (input, weight, bias) = try operands(testCase, seed: 3)
        let output = try input.convolution(weight: weight, bias: bias, geometry: testCase.geometry)
        let expected = directConvolution(testCase, input.doubles(), weight.doubles(), bias.doubles())
        #expect(output.shape == expected.shape, "\(testCase)")
        expectClose(output.doubles(), expected.values, "\(testCase)")
    }

    @Test(arguments: cases)
    func backwardMatchesDirectLoop(_ testCase: Case) throws {
        let (input, weight, _) = try operands(testCase, seed: 5)
        let outputShape = directConvolution(testCase, input.doubles(), weight.doubles(), nil).shape
        let gradOutput = try Generator(seed: 9).randn(shape: outputShape, dtype: .float64)
        let gradients = try input.convolutionBackward(gradOutput: gradOutput, weight: weight, geometry: testCase.geometry,
                                                      needs: (true, true, true))
        let expected = directConvolutionGradients(testCase, input.doubles(), weight.doubles(), gradOutput.doubles(), outputShape: outputShape)
        expectClose(try #require(gradients.input).doubles(), expected.input, "input \(testCase)")
        expectClose(try #require(gradients.weight).doubles(), expected.weight, "weight \(testCase)")
        expectClose(try #require(gradients.bias).doubles(), expected.bias, "bias \(testCase)")
    }

    /// A transposed convolution is the adjoint of the convolution with the same weight:
    /// ⟨conv(x), y⟩ = ⟨x, conv_transpose(y)⟩, when output_padding restores x's size.
    @Test(arguments: cases)
    func transposedConvolutionIsTheAdjoint(_ testCase: Case) throws {
        let (input, weight, _) = try operands(testCase, seed: 11)
        let output = try input.convolution(weight: weight, bias: nil, geometry: testCase.geometry)
        let probe = try Generator(seed: 12).randn(shape: output.shape, dtype: .float64)
        let geometry = testCase.geometry
        let outputPadding = (0..<2).map { dim -> Int in
            let covered = (output.shape[2 + dim] - 1) * geometry.stride[dim] - geometry.paddingBefore[dim] - geometry.paddingAfter[dim]
                + geometry.dilation[dim] * (testCase.kernel[dim] - 1) + 1
            return input.shape[2 + dim] - covered
        }
        // PyTorch allows output_padding only below the stride or dilation, and only symmetric padding.
        guard geometry.paddingBefore == geometry.paddingAfter,
              outputPadding.indices.allSatisfy({ outputPadding[$0] < max(geometry.stride[$0], geometry.dilation[$0]) }) else { return }
        let transposed = try probe.transposedConvolution(weight: weight, bias: nil, geometry: geometry, outputPadding: outputPadding)
        #expect(transposed.shape == input.shape, "\(testCase)")
        let left = zip(output.doubles(), probe.doubles()).reduce(0) { $0 + $1.0 * $1.1 }
        let right = zip(input.doubles(), transposed.doubles()).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(left - right) <= 1e-9 * max(1, abs(left)), "\(testCase): \(left) vs \(right)")
    }

    @Test func oneDimensionalIsTwoDimensionalWithHeightOne() throws {
        let generator = Generator(seed: 21)
        let input = try generator.randn(shape: [2, 4, 11], dtype: .float64)
        let weight = try generator.randn(shape: [6, 2, 3], dtype: .float64)
        let geometry = ConvolutionGeometry(stride: [2], paddingBefore: [1], paddingAfter: [2], dilation: [2], groups: 2)
        let output = try input.convolution(weight: weight, bias: nil, geometry: geometry)
        let lifted = try input.unsqueeze(2).convolution(weight: try weight.unsqueeze(2), bias: nil, geometry: geometry.liftedToTwoDimensions)
        #expect(output.shape == [2, 6, 5])
        expectClose(output.doubles(), lifted.doubles(), "conv1d")
    }

    @Test func float32StaysWithinPyTorchsTolerance() throws {
        let testCase = Case(batch: 2, inChannels: 8, outChannels: 5, height: 10, width: 9, stride: [2, 1], before: [1, 1], after: [1, 1])
        let (input, weight, bias) = try operands(testCase, seed: 13)
        let output = try input.to(.float32).convolution(weight: try weight.to(.float32), bias: try bias.to(.float32), geometry: testCase.geometry)
        #expect(output.dtype == .float32)
        let expected = directConvolution(testCase, input.doubles(), weight.doubles(), bias.doubles())
        expectClose(output.doubles(), expected.values, "float32", tolerance: 1e-5)
    }

    @Test func shapeErrorsUsePyTorchsWords() throws {
        let input = try Tensor.zeros(shape: [1, 3, 5, 5], dtype: .float32)
        let geometry = ConvolutionGeometry(stride: [1, 1], paddingBefore: [0, 0], paddingAfter: [0, 0], dilation: [1, 1], groups: 1)
        #expect(throws: TensorError.runtime(
            "Given groups=1, weight of size [2, 2, 3, 3], expected input[1, 3, 5, 5] to have 2 channels, but got 3 channels instead")) {
            try input.convolution(weight: try Tensor.zeros(shape: [2, 2, 3, 3], dtype: .float32), bias: nil, geometry: geometry)
        }
        #expect(throws: TensorError.runtime(
            "Calculated padded input size per channel: (5 x 5). Kernel size: (7 x 7). Kernel size can't be greater than actual input size")) {
            try input.convolution(weight: try Tensor.zeros(shape: [2, 3, 7, 7], dtype: .float32), bias: nil, geometry: geometry)
        }
    }

    // MARK: - The reference

    private func operands(_ testCase: Case, seed: UInt64) throws -> (Tensor, Tensor, Tensor) {
        let generator = Generator(seed: seed)
        let input = try generator.randn(shape: [testCase.batch, testCase.inChannels, testCase.height, testCase.width], dtype: .float64)
        let weight = try generator.randn(shape: [testCase.outChannels, testCase.inChannels / testCase.groups] + testCase.kernel, dtype: .float64)
        let bias = try generator.randn(shape: [testCase.outChannels], dtype: .float64)
        return (input, weight, bias)
    }

    /// Calls `body(inputIndex, weightIndex, outputIndex)` for every output position and
    /// every patch element that lands inside the image (padding contributes zero).
    private func forEachTap(_ t: Case, outputShape: [Int], _ body: (_ input: Int, _ weight: Int, _ output: Int) -> Void) {
        let groupIn = t.inChannels / t.groups, groupOut = t.outChannels / t.groups
        for n in 0..<t.batch {
            for o in 0..<t.outChannels {
                for oh in 0..<outputShape[2] {
                    for ow in 0..<outputShape[3] {
                        for c in 0..<groupIn {
                            for kh in 0..<t.kernel[0] {
                                for kw in 0..<t.kernel[1] {
                                    let h = oh * t.stride[0] - t.before[0] + kh * t.dilation[0]
                                    let w = ow * t.stride[1] - t.before[1] + kw * t.dilation[1]
                                    guard h >= 0, h < t.height, w >= 0, w < t.width else { continue }
                                    let channel = (o / groupOut) * groupIn + c
                                    let inputIndex = ((n * t.inChannels + channel) * t.height + h) * t.width + w
                                    let weightIndex = ((o * groupIn + c) * t.kernel[0] + kh) * t.kernel[1] + kw
                                    let outputIndex = ((n * t.outChannels + o) * outputShape[2] + oh) * outputShape[3] + ow
                                    body(inputIndex, weightIndex, outputIndex)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private func outputShape(_ t: Case) -> [Int] {
        let height = (t.height + t.before[0] + t.after[0] - t.dilation[0] * (t.kernel[0] - 1) - 1) / t.stride[0] + 1
        let width = (t.width + t.before[1] + t.after[1] - t.dilation[1] * (t.kernel[1] - 1) - 1) / t.stride[1] + 1
        return [t.batch, t.outChannels, height, width]
    }

    private func directConvolution(_ t: Case, _ input: [Double], _ weight: [Double], _ bias: [Double]?) -> (values: [Double], shape: [Int]) {
        let shape = outputShape(t)
        var output = [Double](repeating: 0, count: shape.reduce(1, *))
        if let bias {
            for index in output.indices { output[index] = bias[(index / (shape[2] * shape[3])) % t.outChannels] }
        }
        forEachTap(t, outputShape: shape) { inputIndex, weightIndex, outputIndex in
            output[outputIndex] += input[inputIndex] * weight[weightIndex]
        }
        return (output, shape)
    }

    private func directConvolutionGradients(_ t: Case, _ input: [Double], _ weight: [Double], _ gradOutput: [Double], outputShape: [Int])
        -> (input: [Double], weight: [Double], bias: [Double]) {
        var gradInput = [Double](repeating: 0, count: input.count)
        var gradWeight = [Double](repeating: 0, count: weight.count)
        var gradBias = [Double](repeating: 0, count: t.outChannels)
        for (index, value) in gradOutput.enumerated() { gradBias[(index / (outputShape[2] * outputShape[3])) % t.outChannels] += value }
        forEachTap(t, outputShape: outputShape) { inputIndex, weightIndex, outputIndex in
            gradInput[inputIndex] += gradOutput[outputIndex] * weight[weightIndex]
            gradWeight[weightIndex] += gradOutput[outputIndex] * input[inputIndex]
        }
        return (gradInput, gradWeight, gradBias)
    }

    private func expectClose(_ actual: [Double], _ expected: [Double], _ label: String, tolerance: Double = 1e-10) {
        #expect(actual.count == expected.count, "\(label): \(actual.count) vs \(expected.count) elements")
        let worst = zip(actual, expected).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst <= tolerance, "\(label): relative error \(worst)")
    }
}
