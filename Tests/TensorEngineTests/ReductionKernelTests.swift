import Testing
@testable import TensorEngine

/// float32 sums must reproduce PyTorch's cascade order bit for bit. Expected values are
/// float32 bit patterns from PyTorch 2.15 with `torch.set_num_threads(1)`, for inputs
/// `((arange(n) * 7919) % 1009).float() / 1009 - 0.5` (see `kernelTestInput`).
@Suite struct ReductionKernelTests {
    private func bits(_ tensor: Tensor) -> [UInt32] { tensor.elements(as: Float.self).map(\.bitPattern) }

    private func expectBits(_ tensor: Tensor, _ expected: [Int: UInt32], sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = bits(tensor)
        for (index, pattern) in expected {
            #expect(actual[index] == pattern, "element \(index): \(Float(bitPattern: actual[index])) vs \(Float(bitPattern: pattern))",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func contiguousRowsUseTheVectorizedInnerCascade() throws {
        let x = try kernelTestInput([1000, 1000])
        expectBits(try x.sum(dims: [1], keepDim: false),
                   [0: 0x3E34A574, 1: 0xBF8D92E8, 2: 0xBEC6E9EC, 500: 0xBF86B92F, 999: 0xBF7FBF14])
        expectBits(try x.mean(dims: [1], keepDim: false), [0: 0x3938FB58, 3: 0x39AC82CF, 999: 0xBA82F131])
        expectBits(try x.sum(dims: nil, keepDim: false), [0: 0xC3F7A62F])
    }

    @Test func columnsUseTheVectorizedOuterCascadeAndScalarTail() throws {
        let x = try kernelTestInput([1000, 1003])
        expectBits(try x.sum(dims: [0], keepDim: false),
                   [0: 0xBD6F80C0, 31: 0xBF409233, 32: 0xBFB19A08, 500: 0xBFD98FDC, 995: 0xBF950EF7, 1001: 0xBF79E92B, 1002: 0xBF1C8B08])
    }

    @Test func reducedDimsThatDoNotMergeAccumulateBlockByBlock() throws {
        let x = try kernelTestInput([3, 37, 50])
        let expected: [UInt32] = [
            0xBD4F0880, 0x3F2F5174, 0xBF146C94, 0x3E1F557E, 0xBF8DF454, 0x3F20594E, 0xBFD1B260, 0x3F8C6E9C, 0xBE2B8332,
            0xBEDD3DA9, 0x3E9B4644, 0xBF761AE4, 0x3F46270E, 0xBEFB2DE8, 0x3E7AABDC, 0x3F7AECFB, 0xBFA46888, 0x3FB9B872,
            0xBFE82690, 0x3FF5FA6C, 0xBFABE49A, 0x3EC8F182, 0x3E02EB0C, 0xBF9181A6, 0x3F193EAC, 0xBF2A7F61, 0x3D8E14B8,
            0xBE47EDC8, 0xBEEB72FA, 0x3E8D1106, 0xBF7D358A, 0x3F3F0C6D, 0xBF04B19C, 0x3F9BC830, 0xBF8616D8, 0x3F301446,
            0xBF13A9BA,
        ]
        #expect(bits(try x.sum(dims: [0, 2], keepDim: false)) == expected)
    }

    @Test func transposedAndSmallInputsUseTheScalarCascades() throws {
        let transposed = try kernelTestInput([200, 300]).transpose(0, 1)
        expectBits(try transposed.sum(dims: [1], keepDim: false), [0: 0xBFD17168, 7: 0xBF6CF8AC, 299: 0x4024B9B8])
        let small = try kernelTestInput([7, 5])
        #expect(bits(try small.sum(dims: [1], keepDim: false))
            == [0xBC85F680, 0x3E456438, 0xBF191E32, 0xBEC72AE0, 0x3F51F34F, 0x3CEF8220, 0x3E74134A])
        #expect(bits(try small.sum(dims: [0], keepDim: false)) == [0xBED7E9AD, 0xBEF75FA8, 0x3EE92A5D, 0x3EC9B465, 0x3EAA3E6A])
    }

    @Test func softmaxRowsSumAsPyTorchPrintsThem() throws {
        let logits = try Tensor(values: [Float(2.0), 1.0, 0.1, 0.5, 2.5, -1.0], shape: [2, 3])
        #expect(bits(try logits.softmax(dim: -1).sum(dims: [1], keepDim: false)) == [0x3F80_0001, 0x3F80_0000])
    }

    @Test func edgeCasesKeepTheirMeaning() throws {
        let empty = try Tensor(values: [Float](), shape: [0, 3])
        #expect(try empty.sum(dims: [0], keepDim: false).elements(as: Float.self) == [0, 0, 0])
        #expect(try empty.mean(dims: [0], keepDim: false).elements(as: Float.self).allSatisfy { $0.isNaN })
        let scalar = Tensor(scalar: Float(2.5))
        #expect(try scalar.sum(dims: nil, keepDim: false).elements(as: Float.self) == [2.5])
        let withNaN = try Tensor(values: [Float(1), .nan, 3, .infinity, 1, 2], shape: [2, 3])
        let sums = try withNaN.sum(dims: [1], keepDim: true).elements(as: Float.self)
        #expect(sums[0].isNaN && sums[1] == .infinity)
        // A reduced dim of size 1 is a copy.
        #expect(try withNaN.sum(dims: [0], keepDim: false).shape == [3])
        #expect(try kernelTestInput([4, 1]).sum(dims: [1], keepDim: false).elements(as: Float.self)
            == kernelTestInput([4, 1]).elements(as: Float.self))
    }

    /// Every path against a Double sum of the same elements.
    @Test func agreesWithDoubleSumsWithinRounding() throws {
        let shapes: [([Int], [Int])] = [([9, 17, 33], [1]), ([9, 17, 33], [0, 2]), ([64, 40], [0]), ([5, 6, 7, 8], [1, 3]), ([300], [0])]
        for (shape, dims) in shapes {
            let x = try kernelTestInput(shape)
            let ours = try x.sum(dims: dims, keepDim: false).elements(as: Float.self)
            let reference = try x.to(.float64).sum(dims: dims, keepDim: false).doubles()
            for (actual, expected) in zip(ours, reference) {
                #expect(Swift.abs(Double(actual) - expected) <= 1e-5 * Double(shape.reduce(1, *)), "\(shape) \(dims)")
            }
        }
    }
}

/// `((arange(n) * 7919) % 1009).float() / 1009 - 0.5`, computed in float32 as PyTorch does.
func kernelTestInput(_ shape: [Int], scale: Float = 1) throws -> Tensor {
    let count = shape.reduce(1, *)
    let values = (0..<count).map { index in (Float((index * 7919) % 1009) / 1009 - 0.5) * scale }
    return try Tensor(values: values, shape: shape)
}
