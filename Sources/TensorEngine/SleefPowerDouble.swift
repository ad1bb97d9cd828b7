/// SLEEF's `powd4_u10`, which PyTorch's AVX2 `Vectorized<double>::pow()` calls on each
/// whole vector block of `torch.pow` on float64 (the tail and strided inputs take libm's
/// pow). It is the float algorithm of `sleefPow` in double-double, with SLEEF's own
/// polynomials, evaluated in SLEEF's Estrin order: within 1 ulp, and to the bit only in
/// that order.
@inline(__always)
func sleefPowDouble(_ x: SIMD4<Double>, _ y: SIMD4<Double>) -> SIMD4<Double> {
    let absX = magnitude(x), absY = magnitude(y)
    // Integer and odd tests as in `sleefPow`, at 2^52 and 2^53.
    let twoTo52: Double = 4_503_599_627_370_496
    let isInteger = (absY .>= twoTo52) .| ((absY + twoTo52) - twoTo52 .== absY)
    let parityProbe = absY.replacing(with: absY + twoTo52, where: absY .< twoTo52)
    let lastBit = unsafeBitCast(parityProbe, to: SIMD4<UInt64>.self) & 1
    let isOdd = isInteger .& (absY .< 2 * twoTo52) .& (lastBit .== 1)

    let d = sleefLogkDouble(absX).times(y)
    var result = sleefExpkDouble(d)
    result.replace(with: .infinity, where: d.high .> 709.78271114955742909217217426)
    let notPositive = .!(x .> 0)
    var factor = SIMD4<Double>(repeating: 1)
    factor.replace(with: .nan, where: notPositive .& .!isInteger)
    factor.replace(with: -1, where: notPositive .& isOdd)
    result = result * factor

    let edgeOfOne = withSignFlipped(absX - 1, by: y)
    var infiniteExponent = SIMD4<Double>(repeating: .infinity)
    infiniteExponent.replace(with: 1, where: edgeOfOne .== 0)
    infiniteExponent.replace(with: 0, where: edgeOfOne .< 0)
    result.replace(with: infiniteExponent, where: absY .== .infinity)

    let xIsZero = x .== 0
    let yIsNegative = (unsafeBitCast(y, to: SIMD4<UInt64>.self) & 0x8000_0000_0000_0000) .!= 0
    var edgeBase = SIMD4<Double>(repeating: .infinity)
    edgeBase.replace(with: 0, where: yIsNegative .^ xIsZero)
    edgeBase = withSignFlipped(edgeBase, by: SIMD4<Double>(repeating: 1).replacing(with: x, where: isOdd))
    result.replace(with: edgeBase, where: (absX .== .infinity) .| xIsZero)

    result.replace(with: Double(bitPattern: UInt64.max), where: (x .!= x) .| (y .!= y))
    result.replace(with: 1, where: (y .== 0) .| (x .== 1))
    return result
}

/// SLEEF's `logk`: log d for d >= 0 as a double-double (see `sleefLogk`).
@inline(__always)
func sleefLogkDouble(_ value: SIMD4<Double>) -> VectorDoubleDouble {
    let isSubnormal = value .< Double.leastNormalMagnitude
    let d = value.replacing(with: value * 18_446_744_073_709_551_616, where: isSubnormal)
    let scaledBits = unsafeBitCast(d * (1.0 / 0.75), to: SIMD4<Int64>.self)
    var e = ((scaledBits &>> 52) & 0x7FF) &- 0x3FF
    let m = unsafeBitCast(unsafeBitCast(d, to: SIMD4<Int64>.self) &- (e &<< 52), to: SIMD4<Double>.self)
    e.replace(with: e &- 64, where: isSubnormal)
    let roundingShift: Double = 6_755_399_441_055_744
    let exponent = unsafeBitCast(e &+ 0x4338_0000_0000_0000, to: SIMD4<Double>.self) - roundingShift

    let x = VectorDoubleDouble.exactSum(SIMD4<Double>(repeating: -1), m)
        .dividedBy(VectorDoubleDouble.exactSum(SIMD4<Double>(repeating: 1), m))
    let x2 = x.squared()
    let x4 = x2.high * x2.high, x8 = x4 * x4, x16 = x8 * x8
    let low = estrin8(x2.high, x4, x8, 0.103239680901072952701192, 0.117754809412463995466069,
                      0.13332981086846273921509, 0.153846227114512262845736, 0.181818180850050775676507,
                      0.222222222230083560345903, 0.285714285714249172087875, 0.400000000000000077715612)
    let t = low.addingProduct(x16, SIMD4<Double>(repeating: 0.116255524079935043668677))
    let c = VectorDoubleDouble(SIMD4<Double>(repeating: 0.666666666666666629659233),
                               SIMD4<Double>(repeating: 3.80554962542412056336616e-17))
    var s = VectorDoubleDouble(SIMD4<Double>(repeating: 0.693147180559945286226764),
                               SIMD4<Double>(repeating: 2.319046813846299558417771e-17)).times(exponent)
    s = s.plus(VectorDoubleDouble(x.high * 2, x.low * 2))
    var power = x2.times(x)
    s = s.plus(power.times(c))
    power = x2.times(power)
    return s.plus(power.times(t))
}

/// SLEEF's `expk`: e^d of a double-double d, rounded to double; 0 below -1000. Lanes of
/// 2^30·ln2 and more are left to the caller, which gives inf above 709.78.
@inline(__always)
func sleefExpkDouble(_ d: VectorDoubleDouble) -> SIMD4<Double> {
    let ratio = (d.high + d.low) * 1.442695040888963407359924681001892137426645954152985934135449406931
    let limit: Double = 1_073_741_824
    let inRange = (ratio .<= limit) .& (ratio .>= -limit)
    let roundingShift: Double = 6_755_399_441_055_744
    let shifted = ratio.replacing(with: 0, where: .!inRange) + roundingShift
    let q = shifted - roundingShift
    var s = d.exactlyPlus(q * -0.69314718055966295651160180568695068359375)
    s = s.exactlyPlus(q * -0.28235290563031577122588448175013436025525412068e-12).normalized()
    let s2 = s.high * s.high, s4 = s2 * s2, s8 = s4 * s4
    let low = estrin8(s.high, s2, s4, 2.75572496725023574143864e-06, 2.48014973989819794114153e-05,
                      0.000198412698809069797676111, 0.0013888888939977128960529, 0.00833333333332371417601081,
                      0.0416666666665409524128449, 0.166666666666666740681535, 0.500000000000000999200722)
    let high = SIMD4<Double>(repeating: 2.76286166770270649116855e-07)
        .addingProduct(s.high, SIMD4<Double>(repeating: 2.51069683420950419527139e-08))
    let u = low.addingProduct(s8, high)
    let t = VectorDoubleDouble.sum(SIMD4<Double>(repeating: 1), s).plus(s.squared().times(u))
    // 2^q in two halves, as SLEEF's vldexp2 does.
    let qBits = unsafeBitCast(shifted, to: SIMD4<Int64>.self) &- 0x4338_0000_0000_0000
    let half = qBits &>> 1
    var result = (t.high + t.low) * powerOfTwo(half) * powerOfTwo(qBits &- half)
    result.replace(with: 0, where: d.high .< -1000)
    return result
}

/// SLEEF's POLY8 (Estrin's scheme) in x, with x2 = x² and x4 = x⁴, coefficients from the
/// highest power down; `a.addingProduct(b, c)` is its MLA(b, c, a).
@inline(__always)
private func estrin8(
    _ x: SIMD4<Double>, _ x2: SIMD4<Double>, _ x4: SIMD4<Double>,
    _ c7: Double, _ c6: Double, _ c5: Double, _ c4: Double,
    _ c3: Double, _ c2: Double, _ c1: Double, _ c0: Double
) -> SIMD4<Double> {
    func linear(_ c1: Double, _ c0: Double) -> SIMD4<Double> {
        SIMD4<Double>(repeating: c0).addingProduct(x, SIMD4<Double>(repeating: c1))
    }
    let upper = linear(c5, c4).addingProduct(x2, linear(c7, c6))
    let lower = linear(c1, c0).addingProduct(x2, linear(c3, c2))
    return lower.addingProduct(x4, upper)
}

/// 2^n for n in double's normal exponent range, built from the exponent bits.
@inline(__always)
private func powerOfTwo(_ n: SIMD4<Int64>) -> SIMD4<Double> {
    unsafeBitCast((n &+ 0x3FF) &<< 52, to: SIMD4<Double>.self)
}

@inline(__always)
private func withSignFlipped(_ x: SIMD4<Double>, by y: SIMD4<Double>) -> SIMD4<Double> {
    let signs = unsafeBitCast(y, to: SIMD4<UInt64>.self) & 0x8000_0000_0000_0000
    return unsafeBitCast(unsafeBitCast(x, to: SIMD4<UInt64>.self) ^ signs, to: SIMD4<Double>.self)
}
