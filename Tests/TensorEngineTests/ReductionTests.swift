import Testing
@testable import TensorEngine

/// Values below were checked against PyTorch 2.15 (see the probes in the report).
@Suite struct ReductionTests {
    @Test func sumDtypesAndShapes() throws {
        let x = try rampTensor([3, 4])
        let ints = try longTensor((0..<12).map { Int64($0) }, [3, 4])
        #expect(try ints.sum(dims: nil, keepDim: false).int64s() == [66])
        #expect(try ints.sum(dims: [1], keepDim: true).shape == [3, 1])
        let bools = try Tensor(values: [true, false, true], shape: [3])
        let boolSum = try bools.sum(dims: nil, keepDim: false)
        #expect(boolSum.dtype == .int64 && boolSum.int64s() == [2])
        let int32 = try Tensor(values: [Int32(1), 2], shape: [2])
        #expect(try int32.sum(dims: nil, keepDim: false).dtype == .int64)
        #expect(try int32.sum(dims: nil, keepDim: false, dtype: .int32).dtype == .int32)
        // With a dtype, elements convert first: float -> int32 truncates each.
        #expect(try x.sum(dims: nil, keepDim: false, dtype: .int32).int64s() == [0])
        expectTensorValues(try x.sum(dims: [], keepDim: false), [0.42], shape: [], dtype: .float32)
        expectTensorValues(try x.sum(dims: [-1, 0], keepDim: true), [0.42], shape: [1, 1], dtype: .float32)
    }

    @Test func sumErrors() throws {
        let x = try rampTensor([3, 4])
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            try x.sum(dims: [2], keepDim: false)
        }
        expectTensorError(.runtimeError, "dim 0 appears multiple times in the list of dims") {
            try x.sum(dims: [0, -2], keepDim: false)
        }
        let scalar = Tensor(scalar: Float(5))
        expectTensorValues(try scalar.sum(dims: [0], keepDim: false), [5], shape: [], dtype: .float32)
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            try scalar.sum(dims: [1], keepDim: false)
        }
    }

    @Test func emptyReductions() throws {
        let empty = try Tensor.zeros(shape: [0, 3], dtype: .float32)
        expectTensorValues(try empty.sum(dims: nil, keepDim: false), [0], shape: [], dtype: .float32)
        expectTensorValues(try empty.mean(dims: nil, keepDim: false), [.nan], shape: [], dtype: .float32)
        expectTensorValues(try empty.mean(dims: [0], keepDim: false), [.nan, .nan, .nan], shape: [3], dtype: .float32)
        expectTensorValues(try empty.mean(dims: [1], keepDim: false), [], shape: [0], dtype: .float32)
        expectTensorValues(try empty.prod(dim: nil, keepDim: false), [1], shape: [], dtype: .float32)
        expectTensorValues(try empty.variance(dims: nil, correction: 1, keepDim: false), [.nan], shape: [], dtype: .float32)
        expectTensorValues(try empty.norm(p: 2, dims: nil, keepDim: false), [0], shape: [], dtype: .float32)
        expectTensorValues(try empty.logSumExp(dims: [0], keepDim: false), [-.infinity, -.infinity, -.infinity], shape: [3], dtype: .float32)
        #expect(try empty.countNonzero(dims: [0]).int64s() == [0, 0, 0])
        #expect(try empty.all(dims: nil, keepDim: false).bools() == [true])
        #expect(try empty.any(dims: nil, keepDim: false).bools() == [false])
    }

    @Test func meanRules() throws {
        let ints = try longTensor((0..<12).map { Int64($0) }, [3, 4])
        expectTensorError(.notImplementedError,
            "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long") {
            try ints.mean(dims: nil, keepDim: false)
        }
        expectTensorError(.notImplementedError,
            "mean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: Long") {
            try rampTensor([2]).mean(dims: nil, keepDim: false, dtype: .int64)
        }
        expectTensorValues(try ints.mean(dims: nil, keepDim: false, dtype: .float32), [5.5], shape: [], dtype: .float32)
        expectTensorValues(try ints.mean(dims: [0], keepDim: false, dtype: .float64), [4, 5, 6, 7], shape: [4], dtype: .float64)
    }

    @Test func prodIntegersWiden() throws {
        let int32 = try Tensor(values: [Int32(3), 4, 5], shape: [3])
        let product = try int32.prod(dim: nil, keepDim: false)
        #expect(product.dtype == .int64 && product.int64s() == [60])
        expectTensorValues(try floatTensor([2, 3], [2]).prod(dim: 0, keepDim: true), [6], shape: [1], dtype: .float32)
        expectTensorValues(try longTensor([1, 2], [2]).prod(dim: nil, keepDim: false, dtype: .float32), [2], shape: [], dtype: .float32)
    }

    @Test func varianceAndStd() throws {
        let x = try rampTensor([3, 4])
        expectTensorValues(try x.standardDeviation(dims: nil, correction: 1, keepDim: false), [1.3340539932250977], shape: [], dtype: .float32)
        expectTensorValues(try x.standardDeviation(dims: [0], correction: 0, keepDim: false),
                     [1.208414912223816, 1.208414912223816, 1.208414912223816, 1.2084150314331055], shape: [4], dtype: .float32)
        expectTensorValues(try x.variance(dims: [], correction: 1, keepDim: false), [1.7797], shape: [], dtype: .float32)
        // The divisor max(0, N - correction) can reach 0: inf, or nan for 0/0.
        expectTensorValues(try x.variance(dims: nil, correction: 20, keepDim: false), [.infinity], shape: [], dtype: .float32)
        expectTensorValues(try floatTensor([1], [1]).variance(dims: nil, correction: 1, keepDim: false), [.nan], shape: [], dtype: .float32)
        expectTensorError(.notImplementedError, "std and var only support floating point and complex dtypes") {
            try longTensor([1, 2], [2]).variance(dims: nil, correction: 1, keepDim: false)
        }
    }

    @Test func norms() throws {
        let x = try rampTensor([3, 4])
        expectTensorValues(try x.norm(p: 2, dims: nil, keepDim: false), [4.426217555999756], shape: [], dtype: .float32)
        expectTensorValues(try x.norm(p: 0, dims: nil, keepDim: false), [12], shape: [], dtype: .float32)
        expectTensorValues(try x.norm(p: .infinity, dims: nil, keepDim: false), [2.07], shape: [], dtype: .float32)
        expectTensorValues(try x.norm(p: -.infinity, dims: nil, keepDim: false), [0.15], shape: [], dtype: .float32)
        expectTensorValues(try floatTensor([0, 3], [2]).norm(p: -2, dims: nil, keepDim: false), [0], shape: [], dtype: .float32)
        expectTensorError(.notImplementedError, "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long") {
            try longTensor([1], [1]).norm(p: 2, dims: nil, keepDim: false)
        }
        let empty = try Tensor.zeros(shape: [0, 3], dtype: .float32)
        expectTensorError(.runtimeError,
            "linalg.vector_norm cannot compute the inf norm on an empty tensor because the operation does not have an identity") {
            try Tensor.zeros(shape: [0], dtype: .float32).norm(p: .infinity, dims: nil, keepDim: false)
        }
        expectTensorError(.runtimeError,
            "linalg.vector_norm cannot compute the -1 norm on the dimension 0because this dimension is empty and the operation does not have an identity") {
            try empty.norm(p: -1, dims: [0], keepDim: false)
        }
        #expect(try empty.norm(p: .infinity, dims: [1], keepDim: false).shape == [0])
    }

    @Test func logSumExpEdges() throws {
        expectTensorValues(try longTensor((0..<12).map { Int64($0) }, [3, 4]).logSumExp(dims: [1], keepDim: false),
                     [3.4401896, 7.4401896, 11.4401896], shape: [3], dtype: .float32)
        expectTensorValues(try floatTensor([.infinity, 1], [2]).logSumExp(dims: [0], keepDim: false), [.infinity], shape: [], dtype: .float32)
        expectTensorValues(try floatTensor([-.infinity, -.infinity], [2]).logSumExp(dims: [0], keepDim: false), [-.infinity], shape: [], dtype: .float32)
        expectTensorValues(try floatTensor([.nan, 1], [2]).logSumExp(dims: [0], keepDim: false), [.nan], shape: [], dtype: .float32)
        expectTensorValues(try floatTensor([1000, 1000], [2]).logSumExp(dims: [0], keepDim: false), [1000.6931471805599], shape: [], dtype: .float32)
        expectTensorError(.runtimeError, "output with shape [] doesn't match the broadcast shape [1, 1]") {
            try rampTensor([3, 4]).logSumExp(dims: [], keepDim: false)
        }
        expectTensorValues(try Tensor(scalar: Float(3)).logSumExp(dims: [], keepDim: false), [3], shape: [], dtype: .float32)
    }

    @Test func cumulative() throws {
        let ints = try longTensor((0..<12).map { Int64($0) }, [3, 4])
        #expect(try ints.cumsum(dim: 0).int64s() == [0, 1, 2, 3, 4, 6, 8, 10, 12, 15, 18, 21])
        let bools = try Tensor(values: [false, true, true], shape: [3])
        let scanned = try bools.cumsum(dim: -1)
        #expect(scanned.dtype == .int64 && scanned.int64s() == [0, 1, 2])
        #expect(try Tensor(values: [Int32(1), 2], shape: [2]).cumprod(dim: 0).dtype == .int64)
        #expect(try floatTensor([1, 2], [2]).cumsum(dim: 0, dtype: .int32).dtype == .int32)
        expectTensorValues(try floatTensor([1, .nan, 2], [3]).cumsum(dim: 0), [1, .nan, .nan], shape: [3], dtype: .float32)
        expectTensorValues(try Tensor(scalar: Int64(5)).cumsum(dim: 0), [5], shape: [], dtype: .int64)
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            try rampTensor([3, 4]).cumsum(dim: 2)
        }
    }
}
