/// The 8×32 register tile for cores with AVX-512: the 6×16 tile's design at twice the
/// vector width. Eight rows × two SIMD16 vectors = sixteen zmm accumulators, plus two
/// B vectors and one broadcast A value, well inside the 32 zmm registers; each depth
/// step does 16 FMAs of 16 lanes for 2 loads of B and 8 broadcasts of A. Every output
/// element still sums its products in depth order with one FMA per step, so results
/// are bit-identical to the 6×16 tile's.
@inline(__always)
func multiplyWideMicroTile(
    depth: Int, packedA: UnsafePointer<Float>, packedB: UnsafePointer<Float>,
    tile: UnsafeMutablePointer<Float>, tileRowStride: Int, validRows: Int, validColumns: Int,
    accumulate: Bool, spill: UnsafeMutablePointer<Float>
) {
    let rows = TileShape.avx512.rows, width = TileShape.avx512.columns
    var c00 = SIMD16<Float>(), c01 = SIMD16<Float>()
    var c10 = SIMD16<Float>(), c11 = SIMD16<Float>()
    var c20 = SIMD16<Float>(), c21 = SIMD16<Float>()
    var c30 = SIMD16<Float>(), c31 = SIMD16<Float>()
    var c40 = SIMD16<Float>(), c41 = SIMD16<Float>()
    var c50 = SIMD16<Float>(), c51 = SIMD16<Float>()
    var c60 = SIMD16<Float>(), c61 = SIMD16<Float>()
    var c70 = SIMD16<Float>(), c71 = SIMD16<Float>()
    var a = packedA
    var b = UnsafeRawPointer(packedB)
    for _ in 0..<depth {
        let b0 = b.loadUnaligned(as: SIMD16<Float>.self)
        let b1 = b.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
        let a0 = SIMD16<Float>(repeating: a[0])
        c00.addProduct(a0, b0); c01.addProduct(a0, b1)
        let a1 = SIMD16<Float>(repeating: a[1])
        c10.addProduct(a1, b0); c11.addProduct(a1, b1)
        let a2 = SIMD16<Float>(repeating: a[2])
        c20.addProduct(a2, b0); c21.addProduct(a2, b1)
        let a3 = SIMD16<Float>(repeating: a[3])
        c30.addProduct(a3, b0); c31.addProduct(a3, b1)
        let a4 = SIMD16<Float>(repeating: a[4])
        c40.addProduct(a4, b0); c41.addProduct(a4, b1)
        let a5 = SIMD16<Float>(repeating: a[5])
        c50.addProduct(a5, b0); c51.addProduct(a5, b1)
        let a6 = SIMD16<Float>(repeating: a[6])
        c60.addProduct(a6, b0); c61.addProduct(a6, b1)
        let a7 = SIMD16<Float>(repeating: a[7])
        c70.addProduct(a7, b0); c71.addProduct(a7, b1)
        a += rows
        b += width &* MemoryLayout<Float>.stride
    }
    let full = validRows == rows && validColumns == width
    // An edge tile goes through the scratch block, so padded lanes are never written.
    let target = full ? tile : spill
    let stride = full ? tileRowStride : width
    let add = full && accumulate
    storeWideTileRow(c00, c01, to: target, accumulate: add)
    storeWideTileRow(c10, c11, to: target + stride, accumulate: add)
    storeWideTileRow(c20, c21, to: target + 2 &* stride, accumulate: add)
    storeWideTileRow(c30, c31, to: target + 3 &* stride, accumulate: add)
    storeWideTileRow(c40, c41, to: target + 4 &* stride, accumulate: add)
    storeWideTileRow(c50, c51, to: target + 5 &* stride, accumulate: add)
    storeWideTileRow(c60, c61, to: target + 6 &* stride, accumulate: add)
    storeWideTileRow(c70, c71, to: target + 7 &* stride, accumulate: add)
    if !full {
        copySpill(spill, width: width, to: tile, tileRowStride: tileRowStride, validRows: validRows,
                  validColumns: validColumns, accumulate: accumulate)
    }
}

/// The right edge when at most 16 columns are left: one SIMD16 per row, reading the
/// first half of each packed B step.
@inline(__always)
func multiplyWideNarrowMicroTile(
    depth: Int, packedA: UnsafePointer<Float>, packedB: UnsafePointer<Float>,
    tile: UnsafeMutablePointer<Float>, tileRowStride: Int, validRows: Int, validColumns: Int,
    accumulate: Bool, spill: UnsafeMutablePointer<Float>
) {
    let rows = TileShape.avx512.rows, width = TileShape.avx512.columns
    var c0 = SIMD16<Float>(), c1 = SIMD16<Float>(), c2 = SIMD16<Float>(), c3 = SIMD16<Float>()
    var c4 = SIMD16<Float>(), c5 = SIMD16<Float>(), c6 = SIMD16<Float>(), c7 = SIMD16<Float>()
    var a = packedA
    var b = UnsafeRawPointer(packedB)
    for _ in 0..<depth {
        let b0 = b.loadUnaligned(as: SIMD16<Float>.self)
        c0.addProduct(SIMD16<Float>(repeating: a[0]), b0)
        c1.addProduct(SIMD16<Float>(repeating: a[1]), b0)
        c2.addProduct(SIMD16<Float>(repeating: a[2]), b0)
        c3.addProduct(SIMD16<Float>(repeating: a[3]), b0)
        c4.addProduct(SIMD16<Float>(repeating: a[4]), b0)
        c5.addProduct(SIMD16<Float>(repeating: a[5]), b0)
        c6.addProduct(SIMD16<Float>(repeating: a[6]), b0)
        c7.addProduct(SIMD16<Float>(repeating: a[7]), b0)
        a += rows
        b += width &* MemoryLayout<Float>.stride
    }
    let raw = UnsafeMutableRawPointer(spill)
    let rowBytes = width &* MemoryLayout<Float>.stride
    raw.storeBytes(of: c0, as: SIMD16<Float>.self)
    raw.storeBytes(of: c1, toByteOffset: rowBytes, as: SIMD16<Float>.self)
    raw.storeBytes(of: c2, toByteOffset: 2 &* rowBytes, as: SIMD16<Float>.self)
    raw.storeBytes(of: c3, toByteOffset: 3 &* rowBytes, as: SIMD16<Float>.self)
    raw.storeBytes(of: c4, toByteOffset: 4 &* rowBytes, as: SIMD16<Float>.self)
    raw.storeBytes(of: c5, toByteOffset: 5 &* rowBytes, as: SIMD16<Float>.self)
    raw.storeBytes(of: c6, toByteOffset: 6 &* rowBytes, as: SIMD16<Float>.self)
    raw.storeBytes(of: c7, toByteOffset: 7 &* rowBytes, as: SIMD16<Float>.self)
    copySpill(spill, width: width, to: tile, tileRowStride: tileRowStride, validRows: validRows,
              validColumns: validColumns, accumulate: accumulate)
}

/// The bottom edge when at most 4 rows are left: half the FMAs of the full tile.
@inline(__always)
func multiplyWideShortMicroTile(
    depth: Int, packedA: UnsafePointer<Float>, packedB: UnsafePointer<Float>,
    tile: UnsafeMutablePointer<Float>, tileRowStride: Int, validRows: Int, validColumns: Int,
    accumulate: Bool, spill: UnsafeMutablePointer<Float>
) {
    let rows = TileShape.avx512.rows, width = TileShape.avx512.columns
    var c00 = SIMD16<Float>(), c01 = SIMD16<Float>()
    var c10 = SIMD16<Float>(), c11 = SIMD16<Float>()
    var c20 = SIMD16<Float>(), c21 = SIMD16<Float>()
    var c30 = SIMD16<Float>(), c31 = SIMD16<Float>()
    var a = packedA
    var b = UnsafeRawPointer(packedB)
    for _ in 0..<depth {
        let b0 = b.loadUnaligned(as: SIMD16<Float>.self)
        let b1 = b.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
        let a0 = SIMD16<Float>(repeating: a[0])
        c00.addProduct(a0, b0); c01.addProduct(a0, b1)
        let a1 = SIMD16<Float>(repeating: a[1])
        c10.addProduct(a1, b0); c11.addProduct(a1, b1)
        let a2 = SIMD16<Float>(repeating: a[2])
        c20.addProduct(a2, b0); c21.addProduct(a2, b1)
        let a3 = SIMD16<Float>(repeating: a[3])
        c30.addProduct(a3, b0); c31.addProduct(a3, b1)
        a += rows
        b += width &* MemoryLayout<Float>.stride
    }
    storeWideTileRow(c00, c01, to: spill, accumulate: false)
    storeWideTileRow(c10, c11, to: spill + width, accumulate: false)
    storeWideTileRow(c20, c21, to: spill + 2 &* width, accumulate: false)
    storeWideTileRow(c30, c31, to: spill + 3 &* width, accumulate: false)
    copySpill(spill, width: width, to: tile, tileRowStride: tileRowStride, validRows: validRows,
              validColumns: validColumns, accumulate: accumulate)
}

@inline(__always)
private func storeWideTileRow(
    _ low: SIMD16<Float>, _ high: SIMD16<Float>, to row: UnsafeMutablePointer<Float>, accumulate: Bool
) {
    let raw = UnsafeMutableRawPointer(row)
    if accumulate {
        let oldLow = raw.loadUnaligned(as: SIMD16<Float>.self)
        let oldHigh = raw.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
        raw.storeBytes(of: oldLow + low, as: SIMD16<Float>.self)
        raw.storeBytes(of: oldHigh + high, toByteOffset: 64, as: SIMD16<Float>.self)
    } else {
        raw.storeBytes(of: low, as: SIMD16<Float>.self)
        raw.storeBytes(of: high, toByteOffset: 64, as: SIMD16<Float>.self)
    }
}
