/// `F.pad(input, pad, mode='constant', value)`.
extension Tensor {
    /// Pads (or, with negative amounts, crops) the last dims. `pads` pairs run from the
    /// last dim backwards: (left, right, top, bottom, ...). The fill value is converted
    /// to this dtype, so 2.5 pads an int64 tensor with 2.
    public func constantPadded(_ pads: [Int], value: Scalar = .int(0)) throws -> Tensor {
        try checkPaddingLength(pads)
        // No tensor has 2**48 elements along a dim, so larger pads are refused before the
        // size arithmetic below could overflow.
        if let huge = pads.first(where: { $0.magnitude > 1 << 48 }) {
            throw TensorError.runtime("this would allocate more memory than exists: padding \(huge) is too large")
        }
        var outputShape = shape
        var source = self
        var destinationRanges: [(dim: Int, start: Int, length: Int)] = []
        for pair in 0..<(pads.count / 2) {
            let dim = rank - 1 - pair
            let before = pads[2 * pair]
            let after = pads[2 * pair + 1]
            let size = shape[dim] + before + after
            guard size >= 0 else {
                throw TensorError.runtime(
                    "The input size \(shape[dim]), plus negative padding \(before) and \(after) resulted in a negative output size, which is invalid. Check dimension \(dim) of your input.")
            }
            outputShape[dim] = size
            // Negative padding crops the source; positive padding offsets the destination.
            let cropStart = Swift.max(-before, 0)
            let cropEnd = Swift.max(-after, 0)
            let kept = Swift.max(shape[dim] - cropStart - cropEnd, 0)
            source = try source.narrow(dim, start: Swift.min(cropStart, shape[dim]), length: kept)
            destinationRanges.append((dim, Swift.max(before, 0), kept))
        }
        let result = try Factory.full(shape: outputShape, value: value, dtype: dtype)
        var destination = result
        for range in destinationRanges {
            destination = try destination.narrow(range.dim, start: range.start, length: range.length)
        }
        try destination.copy(from: source)
        return result
    }
}
