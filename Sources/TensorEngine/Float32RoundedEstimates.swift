/// A contiguous float32 map whose vector kernel gives a double-precision estimate and
/// whose answer is that estimate rounded to float wherever the rounding is certain, in two
/// passes over chunks that stay in L1: the first rounds each estimate and keeps it, the
/// second reads the kept estimates back and sends the rare undecided lanes, and the inputs
/// the kernel does not cover, to a scalar function.
///
/// The second look at the estimate is its own loop because it could not share one with
/// the kernel: as soon as a branch on the estimate followed it in the same loop, the
/// optimizer rebuilt the double arithmetic from two-lane pieces and scalar steps, and
/// log2 took twice as long.

/// Whether rounding any lane of `estimate` to float could go either way under an error
/// of 2^-40·|estimate|: the 29 low bits that float drops lie within 2^13 of their
/// midpoint. 2^13 units of the double's last place are at least 2^-40 of its value.
@inline(__always)
func anyRoundingUndecided(_ estimate: SIMD8<Double>) -> Bool {
    let bits = unsafeBitCast(estimate, to: SIMD8<UInt64>.self)
    // Zero exactly in the undecided lanes: the distance above midpoint - 2^13 is below 2^14.
    let distance = ((bits & 0x1FFF_FFFF) &- (0x1000_0000 - 0x2000)) &>> 14
    // The sign bit marks the zero lanes; OR-ing halves keeps the test free of lane masks.
    let flags = unsafeBitCast(distance, to: SIMD8<Int64>.self) &- 1
    let four = flags.lowHalf | flags.highHalf
    let two = four.lowHalf | four.highHalf
    return (two[0] | two[1]) < 0
}

extension Tensor {
    /// `estimate` on every whole vector of lanes for which `covers` holds, good to 2^-42
    /// relative; `scalar` on the undecided lanes, the uncovered ones and the tail.
    @inline(__always)
    func mapFloat32RoundingEstimates(_ estimate: (SIMD8<Float>) -> SIMD8<Double>,
                                     covers: (SIMD8<Float>) -> SIMDMask<SIMD8<Int32>>,
                                     scalar: (Float) -> Float) throws -> Tensor {
        precondition(dtype == .float32 && isContiguous, "contiguous float32 kernel on \(dtype)")
        let result = try Tensor.uninitialized(shape: shape, dtype: .float32)
        let source = UnsafePointer(pointer(Float.self)) + storageOffset
        let target = result.pointer(Float.self) + result.storageOffset
        let total = count, wholeEnd = total & ~7
        let kept = UnsafeMutablePointer<SIMD8<Double>>.allocate(capacity: estimateChunkLength / 8)
        defer { kept.deallocate() }
        var start = 0
        while start < wholeEnd {
            let end = Swift.min(start &+ estimateChunkLength, wholeEnd)
            roundEstimates(estimate, from: source + start, to: target + start, keeping: kept, count: end &- start)
            settleUndecided(from: source + start, to: target + start, kept: kept, count: end &- start,
                            covers: covers, scalar: scalar)
            start = end
        }
        for index in wholeEnd..<total { target[index] = scalar(source[index]) }
        return result
    }
}

/// Lanes per chunk: the kept estimates (4 KB) and the chunk's floats stay in L1.
private let estimateChunkLength = 512

/// The first pass: each whole vector's estimate, kept, and rounded into `target`.
@inline(__always)
private func roundEstimates(_ estimate: (SIMD8<Float>) -> SIMD8<Double>, from source: UnsafePointer<Float>,
                            to target: UnsafeMutablePointer<Float>, keeping kept: UnsafeMutablePointer<SIMD8<Double>>,
                            count: Int) {
    var index = 0
    while index < count {
        let value = estimate(UnsafeRawPointer(source + index).loadUnaligned(as: SIMD8<Float>.self))
        kept[index &>> 3] = value
        UnsafeMutableRawPointer(target + index).storeBytes(of: narrow(value), as: SIMD8<Float>.self)
        index &+= 8
    }
}

/// The second pass: `scalar` for the lanes outside `covers` and those whose rounding the
/// ±2^-40 interval leaves open.
@inline(__always)
private func settleUndecided(from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>,
                             kept: UnsafeMutablePointer<SIMD8<Double>>, count: Int,
                             covers: (SIMD8<Float>) -> SIMDMask<SIMD8<Int32>>, scalar: (Float) -> Float) {
    var index = 0
    while index < count {
        let x = UnsafeRawPointer(source + index).loadUnaligned(as: SIMD8<Float>.self)
        let covered = covers(x), value = kept[index &>> 3]
        if anyLane(.!covered) || anyRoundingUndecided(value) {
            let low = narrow(value * (1 - 0x1p-40)), high = narrow(value * (1 + 0x1p-40))
            for lane in 0..<8 where !covered[lane] || low[lane] != high[lane] {
                target[index &+ lane] = scalar(x[lane])
            }
        }
        index &+= 8
    }
}
