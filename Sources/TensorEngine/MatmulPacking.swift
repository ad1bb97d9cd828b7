/// Copies one cache block of each operand into the layout the micro-kernel streams:
/// A as panels of 6 rows (6 values per depth step), B as panels of 16 columns (16 per
/// step). Packing reads the strided views directly, so a transposed or broadcast operand
/// costs nothing extra, and pads ragged edges with zeros so the kernel never branches.
///
/// Full panels are written in step order, one contiguous run at a time: for the small
/// products of attention (49 × 32) packing is a third of the work, and strided scalar
/// stores were its slowest part. Index arithmetic wraps (`&*`) because every offset
/// addresses memory that exists, and overflow checks kept these loops from unrolling.

/// Packs `rows` × `depth` elements of A (element (i, k) at `source[i * rowStride + k * depthStride]`)
/// into ⌈rows / 6⌉ panels of `depth` × 6.
func packRowPanels(
    _ source: UnsafePointer<Float>, rowStride: Int, depthStride: Int, rows: Int, depth: Int,
    into packed: UnsafeMutablePointer<Float>
) {
    let height = MicroTile.rows
    var panel = packed
    for panelStart in stride(from: 0, to: rows, by: height) {
        let validRows = min(height, rows &- panelStart)
        let row0 = source + panelStart &* rowStride
        if validRows == height {
            let row1 = row0 + rowStride, row2 = row1 + rowStride, row3 = row2 + rowStride
            let row4 = row3 + rowStride, row5 = row4 + rowStride
            var target = panel
            var offset = 0
            for _ in 0..<depth {
                target[0] = row0[offset]; target[1] = row1[offset]; target[2] = row2[offset]
                target[3] = row3[offset]; target[4] = row4[offset]; target[5] = row5[offset]
                target += height
                offset &+= depthStride
            }
        } else {
            packRaggedPanel(row0, laneStride: rowStride, depthStride: depthStride, validLanes: validRows,
                            depth: depth, width: height, into: panel)
        }
        panel += depth &* height
    }
}

/// Packs `depth` × `columns` elements of B (element (k, j) at `source[k * depthStride + j * columnStride]`)
/// into ⌈columns / 16⌉ panels of `depth` × 16.
func packColumnPanels(
    _ source: UnsafePointer<Float>, depthStride: Int, columnStride: Int, depth: Int, columns: Int,
    into packed: UnsafeMutablePointer<Float>
) {
    let width = MicroTile.columns
    var panel = packed
    for panelStart in stride(from: 0, to: columns, by: width) {
        let validColumns = min(width, columns &- panelStart)
        let panelSource = source + panelStart &* columnStride
        if validColumns == width && columnStride == 1 {
            // Row-major B: each step is 16 contiguous floats.
            var from = UnsafeRawPointer(panelSource)
            var to = UnsafeMutableRawPointer(panel)
            let sourceStep = depthStride &* MemoryLayout<Float>.stride
            for _ in 0..<depth {
                to.storeBytes(of: from.loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self),
                              toByteOffset: 32, as: SIMD8<Float>.self)
                from += sourceStep
                to += width &* MemoryLayout<Float>.stride
            }
        } else if validColumns == width {
            // Transposed or strided B: sixteen read streams, one contiguous write.
            var target = panel
            var offset = 0
            for _ in 0..<depth {
                var column = panelSource + offset
                for lane in 0..<16 {
                    target[lane] = column.pointee
                    column += columnStride
                }
                target += width
                offset &+= depthStride
            }
        } else {
            packRaggedPanel(panelSource, laneStride: columnStride, depthStride: depthStride, validLanes: validColumns,
                            depth: depth, width: width, into: panel)
        }
        panel += depth &* width
    }
}

/// The last panel of either operand, with fewer than `width` valid lanes (rows of A or
/// columns of B): zero-filled, then lane l at step k taken from
/// `source[l * laneStride + k * depthStride]`.
@inline(__always)
private func packRaggedPanel(
    _ source: UnsafePointer<Float>, laneStride: Int, depthStride: Int, validLanes: Int, depth: Int, width: Int,
    into panel: UnsafeMutablePointer<Float>
) {
    panel.update(repeating: 0, count: depth &* width)
    for lane in 0..<validLanes {
        let laneSource = source + lane &* laneStride
        for step in 0..<depth { panel[step &* width &+ lane] = laneSource[step &* depthStride] }
    }
}
