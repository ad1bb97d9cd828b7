/// The loops behind `copy_`, `clone`, `contiguous` and `to(dtype)`: straight from the
/// source's storage into this tensor's, converting element types on the way.
extension Tensor {
    /// Writes `source` (read through `sourceView`, already broadcast to this shape) into
    /// this tensor, whose element type is `T`.
    func copyElements<T: TensorElement>(from source: Tensor, _ sourceView: View, into type: T.Type) {
        switch source.dtype {
        case .bool: copyElements(from: source, sourceView, Bool.self, into: T.self)
        case .uint8: copyElements(from: source, sourceView, UInt8.self, into: T.self)
        case .int8: copyElements(from: source, sourceView, Int8.self, into: T.self)
        case .int16: copyElements(from: source, sourceView, Int16.self, into: T.self)
        case .int32: copyElements(from: source, sourceView, Int32.self, into: T.self)
        case .int64: copyElements(from: source, sourceView, Int64.self, into: T.self)
        case .float16: copyElements(from: source, sourceView, Float16.self, into: T.self)
        case .bfloat16: copyElements(from: source, sourceView, BFloat16.self, into: T.self)
        case .float32: copyElements(from: source, sourceView, Float.self, into: T.self)
        case .float64: copyElements(from: source, sourceView, Double.self, into: T.self)
        }
    }

    private func copyElements<S: TensorElement, T: TensorElement>(
        from source: Tensor, _ sourceView: View, _ sourceType: S.Type, into type: T.Type
    ) {
        let loop = StridedLoop(shape: shape, output: view, sourceView)
        // A copy within one storage (x.copy_(x.t())) must read everything before writing.
        if source.storage.holdsSameBytes(as: storage) && !loop.isEmpty {
            let snapshot = try? source.viewing(sourceView).clone()
            if let snapshot {
                copyElements(from: snapshot, snapshot.view, S.self, into: T.self)
                return
            }
        }
        let from = UnsafePointer(source.pointer(S.self))
        let to = pointer(T.self)
        if S.self == T.self {
            copyRows(loop, from, to) { unsafeBitCast($0, to: T.self) }
        } else {
            copyRows(loop, from, to) { T(converting: $0) }
        }
    }
}

/// Walks the copy row by row, except for a transposed source (unit stride along the
/// output's rows rather than along its columns), which is copied block by block so that
/// both sides stay in cache, as a blocked transpose does.
@inline(__always)
private func copyRows<S, T>(
    _ loop: StridedLoop, _ from: UnsafePointer<S>, _ to: UnsafeMutablePointer<T>, _ convert: (S) -> T
) {
    // An empty copy may still have 2**62 rows of nothing; walking them would hang.
    if loop.isEmpty { return }
    let (toStride, fromStride, _) = loop.innerStrides
    let length = loop.rowLength
    if loop.rank == 2, toStride == 1, fromStride != 1, fromStride != 0, loop.stride(1, 0) == 1 {
        let plane = TransposedPlane(
            rows: loop.size(0), columns: length, toRowStride: loop.stride(0, 0), fromColumnStride: fromStride)
        let target = to + loop.offsets.0
        let origin = from + loop.offsets.1
        if S.self == T.self, MemoryLayout<T>.stride == 4 {
            // Moving 32-bit values needs no conversion, so the bits travel as Float lanes.
            plane.copyInRegisterBlocks(
                UnsafeRawPointer(origin).assumingMemoryBound(to: Float.self),
                UnsafeMutableRawPointer(target).assumingMemoryBound(to: Float.self))
        } else {
            plane.copyInTiles(origin, target, convert)
        }
        return
    }
    if toStride == 1 && fromStride == 0 {
        // A broadcast row (`x.expand(n, m)` of an n×1 tensor): one value fills it.
        loop.forEachRow { out, x, _ in
            (to + out).update(repeating: convert(from[x]), count: length)
        }
        return
    }
    loop.forEachRow { out, x, _ in
        mapRow(to + out, toStride, from + x, fromStride, length, convert)
    }
}

/// A 2-d copy `to[row][column] = from[row + column * fromColumnStride]`.
private struct TransposedPlane {
    let rows: Int
    let columns: Int
    let toRowStride: Int
    let fromColumnStride: Int

    /// Square tiles of scalar moves: both the rows read and the rows written fit in L1.
    @inline(__always)
    func copyInTiles<S, T>(_ from: UnsafePointer<S>, _ to: UnsafeMutablePointer<T>, _ convert: (S) -> T,
                           rowRange: Range<Int>? = nil, columnRange: Range<Int>? = nil) {
        let rowRange = rowRange ?? 0..<rows
        let columnRange = columnRange ?? 0..<columns
        let tile = 16
        for rowStart in stride(from: rowRange.lowerBound, to: rowRange.upperBound, by: tile) {
            let rowEnd = min(rowStart + tile, rowRange.upperBound)
            for columnStart in stride(from: columnRange.lowerBound, to: columnRange.upperBound, by: tile) {
                let columnEnd = min(columnStart + tile, columnRange.upperBound)
                for row in rowStart..<rowEnd {
                    let target = to + row * toRowStride
                    let origin = from + row
                    for column in columnStart..<columnEnd { target[column] = convert(origin[column * fromColumnStride]) }
                }
            }
        }
    }

    /// 8×8 blocks transposed in registers: eight vector loads along the source's
    /// contiguous direction, eight vector stores along the output rows. Blocks are
    /// visited in 64×64 groups to keep the source lines in cache. Ragged edges take the
    /// scalar tiles.
    func copyInRegisterBlocks(_ from: UnsafePointer<Float>, _ to: UnsafeMutablePointer<Float>) {
        let fullRows = rows / 8 * 8
        let fullColumns = columns / 8 * 8
        let group = 64
        for rowGroup in stride(from: 0, to: fullRows, by: group) {
            for columnGroup in stride(from: 0, to: fullColumns, by: group) {
                for row in stride(from: rowGroup, to: min(rowGroup + group, fullRows), by: 8) {
                    for column in stride(from: columnGroup, to: min(columnGroup + group, fullColumns), by: 8) {
                        transposeBlock(from + row + column * fromColumnStride, to + row * toRowStride + column)
                    }
                }
            }
        }
        copyInTiles(from, to, { $0 }, rowRange: fullRows..<rows, columnRange: 0..<columns)
        copyInTiles(from, to, { $0 }, rowRange: 0..<fullRows, columnRange: fullColumns..<columns)
    }

    @inline(__always)
    private func transposeBlock(_ from: UnsafePointer<Float>, _ to: UnsafeMutablePointer<Float>) {
        func load(_ column: Int) -> SIMD8<Float> {
            UnsafeRawPointer(from + column * fromColumnStride).loadUnaligned(as: SIMD8<Float>.self)
        }
        let (v0, v1, v2, v3) = (load(0), load(1), load(2), load(3))
        let (v4, v5, v6, v7) = (load(4), load(5), load(6), load(7))
        for lane in 0..<8 {
            let row = SIMD8<Float>(v0[lane], v1[lane], v2[lane], v3[lane], v4[lane], v5[lane], v6[lane], v7[lane])
            UnsafeMutableRawPointer(to + lane * toRowStride).storeBytes(of: row, as: SIMD8<Float>.self)
        }
    }
}

extension Tensor {
    /// The elements of `view` (a view of this tensor's storage, whose element type is
    /// `S`) in row-major order, each passed through `convert`. Written straight into the
    /// array's buffer row by row: the per-element append this replaces was most of the
    /// time of reductions that read their input as Double.
    @inline(__always)
    func readElements<S: TensorElement, R>(_ view: View, as type: S.Type, _ convert: (S) -> R) -> [R] {
        let count = view.count
        let loop = StridedLoop(shape: view.shape, output: View(contiguous: view.shape), view)
        let source = UnsafePointer(pointer(S.self))
        return [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let destination = buffer.baseAddress, count > 0 else { initialized = 0; return }
            let (outputStride, inputStride, _) = loop.innerStrides
            let length = loop.rowLength
            loop.forEachRow { out, x, _ in
                mapRow(destination + out, outputStride, source + x, inputStride, length, convert)
            }
            initialized = count
        }
    }
}
