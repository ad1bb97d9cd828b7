/// The cache-blocked float32 product: C = A × B for one matrix of a batch.
///
/// Loop order and sizes follow BLIS for AVX2 cores with a 32 KiB L1 and 512 KiB L2:
/// an up to 384-deep × 16-wide B panel (24 KiB) stays in L1 while the kernel walks every A
/// panel of a 144 × 384 block (216 KiB, in L2); B blocks up to 4080 columns wide
/// (about 4 MiB) live in L3 and are packed once per depth block.
enum MatmulBlocking {
    static var maximumDepth: Int { 384 }
    static var rows: Int { 144 }
    static var columns: Int { 4080 }

    /// The depth of each block along the inner dimension. Rounding depends on where the
    /// sum restarts: PyTorch's CPU sgemm (MKL) sums a depth up to 384 in one pass and
    /// splits a longer one into 2, 4, ... equal blocks, each added to C in turn, so the
    /// same split gives its last bits.
    static func depth(inner: Int) -> Int {
        var blocks = 1
        while (inner + blocks - 1) / blocks > maximumDepth { blocks *= 2 }
        return Swift.max(1, (inner + blocks - 1) / blocks)
    }
}

/// A strided float32 matrix: element (i, j) at `base[i * rowStride + j * columnStride]`.
struct FloatMatrix {
    var base: UnsafePointer<Float>
    var rowStride: Int
    var columnStride: Int
}

/// Packing buffers reused by every matrix of a batch, so a batch of small products
/// allocates once. Sized for the largest block the given problem will pack.
struct MatmulWorkspace: ~Copyable {
    let packedA: UnsafeMutablePointer<Float>
    let packedB: UnsafeMutablePointer<Float>
    let spill: UnsafeMutablePointer<Float>
    private let raw: UnsafeMutableRawPointer

    static func floatCount(rows: Int, inner: Int, columns: Int) -> (a: Int, b: Int, spill: Int) {
        let depth = min(inner, MatmulBlocking.depth(inner: inner))
        let blockRows = roundUp(min(rows, MatmulBlocking.rows), to: MicroTile.rows)
        let blockColumns = roundUp(min(columns, MatmulBlocking.columns), to: MicroTile.columns)
        return (blockRows * depth, blockColumns * depth, MicroTile.rows * MicroTile.columns)
    }

    init(rows: Int, inner: Int, columns: Int) throws {
        let counts = Self.floatCount(rows: rows, inner: inner, columns: columns)
        // 16 floats = 64 bytes between buffers keeps every panel cache-line aligned.
        let aCount = roundUp(counts.a, to: 16)
        let bCount = roundUp(counts.b, to: 16)
        let total = aCount + bCount + counts.spill
        try ensureAllocatable(elements: total, itemSize: MemoryLayout<Float>.stride)
        raw = UnsafeMutableRawPointer.allocate(byteCount: total * MemoryLayout<Float>.stride, alignment: 64)
        let floats = raw.bindMemory(to: Float.self, capacity: total)
        packedA = floats
        packedB = floats + aCount
        spill = floats + aCount + bCount
    }

    deinit { raw.deallocate() }
}

@inline(__always)
func roundUp(_ value: Int, to multiple: Int) -> Int {
    (value + multiple - 1) / multiple * multiple
}

/// C (contiguous rows × columns) = A (rows × inner) × B (inner × columns); all sizes > 0.
func multiplyBlocked(
    _ a: FloatMatrix, _ b: FloatMatrix, into c: UnsafeMutablePointer<Float>,
    rows: Int, inner: Int, columns: Int, workspace: borrowing MatmulWorkspace
) {
    for columnStart in stride(from: 0, to: columns, by: MatmulBlocking.columns) {
        let blockColumns = min(MatmulBlocking.columns, columns - columnStart)
        let depthBlock = MatmulBlocking.depth(inner: inner)
        for depthStart in stride(from: 0, to: inner, by: depthBlock) {
            let depth = min(depthBlock, inner - depthStart)
            packColumnPanels(b.base + depthStart * b.rowStride + columnStart * b.columnStride,
                             depthStride: b.rowStride, columnStride: b.columnStride,
                             depth: depth, columns: blockColumns, into: workspace.packedB)
            for rowStart in stride(from: 0, to: rows, by: MatmulBlocking.rows) {
                let blockRows = min(MatmulBlocking.rows, rows - rowStart)
                packRowPanels(a.base + rowStart * a.rowStride + depthStart * a.columnStride,
                              rowStride: a.rowStride, depthStride: a.columnStride,
                              rows: blockRows, depth: depth, into: workspace.packedA)
                multiplyPackedBlock(
                    depth: depth, blockRows: blockRows, blockColumns: blockColumns,
                    packedA: workspace.packedA, packedB: workspace.packedB,
                    block: c + rowStart * columns + columnStart, rowStride: columns,
                    accumulate: depthStart > 0, spill: workspace.spill)
            }
        }
    }
}

/// Every micro-tile of one packed block: B panels outside, so each stays in L1 while
/// the A panels stream past it.
private func multiplyPackedBlock(
    depth: Int, blockRows: Int, blockColumns: Int,
    packedA: UnsafeMutablePointer<Float>, packedB: UnsafeMutablePointer<Float>,
    block: UnsafeMutablePointer<Float>, rowStride: Int, accumulate: Bool, spill: UnsafeMutablePointer<Float>
) {
    var bPanel = UnsafePointer(packedB)
    for panelColumn in stride(from: 0, to: blockColumns, by: MicroTile.columns) {
        let validColumns = min(MicroTile.columns, blockColumns - panelColumn)
        var aPanel = UnsafePointer(packedA)
        for panelRow in stride(from: 0, to: blockRows, by: MicroTile.rows) {
            let validRows = min(MicroTile.rows, blockRows - panelRow)
            let tile = block + panelRow * rowStride + panelColumn
            if validColumns <= MicroTile.columns / 2 {
                multiplyNarrowMicroTile(
                    depth: depth, packedA: aPanel, packedB: bPanel, tile: tile, tileRowStride: rowStride,
                    validRows: validRows, validColumns: validColumns, accumulate: accumulate, spill: spill)
            } else if validRows <= MicroTile.rows / 2 {
                multiplyShortMicroTile(
                    depth: depth, packedA: aPanel, packedB: bPanel, tile: tile, tileRowStride: rowStride,
                    validRows: validRows, validColumns: validColumns, accumulate: accumulate, spill: spill)
            } else {
                multiplyMicroTile(
                    depth: depth, packedA: aPanel, packedB: bPanel, tile: tile, tileRowStride: rowStride,
                    validRows: validRows, validColumns: validColumns, accumulate: accumulate, spill: spill)
            }
            aPanel += depth * MicroTile.rows
        }
        bPanel += depth * MicroTile.columns
    }
}
