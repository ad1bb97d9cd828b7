import Testing
@testable import TensorEngine

/// The AVX-512 (8×32) and AVX2 (6×16) register tiles against each other. Every output
/// element sums its products in depth order with one FMA per step under either tile,
/// so the two must agree bit for bit: the tile a build picks never changes a printed
/// value. Both tiles compile on every x86-64 machine (SIMD16 splits into halves where
/// AVX-512 is missing), so this runs whichever tile the build prefers.
@Suite struct MatmulTileShapeTests {
    /// Sizes on both sides of each tile's rows (6, 8) and columns (16, 32), their
    /// half-tile edge kernels, the 256-deep block and the 144-row block. Kept small:
    /// debug builds run SIMD lane by lane.
    static let shapes: [(Int, Int, Int)] = [
        (1, 3, 1), (4, 7, 16), (5, 9, 17), (8, 256, 32), (9, 257, 33), (12, 40, 48), (49, 32, 49), (49, 49, 32),
        (17, 300, 45), (145, 20, 33),
    ]

    /// Row-major and transposed layouts of each operand, as a linear layer's forward
    /// (x Wᵀ) and weight gradient (gradᵀ x) read them, under both tiles: packing makes
    /// every layout's panels equal, so all eight products must be the same bits.
    @Test(arguments: shapes)
    func tilesAndLayoutsAgreeBitForBit(_ sizes: (Int, Int, Int)) throws {
        let (rows, inner, columns) = sizes
        let generator = Generator(seed: UInt64(rows * 7919 + inner * 31 + columns))
        let a = try generator.randn(shape: [rows, inner], dtype: .float32).doubles().map { Float($0) }
        let b = try generator.randn(shape: [inner, columns], dtype: .float32).doubles().map { Float($0) }
        let aT = transposed(a, rows: rows, columns: inner), bT = transposed(b, rows: inner, columns: columns)
        var products: [[Float]] = []
        for tile in [TileShape.avx512, .avx2] {
            for (left, leftStrides) in [(a, (inner, 1)), (aT, (1, rows))] {
                for (right, rightStrides) in [(b, (columns, 1)), (bT, (1, inner))] {
                    products.append(try product(left, leftStrides, right, rightStrides,
                                                rows: rows, inner: inner, columns: columns, tile: tile))
                }
            }
        }
        for (position, other) in products.enumerated().dropFirst() {
            #expect(other == products[0], "\(sizes): product \(position) differs from the first")
        }
        var worst = 0.0
        for row in 0..<rows {
            for column in 0..<columns {
                var sum = 0.0
                for step in 0..<inner { sum += Double(a[row * inner + step]) * Double(b[step * columns + column]) }
                worst = Swift.max(worst, abs(sum - Double(products[0][row * columns + column])))
            }
        }
        #expect(worst < 1e-3, "\(sizes): off by \(worst)")
    }

    private func transposed(_ values: [Float], rows: Int, columns: Int) -> [Float] {
        (0..<rows * columns).map { index in values[(index % rows) * columns + index / rows] }
    }

    private func product(
        _ a: [Float], _ aStrides: (Int, Int), _ b: [Float], _ bStrides: (Int, Int),
        rows: Int, inner: Int, columns: Int, tile: TileShape
    ) throws -> [Float] {
        let workspace = try MatmulWorkspace(rows: rows, inner: inner, columns: columns, tile: tile)
        var output = [Float](repeating: .nan, count: rows * columns)
        a.withUnsafeBufferPointer { aBuffer in
            b.withUnsafeBufferPointer { bBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    multiplyBlocked(
                        FloatMatrix(base: aBuffer.baseAddress!, rowStride: aStrides.0, columnStride: aStrides.1),
                        FloatMatrix(base: bBuffer.baseAddress!, rowStride: bStrides.0, columnStride: bStrides.1),
                        into: outputBuffer.baseAddress!, rows: rows, inner: inner, columns: columns, workspace: workspace)
                }
            }
        }
        return output
    }
}
