/// `kthvalue`: the k-th smallest element of every lane and its position. Which position
/// wins among equal values depends on the selection algorithm, so this follows ATen's
/// kthvalue kernel step for step: the quick-select of Sedgewick's 1978 quicksort (median
/// of three, then Hoare partitioning), nan ordered above every number.

extension Tensor {
    public func kthvalue(_ k: Int, dim: Int, keepDim: Bool) throws -> (values: Tensor, indices: Tensor) {
        let axis = try normalizeDim(dim, rank: Swift.max(rank, 1))
        let size = rank == 0 ? 1 : shape[axis]
        // ATen checks for an empty reduced dim before it checks k.
        if size == 0 { throw TensorError.index("kthvalue(): Expected reduction dim \(axis) to have non-zero size.") }
        guard k >= 1, k <= size else {
            throw TensorError.runtime("kthvalue(): selected number k out of range for dimension \(axis)")
        }
        if dtype == .bool { throw TensorError.kernelNotImplemented("kthvalue_cpu", .bool) }
        let layout = try ReductionLayout(self, dims: [axis], keepDim: keepDim)
        return try withScratch(elements: count, bytesPerElement: 24) {
            if dtype.isFloatingPoint {
                let result = selectLanes(castDoubles(view: layout.laneView, to: .float64), length: layout.laneLength, k: k)
                try OperationStop.check()
                return (try ResultBuilder.tensor(doubles: result.keys, shape: layout.outputShape, dtype: dtype),
                        try Tensor(values: result.indices, shape: layout.outputShape))
            }
            let result = selectLanes(castInt64s(view: layout.laneView, to: .int64), length: layout.laneLength, k: k)
            try OperationStop.check()
            return (try ResultBuilder.tensor(int64s: result.keys, shape: layout.outputShape, dtype: dtype),
                    try Tensor(values: result.indices, shape: layout.outputShape))
        }
    }
}

/// The k-th smallest (1-based) of every lane of `keys` with its position in the lane.
func selectLanes<Key: OrderedLaneValue>(_ keys: [Key], length: Int, k: Int) -> (keys: [Key], indices: [Int64]) {
    let lanes = length == 0 ? 0 : keys.count / length
    // No lanes (an empty outer dim) may still have a huge lane length: nothing to reserve.
    guard lanes > 0 else { return ([], []) }
    var resultKeys = [Key]()
    var resultIndices = [Int64]()
    resultKeys.reserveCapacity(lanes)
    resultIndices.reserveCapacity(lanes)
    var pairs = [KeyedIndex<Key>]()
    pairs.reserveCapacity(length)
    for lane in 0..<lanes {
        if OperationStop.isRequested { break }
        pairs.removeAll(keepingCapacity: true)
        for position in 0..<length {
            pairs.append(KeyedIndex(key: keys[lane * length + position], index: Int64(position)))
        }
        pairs.withUnsafeMutableBufferPointer { quickSelect($0, k - 1) }
        resultKeys.append(pairs[k - 1].key)
        resultIndices.append(pairs[k - 1].index)
    }
    return (resultKeys, resultIndices)
}

/// ATen's `quick_select_template` with its `gt_or_nan` order: afterwards `lane[k]` holds
/// the element a full sort would put there. The median of three leaves a value no greater
/// than the pivot at `low + 1` and one no smaller at `high`, which stop both scans.
private func quickSelect<Key: OrderedLaneValue>(_ lane: UnsafeMutableBufferPointer<KeyedIndex<Key>>, _ k: Int) {
    @inline(__always) func greater(_ a: Key, _ b: Key) -> Bool {
        (a.isNaNValue && !b.isNaNValue) || a > b
    }
    var low = 0, high = lane.count - 1
    while high > low {
        if high == low + 1 {
            if greater(lane[low].key, lane[high].key) { lane.swapAt(low, high) }
            return
        }
        lane.swapAt((low + high) >> 1, low + 1)
        if greater(lane[low + 1].key, lane[high].key) { lane.swapAt(low + 1, high) }
        if greater(lane[low].key, lane[high].key) { lane.swapAt(low, high) }
        if greater(lane[low + 1].key, lane[low].key) { lane.swapAt(low + 1, low) }
        let pivot = lane[low].key
        var i = low + 1, j = high
        while true {
            repeat { i += 1 } while greater(pivot, lane[i].key)
            repeat { j -= 1 } while greater(lane[j].key, pivot)
            if j < i { break }
            lane.swapAt(i, j)
        }
        lane.swapAt(low, j)
        if j <= k { low = i }
        if j >= k { high = j - 1 }
    }
}
