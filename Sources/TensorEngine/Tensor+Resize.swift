/// `resize_`: PyTorch's in-place change of a tensor's size, which keeps the elements
/// where they lie in storage and lays the new shape over them contiguously.
extension Tensor {
    /// Takes `shape` with contiguous strides from the same storage offset. A shape that
    /// needs more elements than the storage holds gets new storage with the old elements
    /// first and zeros after (PyTorch leaves those uninitialised).
    public func resize(to shape: [Int]) throws {
        // PyTorch multiplies the sizes as unsigned numbers, so a negative one overflows.
        if shape.contains(where: { $0 < 0 }) { throw TensorError.runtime("numel: integer multiplication overflow") }
        let layout = View(shape: shape, strides: View.contiguousStrides(for: shape), offset: view.offset)
        let (needed, overflow) = view.offset.addingReportingOverflow(try checkedElementCount(shape, itemSize: dtype.itemSize))
        if overflow { throw TensorError.runtime("Storage size calculation overflowed with sizes=\(formatShape(shape))") }
        let capacity = storage.byteCount / Swift.max(dtype.itemSize, 1)
        if needed > capacity {
            let grown = try Tensor.zeros(shape: [needed], dtype: dtype)
            grown.storage.bytes.copyMemory(from: storage.bytes, byteCount: capacity * dtype.itemSize)
            setData(grown)
        }
        view = layout
    }
}
