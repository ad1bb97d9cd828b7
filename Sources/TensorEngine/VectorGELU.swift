/// float32 GELU (erf form) as PyTorch computes a contiguous tensor of two or more
/// elements: it hands the tensor to oneDNN, whose `gelu_erf` kernel on AVX2 evaluates
/// erf(x/√2) by the Abramowitz-Stegun 7.1.26 form with oneDNN's own exp. Its values
/// differ from x·½·(1 + erf(x/√2)) in the last bits, and those bits reach printed digits
/// after a few layers (a Swin block's output). PyTorch's recorded references for this
/// project come from that AVX2 kernel (an AVX-512 oneDNN switches to a piecewise
/// polynomial with other last bits), so it is the one followed on every machine.

/// oneDNN's `gelu_erf_compute_vector_fwd` on eight lanes: GELU = S + S·erf(x/√2) with
/// S = x/2, in oneDNN's order of fused multiply-adds.
@inline(__always)
func oneDNNGELU(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let z = x * Float(bitPattern: 0x3F35_04F3)
    let erf = oneDNNErf(z, decay: oneDNNExp(0 - z * z))
    let half = x * 0.5
    return half.addingProduct(erf, half)
}

/// The factor oneDNN's `gelu_erf_compute_vector_bwd` multiplies the incoming gradient by,
/// d GELU/dx = ½ + ½·erf(z) + (z/√π)·e^(-z²) with z = x/√2, summed as (T + ½) + ½·erf.
@inline(__always)
func oneDNNGELUDerivative(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let z = x * Float(bitPattern: 0x3F35_04F3)
    let decay = oneDNNExp(0 - z * z)
    // oneDNN's 1/√π constant is 0x3F106EBA, one below the float nearest to it.
    let densityTerm = (z * Float(bitPattern: 0x3F10_6EBA)) * decay
    return (densityTerm + 0.5).addingProduct(oneDNNErf(z, decay: decay), 0.5)
}

/// erf(z) by Abramowitz-Stegun 7.1.26 as oneDNN's GELU kernels evaluate it, given
/// decay = e^(-z²): with t = 1/(1 + p·|z|), sign(z)·(1 - t·decay·(p1 + t·(p2 + ... + t·p5))).
@inline(__always)
func oneDNNErf(_ z: SIMD8<Float>, decay: SIMD8<Float>) -> SIMD8<Float> {
    let magnitude = unsafeBitCast(unsafeBitCast(z, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
    let t = 1 / SIMD8<Float>(repeating: 1).addingProduct(SIMD8<Float>(repeating: Float(bitPattern: 0x3EA7_BA05)), magnitude)
    let scaledDecay = (0 - decay) * t
    var r = SIMD8<Float>(repeating: Float(bitPattern: 0xBFBA_00E3)).addingProduct(SIMD8<Float>(repeating: Float(bitPattern: 0x3F87_DC22)), t)
    r = SIMD8<Float>(repeating: Float(bitPattern: 0x3FB5_F0E3)).addingProduct(r, t)
    r = SIMD8<Float>(repeating: Float(bitPattern: 0xBE91_A98E)).addingProduct(r, t)
    r = SIMD8<Float>(repeating: Float(bitPattern: 0x3E82_7906)).addingProduct(r, t)
    let unsignedErf = SIMD8<Float>(repeating: 1).addingProduct(scaledDecay, r)
    let signBits = unsafeBitCast(z, to: SIMD8<UInt32>.self) & 0x8000_0000
    return unsafeBitCast(unsafeBitCast(unsignedErf, to: SIMD8<UInt32>.self) ^ signBits, to: SIMD8<Float>.self)
}

/// oneDNN's `exp_compute_vector_fwd`: x clamped to [ln FLT_MIN, ln FLT_MAX],
/// n = floor(x·log2(e) + ½), a degree-5 polynomial in r = x - n·ln2, scaled by
/// 2^(n-1)·2; inputs below ln FLT_MIN give 0.
@inline(__always)
func oneDNNExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let lower = Float(bitPattern: 0xC2AE_AC50), upper = Float(bitPattern: 0x42B1_7218)
    let underflows = x .< lower
    // minps/maxps return their second operand when either is nan.
    var d = SIMD8<Float>(repeating: upper).replacing(with: x, where: x .< upper)
    d = SIMD8<Float>(repeating: lower).replacing(with: d, where: d .> lower)
    let fx = d * Float(bitPattern: 0x3FB8_AA3B) + 0.5
    // floor(fx) for |fx| < 2^22: round to nearest by the 1.5·2^23 shift, then step
    // down where that rounded up.
    let roundingShift: Float = 12_582_912
    var n = (fx + roundingShift) - roundingShift
    n = n.replacing(with: n - 1, where: n .> fx)
    let r = d.addingProduct(0 - n, SIMD8<Float>(repeating: Float(bitPattern: 0x3F31_7218)))
    let nMinusOne = n - 1
    let integer = unsafeBitCast(nMinusOne + roundingShift, to: SIMD8<Int32>.self) &- 0x4B40_0000
    var scale = unsafeBitCast((integer &+ 127) &<< 23, to: SIMD8<Float>.self)
    scale.replace(with: 0, where: underflows)
    var p = SIMD8<Float>(repeating: Float(bitPattern: 0x3D2B_9D0D)).addingProduct(SIMD8<Float>(repeating: Float(bitPattern: 0x3C07_CFCE)), r)
    p = SIMD8<Float>(repeating: Float(bitPattern: 0x3E2A_AD40)).addingProduct(p, r)
    p = SIMD8<Float>(repeating: Float(bitPattern: 0x3EFF_FEE3)).addingProduct(p, r)
    p = SIMD8<Float>(repeating: Float(bitPattern: 0x3F7F_FFFB)).addingProduct(p, r)
    p = SIMD8<Float>(repeating: 1).addingProduct(p, r)
    return (p * scale) * 2
}
