import TensorEngine

/// The Python values that splitting a tensor into pieces builds (`unbind`, `split`,
/// `chunk`, `tolist`) count against the item limit before they are built: a tensor
/// of shape (2**62, 0) holds no elements but would unbind into 2**62 tensors.
extension ResourceLimits {
    /// Refuses `unbind`/`split`/`chunk` of `tensor` along `dim` into pieces whose
    /// length `pieceLength` gives from the dim's size, when there would be too many.
    /// An invalid dim or length is left for the op itself to report, with its own message.
    func checkPieces(of tensor: Tensor, dim: Int, what: String, pieceLength: (Int) -> Int) throws {
        guard tensor.rank > 0, (-tensor.rank..<tensor.rank).contains(dim) else { return }
        let size = tensor.shape[dim < 0 ? dim + tensor.rank : dim]
        let length = pieceLength(size)
        guard length > 0 else { return }
        try checkItems(size / length + (size % length == 0 ? 0 : 1), what: what)
    }

    /// Refuses `tolist()` when its nested lists and numbers together would pass the limit.
    func checkNestedList(of tensor: Tensor) throws {
        var total = tensor.count
        var listsAtDepth = 1
        for size in tensor.shape {
            total = total.addingReportingOverflow(listsAtDepth).partialValue
            let (next, overflow) = listsAtDepth.multipliedReportingOverflow(by: size)
            if overflow || total < 0 { return try checkItems(UInt64.max, what: "tolist()'s nested lists") }
            listsAtDepth = next
        }
        try checkItems(total, what: "tolist()'s nested lists")
    }
}
