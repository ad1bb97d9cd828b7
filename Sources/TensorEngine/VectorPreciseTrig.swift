import Glibc

/// float32 sin, cos and tan, eight lanes at a time, computed in double precision and rounded
/// once, like `preciseExp`. PyTorch takes both from MKL's vector library (within a hair
/// of correctly rounded, by no published algorithm); the scalar `Float(sin(Double(x)))`
/// these replace is correctly rounded but for odds near 1e-8, and so are these: they
/// agreed with it on every one of some eleven million inputs (random bit patterns included).
///
/// The reduction x = n·π/2 + r uses π/2 split in three parts, the first two with 33
/// significant bits so that n·part is exact for |n| < 2^20; lanes beyond `reducibleLimit`
/// (and inf) take libm's reduction instead, which handles any float.

/// Below this magnitude |n| stays under 2^20 and the three-part reduction is exact enough.
private let reducibleLimit: Double = 1.6e6

/// sin(x) rounded to float.
@inline(__always)
func preciseSin(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let magnitude = unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
    if any(magnitude .>= Float(reducibleLimit)) { return lanewise(x) { Float(Glibc.sin(Double($0))) } }
    let result = narrow(quadrantValue(widen(x), quarterTurnsAhead: 0))
    // r + r·s·p turns -0 into +0; sin keeps the zero's sign.
    return result.replacing(with: x, where: x .== 0)
}

/// cos(x) rounded to float: sin(x + π/2), one quarter turn ahead.
@inline(__always)
func preciseCos(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let magnitude = unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
    if any(magnitude .>= Float(reducibleLimit)) { return lanewise(x) { Float(Glibc.cos(Double($0))) } }
    return narrow(quadrantValue(widen(x), quarterTurnsAhead: 1))
}

/// tan(x) rounded to float: sin r / cos r, or -cos r / sin r in odd quadrants. Both are
/// good to a double ulp or so, so `roundedWhereCertain` decides all but the rare lanes
/// near a rounding boundary, which take libm's tan like the scalar path this replaces.
@inline(__always)
func preciseTan(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let magnitude = unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
    if any(magnitude .>= Float(reducibleLimit)) { return lanewise(x) { Float(Glibc.tan(Double($0))) } }
    let (r, quadrant) = reducedByQuarterTurns(widen(x))
    let square = r * r
    let sine = unsafeBitCast(sineOfReduced(r, square), to: SIMD8<UInt64>.self)
    let cosine = unsafeBitCast(cosineOfReduced(square), to: SIMD8<UInt64>.self)
    // Bit-mask selects, as in `quadrantValue`: all ones in the odd quadrants.
    let odd = unsafeBitCast((quadrant &<< 63) &>> 63, to: SIMD8<UInt64>.self)
    let negatedCosine = cosine ^ (1 << 63)
    let numerator = unsafeBitCast((sine & ~odd) | (negatedCosine & odd), to: SIMD8<Double>.self)
    let denominator = unsafeBitCast((cosine & ~odd) | (sine & odd), to: SIMD8<Double>.self)
    let estimate = numerator / denominator
    // tan keeps the zero's sign, which the series loses.
    return roundedWhereCertain(x, estimate: estimate, exact: { Glibc.tan($0) }).replacing(with: x, where: x .== 0)
}

/// x = n·π/2 + r for |x| < `reducibleLimit`: r, and n whose low two bits are n mod 4.
@inline(__always)
private func reducedByQuarterTurns(_ x: SIMD8<Double>) -> (r: SIMD8<Double>, quadrant: SIMD8<Int64>) {
    // n = rint(x·2/π): adding 1.5·2^52 rounds to an integer and leaves it in the low bits.
    let roundingShift: Double = 6_755_399_441_055_744
    let shifted = x * 0.6366197723675814 + roundingShift
    let n = shifted - roundingShift
    var r = x + n * -1.5707963267341256
    r = r + n * -6.077100506303966e-11
    r = r + n * -2.0222662487959506e-21
    // The rounding shift is a multiple of 4, so the low two bits are n mod 4.
    return (r, unsafeBitCast(shifted, to: SIMD8<Int64>.self))
}

/// sin(x + k·π/2) for |x| < `reducibleLimit`: with x = n·π/2 + r, the quadrant n + k picks
/// ±sin r or ±cos r. nan stays nan.
@inline(__always)
private func quadrantValue(_ x: SIMD8<Double>, quarterTurnsAhead: Int64) -> SIMD8<Double> {
    let (r, n) = reducedByQuarterTurns(x)
    let quadrant = n &+ quarterTurnsAhead
    let square = r * r
    // Odd quadrants take the cosine. The choice is made with bit masks: a mask from an
    // integer comparison was built lane by lane, with a mispredicted branch per lane.
    let takesCosine = unsafeBitCast((quadrant &<< 63) &>> 63, to: SIMD8<UInt64>.self)
    let sine = unsafeBitCast(sineOfReduced(r, square), to: SIMD8<UInt64>.self)
    let cosine = unsafeBitCast(cosineOfReduced(square), to: SIMD8<UInt64>.self)
    let signBits = unsafeBitCast((quadrant & 2) &<< 62, to: SIMD8<UInt64>.self)
    return unsafeBitCast(((sine & ~takesCosine) | (cosine & takesCosine)) ^ signBits, to: SIMD8<Double>.self)
}

/// sin r for |r| <= π/4 by its Taylor series to r^17 (truncation below 1e-16 relative).
/// Plain `*` and `+` on `SIMD8<Double>`, as in `expm1Quotient`.
@inline(__always)
private func sineOfReduced(_ r: SIMD8<Double>, _ square: SIMD8<Double>) -> SIMD8<Double> {
    var p = SIMD8<Double>(repeating: 1.0 / 355_687_428_096_000)
    p = SIMD8<Double>(repeating: -1.0 / 1_307_674_368_000) + p * square
    p = SIMD8<Double>(repeating: 1.0 / 6_227_020_800) + p * square
    p = SIMD8<Double>(repeating: -1.0 / 39_916_800) + p * square
    p = SIMD8<Double>(repeating: 1.0 / 362_880) + p * square
    p = SIMD8<Double>(repeating: -1.0 / 5040) + p * square
    p = SIMD8<Double>(repeating: 1.0 / 120) + p * square
    p = SIMD8<Double>(repeating: -1.0 / 6) + p * square
    return r + (r * square) * p
}

/// cos r for |r| <= π/4 by its Taylor series to r^18: 1 - r²/2 + r⁴·p(r²).
@inline(__always)
private func cosineOfReduced(_ square: SIMD8<Double>) -> SIMD8<Double> {
    var p = SIMD8<Double>(repeating: -1.0 / 6_402_373_705_728_000)
    p = SIMD8<Double>(repeating: 1.0 / 20_922_789_888_000) + p * square
    p = SIMD8<Double>(repeating: -1.0 / 87_178_291_200) + p * square
    p = SIMD8<Double>(repeating: 1.0 / 479_001_600) + p * square
    p = SIMD8<Double>(repeating: -1.0 / 3_628_800) + p * square
    p = SIMD8<Double>(repeating: 1.0 / 40320) + p * square
    p = SIMD8<Double>(repeating: -1.0 / 720) + p * square
    p = SIMD8<Double>(repeating: 1.0 / 24) + p * square
    return (1 - 0.5 * square) + (square * square) * p
}

/// `scalar` on each lane: the rare vector holding a lane the vector path cannot reduce.
@inline(never)
private func lanewise(_ x: SIMD8<Float>, _ scalar: (Float) -> Float) -> SIMD8<Float> {
    var result = SIMD8<Float>()
    for lane in 0..<8 { result[lane] = scalar(x[lane]) }
    return result
}

extension Tensor {
    /// sin(x) of a float32 (or integer, promoted) tensor through `preciseSin`.
    func float32Sin() throws -> Tensor { try float32ContiguousInput().mapFloat32InVectors(preciseSin) }

    /// cos(x) of a float32 (or integer, promoted) tensor through `preciseCos`.
    func float32Cos() throws -> Tensor { try float32ContiguousInput().mapFloat32InVectors(preciseCos) }

    /// tan(x) of a float32 (or integer, promoted) tensor through `preciseTan`.
    func float32Tan() throws -> Tensor { try float32ContiguousInput().mapFloat32InVectors(preciseTan) }
}
