/// float32 erfinv as PyTorch computes it. ATen hands a float tensor to MKL's `vsErfInv` in
/// high-accuracy mode (`vml::verfinv`), not to the scalar `calc_erfinv` of Math.h, and
/// MKL's results are erfinv rounded to float but for rare near-ties: the rounded
/// double-precision erfinv agreed with them on 99.97% of random inputs, `calc_erfinv` in
/// float (with libm's erff and expf) on about 70%.
///
/// Eight lanes at a time: Pavlis's rational first guess (the one `calc_erfinv` starts
/// from, within 8e-6 relative) in float, then one Halley step in double, whose cubic
/// convergence leaves an error far below 2^-40, and the rounding to float taken where
/// x·(1 ∓ 2^-40) round alike. The rare lanes near a rounding boundary take the
/// double-precision `calc_erfinv` with libm's erf and exp.
///
/// The Halley step solves erf(x) = |y| below x = 2 and erfc(x) = 1 - |y| from there on:
/// 1 - |y| is exact in double for a float |y| > ½, and erfc carries the precision that
/// erf(x) - |y| would cancel away near 1.
@inline(__always)
func float32InverseErf(_ y: SIMD8<Float>, _ coefficients: ErfCoefficients) -> SIMD8<Float> {
    let signBits = unsafeBitCast(y, to: SIMD8<UInt32>.self) & 0x8000_0000
    let magnitude = unsafeBitCast(unsafeBitCast(y, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
    // ±1, beyond and nan are decided at the end; their lanes compute erfinv(½) meanwhile.
    let inside = magnitude .< 1
    let a = magnitude.replacing(with: 0.5, where: .!inside)
    let wide = widen(a)
    let guess = pavlisFirstGuess(a, wide, hasTailLanes: anyLane(a .> 0.7))
    let x = halleyStep(guess, toward: wide, hasTailLanes: anyLane(a .> 0.99), coefficients)
    var result = narrow(x * (1 - 0x1p-40))
    let uncertain = (result .!= narrow(x * (1 + 0x1p-40))) .& inside
    if anyLane(uncertain) {
        let doubleCoefficients = PavlisCoefficients<Double>()
        for lane in 0..<8 where uncertain[lane] {
            result[lane] = Float(inverseErrorFunction(Double(magnitude[lane]), doubleCoefficients))
        }
    }
    result.replace(with: .infinity, where: magnitude .== 1)
    result.replace(with: .nan, where: .!(magnitude .<= 1))
    // erfinv is odd; OR-ing the sign back also keeps erfinv(-0) = -0.
    return unsafeBitCast(unsafeBitCast(result, to: SIMD8<UInt32>.self) | signBits, to: SIMD8<Float>.self)
}

/// Pavlis's rational approximation of erfinv(a) for 0 <= a < 1: a rational function of a²
/// up to 0.7, of √(-log((1 - a)/2)) beyond. The rational functions are evaluated in float,
/// enough for a first guess, whose divisions and square root run eight lanes to an
/// instruction; a itself multiplies in double, where a subnormal a keeps its precision.
///
/// The two ranges are merged in float, as a factor (a, or 1 beyond 0.7) and a ratio,
/// before anything is widened: merging the widened double vectors instead made the
/// optimizer split the float tail into scalar steps, eight square roots one at a time,
/// which cost as much as the Halley step. The product is the same in either form.
@inline(__always)
private func pavlisFirstGuess(_ a: SIMD8<Float>, _ wide: SIMD8<Double>, hasTailLanes: Bool) -> SIMD8<Double> {
    let z = a * a
    var numerator = SIMD8<Float>(repeating: -0.140543331) * z + 0.914624893
    numerator = (numerator * z + -1.645349621) * z + 0.886226899
    var denominator = SIMD8<Float>(repeating: 0.012229801) * z + -0.329097515
    denominator = ((denominator * z + 1.442710462) * z + -2.118377725) * z + 1
    guard hasTailLanes else { return wide * widen(numerator / denominator) }
    // (1 - a)/2 is exact for a >= ½ and at least 2^-25 below 1.
    let w = (0 - logarithmOfNormal((1 - a) * 0.5)).squareRoot()
    var tailNumerator = SIMD8<Float>(repeating: 1.641345311) * w + 3.429567803
    tailNumerator = (tailNumerator * w + -1.624906493) * w + -1.970840454
    let tailDenominator = (SIMD8<Float>(repeating: 1.637067800) * w + 3.543889200) * w + 1
    let isCentral = a .<= 0.7
    let factor = a.replacing(with: 1, where: .!isCentral)
    let ratio = (tailNumerator / tailDenominator).replacing(with: numerator / denominator, where: isCentral)
    return widen(factor) * widen(ratio)
}

/// log(v) of positive normal floats to about 1e-7, for the first guess: v = m·2^e with m in
/// [√½, √2), log m = 2·atanh(s) with s = (m - 1)/(m + 1), |s| <= 0.172, to s⁹.
@inline(__always)
private func logarithmOfNormal(_ v: SIMD8<Float>) -> SIMD8<Float> {
    let bits = unsafeBitCast(v, to: SIMD8<Int32>.self)
    let exponent = (bits &- 0x3F35_04F3) &>> 23
    let m = unsafeBitCast(bits &- (exponent &<< 23), to: SIMD8<Float>.self)
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    var series = SIMD8<Float>(repeating: 2.0 / 9) * s2 + 2.0 / 7
    series = ((series * s2 + 2.0 / 5) * s2 + 2.0 / 3) * s2 + 2
    // The exponent as a float by the 1.5·2^23 shift, which a vector conversion would not inline.
    let shift = SIMD8<Int32>(repeating: 0x4B40_0000)
    let e = unsafeBitCast(exponent &+ shift, to: SIMD8<Float>.self) - 12_582_912
    return e * 0.693147182 + s * series
}

/// One Halley step for erf(x) = a with r = erf(x) - a and erf'' = -2x·erf':
/// x - r/(erf'(x) + x·r). erf(x) = x·f(x²) by `erfSeries` up to 2, 1 - e^(-x²)·g(x) beyond.
@inline(__always)
private func halleyStep(_ x: SIMD8<Double>, toward a: SIMD8<Double>, hasTailLanes: Bool,
                        _ coefficients: ErfCoefficients) -> SIMD8<Double> {
    let square = x * x
    let (scale, r) = reducedExponent(0 - square)
    let decay = scale * (1 + r * expm1Quotient(r))
    var residual = x * erfSeries(coefficients.quotient, at: square.replacing(with: 4, where: square .> 4) * 0.5 - 1) - a
    if hasTailLanes {
        let clamped = x.replacing(with: 2, where: x .< 2).replacing(with: 4, where: x .> 4)
        let tailResidual = (1 - a) - decay * erfSeries(coefficients.scaledErfc, at: clamped - 3)
        residual.replace(with: tailResidual, where: x .> 2)
    }
    return x - residual / (decay * 1.1283791670955126 + x * residual)
}

extension Tensor {
    /// erfinv of a float32 (or integer, promoted) tensor through `float32InverseErf`.
    func float32Erfinv() throws -> Tensor {
        let input = try float32ContiguousInput()
        return try ErfCoefficients.with { coefficients in
            try input.mapFloat32InVectors { float32InverseErf($0, coefficients) }
        }
    }
}
