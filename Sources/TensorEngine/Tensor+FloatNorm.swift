/// The float32 2-norm as PyTorch's CPU kernel rounds it when the reduced elements are
/// the innermost contiguous run in memory: eight running sums take every eighth element,
/// are added left to right, and the leftover tail is added one by one
/// (`binary_kernel_reduce_lastdim`). Other 2-norms are summed one by one
/// (`float32SequentialNorms`).
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

extension Tensor {
    /// The 2-norm of each lane when the reduced elements form one unit-stride run in
    /// memory, summed in `binary_kernel_reduce_lastdim`'s order over that run (memory
    /// order, whatever the lane's own order). Reading the input into doubles first
    /// made `norm(dim=1)` 18x slower than PyTorch. nil when the kernel would not vectorize.
    func float32RunTwoNorms(_ layout: ReductionLayout) throws -> Tensor? {
        guard reducesInnermostContiguousRun(layout.reducedDims) else { return nil }
        return try float32ReducingUnitStrideLanes(layout, anyOrder: true) { run, length in twoNormOfRun(run, length: length) }
    }
}

/// √Σx² of `length` consecutive floats in the lastdim kernel's vectorized order, the eight
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
