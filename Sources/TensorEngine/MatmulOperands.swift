/// Where each matrix of a batched operand sits in storage, read straight from its view:
/// the product never copies an operand, so transposed, sliced and broadcast (stride 0)
/// views cost no more than contiguous ones.
struct BatchedMatrixLayout {
    /// Storage offset of each batch's matrix, in row-major batch order.
    var starts: [Int]
    var rowStride: Int
    var columnStride: Int

    /// A product's left operand: a 1-d view is one row (dot, vector @ matrix).
    static func left(_ view: View) -> BatchedMatrixLayout {
        view.rank == 1 ? BatchedMatrixLayout(starts: [view.offset], rowStride: 0, columnStride: view.strides[0])
            : matrices(of: view)
    }

    /// A product's right operand: a 1-d view is one column (dot, mv).
    static func right(_ view: View) -> BatchedMatrixLayout {
        view.rank == 1 ? BatchedMatrixLayout(starts: [view.offset], rowStride: view.strides[0], columnStride: 0)
            : matrices(of: view)
    }

    /// The last two dims are the matrix; all earlier dims are batch dims.
    private static func matrices(of view: View) -> BatchedMatrixLayout {
        let matrixDims = view.rank - 2
        let batchView = View(shape: Array(view.shape.prefix(matrixDims)), strides: Array(view.strides.prefix(matrixDims)),
                             offset: view.offset)
        return BatchedMatrixLayout(starts: batchView.offsets(), rowStride: view.strides[matrixDims],
                                   columnStride: view.strides[matrixDims + 1])
    }

    /// A contiguous batch × rows × columns buffer.
    static func contiguous(batch: Int, rows: Int, columns: Int) -> BatchedMatrixLayout {
        BatchedMatrixLayout(starts: (0..<batch).map { $0 * rows * columns }, rowStride: columns, columnStride: 1)
    }
}

/// Multiplies every matrix pair of a batch into contiguous `output`; all sizes > 0.
/// Single-row or single-column products take the vector loops; the rest the blocked kernel.
func multiplyFloatBatches(
    _ a: UnsafePointer<Float>, _ aLayout: BatchedMatrixLayout, _ b: UnsafePointer<Float>, _ bLayout: BatchedMatrixLayout,
    into output: UnsafeMutablePointer<Float>, batch: Int, rows: Int, inner: Int, columns: Int
) throws {
    precondition(aLayout.starts.count == batch && bLayout.starts.count == batch, "batch layouts disagree")
    if columns == 1 || rows == 1 {
        for index in 0..<batch {
            try OperationStop.check()
            let left = FloatMatrix(base: a + aLayout.starts[index], rowStride: aLayout.rowStride, columnStride: aLayout.columnStride)
            let right = FloatMatrix(base: b + bLayout.starts[index], rowStride: bLayout.rowStride, columnStride: bLayout.columnStride)
            let target = output + index * rows * columns
            if columns == 1 {
                multiplyMatrixVector(left, right.base, vectorStride: right.rowStride,
                                     into: target, outputStride: 1, length: rows, inner: inner)
            } else {
                // One row: (a B)ᵀ = Bᵀ aᵀ, so B's columns become the matrix rows.
                let transposed = FloatMatrix(base: right.base, rowStride: right.columnStride, columnStride: right.rowStride)
                multiplyMatrixVector(transposed, left.base, vectorStride: left.columnStride,
                                     into: target, outputStride: 1, length: columns, inner: inner)
            }
        }
        return
    }
    let workspace = try MatmulWorkspace(rows: rows, inner: inner, columns: columns)
    for index in 0..<batch {
        try OperationStop.check()
        multiplyBlocked(
            FloatMatrix(base: a + aLayout.starts[index], rowStride: aLayout.rowStride, columnStride: aLayout.columnStride),
            FloatMatrix(base: b + bLayout.starts[index], rowStride: bLayout.rowStride, columnStride: bLayout.columnStride),
            into: output + index * rows * columns, rows: rows, inner: inner, columns: columns, workspace: workspace)
    }
    try OperationStop.check()
}
