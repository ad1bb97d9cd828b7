import Testing
@testable import TensorEngine

/// float32 `prod` along one dim multiplies each output's factors in index order from 1,
/// the order of PyTorch's one-thread kernel; the contiguous fast path must keep it.
@Suite struct ProductKernelTests {
    /// Index-order products of a row-major [outer, length, inner] block, in Float.
    private func expectedProducts(_ values: [Float], outer: Int, length: Int, inner: Int) -> [UInt32] {
        var result: [UInt32] = []
        for block in 0..<outer {
            for index in 0..<inner {
                var product: Float = 1
                for step in 0..<length { product = product * values[(block * length + step) * inner + index] }
                result.append(product.bitPattern)
            }
        }
        return result
    }

    @Test(arguments: [([3, 37, 50], 0), ([3, 37, 50], 1), ([3, 37, 50], 2), ([19, 13], 0), ([19, 13], 1), ([5], 0), ([4, 0, 3], 1)])
    func matchesIndexOrderProducts(_ shape: [Int], _ dim: Int) throws {
        // Factors near 1, so long products stay finite and every rounding counts.
        let input = try binary(.add, .tensor(try kernelTestInput(shape, scale: 0.25)), .scalar(.float(1)))
        let product = try input.prod(dim: dim, keepDim: false)
        let outer = shape[..<dim].reduce(1, *), inner = shape[(dim + 1)...].reduce(1, *)
        #expect(product.shape == shape.enumerated().filter { $0.offset != dim }.map(\.element))
        #expect(product.elements(as: Float.self).map(\.bitPattern)
                == expectedProducts(input.elements(as: Float.self), outer: outer, length: shape[dim], inner: inner))
    }
}
