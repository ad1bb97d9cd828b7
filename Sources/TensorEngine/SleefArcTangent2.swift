/// SLEEF's `atan2f8_u10` (`xatan2f_u1`), which PyTorch's AVX2 `Vectorized<float>::atan2`
/// calls: within 1 ulp but not always the correctly rounded value, so float32 `atan2`
/// agrees with PyTorch to the bit only when its vector blocks run this and its scalar
/// tails run libm's atan2f. The double-float steps keep SLEEF's FMA roundings.

/// atan2(y, x) for eight lanes.
@inline(__always)
func sleefAtan2(_ y: SIMD8<Float>, _ x: SIMD8<Float>) -> SIMD8<Float> {
    // Tiny divisors are scaled up by 2^24 (both operands) so the division keeps its bits.
    // 2.9387372783541830947e-39, the float just above 1/FLT_MAX (a subnormal).
    let tiny = magnitude(x) .< Float(bitPattern: 0x0020_0001)
    let x = x.replacing(with: x * 16_777_216, where: tiny)
    let y = y.replacing(with: y * 16_777_216, where: tiny)
    let angle = arcTangent2Kernel(VectorDoubleFloat(magnitude(y), .zero), VectorDoubleFloat(x, .zero))
    var r = withSignOf(angle.high + angle.low, x)
    let halfPi = SIMD8<Float>(repeating: Float(Double.pi / 2))
    let xInfinite = magnitude(x) .== .infinity
    r = r.replacing(with: halfPi - infinityPart(x, withSignOf(halfPi, x)), where: xInfinite .| (x .== 0))
    let quarterPi = SIMD8<Float>(repeating: Float(Double.pi / 4))
    r = r.replacing(with: halfPi - infinityPart(x, withSignOf(quarterPi, x)), where: magnitude(y) .== .infinity)
    // y = ±0: π where x's sign bit is set (−0 included), else 0; the sign comes last.
    // Shifting the sign bit across the lane gives an all-ones mask there: a blend on an
    // integer comparison (and on a UInt32 vector) compiled to lane-by-lane loops that
    // took five sixths of atan2's time.
    let negativeMask = unsafeBitCast(x, to: SIMD8<Int32>.self) &>> 31
    let piOrZero = unsafeBitCast(negativeMask & unsafeBitCast(SIMD8<Float>(repeating: Float(Double.pi)), to: SIMD8<Int32>.self), to: SIMD8<Float>.self)
    r = r.replacing(with: piOrZero, where: y .== 0)
    let eitherNaN = (x .!= x) .| (y .!= y)
    return withSignOf(r, y).replacing(with: SIMD8<Float>(repeating: Float(bitPattern: .max)), where: eitherNaN)
}

/// `atan2kf_u1`: the angle of (x, y) for y >= 0, as a double-float.
@inline(__always)
private func arcTangent2Kernel(_ y: VectorDoubleFloat, _ x: VectorDoubleFloat) -> VectorDoubleFloat {
    let negativeX = x.high .< 0
    // The quadrant count is kept as a float (it is −2…1), saving an int-to-float conversion.
    var quadrant = SIMD8<Float>(repeating: 0).replacing(with: -2, where: negativeX)
    let flip = SIMD8<UInt32>(repeating: 0).replacing(with: 0x8000_0000, where: negativeX)
    let x = VectorDoubleFloat(flipSigns(x.high, flip), flipSigns(x.low, flip))
    let steep = x.high .< y.high
    quadrant = quadrant.replacing(with: quadrant + 1, where: steep)
    let numerator = select(steep, VectorDoubleFloat(flipSigns(x.high, .init(repeating: 0x8000_0000)),
                                                    flipSigns(x.low, .init(repeating: 0x8000_0000))), y)
    let denominator = select(steep, y, x)
    let s = numerator.dividedBy(denominator)
    var t = s.squared()
    let normalized = t.high + t.low
    t = VectorDoubleFloat(normalized, t.high - normalized + t.low)
    var u = SIMD8<Float>(repeating: -0.00176397908944636583328247)
    u = SIMD8(repeating: 0.0107900900766253471374512).addingProduct(u, t.high)
    u = SIMD8(repeating: -0.0309564601629972457885742).addingProduct(u, t.high)
    u = SIMD8(repeating: 0.0577365085482597351074219).addingProduct(u, t.high)
    u = SIMD8(repeating: -0.0838950723409652709960938).addingProduct(u, t.high)
    u = SIMD8(repeating: 0.109463557600975036621094).addingProduct(u, t.high)
    u = SIMD8(repeating: -0.142626821994781494140625).addingProduct(u, t.high)
    u = SIMD8(repeating: 0.199983194470405578613281).addingProduct(u, t.high)
    t = t.times(VectorDoubleFloat.sum(SIMD8(repeating: -0.333332866430282592773438), u * t.high))
    t = s.times(VectorDoubleFloat.sum(SIMD8(repeating: 1), t))
    return VectorDoubleFloat(SIMD8(repeating: 1.5707963705062866211), SIMD8(repeating: -4.3711388286737928865e-08))
        .times(quadrant).plus(t)
}

@inline(__always)
private func select(_ mask: SIMDMask<SIMD8<Int32>>, _ a: VectorDoubleFloat, _ b: VectorDoubleFloat) -> VectorDoubleFloat {
    VectorDoubleFloat(b.high.replacing(with: a.high, where: mask), b.low.replacing(with: a.low, where: mask))
}


@inline(__always)
private func signBits(_ x: SIMD8<Float>) -> SIMD8<UInt32> {
    unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x8000_0000
}

@inline(__always)
private func flipSigns(_ x: SIMD8<Float>, _ bits: SIMD8<UInt32>) -> SIMD8<Float> {
    unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) ^ bits, to: SIMD8<Float>.self)
}

/// `vmulsign`: x with its sign flipped where y is negative.
@inline(__always)
private func withSignOf(_ x: SIMD8<Float>, _ y: SIMD8<Float>) -> SIMD8<Float> {
    flipSigns(x, signBits(y))
}

/// `visinf2`: (d's sign bit | m) where d is infinite, else 0.
@inline(__always)
private func infinityPart(_ d: SIMD8<Float>, _ m: SIMD8<Float>) -> SIMD8<Float> {
    let bits = signBits(d) | unsafeBitCast(m, to: SIMD8<UInt32>.self)
    return unsafeBitCast(SIMD8<UInt32>(repeating: 0).replacing(with: bits, where: magnitude(d) .== .infinity), to: SIMD8<Float>.self)
}
