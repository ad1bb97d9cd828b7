/// `F.pad(input, pad, mode='constant', value)`.
extension Tensor {
    /// Pads (or, with negative amounts, crops) the last dims. `pads` pairs run from the
    /// last dim backwards: (left, right, top, bottom, ...). The fill value is converted
    /// to this dtype, so 2.5 pads an int64 tensor with 2.
    public func constantPadded(_ pads: [Int], value: Scalar = .int(0)) throws -> Tensor {
        try checkPaddingLength(pads)
        // ATen's order: each padded dim's new size, outermost first, in int64 arithmetic that
        // wraps (so a huge pad is a "negative output size"), then the storage-size check.
        var outputShape = shape
        for pair in (0..<(pads.count / 2)).reversed() {
            let dim = rank - 1 - pair
            let (before, after) = (pads[2 * pair], pads[2 * pair + 1])
            outputShape[dim] = shape[dim] &+ before &+ after
            guard outputShape[dim] >= 0 else {
                throw TensorError.runtime(
                    "The input size \(shape[dim]), plus negative padding \(before) and \(after) resulted in a negative output size, which is invalid. Check dimension \(dim) of your input.")
            }
        }
        _ = try checkedElementCount(outputShape, itemSize: dtype.itemSize)
        var source = self
        var destinationRanges: [(dim: Int, start: Int, length: Int)] = []
        for pair in 0..<(pads.count / 2) {
            let dim = rank - 1 - pair
            let (before, after) = (pads[2 * pair], pads[2 * pair + 1])
            // Negative padding crops the source; positive padding offsets the destination.
            // Crops are capped at the dim's size, so no pad (not even Int.min) overflows here.
            let cropStart = before < 0 ? Swift.min(0 &- before == Int.min ? Int.max : 0 &- before, shape[dim]) : 0
            let cropEnd = after < 0 ? Swift.min(0 &- after == Int.min ? Int.max : 0 &- after, shape[dim]) : 0
            let kept = Swift.max(shape[dim] - cropStart - cropEnd, 0)
            source = try source.narrow(dim, start: cropStart, length: kept)
            destinationRanges.append((dim, Swift.max(before, 0), kept))
        }
        // As ATen's constant_pad_nd: fill the whole output, then copy the input inside.
        let result = try Tensor.uninitialized(shape: outputShape, dtype: dtype)
        result.fill(value)
        var destination = result
        for range in destinationRanges {
            destination = try destination.narrow(range.dim, start: range.start, length: range.length)
        }
        try destination.copy(from: source)
        return result
    }
}
