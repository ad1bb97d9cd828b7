import Testing
@testable import TensorEngine

@Suite struct ReductionMinMaxTests {
    @Test func fullMaxMin() throws {
        let x = try rampTensor([3, 4])
        expectTensorValues(try x.max(), [2.07], shape: [], dtype: .float32)
        expectTensorValues(try x.min(), [-2], shape: [], dtype: .float32)
        expectTensorValues(try floatTensor([1, .nan, -.infinity], [3]).min(), [.nan], shape: [], dtype: .float32)
        let bools = try Tensor(values: [false, true], shape: [2])
        #expect(try bools.max().bools() == [true])
        expectTensorError(.runtimeError,
            "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.") {
            try Tensor.zeros(shape: [0], dtype: .float32).max()
        }
        expectTensorError(.runtimeError,
            "min(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.") {
            try Tensor.zeros(shape: [0], dtype: .float32).min()
        }
    }

    @Test func maxAlongDim() throws {
        let x = try rampTensor([3, 4])
        let result = try x.max(dim: 1, keepDim: false)
        expectTensorValues(result.values, [-0.89, 0.59, 2.07], shape: [3], dtype: .float32)
        #expect(result.indices.int64s() == [3, 3, 3])
        #expect(try x.max(dim: -1, keepDim: true).indices.shape == [3, 1])
        // Ties: first index. nan: first nan wins.
        #expect(try longTensor([3, 1, 3], [3]).max(dim: 0, keepDim: false).indices.int64s() == [0])
        let withNaN = try floatTensor([1, .nan, 3, .nan], [4]).max(dim: 0, keepDim: false)
        #expect(withNaN.values.doubles()[0].isNaN && withNaN.indices.int64s() == [1])
        // An empty dim is refused; empty elsewhere gives empty results.
        let empty = try Tensor.zeros(shape: [0, 3], dtype: .float32)
        let rows = try empty.max(dim: 1, keepDim: false)
        #expect(rows.values.shape == [0] && rows.indices.shape == [0] && rows.indices.dtype == .int64)
        expectTensorError(.indexError, "max(): Expected reduction dim 0 to have non-zero size.") {
            try empty.max(dim: -2, keepDim: false)
        }
        let scalar = try Tensor(scalar: Float(5)).min(dim: 0, keepDim: false)
        #expect(scalar.values.shape == [] && scalar.indices.int64s() == [0])
    }

    @Test func argmaxArgmin() throws {
        let x = try rampTensor([3, 4])
        #expect(try x.argmax(dim: nil, keepDim: false).int64s() == [11])
        #expect(try x.argmax(dim: nil, keepDim: true).shape == [1, 1])
        #expect(try x.argmin(dim: 0, keepDim: false).int64s() == [0, 0, 0, 0])
        #expect(try floatTensor([1, .nan, 3], [3]).argmin(dim: nil, keepDim: false).int64s() == [1])
        expectTensorError(.notImplementedError, "argmax(): does not support bool input") {
            try Tensor(values: [true], shape: [1]).argmax(dim: nil, keepDim: false)
        }
        expectTensorError(.indexError, "argmin(): Expected reduction dim to be specified for input.numel() == 0.") {
            try Tensor.zeros(shape: [0], dtype: .float32).argmin(dim: nil, keepDim: false)
        }
        expectTensorError(.indexError, "argmax(): Expected reduction dim 0 to have non-zero size.") {
            try Tensor.zeros(shape: [0, 3], dtype: .float32).argmax(dim: 0, keepDim: false)
        }
    }

    @Test func amaxAmin() throws {
        let cube = try rampTensor([2, 3, 4], scale: 0.25, offset: -3)
        expectTensorValues(try cube.amax(dims: [], keepDim: false), [2.75], shape: [], dtype: .float32)
        expectTensorValues(try cube.amin(dims: [0, 2], keepDim: true), [-3, -2, -1], shape: [1, 3, 1], dtype: .float32)
        let empty = try Tensor.zeros(shape: [2, 0, 3], dtype: .float32)
        expectTensorError(.indexError, "amax(): Expected reduction dim 1 to have non-zero size.") {
            try empty.amax(dims: [2, 1], keepDim: false)
        }
        expectTensorError(.runtimeError,
            "amax(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.") {
            try empty.amax(dims: [], keepDim: false)
        }
    }

    @Test func anyAllCount() throws {
        let x = try rampTensor([3, 4])
        let positive = try Tensor(values: x.doubles().map { $0 > 0 }, shape: [3, 4])
        #expect(try positive.all(dims: [1], keepDim: false).bools() == [false, false, true])
        #expect(try positive.any(dims: nil, keepDim: false).bools() == [true])
        // An empty dim list reduces nothing for any/all.
        #expect(try x.any(dims: [], keepDim: false).shape == [3, 4])
        let bytes = try Tensor(values: [UInt8(0), 2], shape: [2])
        #expect(try bytes.any(dims: nil, keepDim: false).dtype == .uint8)
        #expect(try floatTensor([0, .nan], [2]).any(dims: nil, keepDim: false).bools() == [true])
        #expect(try positive.countNonzero(dims: nil).int64s() == [6])
        #expect(try positive.countNonzero(dims: []).int64s() == [6])
        #expect(try positive.countNonzero(dims: [0]).int64s() == [1, 1, 2, 2])
    }
}
