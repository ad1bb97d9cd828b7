import Testing
@testable import TensorEngine

/// The kernels that read tensors where they lie (gather, max/argmax along a dim, cat,
/// float32 layer_norm, the optimizers' fused add) against the general paths they
/// bypass or against element-by-element references, on strided views as well.
@Suite struct InPlaceKernelTests {
    private let generator = Generator(seed: 42)

    @Test func gatherMatchesNaiveLoopOnStridedViews() throws {
        // self is a transposed view (7 × 5); the index is a transposed view too.
        let source = try generator.randn(shape: [5, 7], dtype: .float32).t()
        let values = source.doubles()
        let rawIndex = (0..<15).map { Int64(($0 * 5 + 3) % 7) }
        let alongRows = try Tensor(values: rawIndex, shape: [5, 3]).t()
        let gathered = try source.gather(dim: 0, index: alongRows)
        let positions = alongRows.int64s()
        #expect(gathered.shape == [3, 5])
        #expect(gathered.doubles() == (0..<15).map { values[Int(positions[$0]) * 5 + $0 % 5] })

        let alongColumns = try Tensor(values: (0..<21).map { Int32(($0 * 3) % 5) }, shape: [7, 3])
        let picked = try source.gather(dim: 1, index: alongColumns)
        let columnPositions = alongColumns.int64s()
        #expect(picked.doubles() == (0..<21).map { values[($0 / 3) * 5 + Int(columnPositions[$0])] })

        let integers = try Tensor(values: (0..<6).map { Int64($0 * 10) }, shape: [2, 3])
        let pickedIntegers = try integers.gather(dim: 1, index: try Tensor(values: [Int64(2), 0, 1, 1], shape: [2, 2]))
        #expect(pickedIntegers.int64s() == [20, 0, 40, 40])
    }

    @Test func gatherReportsTheFirstIndexOutOfBounds() throws {
        let source = try generator.randn(shape: [2, 5], dtype: .float32)
        let index = try Tensor(values: [Int64(0), 9, -1, 7], shape: [2, 2])
        #expect(throws: TensorError.runtime("index 9 is out of bounds for dimension 1 with size 5")) {
            try source.gather(dim: 1, index: index)
        }
    }

    /// float32 lanes are compared as floats in place; float64 takes the general path.
    @Test(arguments: [false, true])
    func float32ExtremesMatchTheGeneralPath(_ transposed: Bool) throws {
        var values = (0..<48).map { Double(($0 * 7) % 11) - 5 }
        values[13] = .nan
        values[30] = -0.0
        let base = try Tensor(values: values.map { Float($0) }, shape: [6, 8])
        let float32 = transposed ? try base.t() : base
        let float64 = try float32.to(.float64)
        for dim in [0, 1] {
            for keepDim in [false, true] {
                let (fastValues, fastIndices) = try float32.max(dim: dim, keepDim: keepDim)
                let (values, indices) = try float64.max(dim: dim, keepDim: keepDim)
                #expect(fastIndices.int64s() == indices.int64s() && fastValues.shape == values.shape)
                #expect(fastValues.doubles().map { $0.bitPattern } == values.doubles().map { $0.bitPattern })
                #expect(try float32.argmin(dim: dim, keepDim: keepDim).int64s()
                    == float64.argmin(dim: dim, keepDim: keepDim).int64s())
            }
        }
        #expect(try float32.argmax(dim: nil, keepDim: false).int64s() == float64.argmax(dim: nil, keepDim: false).int64s())
    }

    @Test func catOfContiguousPartsMatchesTheStridedPath() throws {
        let a = try generator.randn(shape: [2, 3, 4], dtype: .float32)
        let b = try generator.randn(shape: [2, 1, 4], dtype: .float32)
        let c = try generator.randn(shape: [2, 5, 4], dtype: .float32)
        // The same values as views that are not contiguous take the general copy.
        let strided = try [a, b, c].map { try $0.transpose(0, 2).contiguous().transpose(0, 2) }
        #expect(strided.allSatisfy { !$0.isContiguous })
        for dim in [1, -1, 0] {
            let parts = dim == 1 ? [a, b, c] : [a, a]
            let stridedParts = dim == 1 ? strided : [strided[0], strided[0]]
            let fast = try concatenate(parts, dim: dim)
            let general = try concatenate(stridedParts, dim: dim)
            #expect(fast.shape == general.shape && fast.doubles() == general.doubles(), "dim \(dim)")
        }
        let empty = try Tensor.zeros(shape: [2, 0, 4], dtype: .float32)
        #expect(try concatenate([a, empty, b], dim: 1).doubles() == concatenate([strided[0], empty, strided[1]], dim: 1).doubles())
    }

    @Test func float32LayerNormMatchesTheDoublePath() throws {
        let input = try generator.randn(shape: [3, 2, 13], dtype: .float32)
        let weight = try generator.randn(shape: [2, 13], dtype: .float32)
        let bias = try generator.randn(shape: [2, 13], dtype: .float32)
        for (scale, shift) in [(nil, nil), (weight, bias), (weight, nil)] as [(Tensor?, Tensor?)] {
            let fast = try input.layerNorm(normalizedShape: [2, 13], weight: scale, bias: shift)
            let reference = try input.to(.float64).layerNorm(normalizedShape: [2, 13], weight: scale?.to(.float64),
                                                              bias: shift?.to(.float64)).to(.float32)
            let worst = zip(fast.doubles(), reference.doubles()).map { abs($0 - $1) / Swift.max(abs($1), 1) }.max() ?? 0
            #expect(fast.dtype == .float32 && worst <= 2e-7, "off by \(worst)")
        }
        let strided = try input.transpose(0, 1).layerNorm(normalizedShape: [13])
        let contiguous = try input.transpose(0, 1).contiguous().layerNorm(normalizedShape: [13])
        #expect(strided.doubles() == contiguous.doubles())
    }

    @Test func addScaledIsOneFusedMultiplyAddPerElement() throws {
        let parameter = try generator.randn(shape: [5, 7], dtype: .float32)
        let gradient = try generator.randn(shape: [5, 7], dtype: .float32)
        let before = parameter.doubles().map { Float($0) }, steps = gradient.doubles().map { Float($0) }
        let writes = parameter.storage.writeCount
        #expect(try parameter.addScaledInPlace(gradient, alpha: -0.01))
        // The kernel records its write; the version counter is the op layer's to bump.
        #expect(parameter.storage.writeCount == writes + 1 && parameter.storage.version == 0)
        let expected = zip(before, steps).map { Double($0.addingProduct($1, Float(-0.01))) }
        #expect(parameter.doubles() == expected)
        // Broadcasting or mixed dtypes are left to the general ops.
        #expect(try !parameter.addScaledInPlace(try generator.randn(shape: [7], dtype: .float32), alpha: 1))
        #expect(try parameter.addingScaled(try gradient.to(.float64), alpha: 1) == nil)
    }
}
