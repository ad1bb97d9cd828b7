/// amax/amin and max()/min() of float32, where only the value is wanted: a lane that is
/// one unit-stride run is compared eight elements at a time instead of one by one while
/// tracking an index (`float32ExtremeLanes`), which made `amax(dim=1)` 7-13x slower than
/// PyTorch. The answer is the same element that scan picks: the first NaN if the lane
/// holds one, else the first element equal to the extreme. Elements equal to it differ
/// in bits only when it is zero (-0 == +0), so a zero extreme is settled by a rescan.
extension Tensor {
    /// Each lane's extreme as a float32 tensor, or nil when the tensor is not float32 or
    /// its lanes are not unit-stride runs in their own element order.
    func float32ExtremeValues(_ layout: ReductionLayout, largest: Bool) throws -> Tensor? {
        // One specialised kernel per direction: with the comparisons passed as closures,
        // one of the two calls stayed out of line and ran ten times slower.
        if let result = largest
            ? try float32ReducingUnitStrideLanes(layout, { extremeOfRun($0, length: $1, Largest.self) })
            : try float32ReducingUnitStrideLanes(layout, { extremeOfRun($0, length: $1, Smallest.self) }) {
            return result
        }
        return try float32ExtremesAcrossRows(layout, largest: largest)
    }

    /// One reduced dim before the last of a contiguous tensor (`amax(dim=0)` of a matrix):
    /// the lanes are columns, so the rows are read in memory order and each updates every
    /// column's running extreme, eight at a time. Going one strided lane at a time ran
    /// nine times slower than PyTorch. Each column sees its elements in lane order and
    /// takes a new one only when strictly better, or a first NaN, so the same element wins.
    private func float32ExtremesAcrossRows(_ layout: ReductionLayout, largest: Bool) throws -> Tensor? {
        guard dtype == .float32, isContiguous, layout.reducedDims.count == 1, let dim = layout.reducedDims.first,
              dim < rank - 1, layout.laneLength > 0 else { return nil }
        let rows = shape[dim], columns = shape[(dim + 1)...].reduce(1, *)
        guard columns > 0 else { return nil }
        let result = try Tensor.uninitialized(shape: layout.outputShape, dtype: .float32)
        let source = UnsafePointer(pointer(Float.self)) + storageOffset
        let target = result.pointer(Float.self)
        for block in 0..<(count / (rows * columns)) {
            let input = source + block * rows * columns, output = target + block * columns
            if largest {
                extremesDownColumns(input, output, rows: rows, columns: columns, Largest.self)
            } else {
                extremesDownColumns(input, output, rows: rows, columns: columns, Smallest.self)
            }
        }
        return result
    }
}

/// `output[c]` = the extreme of `input[r·columns + c]` over the rows r, by the first-extreme scan.
@inline(__always)
private func extremesDownColumns<Direction: ExtremeDirection>(
    _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, rows: Int, columns: Int, _: Direction.Type
) {
    output.update(from: input, count: columns)
    let vectorEnd = columns & ~7
    for row in 1..<rows {
        let values = input + row &* columns
        var column = 0
        while column < vectorEnd {
            let chunk = loadVector(values + column), bests = loadVector(output + column)
            let replaces = Direction.isBetter(chunk, bests) .| ((chunk .!= chunk) .& (bests .== bests))
            storeVector(bests.replacing(with: chunk, where: replaces), output + column)
            column &+= 8
        }
        while column < columns {
            let value = values[column], best = output[column]
            if Direction.isBetter(value, best) || (value.isNaN && !best.isNaN) { output[column] = value }
            column &+= 1
        }
    }
}

/// The extreme of `length` consecutive floats, as the first-extreme scan would pick it.
@inline(__always)
private func extremeOfRun<Direction: ExtremeDirection>(_ run: UnsafePointer<Float>, length: Int, _: Direction.Type) -> Float {
    var best = run[0]
    var index = 1
    var sawNaN = best.isNaN
    if length >= 8 {
        // NaN lanes never count as better; they are only noted, and found again below.
        var bests = UnsafeRawPointer(run).loadUnaligned(as: SIMD8<Float>.self)
        var nanLanes = SIMD8<Int32>(repeating: 0).replacing(with: -1, where: bests .!= bests)
        index = 8
        while index &+ 8 <= length {
            let chunk = UnsafeRawPointer(run + index).loadUnaligned(as: SIMD8<Float>.self)
            nanLanes |= SIMD8<Int32>(repeating: 0).replacing(with: -1, where: chunk .!= chunk)
            bests = bests.replacing(with: chunk, where: Direction.isBetter(chunk, bests))
            index &+= 8
        }
        let four = nanLanes.lowHalf | nanLanes.highHalf
        let two = four.lowHalf | four.highHalf
        sawNaN = (two[0] | two[1]) != 0
        best = bests[0]
        for lane in 1..<8 where Direction.isBetter(bests[lane], best) { best = bests[lane] }
    }
    while index < length {
        let value = run[index]
        if value.isNaN { sawNaN = true }
        if Direction.isBetter(value, best) { best = value }
        index &+= 1
    }
    if sawNaN {
        for position in 0..<length where run[position].isNaN { return run[position] }
    }
    if best == 0 {
        for position in 0..<length where run[position] == 0 { return run[position] }
    }
    return best
}

/// Which of two values a max (`Largest`) or min (`Smallest`) keeps; NaN is never better.
private protocol ExtremeDirection {
    static func isBetter(_ value: Float, _ best: Float) -> Bool
    static func isBetter(_ values: SIMD8<Float>, _ bests: SIMD8<Float>) -> SIMDMask<SIMD8<Int32>>
}

private enum Largest: ExtremeDirection {
    @inline(__always) static func isBetter(_ value: Float, _ best: Float) -> Bool { value > best }
    @inline(__always) static func isBetter(_ values: SIMD8<Float>, _ bests: SIMD8<Float>) -> SIMDMask<SIMD8<Int32>> { values .> bests }
}

private enum Smallest: ExtremeDirection {
    @inline(__always) static func isBetter(_ value: Float, _ best: Float) -> Bool { value < best }
    @inline(__always) static func isBetter(_ values: SIMD8<Float>, _ bests: SIMD8<Float>) -> SIMDMask<SIMD8<Int32>> { values .< bests }
}
