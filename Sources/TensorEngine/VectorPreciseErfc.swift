import Glibc

/// float32 erfc with the bits of `Float(erfc(Double(x)))`, the scalar path it replaces,
/// eight lanes at a time by `roundedWhereCertain`, from `preciseErfFullSeries`'
/// polynomials: erfc|x| = 1 - |x|·f(x²) up to 2 (at most eight bits cancel there, as
/// erfc(2) > 2^-8, leaving the estimate good to 2^-44), e^(-x²)·g(|x|) on [2, 4], and
/// erfc(x) = 2 - erfc|x| for negative x. Below -4 float rounds erfc to 2; past 4 (and for
/// nan) the lanes take libm.
@inline(__always)
private func complementaryErrorEstimate(_ x: SIMD8<Float>, _ coefficients: ErfCoefficients) -> SIMD8<Double> {
    let d = widen(x)
    let a = unsafeBitCast(unsafeBitCast(d, to: SIMD8<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD8<Double>.self)
    let square = a * a
    let central = a * erfSeries(coefficients.quotient, at: square.replacing(with: 4, where: square .> 4) * 0.5 - 1)
    var magnitudeResult = 1 - central
    if anyLane(.!(x .<= 2 .& x .>= -2)) {
        let clamped = a.replacing(with: 2, where: a .< 2).replacing(with: 4, where: a .> 4)
        let (scale, r) = reducedExponent(0 - clamped * clamped)
        let tail = scale * (1 + r * expm1Quotient(r)) * erfSeries(coefficients.scaledErfc, at: clamped - 3)
        magnitudeResult.replace(with: tail, where: a .> 2)
    }
    var estimate = magnitudeResult.replacing(with: 2 - magnitudeResult, where: d .< 0)
    estimate.replace(with: 2, where: d .< -4)
    return estimate.replacing(with: .nan, where: d .> 4)
}

extension Tensor {
    /// erfc(x) of a float32 (or integer, promoted) tensor.
    func float32Erfc() throws -> Tensor {
        let input = try float32ContiguousInput()
        return try ErfCoefficients.with { coefficients in
            try input.mapFloat32InVectors { x in
                roundedWhereCertain(x, estimate: complementaryErrorEstimate(x, coefficients), exact: { Glibc.erfc($0) })
            }
        }
    }
}
