/// The one matrix-product entry behind dot, mv, mm, bmm, matmul and einsum. float32
/// reads both operands in place through their views and runs the packed, blocked
/// kernel (MatmulBlocking.swift); float16/bfloat16 do the same on float32 copies and
/// round once, as PyTorch's reduced-precision gemm does. float64 and integers copy both
/// operands and run an i-k-j loop; integers wrap.
extension Tensor {
    /// Multiplies `batch` pairs of matrices. `lhs` (a view of self) lists, in row-major
    /// order, batch × rows × inner elements; `rhs` (a view of `other`) batch × inner ×
    /// columns. Callers have checked shapes and that both dtypes are equal.
    /// `allowingUnfusedTinyPath: false` keeps tiny float32 products in the fused kernel: a
    /// convolution reaches oneDNN in PyTorch, never BLAS or bmm's plain loop.
    func batchedProduct(
        _ lhs: View, _ other: Tensor, _ rhs: View,
        batch: Int, rows: Int, inner: Int, columns: Int, outputShape: [Int], allowingUnfusedTinyPath: Bool = true
    ) throws -> Tensor {
        switch dtype {
        case .float32:
            // Every kernel path writes each output element when there is work (the blocked
            // one stores its first depth block, the vector ones zero before adding), so
            // only an empty product, whose result is all zeros, needs zero-filling.
            let hasWork = batch > 0 && rows > 0 && inner > 0 && columns > 0
            let output = hasWork
                ? try Tensor.uninitialized(shape: outputShape, dtype: .float32)
                : try Tensor.zeros(shape: outputShape, dtype: .float32)
            guard hasWork else { return output }
            if allowingUnfusedTinyPath, SmallBatchProduct.applies(rows: rows, inner: inner, columns: columns) {
                multiplySmallFloatBatches(
                    UnsafePointer(pointer(Float.self)), BatchedMatrixLayout.left(lhs),
                    UnsafePointer(other.pointer(Float.self)), BatchedMatrixLayout.right(rhs),
                    into: output.pointer(Float.self), batch: batch, rows: rows, inner: inner, columns: columns)
                return output
            }
            try multiplyFloatBatches(
                UnsafePointer(pointer(Float.self)), BatchedMatrixLayout.left(lhs),
                UnsafePointer(other.pointer(Float.self)), BatchedMatrixLayout.right(rhs),
                into: output.pointer(Float.self), batch: batch, rows: rows, inner: inner, columns: columns)
            return output
        case .float16, .bfloat16:
            // PyTorch's reduced-precision gemm accumulates in float32 and rounds once.
            try ensureAllocatable(elements: try checkedElementCount(lhs.shape) + checkedElementCount(rhs.shape),
                                  itemSize: MemoryLayout<Double>.stride)
            let a = castDoubles(view: lhs, to: .float32).map { Float($0) }
            let b = other.castDoubles(view: rhs, to: .float32).map { Float($0) }
            let output = try Tensor.zeros(shape: outputShape, dtype: .float32)
            if batch > 0, rows > 0, inner > 0, columns > 0 {
                try a.withUnsafeBufferPointer { aBuffer in
                    try b.withUnsafeBufferPointer { bBuffer in
                        try multiplyFloatBatches(
                            aBuffer.baseAddress!, .contiguous(batch: batch, rows: rows, columns: inner),
                            bBuffer.baseAddress!, .contiguous(batch: batch, rows: inner, columns: columns),
                            into: output.pointer(Float.self), batch: batch, rows: rows, inner: inner, columns: columns)
                    }
                }
            }
            return try output.to(dtype)
        default:
            return try copiedProduct(lhs, other, rhs, batch: batch, rows: rows, inner: inner, columns: columns,
                                     outputShape: outputShape)
        }
    }

    /// float64 and integer products on contiguous copies of both operands.
    private func copiedProduct(
        _ lhs: View, _ other: Tensor, _ rhs: View,
        batch: Int, rows: Int, inner: Int, columns: Int, outputShape: [Int]
    ) throws -> Tensor {
        // Both operands are copied into Swift arrays before the product: refuse, as an
        // error, sizes (broadcast batches of expanded views) that would not fit the budget.
        let copiedElements = try checkedElementCount(lhs.shape) + checkedElementCount(rhs.shape)
            + checkedElementCount(outputShape)
        try ensureAllocatable(elements: copiedElements, itemSize: MemoryLayout<Double>.stride)
        let outputCount = batch * rows * columns
        if dtype == .float64 {
            let a = copyElements(lhs, as: Double.self)
            let b = other.copyElements(rhs, as: Double.self)
            var c = [Double](repeating: 0, count: outputCount)
            multiplyBatches(a, b, &c, batch: batch, rows: rows, inner: inner, columns: columns)
            try OperationStop.check()
            return try Tensor(values: c, shape: outputShape)
        }
        // Wrapping Int64 arithmetic truncated to the dtype equals wrapping in the dtype.
        let a = castInt64s(view: lhs, to: .int64)
        let b = other.castInt64s(view: rhs, to: .int64)
        var c = [Int64](repeating: 0, count: outputCount)
        multiplyIntegerBatches(a, b, &c, batch: batch, rows: rows, inner: inner, columns: columns)
        try OperationStop.check()
        return try ResultBuilder.tensor(int64s: c, shape: outputShape, dtype: dtype)
    }

    /// The elements of `view` in row-major order, when `T` is this tensor's element type.
    func copyElements<T: TensorElement>(_ view: View, as type: T.Type) -> [T] {
        readElements(view, as: T.self) { $0 }
    }
}

func multiplyBatches<T: FloatingPoint>(_ a: [T], _ b: [T], _ c: inout [T], batch: Int, rows: Int, inner: Int, columns: Int) {
    guard rows > 0, inner > 0, columns > 0 else { return }
    a.withUnsafeBufferPointer { aBuffer in
        b.withUnsafeBufferPointer { bBuffer in
            c.withUnsafeMutableBufferPointer { cBuffer in
                guard let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress,
                      let cBase = cBuffer.baseAddress else { return }
                for index in 0..<batch {
                    multiplyMatrix(aBase + index * rows * inner, bBase + index * inner * columns,
                                   cBase + index * rows * columns, rows: rows, inner: inner, columns: columns)
                }
            }
        }
    }
}

@inline(__always)
private func multiplyMatrix<T: FloatingPoint>(
    _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>, rows: Int, inner: Int, columns: Int
) {
    // A row is the unit of work a stop (`OperationStop`) may cut short; the caller throws.
    for row in 0..<rows {
        if OperationStop.isRequested { return }
        let cRow = c + row * columns
        let aRow = a + row * inner
        for step in 0..<inner {
            let factor = aRow[step]
            let bRow = b + step * columns
            for column in 0..<columns { cRow[column] += factor * bRow[column] }
        }
    }
}

func multiplyIntegerBatches(_ a: [Int64], _ b: [Int64], _ c: inout [Int64], batch: Int, rows: Int, inner: Int, columns: Int) {
    guard rows > 0, inner > 0, columns > 0 else { return }
    for index in 0..<batch {
        let aStart = index * rows * inner
        let bStart = index * inner * columns
        let cStart = index * rows * columns
        for row in 0..<rows {
            if OperationStop.isRequested { return }
            for step in 0..<inner {
                let factor = a[aStart + row * inner + step]
                for column in 0..<columns {
                    c[cStart + row * columns + column] &+= factor &* b[bStart + step * columns + column]
                }
            }
        }
    }
}
