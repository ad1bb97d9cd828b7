/// Vectorized elementary functions on eight floats at a time, for the float32 kernels
/// (softmax, log_softmax). They follow SLEEF's `expf` (u10), which is what PyTorch's
/// `Vectorized<float>::exp()` calls on AVX2, so results agree with PyTorch to the bit in
/// almost every case and stay within 1 ulp of the true value.
///
/// Written without the generic SIMD helpers (`pointwiseMax`, `.rounded`, Int32 vector
/// conversions): those are not inlined and run lane by lane (see the performance notes).

/// e^x for each lane: about 1 ulp. -inf and anything below -104 give 0; +inf and anything
/// above 100 give +inf (overflow starts near 88.72); nan stays nan.
/// Transparent because plain `@inline(__always)` was left as a call in the softmax loops.
@_transparent
func vectorExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    // Keep the reduction in range; the special lanes are patched at the end.
    var d = x.replacing(with: -104, where: x .< -104)
    d = d.replacing(with: 100, where: d .> 100)

    // x = q·ln2 + s with |s| <= ln2/2. q is computed as SLEEF does: rint(x · 1/ln2).
    // Adding then subtracting 1.5·2^23 rounds a float of magnitude below 2^22 to the
    // nearest integer (ties to even); the integer can then be read from the sum's bits.
    let roundingShift: Float = 12_582_912
    let shifted = d * 1.442695040888963407359924681001892137426645954152985934135449406931 + roundingShift
    let q = shifted - roundingShift
    var s = d.addingProduct(q, SIMD8<Float>(repeating: -0.693145751953125))
    s = s.addingProduct(q, SIMD8<Float>(repeating: -1.428606765330187045e-06))

    // Minimax polynomial for (e^s - 1 - s) / s².
    var u = SIMD8<Float>(repeating: 0.000198527617612853646278381)
    u = SIMD8<Float>(repeating: 0.00139304355252534151077271).addingProduct(u, s)
    u = SIMD8<Float>(repeating: 0.00833336077630519866943359).addingProduct(u, s)
    u = SIMD8<Float>(repeating: 0.0416664853692054748535156).addingProduct(u, s)
    u = SIMD8<Float>(repeating: 0.166666671633720397949219).addingProduct(u, s)
    u = SIMD8<Float>(repeating: 0.5).addingProduct(u, s)
    u = 1 + s.addingProduct(s * s, u)

    // Scale by 2^q in two halves so that q outside the normal exponent range (results
    // that overflow or are subnormal) still rounds once, correctly.
    let qBits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
    let firstHalf = qBits &>> 1
    let secondHalf = qBits &- firstHalf
    u = u * powerOfTwo(firstHalf) * powerOfTwo(secondHalf)

    u = u.replacing(with: 0, where: x .< -104)
    u = u.replacing(with: .infinity, where: x .> 100)
    return u
}

/// 2^n for integers n in [-126, 127], built from the exponent bits.
@inline(__always)
func powerOfTwo(_ n: SIMD8<Int32>) -> SIMD8<Float> {
    unsafeBitCast((n &+ 127) &<< 23, to: SIMD8<Float>.self)
}

/// The sum of the lanes in the order of PyTorch's AVX2 `vec_reduce_all`: halves, then
/// pairs, then neighbours: ((v0+v4)+(v2+v6)) + ((v1+v5)+(v3+v7)).
@inline(__always)
func laneSumLikePyTorch(_ v: SIMD8<Float>) -> Float {
    let halves = v.lowHalf + v.highHalf
    let pairs = halves.lowHalf + halves.highHalf
    return pairs[0] + pairs[1]
}

/// The largest lane, nan if any lane is nan (PyTorch's `vec::maximum`).
@inline(__always)
func laneMaximumPropagatingNaN(_ v: SIMD8<Float>) -> Float {
    var result = v[0]
    for lane in 1..<8 {
        let value = v[lane]
        if value > result || value.isNaN { result = value }
        if result.isNaN { return result }
    }
    return result
}

/// Lanewise maximum where nan wins, without the out-of-line generic helpers.
@inline(__always)
func maximumPropagatingNaN(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    // b replaces a where b is larger or b is nan; a nan in a is kept since a > b and
    // b > a are both false and b != b is false.
    a.replacing(with: b, where: (b .> a) .| (b .!= b))
}
