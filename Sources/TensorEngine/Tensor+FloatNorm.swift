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

extension Tensor {
    /// `floatTwoNorms`' vectorized order computed in place, when every lane is one
    /// unit-stride run in memory: the general path copied the input into doubles first,
    /// which made `norm(dim=1)` 18x slower than PyTorch. nil when the kernel would not
    /// vectorize or a lane's element order is not its memory order.
    func float32RunTwoNorms(_ layout: ReductionLayout) throws -> Tensor? {
        guard reducesInnermostContiguousRun(layout.reducedDims) else { return nil }
        return try float32ReducingUnitStrideLanes(layout) { run, length in twoNormOfRun(run, length: length) }
    }
}

/// √Σx² of `length` consecutive floats in `floatTwoNorms`' vectorized order, the eight
/// running sums held in one register: each adds the separately rounded square (no fused
/// multiply-add), they are added left to right, then the tail one by one.
@inline(__always)
private func twoNormOfRun(_ run: UnsafePointer<Float>, length: Int) -> Float {
    var partial = SIMD8<Float>()
    var index = 0
    while index &+ 8 <= length {
        let x = UnsafeRawPointer(run + index).loadUnaligned(as: SIMD8<Float>.self)
        partial = partial + x * x
        index &+= 8
    }
    var total = partial[0]
    for lane in 1..<8 { total = total + partial[lane] }
    while index < length {
        let x = run[index]
        total = total + x * x
        index &+= 1
    }
    return total.squareRoot()
}
