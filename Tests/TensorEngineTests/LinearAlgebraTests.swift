import Testing
@testable import TensorEngine

/// A slow, obviously correct batched product on Double values, for comparison.
func naiveMatmul(_ a: [Double], _ b: [Double], batch: Int, rows: Int, inner: Int, columns: Int) -> [Double] {
    var c = [Double](repeating: 0, count: batch * rows * columns)
    for n in 0..<batch {
        for i in 0..<rows {
            for j in 0..<columns {
                var total = 0.0
                for k in 0..<inner { total += a[(n * rows + i) * inner + k] * b[(n * inner + k) * columns + j] }
                c[(n * rows + i) * columns + j] = total
            }
        }
    }
    return c
}

@Suite struct LinearAlgebraTests {
    let ones = { (shape: [Int]) in try! Tensor(values: [Float](repeating: 1, count: shape.reduce(1, *)), shape: shape) }
    let longOnes = { (shape: [Int]) in try! Tensor(values: [Int64](repeating: 1, count: shape.reduce(1, *)), shape: shape) }

    @Test(arguments: [(1, 1, 1), (3, 4, 5), (17, 33, 9), (64, 70, 65)])
    func matmulMatchesNaiveLoop(_ sizes: (Int, Int, Int)) throws {
        let (rows, inner, columns) = sizes
        let a = try rampTensor([rows, inner], scale: 0.013, offset: -1.1)
        let b = try rampTensor([inner, columns], scale: -0.007, offset: 0.9)
        let expected = naiveMatmul(a.doubles(), b.doubles(), batch: 1, rows: rows, inner: inner, columns: columns)
        expectTensorValues(try a.matmul(b), expected, shape: [rows, columns], dtype: .float32)
        // A transposed (non-contiguous) operand gives the same product.
        let bT = try rampTensor([columns, inner], scale: 0.011, offset: -0.3)
        let expectedT = naiveMatmul(a.doubles(), try bT.t().doubles(), batch: 1, rows: rows, inner: inner, columns: columns)
        expectTensorValues(try a.mm(bT.t()), expectedT, shape: [rows, columns], dtype: .float32)
    }

    @Test func batchedBroadcasting() throws {
        let a = try rampTensor([2, 1, 3, 4])
        let b = try rampTensor([5, 4, 2], scale: 0.1, offset: -1)
        let product = try a.matmul(b)
        #expect(product.shape == [2, 5, 3, 2])
        let aValues = a.doubles()
        let bValues = b.doubles()
        var expected: [Double] = []
        for outer in 0..<2 {
            for inner in 0..<5 {
                expected += naiveMatmul(Array(aValues[(outer * 12)..<(outer * 12 + 12)]), Array(bValues[(inner * 8)..<(inner * 8 + 8)]),
                                        batch: 1, rows: 3, inner: 4, columns: 2)
            }
        }
        expectTensorValues(product, expected, shape: [2, 5, 3, 2], dtype: .float32)
        expectTensorValues(try ones([2, 3]).matmul(ones([3])), [3, 3], shape: [2], dtype: .float32)
        expectTensorValues(try ones([4]).matmul(ones([1, 4, 5])), [4, 4, 4, 4, 4], shape: [1, 5], dtype: .float32)
        #expect(try ones([0, 3]).matmul(ones([3, 2])).shape == [0, 2])
        expectTensorValues(try ones([2, 0]).matmul(ones([0, 3])), [0, 0, 0, 0, 0, 0], shape: [2, 3], dtype: .float32)
        expectTensorValues(try ones([0]).matmul(ones([0])), [0], shape: [], dtype: .float32)
        #expect(try ones([2, 0, 3]).matmul(ones([3, 4])).shape == [2, 0, 4])
    }

    @Test func integerProducts() throws {
        let product = try longOnes([2, 3]).matmul(longOnes([3, 2]))
        #expect(product.dtype == .int64 && product.int64s() == [3, 3, 3, 3])
        let int32 = try Tensor(values: [Int32](repeating: 1, count: 6), shape: [2, 3])
        #expect(try int32.matmul(int32.t()).dtype == .int32)
        // int8 products wrap like PyTorch's: 100*2 + 100*2 = 400 -> -112.
        let small = try Tensor(values: [Int8(100), 100], shape: [2])
        let two = try Tensor(values: [Int8(2), 2], shape: [2])
        #expect(try small.matmul(two).int64s() == [-112])
    }

    @Test func matmulErrors() throws {
        expectTensorError(.runtimeError, "mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)") { try ones([2, 3]).matmul(ones([4, 5])) }
        expectTensorError(.runtimeError, "mm: mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)") { try ones([3]).matmul(ones([4, 5])) }
        expectTensorError(.runtimeError,
            "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively") {
            try ones([3]).matmul(ones([4]))
        }
        expectTensorError(.runtimeError, "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].") {
            try ones([2, 2, 3]).matmul(ones([2, 4, 5]))
        }
        expectTensorError(.runtimeError, "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].") {
            try ones([3]).matmul(ones([2, 4, 5]))
        }
        expectTensorError(.runtimeError, "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0") {
            try ones([2, 3, 4]).matmul(ones([3, 4, 5]))
        }
        expectTensorError(.runtimeError, "size mismatch, got input (6), mat (6x4), vec (5)") { try ones([2, 3, 4]).matmul(ones([5])) }
        expectTensorError(.runtimeError, "size mismatch, got input (5), mat (5x4), vec (3)") { try ones([3]).matmul(ones([1, 4, 5])) }
        expectTensorError(.runtimeError, "mm: mat1 and mat2 shapes cannot be multiplied (6x4 and 6x7)") { try ones([2, 3, 4]).matmul(ones([6, 7])) }
        // A batch that cannot fold without a copy goes through bmm instead.
        expectTensorError(.runtimeError, "Expected size for first two dimensions of batch2 tensor to be: [3, 4] but got: [3, 6].") {
            try ones([2, 3, 4]).transpose(0, 1).matmul(ones([6, 7]))
        }
        expectTensorError(.runtimeError, "both arguments to matmul need to be at least 1D, but they are 0D and 1D") {
            try Tensor(scalar: Float(1)).matmul(ones([3]))
        }
    }

    @Test func dtypeErrors() throws {
        expectTensorError(.runtimeError, "expected m1 and m2 to have the same dtype, but got: float != long int") {
            try ones([2, 3]).matmul(longOnes([3, 2]))
        }
        expectTensorError(.runtimeError, "expected m1 and m2 to have the same dtype, but got: long int != float") {
            try longOnes([2, 3]).mm(ones([3, 2]))
        }
        expectTensorError(.runtimeError, "addmv input tensors must have the same dtype, but got Long, Float, and Long") {
            try ones([2, 3]).matmul(longOnes([3]))
        }
        expectTensorError(.runtimeError, "dot : expected both vectors to have same dtype, but found Float and Long") {
            try ones([3]).matmul(longOnes([3]))
        }
        expectTensorError(.runtimeError, "expected scalar type Float but found Long") { try ones([2, 2, 3]).matmul(longOnes([2, 3, 5])) }
        let bools = try Tensor(values: [true, true, true, true], shape: [2, 2])
        expectTensorError(.notImplementedError, "\"addmm_impl_cpu_\" not implemented for 'Bool'") { try bools.matmul(bools) }
        expectTensorError(.notImplementedError, "\"dot\" not implemented for 'Bool'") {
            try Tensor(values: [true], shape: [1]).dot(Tensor(values: [true], shape: [1]))
        }
    }

    @Test func mmBmmDotOuter() throws {
        expectTensorError(.runtimeError, "mm: self must be a matrix, got 1-D tensor") { try ones([3]).mm(ones([3, 2])) }
        expectTensorError(.runtimeError, "mm: mat2 must be a matrix, got 1-D tensor") { try ones([2, 3]).mm(ones([3])) }
        expectTensorError(.runtimeError, "batch1 must be a 3D tensor") { try ones([3, 4]).bmm(ones([2, 4, 5])) }
        expectTensorError(.runtimeError, "batch2 must be a 3D tensor") { try ones([2, 3, 4]).bmm(ones([4, 5])) }
        expectTensorError(.runtimeError, "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [3, 4].") {
            try ones([2, 3, 4]).bmm(ones([3, 4, 5]))
        }
        expectTensorError(.runtimeError, "expected scalar type Float but found Long") { try ones([2, 3, 4]).bmm(longOnes([2, 4, 5])) }
        #expect(try ones([2, 3, 4]).bmm(ones([2, 4, 5])).shape == [2, 3, 5])
        expectTensorError(.runtimeError, "1D tensors expected, but got 1D and 2D tensors") { try ones([3]).dot(ones([3, 1])) }
        expectTensorValues(try rampTensor([3]).dot(rampTensor([3], scale: 1, offset: 1)), [-2 * 1 + -1.63 * 2 + -1.26 * 3], shape: [], dtype: .float32)
        let outer = try rampTensor([3]).outer(longOnes([2]))
        expectTensorValues(outer, [-2, -2, -1.63, -1.63, -1.26, -1.26], shape: [3, 2], dtype: .float32)
        #expect(try longOnes([3]).outer(longOnes([2])).dtype == .int64)
        expectTensorError(.runtimeError, "outer: Expected 1-D argument self, but got 2-D") { try ones([3, 1]).outer(ones([2])) }
        expectTensorError(.runtimeError, "outer: Expected 1-D argument vec2, but got 0-D") { try ones([2]).outer(Tensor(scalar: Float(2))) }
    }
}
