extension Tensor {
    /// `searchsorted`: for each value, the index in this sorted sequence (each row of it,
    /// when it has leading dims matching the values') where it would be inserted.
    /// `right` takes the last such place. The binary search is ATen's, NaN sorting last.
    public func searchSorted(_ values: Tensor, right: Bool, outInt32: Bool, sorter: Tensor?) throws -> Tensor {
        if let sorter { try checkSorter(sorter) }
        guard values.rank > 0 || rank == 1 else {
            throw TensorError.runtime("torch.searchsorted(): input value can be a scalar only when boundaries tensor dimension is 1, "
                                      + "but we got boundaries tensor dim(\(rank)) and input value's dim(\(values.rank)) numel(\(values.count))")
        }
        guard rank != 0 else {
            throw TensorError.runtime("torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 dimension")
        }
        guard rank == 1 || (rank == values.rank && Array(shape.dropLast()) == Array(values.shape.dropLast())) else {
            throw TensorError.runtime("torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries "
                                      + "tensor and input value tensor must match, but we got boundaries tensor \(shape) and input value tensor \(values.shape)")
        }
        let common = DType.promote(dtype, values.dtype)
        if common == .bool { throw TensorError(.notImplementedError, "\"searchsorted_out_cpu\" not implemented for 'Bool'") }
        let order = sorter.map { $0.int64s() }
        let positions: [Int64]
        let laneLength = shape[rank - 1], valuesPerRow = rank == 1 ? Swift.max(values.count, 1) : Swift.max(values.shape.last ?? 1, 1)
        if common.isFloatingPoint {
            positions = searchAll(doubles(), values.doubles(), laneLength: laneLength, valuesPerRow: valuesPerRow, right: right, sorter: order)
        } else {
            positions = searchAll(int64s(), values.int64s(), laneLength: laneLength, valuesPerRow: valuesPerRow, right: right, sorter: order)
        }
        let result = try Tensor(values: positions, shape: values.shape)
        return outInt32 ? try result.to(.int32) : result
    }

    private func checkSorter(_ sorter: Tensor) throws {
        guard sorter.shape == shape else {
            throw TensorError.runtime("torch.searchsorted(): boundary and sorter must have the same size, but got boundary tensor \(shape)"
                                      + "and got sorter tensor \(sorter.shape)")
        }
        guard sorter.dtype == .int64 else {
            throw TensorError.runtime("torch.searchsorted(): sorter must be a tensor of long dtype but got dtype \(sorter.dtype.scalarTypeName)")
        }
        let indices = sorter.int64s()
        if let low = indices.min(), let high = indices.max(), low < 0 || high >= Int64(shape.last ?? 0) {
            throw TensorError.runtime("torch.searchsorted(): sorter index out of range")
        }
    }
}

private func searchAll<Key: Comparable>(_ bounds: [Key], _ values: [Key], laneLength: Int, valuesPerRow: Int, right: Bool,
                                        sorter: [Int64]?) -> [Int64] {
    values.enumerated().map { position, value in
        let start = (bounds.count == laneLength ? 0 : position / valuesPerRow) * laneLength
        var low = 0, high = laneLength
        while low < high {
            let middle = low + (high - low) >> 1
            let probe = sorter.map { bounds[start + Int($0[start + middle])] } ?? bounds[start + middle]
            // ATen's `!(mid >= val)` / `!(mid > val)`: a NaN value or boundary moves right.
            let goesRight = right ? !(probe > value) : !(probe >= value)
            if goesRight { low = middle + 1 } else { high = middle }
        }
        return Int64(low)
    }
}

extension Tensor {
    /// `isin`: whether each element equals some element of `test`, compared in their
    /// common dtype (so NaN is never found).
    public static func isin(_ elements: Tensor, _ test: Tensor, invert: Bool) throws -> Tensor {
        for tensor in [elements, test] where tensor.dtype == .bool {
            throw TensorError(.notImplementedError, "Unsupported input type encountered for isin(): Bool")
        }
        let found: [Bool]
        if DType.promote(elements.dtype, test.dtype).isFloatingPoint {
            let members = Set(test.doubles())
            found = elements.doubles().map { members.contains($0) != invert }
        } else {
            let members = Set(test.int64s())
            found = elements.int64s().map { members.contains($0) != invert }
        }
        return try Tensor(values: found, shape: elements.shape)
    }
}
