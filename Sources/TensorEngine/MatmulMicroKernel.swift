/// The register tile of the float32 product (BLIS's design): rows of A × columns of B
/// held in vector accumulators for a whole depth block. Packing lays both operands out
/// in this shape (MatmulPacking.swift).
struct TileShape: Equatable {
    let rows: Int
    let columns: Int

    /// Six rows × two SIMD8 vectors = twelve accumulators, plus two B vectors and one
    /// broadcast A value: fifteen of the sixteen AVX registers, so nothing spills to the
    /// stack inside the depth loop. Each step does 12 FMAs for 2 loads of B and 6 of A.
    static var avx2: TileShape { TileShape(rows: 6, columns: 16) }
    /// Eight rows × two SIMD16 vectors (MatmulWideMicroKernel.swift).
    static var avx512: TileShape { TileShape(rows: 8, columns: 32) }

    /// The build's tile. Package.swift defines ENGINE_AVX512 when the build machine has
    /// AVX-512, the same machine `-target-cpu native` compiles for; elsewhere SIMD16
    /// would be split into pairs of 8-lane halves and run out of the 16 AVX registers.
    static var preferred: TileShape {
        #if ENGINE_AVX512
        return .avx512
        #else
        return .avx2
        #endif
    }
}

/// The 6×16 tile.

/// `tile (+)= packedA × packedB` over `depth` steps. `packedA` holds 6 values per step,
/// `packedB` 16 per step (both zero-padded, see MatmulPacking.swift); only the first
/// `validRows` × `validColumns` of the result reach `tile`. The first depth block stores
/// (`accumulate == false`), so a product that sums to -0.0 stays -0.0, as with beta = 0
/// in BLAS; later blocks add to what earlier blocks stored.
@inline(__always)
func multiplyMicroTile(
    depth: Int, packedA: UnsafePointer<Float>, packedB: UnsafePointer<Float>,
    tile: UnsafeMutablePointer<Float>, tileRowStride: Int, validRows: Int, validColumns: Int,
    accumulate: Bool, spill: UnsafeMutablePointer<Float>
) {
    var c00 = SIMD8<Float>(), c01 = SIMD8<Float>()
    var c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
    var c20 = SIMD8<Float>(), c21 = SIMD8<Float>()
    var c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
    var c40 = SIMD8<Float>(), c41 = SIMD8<Float>()
    var c50 = SIMD8<Float>(), c51 = SIMD8<Float>()
    var a = packedA
    var b = UnsafeRawPointer(packedB)
    for _ in 0..<depth {
        let b0 = b.loadUnaligned(as: SIMD8<Float>.self)
        let b1 = b.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
        let a0 = SIMD8<Float>(repeating: a[0])
        c00.addProduct(a0, b0); c01.addProduct(a0, b1)
        let a1 = SIMD8<Float>(repeating: a[1])
        c10.addProduct(a1, b0); c11.addProduct(a1, b1)
        let a2 = SIMD8<Float>(repeating: a[2])
        c20.addProduct(a2, b0); c21.addProduct(a2, b1)
        let a3 = SIMD8<Float>(repeating: a[3])
        c30.addProduct(a3, b0); c31.addProduct(a3, b1)
        let a4 = SIMD8<Float>(repeating: a[4])
        c40.addProduct(a4, b0); c41.addProduct(a4, b1)
        let a5 = SIMD8<Float>(repeating: a[5])
        c50.addProduct(a5, b0); c51.addProduct(a5, b1)
        a += TileShape.avx2.rows
        b += TileShape.avx2.columns * MemoryLayout<Float>.stride
    }

    if validRows == TileShape.avx2.rows && validColumns == TileShape.avx2.columns {
        let stride = tileRowStride
        storeTileRow(c00, c01, to: tile, accumulate: accumulate)
        storeTileRow(c10, c11, to: tile + stride, accumulate: accumulate)
        storeTileRow(c20, c21, to: tile + 2 * stride, accumulate: accumulate)
        storeTileRow(c30, c31, to: tile + 3 * stride, accumulate: accumulate)
        storeTileRow(c40, c41, to: tile + 4 * stride, accumulate: accumulate)
        storeTileRow(c50, c51, to: tile + 5 * stride, accumulate: accumulate)
        return
    }
    // An edge tile: the padded lanes hold products with zeros and must not be written
    // past the matrix, so the whole tile goes through a scratch block first.
    let width = TileShape.avx2.columns
    storeTileRow(c00, c01, to: spill, accumulate: false)
    storeTileRow(c10, c11, to: spill + width, accumulate: false)
    storeTileRow(c20, c21, to: spill + 2 * width, accumulate: false)
    storeTileRow(c30, c31, to: spill + 3 * width, accumulate: false)
    storeTileRow(c40, c41, to: spill + 4 * width, accumulate: false)
    storeTileRow(c50, c51, to: spill + 5 * width, accumulate: false)
    copySpill(spill, width: width, to: tile, tileRowStride: tileRowStride, validRows: validRows, validColumns: validColumns,
              accumulate: accumulate)
}

/// The right edge when at most 8 columns are left (a 49-wide product ends with one):
/// half the FMAs of the full tile, reading the first half of each packed B step.
@inline(__always)
func multiplyNarrowMicroTile(
    depth: Int, packedA: UnsafePointer<Float>, packedB: UnsafePointer<Float>,
    tile: UnsafeMutablePointer<Float>, tileRowStride: Int, validRows: Int, validColumns: Int,
    accumulate: Bool, spill: UnsafeMutablePointer<Float>
) {
    var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>()
    var c3 = SIMD8<Float>(), c4 = SIMD8<Float>(), c5 = SIMD8<Float>()
    var a = packedA
    var b = UnsafeRawPointer(packedB)
    for _ in 0..<depth {
        let b0 = b.loadUnaligned(as: SIMD8<Float>.self)
        c0.addProduct(SIMD8<Float>(repeating: a[0]), b0)
        c1.addProduct(SIMD8<Float>(repeating: a[1]), b0)
        c2.addProduct(SIMD8<Float>(repeating: a[2]), b0)
        c3.addProduct(SIMD8<Float>(repeating: a[3]), b0)
        c4.addProduct(SIMD8<Float>(repeating: a[4]), b0)
        c5.addProduct(SIMD8<Float>(repeating: a[5]), b0)
        a += TileShape.avx2.rows
        b += TileShape.avx2.columns * MemoryLayout<Float>.stride
    }
    let width = TileShape.avx2.columns
    let raw = UnsafeMutableRawPointer(spill)
    let rowBytes = width * MemoryLayout<Float>.stride
    raw.storeBytes(of: c0, as: SIMD8<Float>.self)
    raw.storeBytes(of: c1, toByteOffset: rowBytes, as: SIMD8<Float>.self)
    raw.storeBytes(of: c2, toByteOffset: 2 * rowBytes, as: SIMD8<Float>.self)
    raw.storeBytes(of: c3, toByteOffset: 3 * rowBytes, as: SIMD8<Float>.self)
    raw.storeBytes(of: c4, toByteOffset: 4 * rowBytes, as: SIMD8<Float>.self)
    raw.storeBytes(of: c5, toByteOffset: 5 * rowBytes, as: SIMD8<Float>.self)
    copySpill(spill, width: width, to: tile, tileRowStride: tileRowStride, validRows: validRows, validColumns: validColumns,
              accumulate: accumulate)
}

/// The bottom edge when at most 3 rows are left (a 49-row product ends with one):
/// half the FMAs of the full tile, reading the first half of each packed A step.
@inline(__always)
func multiplyShortMicroTile(
    depth: Int, packedA: UnsafePointer<Float>, packedB: UnsafePointer<Float>,
    tile: UnsafeMutablePointer<Float>, tileRowStride: Int, validRows: Int, validColumns: Int,
    accumulate: Bool, spill: UnsafeMutablePointer<Float>
) {
    var c00 = SIMD8<Float>(), c01 = SIMD8<Float>()
    var c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
    var c20 = SIMD8<Float>(), c21 = SIMD8<Float>()
    var a = packedA
    var b = UnsafeRawPointer(packedB)
    for _ in 0..<depth {
        let b0 = b.loadUnaligned(as: SIMD8<Float>.self)
        let b1 = b.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
        let a0 = SIMD8<Float>(repeating: a[0])
        c00.addProduct(a0, b0); c01.addProduct(a0, b1)
        let a1 = SIMD8<Float>(repeating: a[1])
        c10.addProduct(a1, b0); c11.addProduct(a1, b1)
        let a2 = SIMD8<Float>(repeating: a[2])
        c20.addProduct(a2, b0); c21.addProduct(a2, b1)
        a += TileShape.avx2.rows
        b += TileShape.avx2.columns * MemoryLayout<Float>.stride
    }
    let width = TileShape.avx2.columns
    storeTileRow(c00, c01, to: spill, accumulate: false)
    storeTileRow(c10, c11, to: spill + width, accumulate: false)
    storeTileRow(c20, c21, to: spill + 2 * width, accumulate: false)
    copySpill(spill, width: width, to: tile, tileRowStride: tileRowStride, validRows: validRows, validColumns: validColumns,
              accumulate: accumulate)
}

/// The valid corner of a scratch tile (rows `width` floats apart) into the output.
@inline(__always)
func copySpill(
    _ spill: UnsafeMutablePointer<Float>, width: Int, to tile: UnsafeMutablePointer<Float>, tileRowStride: Int,
    validRows: Int, validColumns: Int, accumulate: Bool
) {
    for row in 0..<validRows {
        let source = spill + row &* width
        let target = tile + row &* tileRowStride
        if accumulate {
            for column in 0..<validColumns { target[column] += source[column] }
        } else {
            for column in 0..<validColumns { target[column] = source[column] }
        }
    }
}

@inline(__always)
private func storeTileRow(_ low: SIMD8<Float>, _ high: SIMD8<Float>, to row: UnsafeMutablePointer<Float>, accumulate: Bool) {
    let raw = UnsafeMutableRawPointer(row)
    if accumulate {
        let oldLow = raw.loadUnaligned(as: SIMD8<Float>.self)
        let oldHigh = raw.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
        raw.storeBytes(of: oldLow + low, as: SIMD8<Float>.self)
        raw.storeBytes(of: oldHigh + high, toByteOffset: 32, as: SIMD8<Float>.self)
    } else {
        raw.storeBytes(of: low, as: SIMD8<Float>.self)
        raw.storeBytes(of: high, toByteOffset: 32, as: SIMD8<Float>.self)
    }
}
