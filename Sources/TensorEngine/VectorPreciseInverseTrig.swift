import Glibc

/// float32 asin, acos and atanh with the bits of `Float(libm(Double(x)))`, eight lanes at a
/// time by `roundedWhereCertain`: a double estimate good to
/// about 2^-48 decides every lane but the rare ones near a rounding boundary, which take
/// the libm call itself, as do |x| > 1 and nan (their estimate is nan).
///
/// asin(z) = z·P(z²) by its Taylor series for |z| <= ½, where z² <= ¼ makes 23 terms
/// enough (the next is below 2^-54 of the sum); beyond ½, asin|x| = π/2 - 2·asin(z) with
/// z = √((1 - |x|)/2), exact steps but the square root. 1 - |x| is exact in double.

/// asin(z)/z = Σ (2k)!/(4^k·(k!)²·(2k+1))·u^k with u = z², as two Horner chains in u²,
/// the even and the odd powers of u, side by side.
@inline(__always)
private func arcsineQuotient(_ u: SIMD8<Double>) -> SIMD8<Double> {
    let square = u * u
    var even = SIMD8<Double>(repeating: 0.00265787063820729)
    var odd = SIMD8<Double>(repeating: 0.002846178401108942)
    even = SIMD8<Double>(repeating: 0.0030578216492580306) + even * square
    odd = SIMD8<Double>(repeating: 0.003297059503473485) + odd * square
    even = SIMD8<Double>(repeating: 0.0035692053938259347) + even * square
    odd = SIMD8<Double>(repeating: 0.003880964558837669) + odd * square
    even = SIMD8<Double>(repeating: 0.004240907093679363) + even * square
    odd = SIMD8<Double>(repeating: 0.004660143486915096) + odd * square
    even = SIMD8<Double>(repeating: 0.005153309682319905) + even * square
    odd = SIMD8<Double>(repeating: 0.005740037670841924) + odd * square
    even = SIMD8<Double>(repeating: 0.006447210311889649) + even * square
    odd = SIMD8<Double>(repeating: 0.0073125258735988454) + odd * square
    even = SIMD8<Double>(repeating: 0.008390335809616815) + even * square
    odd = SIMD8<Double>(repeating: 0.009761609529194078) + odd * square
    even = SIMD8<Double>(repeating: 0.011551800896139705) + even * square
    odd = SIMD8<Double>(repeating: 0.01396484375) + odd * square
    even = SIMD8<Double>(repeating: 0.017352764423076924) + even * square
    odd = SIMD8<Double>(repeating: 0.022372159090909092) + odd * square
    even = SIMD8<Double>(repeating: 0.030381944444444444) + even * square
    odd = SIMD8<Double>(repeating: 0.044642857142857144) + odd * square
    even = SIMD8<Double>(repeating: 0.075) + even * square
    odd = SIMD8<Double>(repeating: 0.16666666666666666) + odd * square
    even = SIMD8<Double>(repeating: 1) + even * square
    return even + u * odd
}

/// The parts of asin|x| for |x| <= 1 (other lanes get nan): `reduced` is asin(z) and
/// `isReduced` marks the lanes past ½, where asin|x| = π/2 - 2·asin(z).
@inline(__always)
private func arcsineParts(_ x: SIMD8<Float>) -> (magnitude: SIMD8<Double>, reduced: SIMD8<Double>, isReduced: SIMDMask<SIMD8<Int64>>) {
    let magnitude = unsafeBitCast(unsafeBitCast(widen(x), to: SIMD8<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF,
                                  to: SIMD8<Double>.self)
    let isReduced = magnitude .> 0.5
    let half = (1 - magnitude) * 0.5
    // Lanes beyond 1 (and nan) compute on 0 and are set to nan.
    let zSquared = (magnitude * magnitude).replacing(with: half, where: isReduced)
    let root = squareRoots(half.replacing(with: 0, where: .!isReduced .| (half .< 0)))
    let z = magnitude.replacing(with: root, where: isReduced)
    var reduced = z * arcsineQuotient(zSquared.replacing(with: 0, where: .!(zSquared .<= 0.25)))
    reduced.replace(with: .nan, where: .!(magnitude .<= 1))
    return (magnitude, reduced, isReduced)
}

/// Lanewise square roots; the hardware's are exactly rounded.
@inline(__always)
private func squareRoots(_ v: SIMD8<Double>) -> SIMD8<Double> {
    SIMD8<Double>(lowHalf: v.lowHalf.squareRoot(), highHalf: v.highHalf.squareRoot())
}

private let halfPi = Double.pi / 2

extension Tensor {
    /// asin of a float32 tensor: odd, so the sign bit of x goes back on at the end.
    func float32Arcsine() throws -> Tensor {
        try float32ContiguousInput().mapFloat32InVectors { x in
            let (_, reduced, isReduced) = arcsineParts(x)
            let magnitudeResult = reduced.replacing(with: halfPi - 2 * reduced, where: isReduced)
            let signed = magnitudeResult.replacing(with: 0 - magnitudeResult, where: widen(x) .< 0)
            // asin(-0) = -0: the estimate for -0 is +0 times the quotient.
            return roundedWhereCertain(x, estimate: signed.replacing(with: widen(x), where: widen(x) .== 0),
                                       exact: { Glibc.asin($0) })
        }
    }

    /// acos of a float32 tensor: π/2 ∓ asin|x| up to ½, 2·asin(z) past it for positive x and
    /// π - 2·asin(z) for negative x; none of these cancel more than a bit.
    func float32Arccosine() throws -> Tensor {
        try float32ContiguousInput().mapFloat32InVectors { x in
            let (_, reduced, isReduced) = arcsineParts(x)
            let negative = widen(x) .< 0
            let central = halfPi - reduced.replacing(with: 0 - reduced, where: negative)
            let outer = (2 * reduced).replacing(with: Double.pi - 2 * reduced, where: negative)
            return roundedWhereCertain(x, estimate: central.replacing(with: outer, where: isReduced),
                                       exact: { Glibc.acos($0) })
        }
    }

    /// atanh of a float32 tensor in PyTorch's layout: SLEEF's atanhf on whole vector blocks,
    /// for which the once-rounded value stands in (it differed from PyTorch on 0.08% of
    /// random inputs, libm's atanhf on 15%), libm's atanhf on the tail and strided tensors.
    /// The estimate: x·Σ x^(2k)/(2k+1) below ⅛ (ten terms, the next under 2^-54),
    /// ½·log((1 + x)/(1 - x)) from there, where the quotient's rounding and the log's error
    /// stay below 2^-49 of the result. ±1, |x| > 1 and nan take libm.
    func float32InverseHyperbolicTangent() throws -> Tensor {
        try mapFloat32LikePyTorch(vector: { x in
            let d = widen(x)
            let magnitude = unsafeBitCast(unsafeBitCast(d, to: SIMD8<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF,
                                          to: SIMD8<Double>.self)
            let inside = magnitude .< 1
            let small = magnitude .< 0.125
            let u = d * d
            // Σ_{k>=1} u^(k-1)/(2k+1) in Horner form, from k = 9 down; the loop unrolls and
            // its constants fold.
            var series = SIMD8<Double>(repeating: 1.0 / 19)
            for k in stride(from: 8, through: 1, by: -1) {
                series = SIMD8<Double>(repeating: 1 / Double(2 * k + 1)) + series * u
            }
            var estimate = d + d * u * series
            if anyLane(.!(x .< 0.125 .& x .> -0.125)) {
                let safe = d.replacing(with: 0.5, where: .!inside)
                let logarithm = 0.5 * logOfPositive((1 + safe) / (1 - safe))
                estimate.replace(with: logarithm, where: .!small)
            }
            estimate.replace(with: .nan, where: .!inside)
            return roundedWhereCertain(x, estimate: estimate, exact: { Glibc.atanh($0) })
        }, scalar: { Glibc.atanhf($0) })
    }
}
