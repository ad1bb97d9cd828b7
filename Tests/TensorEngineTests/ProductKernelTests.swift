import Testing
@testable import TensorEngine

/// float32 `prod` along one dim in the order of PyTorch's one-thread AVX2 kernel: along a
/// dim with elements after it, each output's factors in index order from 1; along the last
/// dim, ATen's inner reduction (32 lanes of running products over blocks of 32, the lanes
/// combined as (a0·a1)·(a2·a3) and then in order, the leftover elements one at a time).
@Suite struct ProductKernelTests {
    /// Products of a row-major [outer, length, inner] block, in Float, one lane at a time.
    private func expectedProducts(_ values: [Float], outer: Int, length: Int, inner: Int) -> [UInt32] {
        var result: [UInt32] = []
        for block in 0..<outer {
            for index in 0..<inner {
                let factors = (0..<length).map { values[(block * length + $0) * inner + index] }
                result.append((inner == 1 ? innerReductionProduct(factors) : factors.reduce(Float(1)) { $0 * $1 }).bitPattern)
            }
        }
        return result
    }

    /// ATen's `vectorized_inner_reduction` for `*` with 8-float vectors, written out lane by lane.
    private func innerReductionProduct(_ factors: [Float]) -> Float {
        let blocks = factors.count / 32
        var product: Float = 1
        if blocks > 0 {
            var lanes = Array(factors[0..<32])
            for block in 1..<blocks {
                for lane in 0..<32 { lanes[lane] = lanes[lane] * factors[block * 32 + lane] }
            }
            var combined: [Float] = []
            for lane in 0..<8 {
                let low: Float = lanes[lane] * lanes[8 + lane]
                let high: Float = lanes[16 + lane] * lanes[24 + lane]
                combined.append(low * high)
            }
            var lanesProduct = combined[0]
            for lane in 1..<8 { lanesProduct = lanesProduct * combined[lane] }
            product = product * lanesProduct
        }
        for index in (blocks * 32)..<factors.count { product = product * factors[index] }
        return product
    }

    @Test(arguments: [([3, 37, 50], 0), ([3, 37, 50], 1), ([3, 37, 50], 2), ([2, 3, 101], 2), ([19, 13], 0), ([19, 13], 1), ([5], 0), ([4, 0, 3], 1)])
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
