import TensorEngine

/// `hstack`, `vstack`, `dstack`, `column_stack`: `cat` after lifting every input to enough
/// dims, as ATen builds them; the result's gradient is CatBackward0's.
extension Autodiff {
    /// `atleast_1d/2d/3d`: a 0-d tensor becomes all ones, a 1-d one [1, n] (or [1, n, 1] for
    /// 3 dims) and a 2-d one gains a last dim of 1 for 3 dims.
    public static func atLeast(_ tensor: Tensor, rank: Int) throws -> Tensor {
        guard tensor.rank < rank else { return tensor }
        switch (tensor.rank, rank) {
        case (0, _): return try reshape(tensor, [Int](repeating: 1, count: rank))
        case (1, 2): return try unsqueeze(tensor, 0)
        case (1, 3): return try unsqueeze(try unsqueeze(tensor, 0), 2)
        default: return try unsqueeze(tensor, 2)
        }
    }

    /// Side by side: along dim 0 for 1-d inputs, dim 1 otherwise.
    public static func hstack(_ tensors: [Tensor]) throws -> Tensor {
        let lifted = try nonEmpty(tensors, "hstack").map { try atLeast($0, rank: 1) }
        return try concatenate(lifted, dim: lifted[0].rank == 1 ? 0 : 1)
    }

    /// One above the other: 1-d inputs become rows.
    public static func vstack(_ tensors: [Tensor]) throws -> Tensor {
        try concatenate(try nonEmpty(tensors, "vstack").map { try atLeast($0, rank: 2) }, dim: 0)
    }

    /// Along a third dim (depth).
    public static func dstack(_ tensors: [Tensor]) throws -> Tensor {
        try concatenate(try nonEmpty(tensors, "dstack").map { try atLeast($0, rank: 3) }, dim: 2)
    }

    /// 0-d and 1-d inputs become columns, then all are joined along dim 1.
    public static func columnStack(_ tensors: [Tensor]) throws -> Tensor {
        try concatenate(try nonEmpty(tensors, "column_stack").map { $0.rank <= 1 ? try reshape($0, [$0.count, 1]) : $0 }, dim: 1)
    }

    private static func nonEmpty(_ tensors: [Tensor], _ name: String) throws -> [Tensor] {
        guard !tensors.isEmpty else { throw TensorError.runtime("\(name) expects a non-empty TensorList") }
        return tensors
    }
}
