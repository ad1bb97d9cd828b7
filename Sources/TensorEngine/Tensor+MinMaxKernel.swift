/// max/min/argmax/argmin of float32 lanes read where they lie. The general path copies
/// every element into an array of doubles first; comparing floats directly gives the
/// same answers (float → double is exact) at a third of the time.
extension Tensor {
    /// The values and first indices of each lane's extreme, or nil when the layout is
    /// not one strided run per lane (several reduced dims of a non-contiguous tensor).
    func float32ExtremeLanes(_ layout: ReductionLayout, largest: Bool) throws -> (values: Tensor, indices: Tensor)? {
        guard dtype == .float32, layout.laneLength > 0 else { return nil }
        let keptRank = layout.laneView.rank - layout.reducedDims.count
        let laneStride: Int
        if layout.reducedDims.count == 1, let last = layout.laneView.strides.last {
            laneStride = last
        } else if keptRank == 0 && isContiguous {
            laneStride = 1
        } else {
            return nil
        }
        let lanes = View(shape: Array(layout.laneView.shape.prefix(keptRank)),
                         strides: Array(layout.laneView.strides.prefix(keptRank)), offset: layout.laneView.offset)
        let values = try Tensor.uninitialized(shape: layout.outputShape, dtype: .float32)
        let indices = try Tensor.uninitialized(shape: layout.outputShape, dtype: .int64)
        let source = UnsafePointer(pointer(Float.self))
        let bestValues = values.pointer(Float.self), bestIndices = indices.pointer(Int64.self)
        var lane = 0
        lanes.forEachOffset { start in
            let (value, index) = largest
                ? extremeOfLane(source + start, stride: laneStride, length: layout.laneLength, isBetter: { $0 > $1 })
                : extremeOfLane(source + start, stride: laneStride, length: layout.laneLength, isBetter: { $0 < $1 })
            bestValues[lane] = value
            bestIndices[lane] = Int64(index)
            lane &+= 1
        }
        // A lane can be billions long (an expanded dim): it polls for a stop, and the
        // partial result is dropped here.
        try OperationStop.check()
        return (values, indices)
    }
}

/// The first extreme of one lane; the first nan, if any, wins (PyTorch's ordering).
@inline(__always)
private func extremeOfLane(
    _ lane: UnsafePointer<Float>, stride: Int, length: Int, isBetter: (Float, Float) -> Bool
) -> (Float, Int) {
    var best = lane[0], bestIndex = 0
    guard !best.isNaN else { return (best, 0) }
    var position = 0
    for step in 1..<length {
        position &+= stride
        if step & 0xFFFF == 0 && OperationStop.isRequested { break }
        let value = lane[position]
        if value.isNaN { return (value, step) }
        if isBetter(value, best) {
            best = value
            bestIndex = step
        }
    }
    return (best, bestIndex)
}
