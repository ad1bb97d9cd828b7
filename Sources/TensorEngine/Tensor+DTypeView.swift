extension Tensor {
    /// `x.view(dtype)`: the same bytes read as another dtype, sharing storage. A wider
    /// dtype merges neighbours of the last dim, a narrower one splits them, with ATen's
    /// checks and wording. The result takes no part in autograd, as in PyTorch.
    public func reinterpreted(as newType: DType) throws -> Tensor {
        let (oldSize, newSize) = (dtype.itemSize, newType.itemSize)
        guard oldSize != newSize else { return try sameSizeReinterpretation(newType) }
        let what = "to view \(dtype.scalarTypeName) as \(newType.scalarTypeName) (different element sizes)"
        guard rank > 0 else { throw TensorError.runtime("self.dim() cannot be 0 \(what)") }
        guard strides[rank - 1] == 1 else { throw TensorError.runtime("self.stride(-1) must be 1 \(what), but got \(strides[rank - 1])") }
        var (newShape, newStrides) = (shape, strides)
        let newOffset: Int
        if oldSize > newSize {
            let ratio = oldSize / newSize
            for dim in 0..<(rank - 1) { newStrides[dim] = strides[dim] * ratio }
            newShape[rank - 1] = shape[rank - 1] * ratio
            newOffset = storageOffset * ratio
        } else {
            let ratio = newSize / oldSize
            guard shape[rank - 1] % ratio == 0 else {
                throw TensorError.runtime("self.size(-1) must be divisible by \(ratio) \(what), but got \(shape[rank - 1])")
            }
            guard storageOffset % ratio == 0 else {
                throw TensorError.runtime("self.storage_offset() must be divisible by \(ratio) \(what), but got \(storageOffset)")
            }
            for dim in 0..<(rank - 1) {
                guard strides[dim] % ratio == 0 else {
                    throw TensorError.runtime("self.stride(\(dim)) must be divisible by \(ratio) \(what), but got \(strides[dim])")
                }
                newStrides[dim] = strides[dim] / ratio
            }
            newShape[rank - 1] = shape[rank - 1] / ratio
            newOffset = storageOffset / ratio
        }
        let result = Tensor(storage: storage, dtype: newType, view: View(shape: newShape, strides: newStrides, offset: newOffset))
        return newType == .bool ? try readableAsBool(result) : result
    }

    private func sameSizeReinterpretation(_ newType: DType) throws -> Tensor {
        let result = Tensor(storage: storage, dtype: newType, view: view)
        return newType == .bool && dtype != .bool ? try readableAsBool(result) : result
    }
}

/// Swift's Bool may only hold the bytes 0 and 1; PyTorch reads any other byte as True.
/// Such bytes get a normalised copy (which no longer shares storage).
private func readableAsBool(_ tensor: Tensor) throws -> Tensor {
    let bytes = Tensor(storage: tensor.storage, dtype: .uint8, view: tensor.view)
    let values = bytes.elements(as: UInt8.self)
    guard values.contains(where: { $0 > 1 }) else { return tensor }
    return try Tensor(values: values.map { $0 != 0 }, shape: tensor.shape)
}
