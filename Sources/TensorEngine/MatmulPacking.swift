/// Copies one cache block of each operand into the layout the micro-kernel streams:
/// A as panels of `height` rows (`height` values per depth step), B as panels of
/// `width` columns (`width` per step), the shape of the register tile. Packing reads the
/// strided views directly, so a transposed or broadcast operand costs nothing extra,
/// and pads ragged edges with zeros so the kernel never branches.
///
/// Full panels are written in step order, one contiguous run at a time: for the small
/// products of attention (49 × 32) packing is a third of the work, and strided scalar
/// stores were its slowest part. Index arithmetic wraps (`&*`) because every offset
/// addresses memory that exists, and overflow checks kept these loops from unrolling.

/// Packs `rows` × `depth` elements of A (element (i, k) at `source[i * rowStride + k * depthStride]`)
/// into ⌈rows / height⌉ panels of `depth` × `height`.
func packRowPanels(
    _ source: UnsafePointer<Float>, rowStride: Int, depthStride: Int, rows: Int, depth: Int, height: Int,
    into packed: UnsafeMutablePointer<Float>
) {
    var panel = packed
    for panelStart in stride(from: 0, to: rows, by: height) {
        let validRows = min(height, rows &- panelStart)
        let panelSource = source + panelStart &* rowStride
        if validRows == height && rowStride == 1 && height % 8 == 0 {
            // A transposed (the weight gradient's gradᵀ): each step's rows are adjacent.
            copyRuns(panelSource, sourceStep: depthStride, runs: depth, runLength: height, into: panel)
        } else if validRows == height {
            packFullPanel(panelSource, laneStride: rowStride, depthStride: depthStride, depth: depth,
                          width: height, into: panel)
        } else {
            packRaggedPanel(panelSource, laneStride: rowStride, depthStride: depthStride, validLanes: validRows,
                            depth: depth, width: height, into: panel)
        }
        panel += depth &* height
    }
}

/// Packs `depth` × `columns` elements of B (element (k, j) at `source[k * depthStride + j * columnStride]`)
/// into ⌈columns / width⌉ panels of `depth` × `width`.
func packColumnPanels(
    _ source: UnsafePointer<Float>, depthStride: Int, columnStride: Int, depth: Int, columns: Int, width: Int,
    into packed: UnsafeMutablePointer<Float>
) {
    var panel = packed
    for panelStart in stride(from: 0, to: columns, by: width) {
        let validColumns = min(width, columns &- panelStart)
        let panelSource = source + panelStart &* columnStride
        if validColumns == width && columnStride == 1 {
            // Row-major B: each step is `width` contiguous floats.
            copyRuns(panelSource, sourceStep: depthStride, runs: depth, runLength: width, into: panel)
        } else if validColumns == width {
            packFullPanel(panelSource, laneStride: columnStride, depthStride: depthStride, depth: depth,
                          width: width, into: panel)
        } else {
            packRaggedPanel(panelSource, laneStride: columnStride, depthStride: depthStride, validLanes: validColumns,
                            depth: depth, width: width, into: panel)
        }
        panel += depth &* width
    }
}

/// `runs` runs of `runLength` (a multiple of 8) contiguous floats, `sourceStep` apart
/// in the source, back to back in `target`.
@inline(__always)
private func copyRuns(
    _ source: UnsafePointer<Float>, sourceStep: Int, runs: Int, runLength: Int, into target: UnsafeMutablePointer<Float>
) {
    var from = UnsafeRawPointer(source)
    var to = UnsafeMutableRawPointer(target)
    let sourceBytes = sourceStep &* MemoryLayout<Float>.stride
    let runBytes = runLength &* MemoryLayout<Float>.stride
    for _ in 0..<runs {
        for offset in stride(from: 0, to: runBytes, by: 32) {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self),
                          toByteOffset: offset, as: SIMD8<Float>.self)
        }
        from += sourceBytes
        to += runBytes
    }
}

/// A full panel whose lanes are strided: lane l at step k from
/// `source[l * laneStride + k * depthStride]`. When each lane is contiguous along the
/// depth (a transposed operand), eight steps of a lane are read as one vector, so the
/// reads stream through each lane instead of hopping between lanes on every step.
@inline(__always)
private func packFullPanel(
    _ source: UnsafePointer<Float>, laneStride: Int, depthStride: Int, depth: Int, width: Int,
    into panel: UnsafeMutablePointer<Float>
) {
    var step = 0
    if depthStride == 1 && width % 8 == 0 {
        while step &+ 8 <= depth {
            for lane in stride(from: 0, to: width, by: 8) {
                transposeBlock8x8(source + (lane &* laneStride &+ step), sourceStride: laneStride,
                                  into: panel + (step &* width &+ lane), targetStride: width)
            }
            step &+= 8
        }
    }
    while step < depth {
        let target = panel + step &* width
        var lanePointer = source + step &* depthStride
        for lane in 0..<width {
            target[lane] = lanePointer.pointee
            lanePointer += laneStride
        }
        step &+= 1
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

/// Eight runs of eight floats (`sourceStride` apart) written as eight columns: the
/// 8×8 transpose of AVX's unpack / shuffle / lane-swap sequence.
@inline(__always)
private func transposeBlock8x8(
    _ source: UnsafePointer<Float>, sourceStride: Int, into target: UnsafeMutablePointer<Float>, targetStride: Int
) {
    typealias Row = SIMD8<Float>
    let from = UnsafeRawPointer(source), rowBytes = sourceStride &* MemoryLayout<Float>.stride
    @inline(__always) func row(_ index: Int) -> Row { from.loadUnaligned(fromByteOffset: index &* rowBytes, as: Row.self) }
    @inline(__always) func interleaveLow(_ a: Row, _ b: Row) -> Row { Row(a[0], b[0], a[1], b[1], a[4], b[4], a[5], b[5]) }
    @inline(__always) func interleaveHigh(_ a: Row, _ b: Row) -> Row { Row(a[2], b[2], a[3], b[3], a[6], b[6], a[7], b[7]) }
    @inline(__always) func pairsLow(_ a: Row, _ b: Row) -> Row { Row(a[0], a[1], b[0], b[1], a[4], a[5], b[4], b[5]) }
    @inline(__always) func pairsHigh(_ a: Row, _ b: Row) -> Row { Row(a[2], a[3], b[2], b[3], a[6], a[7], b[6], b[7]) }
    let (r0, r1, r2, r3, r4, r5, r6, r7) = (row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7))
    let t0 = interleaveLow(r0, r1), t1 = interleaveHigh(r0, r1), t2 = interleaveLow(r2, r3), t3 = interleaveHigh(r2, r3)
    let t4 = interleaveLow(r4, r5), t5 = interleaveHigh(r4, r5), t6 = interleaveLow(r6, r7), t7 = interleaveHigh(r6, r7)
    let u0 = pairsLow(t0, t2), u1 = pairsHigh(t0, t2), u2 = pairsLow(t1, t3), u3 = pairsHigh(t1, t3)
    let u4 = pairsLow(t4, t6), u5 = pairsHigh(t4, t6), u6 = pairsLow(t5, t7), u7 = pairsHigh(t5, t7)
    let to = UnsafeMutableRawPointer(target), columnBytes = targetStride &* MemoryLayout<Float>.stride
    @inline(__always) func store(_ left: Row, _ right: Row, column: Int) {
        to.storeBytes(of: Row(lowHalf: left.lowHalf, highHalf: right.lowHalf), toByteOffset: column &* columnBytes,
                      as: Row.self)
        to.storeBytes(of: Row(lowHalf: left.highHalf, highHalf: right.highHalf), toByteOffset: (column &+ 4) &* columnBytes,
                      as: Row.self)
    }
    store(u0, u4, column: 0)
    store(u1, u5, column: 1)
    store(u2, u6, column: 2)
    store(u3, u7, column: 3)
}
