/// float32 exp, log and tanh, eight lanes at a time, computed in double precision and rounded
/// once. PyTorch's float32 exp, log and tanh come from MKL's vector library, whose results
/// are within a hair of correctly rounded but follow no published algorithm; rounding
/// an error of ~1e-16 to float gives the correctly rounded value except with odds near
/// 1e-7, so these agree with the scalar `Float(exp(Double(x)))` they replace, at the
/// speed of a vector polynomial instead of a libm call per element.
///
/// The double arithmetic is plain `*` and `+`, never `addingProduct`: `SIMD8<Double>`'s
/// `addingProduct` is a lane loop that the optimizer rebuilt as two-lane FMAs and
/// scalar code (tanh took 17 ms per million floats), while `*` and `+` are whole-vector
/// builtins. The extra rounding, ~1e-16, is far below the float result's.

/// e^x rounded to float.
@inline(__always)
func preciseExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    // Beyond these, float results are inf or 0; clamping keeps 2^n in double range.
    let clamped = x.replacing(with: 90, where: x .> 90).replacing(with: -110, where: x .< -110)
    let (scale, r) = reducedExponent(widen(clamped))
    var result = narrow(scale * (1 + r * expm1Quotient(r)))
    result.replace(with: .infinity, where: x .> 90)
    return result
}

/// tanh(x) rounded to float: sign(x)·m/(m + 2) with m = e^(2|x|) - 1, which keeps full
/// relative precision near 0 (m = r·q(r) exactly when 2|x| < ln2/2).
@inline(__always)
func preciseTanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let magnitude = unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
    // tanh rounds to 1 in float from 9.01 on.
    let clamped = magnitude.replacing(with: 10, where: magnitude .> 10)
    let (scale, r) = reducedExponent(widen(clamped) * 2)
    let rq = r * expm1Quotient(r)
    let m = (scale - 1) + scale * rq
    var result = narrow(m / (m + 2))
    result.replace(with: 1, where: magnitude .> 10)
    let signBits = unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x8000_0000
    result = unsafeBitCast(unsafeBitCast(result, to: SIMD8<UInt32>.self) | signBits, to: SIMD8<Float>.self)
    return result.replacing(with: x, where: x .!= x)
}

/// x = n·ln2 + r with |r| <= ln2/2, for |x| below about 700: returns (2^n, r).
@inline(__always)
func reducedExponent(_ d: SIMD8<Double>) -> (scale: SIMD8<Double>, r: SIMD8<Double>) {
    // n = rint(x/ln2): adding 1.5·2^52 rounds to an integer and leaves it in the low bits.
    let roundingShift: Double = 6_755_399_441_055_744
    let shifted = d * 1.4426950408889634 + roundingShift
    let n = shifted - roundingShift
    var r = d + n * -0.6931471803691238
    r = r + n * -1.9082149292705877e-10
    let exponent = unsafeBitCast(shifted, to: SIMD8<Int64>.self) &- unsafeBitCast(roundingShift, to: Int64.self)
    return (unsafeBitCast((exponent &+ 1023) &<< 52, to: SIMD8<Double>.self), r)
}

/// (e^r - 1)/r for |r| <= ln2/2 by its Taylor series, Σ r^k/(k+1)! to k = 12 (the
/// truncation is below 2e-16 there), as two Horner chains in r², the even and the odd
/// terms, side by side: one chain of twelve dependent steps bound the loop by its latency.
@inline(__always)
func expm1Quotient(_ r: SIMD8<Double>) -> SIMD8<Double> {
    // Written out: a loop over an array literal allocated the array on every call.
    let square = r * r
    var even = SIMD8<Double>(repeating: 1.0 / 479_001_600)
    var odd = SIMD8<Double>(repeating: 1.0 / 6_227_020_800)
    even = SIMD8<Double>(repeating: 1.0 / 3_628_800) + even * square
    odd = SIMD8<Double>(repeating: 1.0 / 39_916_800) + odd * square
    even = SIMD8<Double>(repeating: 1.0 / 40_320) + even * square
    odd = SIMD8<Double>(repeating: 1.0 / 362_880) + odd * square
    even = SIMD8<Double>(repeating: 1.0 / 720) + even * square
    odd = SIMD8<Double>(repeating: 1.0 / 5040) + odd * square
    even = SIMD8<Double>(repeating: 1.0 / 24) + even * square
    odd = SIMD8<Double>(repeating: 1.0 / 120) + odd * square
    even = SIMD8<Double>(repeating: 0.5) + even * square
    odd = SIMD8<Double>(repeating: 1.0 / 6) + odd * square
    return 1 + (even + r * odd) * r
}

/// log(x) rounded to float.
@inline(__always)
func preciseLog(_ x: SIMD8<Float>) -> SIMD8<Float> {
    var result = narrow(logOfPositive(widen(x)))
    result.replace(with: .nan, where: x .< 0)
    result.replace(with: -.infinity, where: x .== 0)
    result.replace(with: .infinity, where: x .== .infinity)
    result.replace(with: x, where: x .!= x)
    return result
}

/// log(d) in double for positive, finite, normal d: d = 2^e · m with m in [√½, √2),
/// log m = 2·atanh(s) with s = (m - 1)/(m + 1), |s| < 0.172, its odd series to s^21.
@inline(__always)
func logOfPositive(_ d: SIMD8<Double>) -> SIMD8<Double> {
    let bits = unsafeBitCast(d, to: SIMD8<Int64>.self)
    // Shifting the mantissa's reference point to √½ puts m in [√½, √2) directly.
    let offset = bits &- 0x3FE6_A09E_667F_3BCD
    let e = offset &>> 52
    let m = unsafeBitCast(bits &- (e &<< 52), to: SIMD8<Double>.self)
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    // The odd series in s as two Horner chains in s⁴ (even and odd powers of s²), which
    // run side by side instead of eleven dependent steps.
    let s4 = s2 * s2
    var even = SIMD8<Double>(repeating: 2.0 / 21)
    var odd = SIMD8<Double>(repeating: 2.0 / 19)
    even = SIMD8<Double>(repeating: 2.0 / 17) + even * s4
    odd = SIMD8<Double>(repeating: 2.0 / 15) + odd * s4
    even = SIMD8<Double>(repeating: 2.0 / 13) + even * s4
    odd = SIMD8<Double>(repeating: 2.0 / 11) + odd * s4
    even = SIMD8<Double>(repeating: 2.0 / 9) + even * s4
    odd = SIMD8<Double>(repeating: 2.0 / 7) + odd * s4
    even = SIMD8<Double>(repeating: 2.0 / 5) + even * s4
    odd = SIMD8<Double>(repeating: 2.0 / 3) + odd * s4
    even = SIMD8<Double>(repeating: 2) + even * s4
    let series = even + s2 * odd
    let exponent = SIMD8<Double>(lowHalf: SIMD4<Double>(e.lowHalf), highHalf: SIMD4<Double>(e.highHalf))
    let logM = s * series
    return exponent * 0.6931471803691238 + (logM + exponent * 1.9082149292705877e-10)
}

@inline(__always)
func widen(_ v: SIMD8<Float>) -> SIMD8<Double> {
    SIMD8<Double>(Double(v[0]), Double(v[1]), Double(v[2]), Double(v[3]),
                  Double(v[4]), Double(v[5]), Double(v[6]), Double(v[7]))
}

@inline(__always)
func narrow(_ v: SIMD8<Double>) -> SIMD8<Float> {
    SIMD8<Float>(Float(v[0]), Float(v[1]), Float(v[2]), Float(v[3]),
                 Float(v[4]), Float(v[5]), Float(v[6]), Float(v[7]))
}
