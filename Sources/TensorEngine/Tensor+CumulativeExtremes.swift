extension Tensor {
    /// `cummax`/`cummin`: the running extreme along `dim` and where it was last reached.
    /// As ATen's kernel does, a tie moves the index forward and a NaN takes over the lane.
    public func cumulativeExtreme(dim: Int, largest: Bool) throws -> (values: Tensor, indices: Tensor) {
        let (moved, length, axis) = try lanes(along: dim)
        var indices = [Int64](repeating: 0, count: count)
        let values: Tensor
        if dtype.isFloatingPoint {
            var keys = moved.doubles()
            runningExtremes(&keys, &indices, length: length, largest: largest, isNaN: { $0.isNaN })
            values = try ResultBuilder.tensor(doubles: keys, shape: moved.shape, dtype: dtype)
        } else {
            var keys = moved.int64s()
            runningExtremes(&keys, &indices, length: length, largest: largest, isNaN: { _ in false })
            values = try ResultBuilder.tensor(int64s: keys, shape: moved.shape, dtype: dtype)
        }
        try OperationStop.check()
        return (try fromLanes(values, axis: axis), try fromLanes(try Tensor(values: indices, shape: moved.shape), axis: axis))
    }
}

private func runningExtremes<Key: Comparable>(_ keys: inout [Key], _ indices: inout [Int64], length: Int, largest: Bool,
                                              isNaN: (Key) -> Bool) {
    guard length > 0, !keys.isEmpty else { return }
    for start in stride(from: 0, to: keys.count, by: length) {
        if OperationStop.isRequested { return }
        var best = keys[start], bestIndex = 0
        for offset in 0..<length {
            let key = keys[start + offset]
            let beats = largest ? key >= best : key <= best
            if isNaN(key) || (!isNaN(best) && beats) {
                best = key
                bestIndex = offset
            }
            keys[start + offset] = best
            indices[start + offset] = Int64(bestIndex)
        }
    }
}
