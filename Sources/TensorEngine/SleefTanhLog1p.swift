/// SLEEF's `tanhf8_u10` and `log1pf8_u10`, which PyTorch's AVX2 `Vectorized<float>::tanh()`
/// and `log1p()` call: GELU's tanh form and softplus run their whole vector blocks through
/// them, so following them keeps those ops bit-identical to PyTorch (checked on a million
/// random inputs each). `torch.tanh` and `torch.log1p` themselves come from MKL instead
/// (see `preciseTanh`).

/// tanh(x) = (e^|x| - e^-|x|)/(e^|x| + e^-|x|) in double-float, signed like x; 1 from
/// |x| > 8.664 on, where float rounds it there.
@inline(__always)
func sleefTanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let signBits = unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x8000_0000
    let magnitude = unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
    // Lanes past 9 are replaced by 1 below; clamping keeps their reduction in range.
    let y = magnitude.replacing(with: 9, where: magnitude .> 9)
    var d = sleefExpk2(VectorDoubleFloat(y, SIMD8<Float>()))
    let e = d.reciprocal()
    d = d.plus(e.negated()).dividedBy(d.plus(e))
    var result = d.high + d.low
    result.replace(with: 1, where: magnitude .> 8.664339742)
    result = unsafeBitCast(unsafeBitCast(result, to: SIMD8<UInt32>.self) ^ signBits, to: SIMD8<Float>.self)
    return result.replacing(with: x, where: x .!= x)
}

/// SLEEF's `expk2f`: e^d of a double-float d, as a double-float, for d in [-17, 89].
@inline(__always)
func sleefExpk2(_ d: VectorDoubleFloat) -> VectorDoubleFloat {
    // q = rint((d.high + d.low)/ln2) by the 1.5·2^23 shift, as `vectorExp` does.
    let roundingShift: Float = 12_582_912
    let shifted = (d.high + d.low) * 1.442695040888963407359924681001892137426645954152985934135449406931 + roundingShift
    let q = shifted - roundingShift
    var s = d.exactlyPlus(q * -0.693145751953125)
    s = s.exactlyPlus(q * -1.428606765330187045e-06)
    var u = SIMD8<Float>(repeating: 0.1394256484e-2).addingProduct(SIMD8<Float>(repeating: 0.1980960224e-3), s.high)
    u = SIMD8<Float>(repeating: 0.8333456703e-2).addingProduct(u, s.high)
    u = SIMD8<Float>(repeating: 0.4166637361e-1).addingProduct(u, s.high)
    var t = s.times(u).exactlyPlus(SIMD8<Float>(repeating: 0.166666659414234244790680580464))
    t = s.times(t).exactlyPlus(SIMD8<Float>(repeating: 0.5))
    t = s.exactlyPlus(s.squared().times(t))
    t = VectorDoubleFloat.sum(SIMD8<Float>(repeating: 1), t)
    // Scaled by 2^q in two halves, as SLEEF's vldexp2 does.
    let qBits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
    let firstHalf = powerOfTwo(qBits &>> 1), secondHalf = powerOfTwo(qBits &- (qBits &>> 1))
    return VectorDoubleFloat(t.high * firstHalf * secondHalf, t.low * firstHalf * secondHalf)
}

/// log(1 + d): with 1 + d = m'·2^e, log1p d = e·ln2 + 2·atanh(m/(2 + m)) for m = m' - 1
/// computed from d without rounding 1 + d.
@inline(__always)
func sleefLog1p(_ d: SIMD8<Float>) -> SIMD8<Float> {
    var onePlus = d + 1
    let subnormal = onePlus .< Float.leastNormalMagnitude
    onePlus.replace(with: onePlus * 18_446_744_073_709_551_616, where: subnormal)
    let scaledBits = unsafeBitCast(onePlus * Float(1.0 / 0.75), to: SIMD8<Int32>.self)
    var e = ((scaledBits &>> 23) & 0xFF) &- 0x7F
    let t = unsafeBitCast(0x3F80_0000 &+ ((0 &- e) &<< 23), to: SIMD8<Float>.self)
    let m = (t - 1).addingProduct(d, t)
    e.replace(with: e &- 64, where: subnormal)
    // e as a float, exactly, through the 1.5·2^23 shift instead of a lane-by-lane conversion.
    let roundingShift: Float = 12_582_912
    let exponent = unsafeBitCast(e &+ 0x4B40_0000, to: SIMD8<Float>.self) - roundingShift
    var s = VectorDoubleFloat(SIMD8<Float>(repeating: 0.69314718246459960938),
                              SIMD8<Float>(repeating: -1.904654323148236017e-09)).times(exponent)
    let x = VectorDoubleFloat(m, SIMD8<Float>()).dividedBy(VectorDoubleFloat.sum(SIMD8<Float>(repeating: 2), m))
    let x2 = x.high * x.high
    var p = SIMD8<Float>(repeating: 0.3996108174).addingProduct(SIMD8<Float>(repeating: 0.3027294874), x2)
    p = SIMD8<Float>(repeating: 0.6666694880).addingProduct(p, x2)
    s = s.plus(VectorDoubleFloat(x.high * 2, x.low * 2))
    s = s.plus(x2 * x.high * p)
    var result = s.high + s.low
    result.replace(with: .infinity, where: d .> 1e38)
    result.replace(with: .nan, where: d .< -1)
    result.replace(with: -.infinity, where: d .== -1)
    // -0 keeps its sign (the formula gives +0).
    return result.replacing(with: d, where: d .== 0)
}
