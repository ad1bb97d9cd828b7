import TensorEngine

extension Autodiff {
    /// `torch.tensordot(a, b, dims)` as ATen builds it: a permuted to (free, contracted)
    /// dims and b to (contracted, free), both flattened to matrices, one mm, then a view
    /// to the free dims of a followed by those of b (so the node is ViewBackward0). A
    /// contracted dim of size 1 against a larger one sums the other side over it first.
    public static func tensordot(_ a: Tensor, _ b: Tensor, dimsA: [Int], dimsB: [Int]) throws -> Tensor {
        guard dimsA.count == dimsB.count else { throw TensorError.runtime("both dimension lists should have same length") }
        guard a.dtype == b.dtype else { throw TensorError.runtime("both inputs should have same dtype") }
        var (left, right) = (a, b)
        let contractedA = try dimsA.map { try normalizeDim($0, rank: a.rank) }
        let contractedB = try dimsB.map { try normalizeDim($0, rank: b.rank) }
        for (offset, (dimA, dimB)) in zip(contractedA, contractedB).enumerated() {
            let (sizeA, sizeB) = (a.shape[dimA], b.shape[dimB])
            if sizeB == 1 {
                left = try sum(left, dims: [dimA], keepDim: true)
            } else if sizeA == 1 {
                right = try sum(right, dims: [dimB], keepDim: true)
            } else if sizeA != sizeB {
                throw TensorError.runtime(
                    "contracted dimensions need to match, but first has size \(sizeA) in dim \(dimsA[offset]) and second has size \(sizeB) in dim \(dimsB[offset])")
            }
        }
        let freeA = (0..<a.rank).filter { !contractedA.contains($0) }
        let freeB = (0..<b.rank).filter { !contractedB.contains($0) }
        let contractedSize = contractedA.reduce(1) { $0 * left.shape[$1] }
        let freeSizeA = freeA.reduce(1) { $0 * a.shape[$1] }, freeSizeB = freeB.reduce(1) { $0 * b.shape[$1] }
        let matrixA = try reshape(try permute(left, freeA + contractedA), [freeSizeA, contractedSize])
        let matrixB = try reshape(try permute(right, contractedB + freeB), [contractedSize, freeSizeB])
        return try reshape(try matmul(matrixA, matrixB), freeA.map { a.shape[$0] } + freeB.map { b.shape[$0] })
    }
}
