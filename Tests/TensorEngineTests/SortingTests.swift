import Testing
@testable import TensorEngine

@Suite struct SortingTests {
    let withTies = try! floatTensor([2, 1, 2, 1, .nan, 0, .nan], [7])

    @Test func sortNanLargestAndTies() throws {
        let ascending = try withTies.sort(dim: 0, descending: false, stable: false)
        expectTensorValues(ascending.values, [0, 1, 1, 2, 2, .nan, .nan], shape: [7], dtype: .float32)
        #expect(ascending.indices.int64s() == [5, 1, 3, 0, 2, 4, 6])
        let descending = try withTies.sort(dim: -1, descending: true, stable: true)
        #expect(descending.indices.int64s() == [4, 6, 0, 2, 1, 3, 5])
        #expect(try longTensor([2, 1, 2, 1, 0], [5]).argsort(dim: 0, descending: true, stable: false).int64s() == [0, 2, 1, 3, 4])
        let bools = try Tensor(values: [true, false, true], shape: [3]).sort(dim: 0, descending: false, stable: false)
        #expect(bools.values.bools() == [false, true, true] && bools.indices.int64s() == [1, 0, 2])
        let scalar = try Tensor(scalar: Float(3)).sort(dim: 0, descending: false, stable: false)
        #expect(scalar.values.shape == [] && scalar.indices.int64s() == [0])
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            try longTensor([1, 2, 3], [3]).sort(dim: 1, descending: false, stable: false)
        }
    }

    /// Beyond 16 elements an unstable sort reorders ties (libstdc++ introsort) and a
    /// stable one does not; both orders were recorded from PyTorch.
    @Test func unstableSortMatchesPyTorchOnLongInput() throws {
        let values: [Float] = [5, 4, 2, 0, 5, 4, 0, 4, 1, 5, 3, 3, 3, 4, 4, 0, 0, 4, 5, 0, 1, 5, 2, 0, 1, 4, 1, 5, 3, 0,
                               3, 0, 2, 1, 1, 0, 0, 3, 5, 0]
        let x = try floatTensor(values, [40])
        #expect(try x.argsort(dim: 0, descending: false, stable: false).int64s() ==
                [39, 36, 3, 35, 6, 31, 29, 23, 19, 16, 15, 20, 34, 33, 26, 24, 8, 2, 22, 32, 37, 12, 11, 10, 28, 30, 1,
                 14, 5, 7, 25, 13, 17, 9, 27, 21, 0, 4, 18, 38])
        #expect(try x.topk(5, dim: 0, largest: true, sorted: true).indices.int64s() == [18, 21, 0, 4, 9])
    }

    @Test func topkRules() throws {
        let ties = try longTensor([1, 3, 3, 1, 2], [5])
        let largest = try ties.topk(3, dim: 0, largest: true, sorted: true)
        #expect(largest.values.int64s() == [3, 3, 2] && largest.indices.int64s() == [1, 2, 4])
        #expect(try ties.topk(3, dim: 0, largest: false, sorted: true).indices.int64s() == [0, 3, 4])
        let nanFirst = try floatTensor([1, 3, 3, .nan, 2], [5]).topk(2, dim: 0, largest: true, sorted: true)
        #expect(nanFirst.indices.int64s() == [3, 1])
        let x = try rampTensor([3, 4])
        #expect(try x.topk(0, dim: 1, largest: true, sorted: true).values.shape == [3, 0])
        expectTensorError(.runtimeError, "selected index k out of range") { try x.topk(5, dim: 1, largest: true, sorted: true) }
        expectTensorError(.runtimeError, "selected index k out of range") { try x.topk(-1, dim: 1, largest: true, sorted: true) }
        #expect(try Tensor(scalar: Float(5)).topk(1, dim: 0, largest: true, sorted: true).values.shape == [])
    }

    @Test func medians() throws {
        expectTensorValues(try floatTensor([3, 1, 2, 4], [4]).median(), [2], shape: [], dtype: .float32)
        expectTensorValues(try floatTensor([3, .nan, 2], [3]).median(), [.nan], shape: [], dtype: .float32)
        expectTensorValues(try Tensor.zeros(shape: [0], dtype: .float32).median(), [.nan], shape: [], dtype: .float32)
        let ties = try longTensor([2, 1, 2, 3, 2], [5]).median(dim: 0, keepDim: false)
        #expect(ties.values.int64s() == [2] && ties.indices.int64s() == [2])
        let nan = try floatTensor([3, .nan, 2, .nan], [4]).median(dim: 0, keepDim: false)
        #expect(nan.values.doubles()[0].isNaN && nan.indices.int64s() == [1])
        expectTensorError(.notImplementedError, "\"median_cpu\" not implemented for 'Bool'") {
            try Tensor(values: [true], shape: [1]).median()
        }
        expectTensorError(.indexError, "median(): Expected reduction dim 0 to have non-zero size.") {
            try Tensor.zeros(shape: [0, 3], dtype: .float32).median(dim: -2, keepDim: false)
        }
        #expect(try Tensor.zeros(shape: [0, 3], dtype: .float32).median(dim: 1, keepDim: false).indices.shape == [0])
    }

    @Test func uniqueFlattened() throws {
        let x = try longTensor([3, 1, 2, 1, 3], [5])
        let result = try x.unique(sorted: true, returnInverse: true, returnCounts: true, dim: nil)
        #expect(result.values.int64s() == [1, 2, 3])
        #expect(result.inverse?.int64s() == [2, 0, 1, 0, 2])
        #expect(result.counts?.int64s() == [2, 1, 2])
        let matrix = try longTensor([1, 2, 3, 4], [2, 2]).unique(sorted: true, returnInverse: true, returnCounts: false, dim: nil)
        #expect(matrix.inverse?.shape == [2, 2] && matrix.counts == nil)
        let nans = try floatTensor([1, .nan, .nan, 1], [4]).unique(sorted: true, returnInverse: false, returnCounts: true, dim: nil)
        #expect(nans.values.count == 3 && nans.counts?.int64s() == [2, 1, 1])
        let scalar = try Tensor(scalar: Int64(5)).unique(sorted: true, returnInverse: true, returnCounts: false, dim: nil)
        #expect(scalar.values.shape == [1] && scalar.inverse?.shape == [])
    }

    @Test func uniqueAlongDim() throws {
        let rows = try longTensor([1, 2, 1, 2, 0, 5], [3, 2])
        let byRow = try rows.unique(sorted: true, returnInverse: true, returnCounts: true, dim: 0)
        #expect(byRow.values.int64s() == [0, 5, 1, 2] && byRow.values.shape == [2, 2])
        #expect(byRow.inverse?.int64s() == [1, 1, 0] && byRow.counts?.int64s() == [1, 2])
        let byColumn = try rows.unique(sorted: true, returnInverse: false, returnCounts: true, dim: 1)
        #expect(byColumn.values.shape == [3, 2] && byColumn.counts?.int64s() == [1, 1])
        expectTensorError(.runtimeError, "There are 0 sized dimensions, and they aren't selected, so unique cannot be applied") {
            try Tensor.zeros(shape: [2, 0], dtype: .float32).unique(sorted: true, returnInverse: false, returnCounts: false, dim: 0)
        }
        #expect(try Tensor.zeros(shape: [2, 0], dtype: .float32)
            .unique(sorted: true, returnInverse: false, returnCounts: false, dim: 1).values.shape == [2, 0])
    }

    @Test func nonzeroCoordinates() throws {
        let x = try longTensor([0, 1, 2, 0], [2, 2])
        let found = try x.nonzero()
        #expect(found.shape == [2, 2] && found.int64s() == [0, 1, 1, 0])
        #expect(try Tensor(scalar: Int64(5)).nonzero().shape == [1, 0])
        #expect(try Tensor(scalar: Int64(0)).nonzero().shape == [0, 0])
        #expect(try Tensor.zeros(shape: [0, 3], dtype: .float32).nonzero().shape == [0, 2])
        #expect(try floatTensor([.nan, 0], [2]).nonzero().int64s() == [0])
    }
}
