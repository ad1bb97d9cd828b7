extension Tensor {
    /// `nanmedian()`: the lower median of the non-NaN elements; NaN when there are none.
    public func nanmedian() throws -> Tensor {
        if dtype == .bool { throw TensorError(.notImplementedError, "\"median_cpu\" not implemented for 'Bool'") }
        guard dtype.isFloatingPoint else { return try median() }
        let values = castDoubles(view: view, to: .float64).filter { !$0.isNaN }
        guard !values.isEmpty else { return try ResultBuilder.tensor(doubles: [.nan], shape: [], dtype: dtype) }
        var sorted = values
        sorted.stoppableSort()
        try OperationStop.check()
        return try ResultBuilder.tensor(doubles: [sorted[(sorted.count - 1) / 2]], shape: [], dtype: dtype)
    }

    /// `nanmedian(dim)`: per lane, the lower median of the non-NaN values and its index.
    /// Equal values rank by index, as ATen's comparator does; an all-NaN lane gives the
    /// NaN that libstdc++'s `nth_element` leaves in front.
    public func nanmedian(dim: Int, keepDim: Bool) throws -> (values: Tensor, indices: Tensor) {
        if dtype == .bool { throw TensorError(.notImplementedError, "\"median_out\" not implemented for 'Bool'") }
        guard dtype.isFloatingPoint else { return try median(dim: dim, keepDim: keepDim) }
        let layout = try ReductionLayout(self, dims: [dim], keepDim: keepDim)
        try checkNonEmptyReduction(layout, name: "median")
        let keys = castDoubles(view: layout.laneView, to: .float64)
        let length = layout.laneLength
        var values: [Double] = [], indices: [Int64] = []
        if length > 0 {
            for start in stride(from: 0, to: keys.count, by: length) {
                if OperationStop.isRequested { break }
                let index = nanMedianIndex(keys[start..<(start + length)])
                values.append(keys[start + index])
                indices.append(Int64(index))
            }
        }
        try OperationStop.check()
        return (try ResultBuilder.tensor(doubles: values, shape: layout.outputShape, dtype: dtype),
                try Tensor(values: indices, shape: layout.outputShape))
    }
}

/// The position, within the lane, of its non-NaN lower median.
private func nanMedianIndex(_ lane: ArraySlice<Double>) -> Int {
    let base = lane.startIndex
    var finite = lane.indices.filter { !lane[$0].isNaN }.map { (key: lane[$0], index: $0 - base) }
    guard !finite.isEmpty else { return frontAfterSelectingAmongEquals(lane.count) }
    finite.sort { $0.key < $1.key || ($0.key == $1.key && $0.index < $1.index) }
    return finite[(finite.count - 1) / 2].index
}

/// Which element libstdc++'s introselect leaves first when every element compares equal
/// (an all-NaN lane): each round swaps the middle to the front, partitions, and keeps
/// the left part, which always holds position 0.
func frontAfterSelectingAmongEquals(_ count: Int) -> Int {
    guard count > 0 else { return 0 }
    var order = Array(0..<count)
    var last = count
    while last > 3 {
        order.swapAt(0, last / 2)
        var low = 1, high = last
        while true {
            high -= 1
            if !(low < high) { break }
            order.swapAt(low, high)
            low += 1
        }
        last = low
    }
    return order[0]
}
