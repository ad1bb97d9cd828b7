import Glibc

/// Ops that build a new tensor from pieces: cat, stack, repeat, flip, roll, tril/triu.

/// `torch.cat(tensors, dim)`; dtypes promote, and 1-d empty tensors are skipped as in PyTorch.
public func concatenate(_ tensors: [Tensor], dim: Int) throws -> Tensor {
    guard !tensors.isEmpty else { throw TensorError.value("torch.cat(): expected a non-empty list of Tensors") }
    let parts = tensors.filter { !($0.rank == 1 && $0.count == 0) }
    let dtype = tensors.dropFirst().reduce(tensors[0].dtype) { DType.promote($0, $1.dtype) }
    guard let first = parts.first else { return try Tensor.zeros(shape: [0], dtype: dtype) }
    if first.rank == 0 { throw TensorError.runtime("zero-dimensional tensor (at position 0) cannot be concatenated") }
    let axis = try normalizeDim(dim, rank: first.rank)
    var total = 0
    for (position, tensor) in tensors.enumerated() where !(tensor.rank == 1 && tensor.count == 0) {
        if tensor.rank == 0 {
            throw TensorError.runtime("zero-dimensional tensor (at position \(position)) cannot be concatenated")
        }
        guard tensor.rank == first.rank else {
            throw TensorError.runtime("Tensors must have same number of dimensions: got \(first.rank) and \(tensor.rank)")
        }
        for index in 0..<first.rank where index != axis && tensor.shape[index] != first.shape[index] {
            throw TensorError.runtime(
                "Sizes of tensors must match except in dimension \(axis). Expected size \(first.shape[index]) but got size \(tensor.shape[index]) for tensor number \(position) in the list.")
        }
        let (sum, overflow) = total.addingReportingOverflow(tensor.shape[axis])
        if overflow { throw TensorError.runtime("this would allocate more memory than exists: the concatenated size overflows") }
        total = sum
    }
    var shape = first.shape
    shape[axis] = total
    if parts.allSatisfy({ $0.dtype == dtype && $0.isContiguous }) {
        return try concatenateContiguous(parts, shape: shape, axis: axis, dtype: dtype)
    }
    // The parts cover every element of the result, so it needs no zero fill.
    let result = try Tensor.uninitialized(shape: shape, dtype: dtype)
    var start = 0
    for tensor in parts {
        try OperationStop.check()
        let length = tensor.shape[axis]
        try result.slice(axis, start: start, end: start + length, step: 1).copy(from: tensor)
        start += length
    }
    return result
}

/// cat of contiguous parts of the result's dtype: each part is, for every index of the
/// dims before `axis`, one contiguous run of bytes, copied whole. Every byte of the
/// result is written, so it starts uninitialized.
private func concatenateContiguous(_ parts: [Tensor], shape: [Int], axis: Int, dtype: DType) throws -> Tensor {
    let result = try Tensor.uninitialized(shape: shape, dtype: dtype)
    // Nothing to copy; the byte counts below could overflow for huge empty shapes.
    if result.count == 0 { return result }
    let outerCount = shape[..<axis].reduce(1, *)
    let innerCount = shape[(axis + 1)...].reduce(1, *)
    let itemSize = dtype.itemSize
    let rowBytes = shape[axis] * innerCount * itemSize
    let target = result.storage.bytes + result.storageOffset * itemSize
    var partStart = 0
    for part in parts {
        try OperationStop.check()
        let partBytes = part.shape[axis] * innerCount * itemSize
        let source = UnsafeRawPointer(part.storage.bytes + part.storageOffset * itemSize)
        if partBytes > 0 {
            for outer in 0..<outerCount {
                (target + outer * rowBytes + partStart).copyMemory(from: source + outer * partBytes, byteCount: partBytes)
            }
        }
        partStart += partBytes
    }
    return result
}

/// `torch.stack(tensors, dim)`.
public func stack(_ tensors: [Tensor], dim: Int) throws -> Tensor {
    guard let first = tensors.first else { throw TensorError.runtime("stack expects a non-empty TensorList") }
    for (position, tensor) in tensors.enumerated() where tensor.shape != first.shape {
        throw TensorError.runtime(
            "stack expects each tensor to be equal size, but got \(formatShape(first.shape)) at entry 0 and \(formatShape(tensor.shape)) at entry \(position)")
    }
    let axis = try normalizeDim(dim, rank: first.rank + 1)
    return try concatenate(tensors.map { try $0.unsqueeze(axis) }, dim: axis)
}

extension Tensor {
    /// `repeat(sizes)`: tiles the tensor.
    public func repeated(_ repeats: [Int]) throws -> Tensor {
        guard repeats.count >= rank else {
            throw TensorError.runtime(
                "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
        }
        if let negative = repeats.first(where: { $0 < 0 }) {
            throw TensorError.runtime("Trying to create tensor with negative dimension \(negative): \(formatShape(repeats))")
        }
        let extra = repeats.count - rank
        let padded = [Int](repeating: 1, count: extra) + shape
        let outputShape = try zip(padded, repeats).map { size, count in
            let (product, overflow) = size.multipliedReportingOverflow(by: count)
            if overflow { throw TensorError.runtime("this would allocate more memory than exists: repeat \(formatShape(repeats)) is too large") }
            return product
        }
        _ = try checkedElementCount(outputShape)
        // View the output as [r0, s0, r1, s1, ...] and copy the source broadcast over the r dims.
        let result = try Tensor.zeros(shape: outputShape, dtype: dtype)
        // An empty output needs no copy, and its interleaved strides may not fit in Int.
        if result.count == 0 { return result }
        var interleavedShape: [Int] = []
        var interleavedStrides: [Int] = []
        let outputStrides = result.strides
        for index in 0..<padded.count {
            interleavedShape += [repeats[index], padded[index]]
            interleavedStrides += [outputStrides[index] * padded[index], outputStrides[index]]
        }
        let target = result.viewing(View(shape: interleavedShape, strides: interleavedStrides, offset: 0))
        var sourceShape: [Int] = []
        for size in padded { sourceShape += [1, size] }
        try target.copy(from: reshape(sourceShape))
        return result
    }

    /// `flip(dims)`: a copy with the listed dims reversed.
    public func flip(_ dims: [Int]) throws -> Tensor {
        let axes = try normalizeDims(dims, rank: rank)
        // An empty tensor's flip is an empty copy; its long dims' offsets may not fit in Int.
        if count == 0 { return try clone() }
        var newStrides = strides
        var offset = storageOffset
        for axis in axes where shape[axis] > 0 {
            offset += (shape[axis] - 1) * strides[axis]
            newStrides[axis] = -strides[axis]
        }
        return try viewing(View(shape: shape, strides: newStrides, offset: offset)).clone()
    }

    /// `roll(shifts, dims)`; with no dims the flattened tensor rolls.
    public func roll(_ shifts: [Int], dims: [Int]) throws -> Tensor {
        if dims.isEmpty {
            guard shifts.count == 1 else { throw TensorError.runtime("shifts and dimensions must align. shifts: \(shifts.count), dims:0") }
            return try flatten().roll(shifts, dims: [0]).view(shape)
        }
        guard shifts.count == dims.count else {
            throw TensorError.runtime("shifts and dimensions must align. shifts: \(shifts.count), dims:\(dims.count)")
        }
        var result: Tensor = self
        for (shift, dim) in zip(shifts, dims) {
            let axis = try normalizeDim(dim, rank: rank)
            let size = result.shape[axis]
            if size == 0 { continue }
            // A negative remainder plus the size cannot overflow, unlike `shift % size + size`.
            let remainder = shift % size
            let amount = remainder < 0 ? remainder + size : remainder
            if amount == 0 { result = try result.clone(); continue }
            let tail = try result.slice(axis, start: size - amount, end: size, step: 1)
            let head = try result.slice(axis, start: 0, end: size - amount, step: 1)
            result = try concatenate([tail, head], dim: axis)
        }
        return result === self ? try clone() : result
    }

    /// `triu(diagonal)` / `tril(diagonal)` on the last two dims: a contiguous copy whose
    /// dropped part of each row is zeroed in one run (element by element, through a
    /// scalar setter, it ran 8 times slower than PyTorch).
    public func triangle(upper: Bool, diagonal: Int) throws -> Tensor {
        guard rank >= 2 else {
            throw TensorError.runtime("\(upper ? "triu" : "tril"): input tensor must have at least 2 dimensions")
        }
        let result = try clone()
        let rows = shape[rank - 2], columns = shape[rank - 1]
        guard result.count > 0 else { return result }
        // Diagonals past every column (or before every row) act like these, and row + diagonal stays small.
        let edge = Swift.min(Swift.max(diagonal, -rows - 1), columns + 1)
        let itemSize = dtype.itemSize
        let base = UnsafeMutableRawPointer(result.pointer(UInt8.self)) + result.storageOffset * itemSize
        for matrixRow in 0..<(result.count / columns) {
            let row = matrixRow % rows
            // tril keeps column - row <= diagonal, triu keeps column - row >= diagonal.
            let dropped = upper ? 0..<Swift.min(Swift.max(row + edge, 0), columns)
                                : Swift.min(Swift.max(row + edge + 1, 0), columns)..<columns
            if dropped.isEmpty { continue }
            memset(base + (matrixRow * columns + dropped.lowerBound) * itemSize, 0, dropped.count * itemSize)
        }
        return result
    }
}
