import Glibc

extension Tensor {
    /// Fills a contiguous tensor with one value: the first element converted once, then
    /// the bytes doubled with memcpy, instead of converting the value per element.
    /// Returns false (and writes nothing) for a non-contiguous or empty tensor.
    func fillContiguous(_ value: Scalar) -> Bool {
        guard isContiguous, count > 0 else { return false }
        storage.noteWrite()
        setScalar(value, atStorageOffset: storageOffset)
        let itemSize = dtype.itemSize
        let start = storage.bytes + storageOffset &* itemSize
        let total = count &* itemSize
        var filled = itemSize
        while filled < total {
            let chunk = Swift.min(filled, total &- filled)
            memcpy(start + filled, start, chunk)
            filled &+= chunk
        }
        return true
    }
}
