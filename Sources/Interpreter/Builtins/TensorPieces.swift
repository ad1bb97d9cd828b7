import TensorEngine

/// The Python values `tolist` builds count against the item limit before they are built.
/// (The op table's `unbind`, `split` and `chunk` check theirs through `OpArguments.checkPieces`.)
extension ResourceLimits {
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
