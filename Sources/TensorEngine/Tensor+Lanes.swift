/// Scans and searches that walk one dim at a time see it as lanes: the dim moved last,
/// so each lane's elements sit next to each other in row-major order.
extension Tensor {
    /// This tensor with `dim` moved last (a view), the lane length and the wrapped dim.
    /// A 0-dim tensor is one lane of one element, as PyTorch treats it.
    func lanes(along dim: Int) throws -> (moved: Tensor, length: Int, axis: Int) {
        let axis = try normalizeDim(dim, rank: rank)
        guard rank > 0 else { return (self, 1, 0) }
        return (try transpose(axis, rank - 1), shape[axis], axis)
    }

    /// A contiguous tensor built in lane order (shaped like `lanes(along:)`'s view),
    /// returned in this tensor's shape.
    func fromLanes(_ built: Tensor, axis: Int) throws -> Tensor {
        guard rank > 0 else { return built }
        return try built.transpose(axis, rank - 1).contiguous()
    }
}
