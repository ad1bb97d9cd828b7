/// The float32 2-norm as PyTorch's CPU kernel rounds it: squares summed in float, one
/// by one in index order, except when the reduced elements are the innermost contiguous
/// run in memory. Then eight running sums take every eighth element, are added left to
/// right, and the leftover tail is added one by one (`binary_kernel_reduce_lastdim`).
extension Tensor {
    /// Whether TensorIterator sees this reduction as one contiguous innermost dim: the
    /// reduced dims (ignoring size-1 ones) coalesce into a unit-stride run and every kept
    /// dim lies outside it.
    func reducesInnermostContiguousRun(_ reducedDims: [Int]) -> Bool {
        let reducedSet = Set(reducedDims)
        let reduced = reducedDims.filter { shape[$0] > 1 }.sorted { strides[$0] < strides[$1] }
        guard !reduced.isEmpty else { return false }
        var expectedStride = 1
        for dim in reduced {
            guard strides[dim] == expectedStride else { return false }
            expectedStride *= shape[dim]
        }
        return shape.indices.allSatisfy { dim in reducedSet.contains(dim) || shape[dim] == 1 || strides[dim] >= expectedStride }
    }
}

/// One √Σx² per lane of `values` (lanes of `layout.laneLength`, float32 values held as doubles).
func floatTwoNorms(_ values: [Double], layout: ReductionLayout, vectorized: Bool) -> [Double] {
    let length = layout.laneLength
    let laneCount = 8
    return (0..<layout.outerCount).map { lane -> Double in
        let start = lane * length
        var total: Float = 0
        var tailStart = start
        if vectorized {
            var partial = [Float](repeating: 0, count: laneCount)
            let vectorEnd = start + length - length % laneCount
            for blockStart in stride(from: start, to: vectorEnd, by: laneCount) {
                for offset in 0..<laneCount {
                    let x = Float(values[blockStart + offset])
                    partial[offset] = partial[offset] + x * x
                }
            }
            total = partial.dropFirst().reduce(partial[0]) { $0 + $1 }
            tailStart = vectorEnd
        }
        for index in tailStart..<(start + length) {
            let x = Float(values[index])
            total = total + x * x
        }
        return Double(total.squareRoot())
    }
}
