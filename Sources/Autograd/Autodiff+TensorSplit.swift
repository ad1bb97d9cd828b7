import TensorEngine

/// `tensor_split`: views cut at positions along a dim. Every piece is a slice of the input,
/// so its gradient is SliceBackward0's, as in PyTorch.
extension Autodiff {
    /// `sections` pieces whose lengths differ by at most one, the longer ones first.
    public static func tensorSplit(_ input: Tensor, sections: Int, dim: Int) throws -> [Tensor] {
        try checkSplittable(input)
        guard sections > 0 else { throw TensorError.runtime("number of sections must be larger than 0, got \(sections)") }
        let axis = try normalizeDim(dim, rank: input.rank)
        let size = input.shape[axis]
        let boundaries = (1..<sections).map { section in section * (size / sections) + min(section, size % sections) }
        return try slices(input, axis, boundaries)
    }

    /// Pieces that end at each of `indices` and one that runs to the end. An index is read as
    /// a Python slice bound: negative counts from the end, and it is clamped to the dim.
    public static func tensorSplit(_ input: Tensor, indices: [Int], dim: Int) throws -> [Tensor] {
        try checkSplittable(input)
        return try slices(input, try normalizeDim(dim, rank: input.rank), indices)
    }

    /// A 0-d int64 tensor gives the number of sections, a 1-d one the indices.
    public static func tensorSplit(_ input: Tensor, indicesOrSections: Tensor, dim: Int) throws -> [Tensor] {
        try checkSplittable(input)
        guard indicesOrSections.dtype == .int64 else {
            throw TensorError.runtime("tensor_split expected tensor_indices_or_sections to have dtype of long, but got \(indicesOrSections.dtype.scalarTypeName)")
        }
        switch indicesOrSections.rank {
        case 0: return try tensorSplit(input, sections: Int(try indicesOrSections.item().int64Value), dim: dim)
        case 1: return try tensorSplit(input, indices: try indicesOrSections.scalars().map { Int($0.int64Value) }, dim: dim)
        default:
            throw TensorError.runtime("tensor_split expected tensor_indices_or_sections to be a zero-dimensional or one-dimensional tensor, "
                                      + "but got a tensor with \(indicesOrSections.rank) dims")
        }
    }

    private static func checkSplittable(_ input: Tensor) throws {
        guard input.rank > 0 else {
            throw TensorError.runtime("tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims")
        }
    }

    private static func slices(_ input: Tensor, _ axis: Int, _ boundaries: [Int]) throws -> [Tensor] {
        let size = input.shape[axis]
        func bound(_ index: Int) -> Int { min(max(index < 0 ? index + size : index, 0), size) }
        var start = 0
        return try (boundaries + [size]).map { end in
            let (from, to) = (bound(start), bound(end))
            start = end
            return try narrow(input, axis, start: from, length: max(to - from, 0))
        }
    }
}
