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

    let tile: TileShape
    private let raw: UnsafeMutableRawPointer

    static func floatCount(rows: Int, inner: Int, columns: Int, tile: TileShape) -> (a: Int, b: Int, spill: Int) {
        let depth = min(inner, MatmulBlocking.depth(inner: inner))
        let blockRows = roundUp(min(rows, MatmulBlocking.rows), to: tile.rows)
        let blockColumns = roundUp(min(columns, MatmulBlocking.columns), to: tile.columns)
        return (blockRows * depth, blockColumns * depth, tile.rows * tile.columns)
    }

    init(rows: Int, inner: Int, columns: Int, tile: TileShape = .preferred) throws {
        self.tile = tile
        let counts = Self.floatCount(rows: rows, inner: inner, columns: columns, tile: tile)
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
    let kernels = TileKernels.forShape(workspace.tile)
    for columnStart in stride(from: 0, to: columns, by: MatmulBlocking.columns) {
        let blockColumns = min(MatmulBlocking.columns, columns - columnStart)
        let depthBlock = MatmulBlocking.depth(inner: inner)
        for depthStart in stride(from: 0, to: inner, by: depthBlock) {
            let depth = min(depthBlock, inner - depthStart)
            packColumnPanels(b.base + depthStart * b.rowStride + columnStart * b.columnStride,
                             depthStride: b.rowStride, columnStride: b.columnStride,
                             depth: depth, columns: blockColumns, width: workspace.tile.columns,
                             into: workspace.packedB)
            for rowStart in stride(from: 0, to: rows, by: MatmulBlocking.rows) {
                // One block is tens of milliseconds of work: the place to notice a stop,
                // which the caller turns into an error.
                if OperationStop.isRequested { return }
                let blockRows = min(MatmulBlocking.rows, rows - rowStart)
                packRowPanels(a.base + rowStart * a.rowStride + depthStart * a.columnStride,
                              rowStride: a.rowStride, depthStride: a.columnStride,
                              rows: blockRows, depth: depth, height: workspace.tile.rows, into: workspace.packedA)
                let block = PackedBlock(
                    depth: depth, rows: blockRows, columns: blockColumns,
                    packedA: workspace.packedA, packedB: workspace.packedB,
                    output: c + rowStart * columns + columnStart, rowStride: columns,
                    accumulate: depthStart > 0, spill: workspace.spill)
                multiplyPackedBlock(block, kernels)
            }
        }
    }
}

/// One packed block of each operand and where its product goes.
private struct PackedBlock {
    var depth: Int
    var rows: Int
    var columns: Int
    var packedA: UnsafeMutablePointer<Float>
    var packedB: UnsafeMutablePointer<Float>
    var output: UnsafeMutablePointer<Float>
    var rowStride: Int
    var accumulate: Bool
    var spill: UnsafeMutablePointer<Float>
}

/// One tile's kernels: `full` for a tile with more than half its rows and columns
/// valid, `narrow` for at most half the columns (the right edge), `short` for at most
/// half the rows (the bottom edge). Each is called once per tile and depth block, so
/// calling through a function value costs nothing measurable.
private struct TileKernels {
    typealias Kernel = (
        _ depth: Int, _ packedA: UnsafePointer<Float>, _ packedB: UnsafePointer<Float>,
        _ tile: UnsafeMutablePointer<Float>, _ tileRowStride: Int, _ validRows: Int, _ validColumns: Int,
        _ accumulate: Bool, _ spill: UnsafeMutablePointer<Float>
    ) -> Void
    let shape: TileShape
    let full: Kernel, narrow: Kernel, short: Kernel

    static func forShape(_ shape: TileShape) -> TileKernels {
        shape == .avx512
            ? TileKernels(shape: shape, full: multiplyWideMicroTile, narrow: multiplyWideNarrowMicroTile,
                          short: multiplyWideShortMicroTile)
            : TileKernels(shape: shape, full: multiplyMicroTile, narrow: multiplyNarrowMicroTile, short: multiplyShortMicroTile)
    }
}

/// Every micro-tile of one packed block: B panels outside, so each stays in L1 while
/// the A panels stream past it.
private func multiplyPackedBlock(_ block: PackedBlock, _ kernels: TileKernels) {
    let shape = kernels.shape
    let depth = block.depth
    var bPanel = UnsafePointer(block.packedB)
    for panelColumn in stride(from: 0, to: block.columns, by: shape.columns) {
        let validColumns = min(shape.columns, block.columns - panelColumn)
        var aPanel = UnsafePointer(block.packedA)
        for panelRow in stride(from: 0, to: block.rows, by: shape.rows) {
            let validRows = min(shape.rows, block.rows - panelRow)
            let tile = block.output + panelRow * block.rowStride + panelColumn
            let kernel = validColumns <= shape.columns / 2 ? kernels.narrow
                : validRows <= shape.rows / 2 ? kernels.short : kernels.full
            kernel(depth, aPanel, bPanel, tile, block.rowStride, validRows, validColumns, block.accumulate, block.spill)
            aPanel += depth * shape.rows
        }
        bPanel += depth * shape.columns
    }
}
