import Testing
@testable import TensorEngine

/// The packed, blocked float32 kernel (and its vector paths) against a naive triple loop
/// in Double. Sizes straddle the 6×16 tile, the 256-deep, 144-row and 4080-column
/// blocks, so every edge case of packing and the masked store runs.
@Suite struct MatmulKernelTests {
    static let edgeSizes = [1, 5, 6, 7, 15, 16, 17, 63, 65, 100, 257]

    /// Each edge size as rows, as inner and as columns, plus shapes crossing the blocks.
    static let shapes: [(Int, Int, Int)] = edgeSizes.flatMap { size in [(size, 17, 33), (7, size, 16), (13, 9, size)] }
        + [(257, 300, 65), (145, 257, 17), (100, 513, 100), (3, 5, 4097), (2, 1, 4081), (6, 256, 16), (12, 512, 32)]

    @Test(arguments: shapes)
    func floatProductMatchesNaiveLoop(_ sizes: (Int, Int, Int)) throws {
        let (rows, inner, columns) = sizes
        let generator = Generator(seed: UInt64(rows * 1_000_003 + inner * 1009 + columns))
        let a = try generator.randn(shape: [rows, inner], dtype: .float32)
        let b = try generator.randn(shape: [inner, columns], dtype: .float32)
        try expectProduct(a, b, "\(sizes)")
    }

    @Test(arguments: [(7, 17, 33), (65, 63, 17), (100, 257, 5), (16, 16, 16), (1, 40, 9), (9, 40, 1)])
    func transposedAndStridedOperands(_ sizes: (Int, Int, Int)) throws {
        let (rows, inner, columns) = sizes
        let generator = Generator(seed: 7)
        let aT = try generator.randn(shape: [inner, rows], dtype: .float32).t()
        let bT = try generator.randn(shape: [columns, inner], dtype: .float32).t()
        let a = try generator.randn(shape: [rows, inner], dtype: .float32)
        let b = try generator.randn(shape: [inner, columns], dtype: .float32)
        try expectProduct(aT, b, "Aᵀ \(sizes)")
        try expectProduct(a, bT, "Bᵀ \(sizes)")
        try expectProduct(aT, bT, "AᵀBᵀ \(sizes)")
        // Every other row and column of larger tensors, starting past element 0.
        let aWide = try generator.randn(shape: [2 * rows + 1, 3 * inner], dtype: .float32)
        let bWide = try generator.randn(shape: [2 * inner + 1, 2 * columns], dtype: .float32)
        let aStrided = try aWide.slice(0, start: 1, end: nil, step: 2).slice(1, start: 2, end: nil, step: 3)
        let bStrided = try bWide.slice(0, start: 1, end: nil, step: 2).slice(1, start: 1, end: nil, step: 2)
        #expect(aStrided.shape == [rows, inner] && bStrided.shape == [inner, columns])
        try expectProduct(aStrided, bStrided, "strided \(sizes)")
        try expectProduct(aStrided, bT, "strided Bᵀ \(sizes)")
    }

    @Test func batchedWithBroadcastBatchDims() throws {
        let generator = Generator(seed: 11)
        let a = try generator.randn(shape: [3, 1, 19, 20], dtype: .float32)
        let b = try generator.randn(shape: [4, 20, 18], dtype: .float32)
        let product = try a.matmul(b)
        #expect(product.shape == [3, 4, 19, 18])
        let aExpanded = try a.expand([3, 4, 19, 20])
        let bExpanded = try b.expand([3, 4, 20, 18])
        let expected = naiveMatmul(aExpanded.doubles(), bExpanded.doubles(), batch: 12, rows: 19, inner: 20, columns: 18)
        let bound = naiveMatmul(aExpanded.doubles().map(abs), bExpanded.doubles().map(abs), batch: 12, rows: 19, inner: 20, columns: 18)
        expectClose(product.doubles(), expected, bound: bound, relative: 1e-5, "broadcast batch")
    }

    /// The window-attention shapes: q @ kᵀ with a transposed right view, then scores @ v.
    @Test func attentionShapedBatches() throws {
        let generator = Generator(seed: 3)
        let q = try generator.randn(shape: [2, 4, 49, 32], dtype: .float32)
        let k = try generator.randn(shape: [2, 4, 49, 32], dtype: .float32)
        let scores = try q.matmul(k.transpose(-2, -1))
        #expect(scores.shape == [2, 4, 49, 49])
        let kT = try k.transpose(-2, -1)
        let expected = naiveMatmul(q.doubles(), kT.doubles(), batch: 8, rows: 49, inner: 32, columns: 49)
        let bound = naiveMatmul(q.doubles().map(abs), kT.doubles().map(abs), batch: 8, rows: 49, inner: 32, columns: 49)
        expectClose(scores.doubles(), expected, bound: bound, relative: 1e-5, "q @ kᵀ")
        let v = try generator.randn(shape: [2, 4, 49, 32], dtype: .float32)
        let mixed = try scores.matmul(v)
        let expectedMixed = naiveMatmul(scores.doubles(), v.doubles(), batch: 8, rows: 49, inner: 49, columns: 32)
        let boundMixed = naiveMatmul(scores.doubles().map(abs), v.doubles().map(abs), batch: 8, rows: 49, inner: 49, columns: 32)
        expectClose(mixed.doubles(), expectedMixed, bound: boundMixed, relative: 1e-5, "scores @ v")
    }

    @Test(arguments: [1, 7, 8, 31, 32, 33, 100, 1000])
    func vectorProducts(_ length: Int) throws {
        let generator = Generator(seed: UInt64(length))
        let matrix = try generator.randn(shape: [length, 37], dtype: .float32)
        let vector = try generator.randn(shape: [37], dtype: .float32)
        try expectProduct(matrix, vector.unsqueeze(1), "mv", viaMatmul: (matrix, vector))
        // A column-major matrix (the axpy loop) and a strided vector (the scalar loop).
        let columnMajor = try generator.randn(shape: [37, length], dtype: .float32).t()
        try expectProduct(columnMajor, vector.unsqueeze(1), "mv Aᵀ", viaMatmul: (columnMajor, vector))
        let strided = try generator.randn(shape: [74], dtype: .float32).slice(0, start: 1, end: nil, step: 2)
        try expectProduct(matrix, strided.unsqueeze(1), "mv strided", viaMatmul: (matrix, strided))
        // Vector @ matrix: one output row.
        let rowVector = try generator.randn(shape: [length], dtype: .float32)
        let right = try generator.randn(shape: [length, 23], dtype: .float32)
        try expectProduct(rowVector.unsqueeze(0), right, "vector @ matrix", viaMatmul: (rowVector, right))
        let rightT = try generator.randn(shape: [23, length], dtype: .float32).t()
        try expectProduct(rowVector.unsqueeze(0), rightT, "vector @ matrixᵀ", viaMatmul: (rowVector, rightT))
        // dot, contiguous and strided.
        let other = try generator.randn(shape: [length], dtype: .float32)
        try expectProduct(rowVector.unsqueeze(0), other.unsqueeze(1), "dot", viaMatmul: (rowVector, other))
        let otherStrided = try generator.randn(shape: [2 * length], dtype: .float32).slice(0, start: 0, end: nil, step: 2)
        try expectProduct(rowVector.unsqueeze(0), otherStrided.unsqueeze(1), "dot strided", viaMatmul: (rowVector, otherStrided))
    }

    @Test func knownSmallValues() throws {
        let a = try Tensor(values: [Float](arrayLiteral: 1, 2, 3, 4, 5, 6), shape: [2, 3])
        let b = try Tensor(values: [Float](arrayLiteral: 7, 8, 9, 10, 11, 12), shape: [3, 2])
        expectTensorValues(try a.matmul(b), [58, 64, 139, 154], shape: [2, 2], dtype: .float32)
        expectTensorValues(try a.t().matmul(a), [17, 22, 27, 22, 29, 36, 27, 36, 45], shape: [3, 3], dtype: .float32)
    }

    @Test(arguments: [(7, 17, 33), (65, 300, 17), (1, 9, 1)])
    func float64Products(_ sizes: (Int, Int, Int)) throws {
        let (rows, inner, columns) = sizes
        let generator = Generator(seed: 5)
        let a = try generator.randn(shape: [rows, inner], dtype: .float64)
        let b = try generator.randn(shape: [columns, inner], dtype: .float64).t()
        let product = try a.matmul(b)
        #expect(product.dtype == .float64)
        let expected = naiveMatmul(a.doubles(), b.doubles(), batch: 1, rows: rows, inner: inner, columns: columns)
        let bound = naiveMatmul(a.doubles().map(abs), b.doubles().map(abs), batch: 1, rows: rows, inner: inner, columns: columns)
        expectClose(product.doubles(), expected, bound: bound, relative: 1e-12, "float64 \(sizes)")
    }

    @Test(arguments: [DType.float16, DType.bfloat16])
    func reducedPrecisionRoundsOnce(_ dtype: DType) throws {
        let generator = Generator(seed: 9)
        let a = try generator.randn(shape: [2, 33, 70], dtype: .float32).to(dtype)
        let b = try generator.randn(shape: [2, 17, 70], dtype: .float32).to(dtype).transpose(-2, -1)
        let product = try a.matmul(b)
        #expect(product.dtype == dtype && product.shape == [2, 33, 17])
        // Exact float32-representable inputs, a float32 sum, then one rounding to the dtype.
        let expected = naiveMatmul(a.doubles(), b.doubles(), batch: 2, rows: 33, inner: 70, columns: 17)
        let bound = naiveMatmul(a.doubles().map(abs), b.doubles().map(abs), batch: 2, rows: 33, inner: 70, columns: 17)
        let unit = dtype == .float16 ? 1.0 / 1024 : 1.0 / 128
        expectClose(product.doubles(), expected, bound: bound, relative: unit, "\(dtype)")
    }

    @Test func emptyDimensionsGiveZeros() throws {
        let generator = Generator(seed: 1)
        for dtype in [DType.float32, .float64, .float16] {
            let noInner = try generator.randn(shape: [4, 0], dtype: .float32).to(dtype)
                .matmul(try generator.randn(shape: [0, 20], dtype: .float32).to(dtype))
            expectTensorValues(noInner, [Double](repeating: 0, count: 80), shape: [4, 20], dtype: dtype)
            let batchedNoInner = try Tensor.zeros(shape: [3, 2, 0], dtype: dtype).matmul(try Tensor.zeros(shape: [3, 0, 5], dtype: dtype))
            expectTensorValues(batchedNoInner, [Double](repeating: 0, count: 30), shape: [3, 2, 5], dtype: dtype)
            #expect(try Tensor.zeros(shape: [0, 3], dtype: dtype).matmul(try Tensor.zeros(shape: [3, 7], dtype: dtype)).shape == [0, 7])
            #expect(try Tensor.zeros(shape: [5, 3], dtype: dtype).matmul(try Tensor.zeros(shape: [3, 0], dtype: dtype)).shape == [5, 0])
            #expect(try Tensor.zeros(shape: [0, 5, 3], dtype: dtype).matmul(try Tensor.zeros(shape: [3, 2], dtype: dtype)).shape == [0, 5, 2])
            expectTensorValues(try Tensor.zeros(shape: [0], dtype: dtype).dot(try Tensor.zeros(shape: [0], dtype: dtype)),
                               [0], shape: [], dtype: dtype)
        }
    }

    /// Einsum steps that are batched products take the blocked kernel; the naive loop
    /// (through matmul's own reference) says what they must give.
    @Test func einsumProductsMatchNaiveLoop() throws {
        let generator = Generator(seed: 21)
        let a = try generator.randn(shape: [23, 70], dtype: .float32)
        let b = try generator.randn(shape: [70, 19], dtype: .float32)
        let expected = naiveMatmul(a.doubles(), b.doubles(), batch: 1, rows: 23, inner: 70, columns: 19)
        let bound = naiveMatmul(a.doubles().map(abs), b.doubles().map(abs), batch: 1, rows: 23, inner: 70, columns: 19)
        let product = try einsum("ij,jk->ik", [a, b])
        #expect(product.shape == [23, 19] && product.dtype == .float32)
        expectClose(product.doubles(), expected, bound: bound, relative: 1e-5, "ij,jk->ik")
        // Output order other than (rows, columns): the product is scattered back.
        let transposed = try einsum("ij,jk->ki", [a, b])
        expectClose(transposed.doubles(), try product.t().doubles(), bound: try Tensor(values: bound, shape: [23, 19]).t().doubles(),
                    relative: 1e-5, "ij,jk->ki")

        let q = try generator.randn(shape: [2, 3, 9, 8], dtype: .float32)
        let k = try generator.randn(shape: [2, 3, 11, 8], dtype: .float32)
        let scores = try einsum("bhqd,bhkd->bhqk", [q, k])
        let kT = try k.transpose(-2, -1)
        let expectedScores = naiveMatmul(q.doubles(), kT.doubles(), batch: 6, rows: 9, inner: 8, columns: 11)
        let boundScores = naiveMatmul(q.doubles().map(abs), kT.doubles().map(abs), batch: 6, rows: 9, inner: 8, columns: 11)
        #expect(scores.shape == [2, 3, 9, 11])
        expectClose(scores.doubles(), expectedScores, bound: boundScores, relative: 1e-5, "bhqd,bhkd->bhqk")

        let x = try generator.randn(shape: [40], dtype: .float32)
        let y = try generator.randn(shape: [40], dtype: .float32)
        let dot = try einsum("i,i->", [x, y])
        let expectedDot = zip(x.doubles(), y.doubles()).map { $0 * $1 }.reduce(0, +)
        let boundDot = zip(x.doubles(), y.doubles()).map { abs($0 * $1) }.reduce(0, +)
        #expect(dot.shape == [])
        expectClose(dot.doubles(), [expectedDot], bound: [boundDot], relative: 1e-5, "i,i->")
        // Three operands: two products in a row, both through the kernel.
        let c = try generator.randn(shape: [19, 5], dtype: .float32)
        let chain = try einsum("ij,jk,kl->il", [a, b, c])
        #expect(chain.shape == [23, 5])
        let expectedChain = naiveMatmul(expected, c.doubles(), batch: 1, rows: 23, inner: 19, columns: 5)
        let boundChain = naiveMatmul(bound, c.doubles().map(abs), batch: 1, rows: 23, inner: 19, columns: 5)
        expectClose(chain.doubles(), expectedChain, bound: boundChain, relative: 1e-5, "ij,jk,kl->il")
    }

    /// `a.matmul(b)` against the naive loop; for a vector product, `viaMatmul` holds the
    /// 1-d operands so the mv/dot/vector-matrix entry points run, not just mm.
    private func expectProduct(_ a: Tensor, _ b: Tensor, _ comment: String, viaMatmul: (Tensor, Tensor)? = nil) throws {
        let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[1])
        let expected = naiveMatmul(a.doubles(), b.doubles(), batch: 1, rows: rows, inner: inner, columns: columns)
        let bound = naiveMatmul(a.doubles().map(abs), b.doubles().map(abs), batch: 1, rows: rows, inner: inner, columns: columns)
        let product = if let (left, right) = viaMatmul { try left.matmul(right) } else { try a.matmul(b) }
        #expect(product.dtype == .float32, "\(comment)")
        #expect(product.count == rows * columns, "\(comment)")
        expectClose(product.doubles(), expected, bound: bound, relative: 1e-5, comment)
    }

    /// |actual − expected| ≤ relative · Σ|aᵢₖ·bₖⱼ| + 1e-6: the error a float sum of those
    /// terms can make in any order, so any correct summation order passes.
    private func expectClose(_ actual: [Double], _ expected: [Double], bound: [Double], relative: Double, _ comment: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, "\(comment) count", sourceLocation: sourceLocation)
        for index in expected.indices where !(abs(actual[index] - expected[index]) <= relative * bound[index] + 1e-6) {
            Issue.record("\(comment) element \(index): got \(actual[index]), expected \(expected[index])", sourceLocation: sourceLocation)
            return
        }
    }
}
