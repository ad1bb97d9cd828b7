/// An einsum step that is really a batched matrix product goes through the blocked
/// float32 kernel, as aten's einsum calls bmm, instead of the generic element loop
/// (about a second for `ij,jk->ik` at 512, where the kernel takes milliseconds).
extension EinsumTerm {
    /// `contracted(with:summing:)` for two float32 terms when every summed dim is shared,
    /// or nil when the step is not a plain product. Kept dims split by who has them: both
    /// (batch), only self (rows), only `other` (columns); summed dims are the inner dim.
    func productContracted(with other: EinsumTerm, summing: [Int]) throws -> EinsumTerm? {
        guard dtype == .float32, other.dtype == .float32, !summing.isEmpty,
              summing.allSatisfy({ shape[$0] != 1 && other.shape[$0] != 1 }) else { return nil }
        var batchDims: [Int] = [], rowDims: [Int] = [], columnDims: [Int] = []
        for dim in shape.indices where !summing.contains(dim) {
            switch (shape[dim] != 1, other.shape[dim] != 1) {
            case (true, true): batchDims.append(dim)
            case (true, false): rowDims.append(dim)
            case (false, true): columnDims.append(dim)
            case (false, false): break
            }
        }
        let batch = try checkedElementCount(batchDims.map { shape[$0] })
        let rows = try checkedElementCount(rowDims.map { shape[$0] })
        let inner = try checkedElementCount(summing.map { shape[$0] })
        let columns = try checkedElementCount(columnDims.map { other.shape[$0] })
        let outputCount = try checkedElementCount([batch, rows, columns])
        _ = try checkedElementCount([batch, rows, inner]) + checkedElementCount([batch, inner, columns])
        // Float copies of both operands and the product, and the Double result term.
        try ensureAllocatable(elements: batch * rows * inner + batch * inner * columns + 3 * outputCount,
                              itemSize: MemoryLayout<Float>.stride)

        let left = EinsumTerm.floats(doubles, shape: shape, order: batchDims + rowDims + summing)
        let right = EinsumTerm.floats(other.doubles, shape: other.shape, order: batchDims + summing + columnDims)
        var product = [Float](repeating: 0, count: outputCount)
        if outputCount > 0 {
            try left.withUnsafeBufferPointer { leftBuffer in
                try right.withUnsafeBufferPointer { rightBuffer in
                    try product.withUnsafeMutableBufferPointer { productBuffer in
                        try multiplyFloatBatches(
                            leftBuffer.baseAddress!, .contiguous(batch: batch, rows: rows, columns: inner),
                            rightBuffer.baseAddress!, .contiguous(batch: batch, rows: inner, columns: columns),
                            into: productBuffer.baseAddress!, batch: batch, rows: rows, inner: inner, columns: columns)
                    }
                }
            }
        }

        var outputShape = shape.indices.map { Swift.max(shape[$0], other.shape[$0]) }
        for dim in summing { outputShape[dim] = 1 }
        var result = EinsumTerm(tensorShape: outputShape, dtype: .float32)
        result.doubles = [Double](repeating: 0, count: outputCount)
        // The product's (batch, rows, columns) order, scattered back to the aligned order.
        let order = batchDims + rowDims + columnDims
        let outputStrides = View.contiguousStrides(for: outputShape)
        let scatter = View(shape: order.map { outputShape[$0] }, strides: order.map { outputStrides[$0] }, offset: 0)
        var index = 0
        scatter.forEachOffset { offset in
            result.doubles[offset] = Double(product[index])
            index += 1
        }
        return result
    }

    /// A contiguous term's values in the dim order `order` (size-1 dims left out), as Float.
    private static func floats(_ values: [Double], shape: [Int], order: [Int]) -> [Float] {
        let strides = View.contiguousStrides(for: shape)
        let reordered = View(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: 0)
        var result: [Float] = []
        result.reserveCapacity(reordered.count)
        reordered.forEachOffset { result.append(Float(values[$0])) }
        return result
    }
}
