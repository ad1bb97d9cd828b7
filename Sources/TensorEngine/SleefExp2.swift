/// SLEEF's `exp2f8_u10`, which PyTorch's `Vectorized<float>::exp2()` calls on each whole
/// vector block of `torch.exp2` (the tail and strided inputs take libm's `exp2f`). It is
/// within 1 ulp but not always correctly rounded: on about 6% of normal inputs it differs
/// from the rounded double-precision 2^x, so only SLEEF's own sequence of roundings, fused
/// multiply-adds included, gives PyTorch's bits (checked on 15 million inputs, edge values
/// included). Being float arithmetic eight lanes wide, it is also several times faster
/// than rounding a double-precision estimate.

/// 2^d = 2^q·p(s) with q = rint(d) and s = d - q in [-½, ½], p SLEEF's degree-6
/// polynomial; inf from 128 on, 0 below -150.
@inline(__always)
func sleefExp2(_ d: SIMD8<Float>) -> SIMD8<Float> {
    // q = rint(d) by the 1.5·2^23 shift, exact for |d| < 2^22; the lanes beyond that
    // are replaced by inf or 0 below.
    let roundingShift: Float = 12_582_912
    let shifted = d + roundingShift
    let s = d - (shifted - roundingShift)
    var u = SIMD8<Float>(repeating: 0.1339262701e-2).addingProduct(SIMD8<Float>(repeating: 0.1535920892e-3), s)
    u = SIMD8<Float>(repeating: 0.9618384764e-2).addingProduct(u, s)
    u = SIMD8<Float>(repeating: 0.5550347269e-1).addingProduct(u, s)
    u = SIMD8<Float>(repeating: 0.2402264476e+0).addingProduct(u, s)
    u = SIMD8<Float>(repeating: 0.6931471825e+0).addingProduct(u, s)
    u = SIMD8<Float>(repeating: 1).addingProduct(u, s)
    // Scaled by 2^q in two halves, as SLEEF's vldexp2 does, since 2^q alone may leave
    // float's range at either end.
    let q = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
    let firstHalf = q &>> 1
    u = u * powerOfTwo(firstHalf) * powerOfTwo(q &- firstHalf)
    u.replace(with: .infinity, where: d .>= 128)
    u.replace(with: 0, where: d .< -150)
    return u
}
