/// SLEEF's `powf8_u10`, which PyTorch's AVX2 `Vectorized<float>::pow()` calls on each whole
/// vector block of `torch.pow` on float32 (the tail and strided inputs take the C++
/// library's pow instead). It is within 1 ulp but not correctly rounded, so only SLEEF's
/// own order of roundings, fused multiply-adds included, gives PyTorch's last bits:
/// x^y = e^(y·log|x|) with log|x| and the product kept as double-floats, then the sign
/// and the special values (zeros, infinities, nan, negative bases) patched lane by lane.
@inline(__always)
func sleefPow(_ x: SIMD8<Float>, _ y: SIMD8<Float>) -> SIMD8<Float> {
    let absX = magnitude(x), absY = magnitude(y)
    // An exponent is an integer when |y| rounds to itself at ulp 1 (below 2^23), or is
    // at least 2^23 (every float there is one); an odd one when half of it is not an
    // integer. SLEEF calls 2^24 and beyond even.
    let twoTo23 = SIMD8<Float>(repeating: 8_388_608)
    let isInteger = (absY .>= twoTo23) .| ((absY + twoTo23) - twoTo23 .== absY)
    let halfY = absY * 0.5
    let isOdd = isInteger .& (absY .< twoTo23 + twoTo23) .& ((halfY + twoTo23) - twoTo23 .!= halfY)

    var result = sleefExpk(sleefLogk(absX).times(y))
    result.replace(with: splat(.infinity), where: result .!= result)
    // A negative base: the sign of an odd power, nan for a non-integer exponent.
    let notPositive = .!(x .> 0)
    var factor = SIMD8<Float>(repeating: 1)
    factor.replace(with: splat(.nan), where: notPositive .& .!isInteger)
    factor.replace(with: splat(-1), where: notPositive .& isOdd)
    result = result * factor

    // y = ±inf: 0, 1 or inf by whether |x| is below, at or above 1 (the other way for -inf).
    let edgeOfOne = withSignFlipped(absX - 1, by: y)
    var infiniteExponent = SIMD8<Float>(repeating: .infinity)
    infiniteExponent.replace(with: splat(1), where: edgeOfOne .== 0)
    infiniteExponent.replace(with: splat(0), where: edgeOfOne .< 0)
    result.replace(with: infiniteExponent, where: absY .== .infinity)

    // x = ±0 or ±inf: 0 or inf by the signs, negative for a negative base to an odd power.
    // (SLEEF tests y's sign bit; y = ±0 gives 1 below either way. Two selects stand in
    // for the xor of the masks, which ran lane by lane.)
    let xIsZero = x .== 0
    let yIsNegative = y .< 0
    let zeroBase = splat(0).replacing(with: splat(.infinity), where: yIsNegative)
    var edgeBase = splat(.infinity).replacing(with: splat(0), where: yIsNegative)
    edgeBase = edgeBase.replacing(with: zeroBase, where: xIsZero)
    edgeBase = withSignFlipped(edgeBase, by: SIMD8<Float>(repeating: 1).replacing(with: x, where: isOdd))
    result.replace(with: edgeBase, where: (absX .== .infinity) .| xIsZero)

    // SLEEF marks a nan operand by setting every bit of the result.
    result.replace(with: splat(Float(bitPattern: 0xFFFF_FFFF)), where: (x .!= x) .| (y .!= y))
    result.replace(with: splat(1), where: (y .== 0) .| (x .== 1))
    return result
}

/// SLEEF's `logkf`: log d for d >= 0 as a double-float, with d = m·2^e, m in [0.75, 1.5),
/// and log m = 2·atanh((m − 1)/(m + 1)).
@inline(__always)
func sleefLogk(_ value: SIMD8<Float>) -> VectorDoubleFloat {
    let isSubnormal = value .< Float.leastNormalMagnitude
    let d = value.replacing(with: value * 18_446_744_073_709_551_616, where: isSubnormal)
    let scaledBits = unsafeBitCast(d * Float(1.0 / 0.75), to: SIMD8<Int32>.self)
    let e = ((scaledBits &>> 23) & 0xFF) &- 0x7F
    let m = unsafeBitCast(unsafeBitCast(d, to: SIMD8<Int32>.self) &- (e &<< 23), to: SIMD8<Float>.self)
    // e as a float, exactly, through the 1.5·2^23 shift instead of a lane-by-lane
    // conversion; a subnormal's 64 is taken off in float, where the select is a blend.
    let roundingShift: Float = 12_582_912
    let exponent = unsafeBitCast(e &+ 0x4B40_0000, to: SIMD8<Float>.self) - roundingShift
        - splat(0).replacing(with: splat(64), where: isSubnormal)

    let x = VectorDoubleFloat.exactSum(SIMD8<Float>(repeating: -1), m)
        .dividedBy(VectorDoubleFloat.exactSum(SIMD8<Float>(repeating: 1), m))
    let x2 = x.squared()
    var t = SIMD8<Float>(repeating: 0.285112679004669189453125)
        .addingProduct(SIMD8<Float>(repeating: 0.240320354700088500976562), x2.high)
    t = SIMD8<Float>(repeating: 0.400007992982864379882812).addingProduct(t, x2.high)
    let c = VectorDoubleFloat(SIMD8<Float>(repeating: 0.66666662693023681640625),
                              SIMD8<Float>(repeating: 3.69183861259614332084311e-09))
    var s = VectorDoubleFloat(SIMD8<Float>(repeating: 0.69314718246459960938),
                              SIMD8<Float>(repeating: -1.904654323148236017e-09)).times(exponent)
    s = s.plus(VectorDoubleFloat(x.high * 2, x.low * 2))
    return s.plus(x2.times(x).times(x2.times(t).exactlyPlus(c)))
}

/// SLEEF's `expkf`: e^d of a double-float d, rounded to float; 0 below -104.
@inline(__always)
func sleefExpk(_ d: VectorDoubleFloat) -> SIMD8<Float> {
    let ratio = (d.high + d.low) * 1.442695040888963407359924681001892137426645954152985934135449406931
    // q = rint(ratio) by the 1.5·2^23 shift, exact below 2^22. Beyond 2^21 SLEEF's result
    // is inf (or 0 below -104), so those lanes reduce 0 and are patched at the end.
    let limit: Float = 2_097_152
    let overflows = ratio .> limit
    let inRange = (ratio .<= limit) .& (ratio .>= -limit)
    let roundingShift: Float = 12_582_912
    let shifted = ratio.replacing(with: splat(0), where: .!inRange) + roundingShift
    let q = shifted - roundingShift
    var s = d.exactlyPlus(q * -0.693145751953125)
    s = s.exactlyPlus(q * -1.428606765330187045e-06).normalized()
    var u = SIMD8<Float>(repeating: 0.00836596917361021041870117)
        .addingProduct(SIMD8<Float>(repeating: 0.00136324646882712841033936), s.high)
    u = SIMD8<Float>(repeating: 0.0416710823774337768554688).addingProduct(u, s.high)
    u = SIMD8<Float>(repeating: 0.166665524244308471679688).addingProduct(u, s.high)
    u = SIMD8<Float>(repeating: 0.499999850988388061523438).addingProduct(u, s.high)
    let t = VectorDoubleFloat.sum(SIMD8<Float>(repeating: 1), s.plus(s.squared().times(u)))
    let qBits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
    var result = sleefLoadExponent(t.high + t.low, qBits)
    result.replace(with: splat(.infinity), where: overflows)
    result.replace(with: splat(0), where: d.high .< -104)
    return result
}

/// SLEEF's `vldexp_vf_vf_vi2`: x·2^q for any q, as four multiplications by one power of
/// two and one by another. A subnormal result may round twice, as it does in SLEEF.
@inline(__always)
func sleefLoadExponent(_ x: SIMD8<Float>, _ exponent: SIMD8<Int32>) -> SIMD8<Float> {
    let sign = exponent &>> 31
    var m = ((((sign &+ exponent) &>> 6) &- sign) &<< 4)
    let q = exponent &- (m &<< 2)
    m = m &+ 0x7F
    // m clamped to [0, 0xFF] with sign masks: a select on Int32 lanes runs lane by lane.
    m = m & ~(m &>> 31)
    let aboveMaximum = (0xFF &- m) &>> 31
    m = (m & ~aboveMaximum) | (0xFF & aboveMaximum)
    let u = unsafeBitCast(m &<< 23, to: SIMD8<Float>.self)
    return x * u * u * u * u * unsafeBitCast((q &+ 0x7F) &<< 23, to: SIMD8<Float>.self)
}

/// A vector of one value. The selects here take vectors: `replacing(with:where:)` with a
/// scalar ran lane by lane, where the vector form is one blend.
@inline(__always)
private func splat(_ value: Float) -> SIMD8<Float> { SIMD8<Float>(repeating: value) }

/// SLEEF's `vmulsign`: x with its sign flipped where y is negative.
@inline(__always)
private func withSignFlipped(_ x: SIMD8<Float>, by y: SIMD8<Float>) -> SIMD8<Float> {
    let signs = unsafeBitCast(y, to: SIMD8<UInt32>.self) & 0x8000_0000
    return unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) ^ signs, to: SIMD8<Float>.self)
}
