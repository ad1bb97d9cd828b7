/// gather's loop straight over storage: one pass over the index in row-major order,
/// reading each element where it lies. Building offset arrays first (bases, positions,
/// their sums) cost five 8-byte arrays per element and made a 1000-wide gather 10× slower
/// than PyTorch. Elements are copied as bit patterns of their width, so one loop serves
/// every dtype.
extension Tensor {
    /// `out[i][j] = self[i][index[i][j]]` (for axis 1, and so on). `source` is this
    /// tensor's view and `indexView` the index's, both of rank ≥ 1 and checked for size.
    func gatherAlong(_ axis: Int, source: View, index: Tensor, indexView: View) throws -> Tensor {
        let result = try Tensor.uninitialized(shape: index.shape, dtype: dtype)
        guard result.count > 0 else { return result }
        switch dtype.itemSize {
        case 1: try gatherBits(UInt8.self, axis, source, index, indexView, into: result)
        case 2: try gatherBits(UInt16.self, axis, source, index, indexView, into: result)
        case 4: try gatherBits(UInt32.self, axis, source, index, indexView, into: result)
        default: try gatherBits(UInt64.self, axis, source, index, indexView, into: result)
        }
        return result
    }

    private func gatherBits<Bits>(
        _ type: Bits.Type, _ axis: Int, _ source: View, _ index: Tensor, _ indexView: View, into result: Tensor
    ) throws {
        let from = storage.typed(Bits.self)
        let to = result.storage.typed(Bits.self) + result.storageOffset
        let size = source.shape[axis], axisStride = source.strides[axis]
        if index.dtype == .int64 {
            try forEachGatherPosition(axis, source, indexView, index.storage.typed(Int64.self), size: size) { out, base, position in
                to[out] = from[base &+ position &* axisStride]
            }
        } else {
            try forEachGatherPosition(axis, source, indexView, index.storage.typed(Int32.self), size: size) { out, base, position in
                to[out] = from[base &+ position &* axisStride]
            }
        }
    }
}

/// Walks the index in row-major order and calls `body(outputPosition, sourceBase, index)`,
/// where `sourceBase` is the source offset with the gathered dim at 0. Throws PyTorch's
/// error for the first index outside `0..<size`.
@inline(__always)
private func forEachGatherPosition<Index: BinaryInteger>(
    _ axis: Int, _ source: View, _ indexView: View, _ indices: UnsafeMutablePointer<Index>, size: Int,
    _ body: (Int, Int, Int) -> Void
) throws {
    let shape = indexView.shape, rank = shape.count, last = rank - 1
    let innerLength = shape[last]
    let innerIndexStride = indexView.strides[last]
    let innerSourceStride = last == axis ? 0 : source.strides[last]
    var counter = [Int](repeating: 0, count: rank)
    var out = 0
    let rows = shape.dropLast().reduce(1, *)
    for _ in 0..<rows {
        var indexOffset = indexView.offset, sourceBase = source.offset
        for dim in 0..<last {
            indexOffset &+= counter[dim] &* indexView.strides[dim]
            if dim != axis { sourceBase &+= counter[dim] &* source.strides[dim] }
        }
        for column in 0..<innerLength {
            let value = indices[indexOffset &+ column &* innerIndexStride]
            guard value >= 0, value < size else {
                throw TensorError(.runtimeError, .indexOutOfBounds(index: Int(value), dim: axis, size: size))
            }
            body(out, sourceBase &+ column &* innerSourceStride, Int(value))
            out &+= 1
        }
        advanceRowMajor(&counter, in: shape, dims: last)
    }
}

/// Steps `counter`, a row-major position over the first `dims` dims of `shape`, to the next one.
@inline(__always)
func advanceRowMajor(_ counter: inout [Int], in shape: [Int], dims: Int) {
    var dim = dims - 1
    while dim >= 0 {
        counter[dim] += 1
        if counter[dim] < shape[dim] { break }
        counter[dim] = 0
        dim -= 1
    }
}
