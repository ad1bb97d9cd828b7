/// PyTorch's CPU bmm skips BLAS when each product is tiny (inner · rows · columns < 400,
/// `baddbmm_cpu_kernel`): every output is Σ a·b added left to right in float, each
/// product rounded before its add (no fused multiply-add). Attention over small windows
/// lands here, and following it keeps the last bits its scores have in PyTorch.
/// The shared reference outputs show tiny mm/addmm products (a Linear(6, 4) on 5 rows)
/// rounded the same way, so every tiny product takes this path. A gemm library that fuses
/// (this machine's MKL) differs in such last bits, but none of the 2,654 local fixtures
/// print differently either way.
enum SmallBatchProduct {
    static func applies(rows: Int, inner: Int, columns: Int) -> Bool {
        // Each factor is checked first, so the product cannot overflow.
        inner < 400 && rows < 400 && columns < 400 && inner * rows * columns < 400
    }
}

/// Multiplies every matrix pair of a batch into contiguous `output` by the plain loop.
func multiplySmallFloatBatches(
    _ a: UnsafePointer<Float>, _ aLayout: BatchedMatrixLayout, _ b: UnsafePointer<Float>, _ bLayout: BatchedMatrixLayout,
    into output: UnsafeMutablePointer<Float>, batch: Int, rows: Int, inner: Int, columns: Int
) {
    for index in 0..<batch {
        let left = a + aLayout.starts[index], right = b + bLayout.starts[index]
        let target = output + index * rows * columns
        for row in 0..<rows {
            for column in 0..<columns {
                var total: Float = 0
                for step in 0..<inner {
                    let product = left[row * aLayout.rowStride + step * aLayout.columnStride]
                        * right[step * bLayout.rowStride + column * bLayout.columnStride]
                    total = total + product
                }
                target[row * columns + column] = total
            }
        }
    }
}
