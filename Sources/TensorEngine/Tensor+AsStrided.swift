/// `as_strided`: any (size, stride, storage offset) over this tensor's storage, checked as
/// ATen's `setStrided` and `checkInBoundsForStorage` check it, in their order.
extension Tensor {
    /// The number of elements the storage holds, whatever this view covers of it.
    public var storageElementCount: Int { storage.byteCount / Swift.max(dtype.itemSize, 1) }

    public func asStrided(size: [Int], stride: [Int], storageOffset offset: Int? = nil) throws -> Tensor {
        guard size.count == stride.count else { throw TensorError.runtime("mismatch in length of strides and shape") }
        if stride.contains(where: { $0 < 0 }) {
            throw TensorError.runtime("as_strided: Negative strides are not supported at the moment, got strides: \(formatShape(stride))")
        }
        let start = offset ?? storageOffset
        guard start >= 0 else { throw TensorError.runtime("Tensor: invalid storage offset \(start)") }
        let required = try requiredStorageBytes(size: size, stride: stride, offset: start)
        if required > storage.byteCount {
            throw TensorError.runtime(
                "setStorage: sizes \(formatShape(size)), strides \(formatShape(stride)), storage offset \(start), and itemsize \(dtype.itemSize) requiring a storage size of \(required) are out of bounds for storage of size \(storage.byteCount)")
        }
        return viewing(View(shape: size, strides: stride, offset: start))
    }

    /// ATen's `computeStorageNbytes`: 0 for an empty view, else the bytes up to its last element.
    private func requiredStorageBytes(size: [Int], stride: [Int], offset: Int) throws -> Int {
        let overflow = TensorError.runtime("Storage size calculation overflowed with sizes=\(formatShape(size)) and strides=\(formatShape(stride))")
        if size.contains(where: { $0 < 0 }) { throw overflow }
        if size.contains(0) { return 0 }
        var lastElement = 0
        for (length, step) in zip(size, stride) {
            let (reach, reachOverflow) = (length - 1).multipliedReportingOverflow(by: step)
            let (sum, sumOverflow) = lastElement.addingReportingOverflow(reach)
            if reachOverflow || sumOverflow { throw overflow }
            lastElement = sum
        }
        let (elements, elementsOverflow) = lastElement.addingReportingOverflow(offset + 1)
        let (bytes, bytesOverflow) = elements.multipliedReportingOverflow(by: dtype.itemSize)
        if elementsOverflow || bytesOverflow { throw overflow }
        return bytes
    }
}
