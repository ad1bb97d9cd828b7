import Glibc

/// float32 log2 and log10 with the bits of `Float(libm(Double(x)))`, the scalar path
/// they replace, eight lanes at a time: a vector estimate in double precision, good to
/// about 2^-44, decides every lane where y·(1 - 2^-40) and y·(1 + 2^-40) round to the
/// same float, because libm's double result (within an ulp of the true value) lies in
/// that interval and rounds there too. The rare lanes near a rounding boundary take the
/// libm call itself (`mapFloat32RoundingEstimates`); the special inputs (zero, negatives,
/// inf, nan) get libm's values set directly. This matched the scalar path on every one of
/// the 2^32 float inputs. PyTorch takes both from MKL's `vsLog2`/`vsLog10` (seen in `perf`
/// as mkl_vml_kernel_sLog2_EXHAynn, not SLEEF), whose results differ from the correctly
/// rounded ones on about 6 (log2) and 12 (log10) in 100,000 random bit patterns.

/// `estimate` rounded to float where its rounding is certain, else `Float(exact(x))`.
@inline(__always)
func roundedWhereCertain(_ x: SIMD8<Float>, estimate: SIMD8<Double>, exact: (Double) -> Double) -> SIMD8<Float> {
    let low = narrow(estimate * (1 - 0x1p-40)), high = narrow(estimate * (1 + 0x1p-40))
    let uncertain = low .!= high
    if !anyLane(uncertain) { return low }
    var result = low
    for lane in 0..<8 where uncertain[lane] { result[lane] = Float(exact(Double(x[lane]))) }
    return result
}

/// Whether any lane of `mask` is set. `any(_:)` on an eight-lane mask compiled to an
/// out-of-line generic reduction, a sixth of erf's time; OR-ing the halves stays inline.
@inline(__always)
func anyLane(_ mask: SIMDMask<SIMD8<Int32>>) -> Bool {
    let lanes = SIMD8<Int32>(repeating: 0).replacing(with: -1, where: mask)
    let four = lanes.lowHalf | lanes.highHalf
    let two = four.lowHalf | four.highHalf
    return (two[0] | two[1]) != 0
}

/// e·exponentScale + log(m)·scale for a positive normal float x = m·2^e, m in [√½, √2), to
/// about 2^-44 relative: log m = 2·atanh(s) with s = (m - 1)/(m + 1), |s| < 0.172, by its
/// odd series to s^15 (the next term is below 2^-44 of the sum). m - 1 is exact in float
/// and m + 1 in double. The exponent and mantissa come from the float's bits, in 32-bit
/// lanes: splitting a double's took 64-bit shifts and conversions that AVX2 does lane
/// by lane. Other inputs give garbage that `scalarLogarithm` replaces.
@inline(__always)
private func logarithmEstimate(_ x: SIMD8<Float>, exponentScale: Double, scale: Double) -> SIMD8<Double> {
    let bits = unsafeBitCast(x, to: SIMD8<Int32>.self)
    let exponent = (bits &- 0x3F35_04F3) &>> 23
    let m = unsafeBitCast(bits &- (exponent &<< 23), to: SIMD8<Float>.self)
    // The exponent as a float by the 1.5·2^23 shift, which a vector conversion would not inline.
    let e = unsafeBitCast(exponent &+ 0x4B40_0000, to: SIMD8<Float>.self) - 12_582_912
    let s = widen(m - 1) / (widen(m) + 1)
    let s2 = s * s
    let s4 = s2 * s2
    // Estrin's scheme: pairs in s², joined in s⁴, then in s⁸: a chain of four dependent
    // steps instead of Horner's eight.
    let c01 = SIMD8<Double>(repeating: 2) + s2 * (2.0 / 3)
    let c23 = SIMD8<Double>(repeating: 2.0 / 5) + s2 * (2.0 / 7)
    let c45 = SIMD8<Double>(repeating: 2.0 / 9) + s2 * (2.0 / 11)
    let c67 = SIMD8<Double>(repeating: 2.0 / 13) + s2 * (2.0 / 15)
    let low = c01 + s4 * c23, high = c45 + s4 * c67
    return widen(e) * exponentScale + (s * (low + (s4 * s4) * high)) * scale
}

/// The scalar path: zero, negatives, inf and nan set in float as before, the rest
/// (subnormals and undecided roundings) `Float(exact(Double(x)))`.
@inline(__always)
private func scalarLogarithm(_ x: Float, exact: (Double) -> Double) -> Float {
    if x == 0 { return -.infinity }
    if x < 0 { return .nan }
    if !x.isFinite { return x }
    return Float(exact(Double(x)))
}

/// The lanes `logarithmEstimate` covers: positive normal floats.
@inline(__always)
private func positiveNormal(_ x: SIMD8<Float>) -> SIMDMask<SIMD8<Int32>> {
    (x .>= .leastNormalMagnitude) .& (x .< .infinity)
}

extension Tensor {
    /// log2 of a float32 tensor.
    func float32Log2() throws -> Tensor {
        try float32ContiguousInput().mapFloat32RoundingEstimates(
            { logarithmEstimate($0, exponentScale: 1, scale: 1 / M_LN2) },
            covers: positiveNormal, scalar: { scalarLogarithm($0, exact: { Glibc.log2($0) }) })
    }

    /// log10 of a float32 tensor.
    func float32Log10() throws -> Tensor {
        try float32ContiguousInput().mapFloat32RoundingEstimates(
            { logarithmEstimate($0, exponentScale: M_LN2 / M_LN10, scale: 1 / M_LN10) },
            covers: positiveNormal, scalar: { scalarLogarithm($0, exact: { Glibc.log10($0) }) })
    }

    /// 2^x of a float32 tensor as PyTorch computes it: SLEEF's exp2 on the whole vector
    /// blocks, libm's exp2f on the tail and on strided inputs.
    func float32Exp2() throws -> Tensor {
        try mapFloat32LikePyTorch(vector: sleefExp2, scalar: { Glibc.exp2f($0) })
    }
}
