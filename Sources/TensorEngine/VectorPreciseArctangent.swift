import Glibc

/// float32 atan with the bits of `Float(atan(Double(x)))`, the scalar path it replaces,
/// eight lanes at a time through `roundedWhereCertain`. PyTorch takes atan from MKL's
/// vector library, within a hair of correctly rounded; so is this.
///
/// The estimate, good to about 2^-50: t = |x|, or 1/|x| past 1 (atan|x| = π/2 - atan t);
/// past tan(π/8), atan t = π/4 + atan u with u = (t - 1)/(t + 1), so |u| <= tan(π/8) and
/// u² <= 0.172; then atan u = u·Σ (-1)^k·u^(2k)/(2k + 1) to k = 17, the next term below
/// 2^-51 of the sum. No step cancels: each result is at least π/8 or is the series alone.
@inline(__always)
func preciseArctangent(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let d = widen(x)
    let magnitude = unsafeBitCast(unsafeBitCast(d, to: SIMD8<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF,
                                  to: SIMD8<Double>.self)
    let inverted = magnitude .> 1
    let t = magnitude.replacing(with: 1 / magnitude, where: inverted)
    let shifted = t .> 0.41421356237309503
    let u = t.replacing(with: (t - 1) / (t + 1), where: shifted)
    let v = u * u
    let w = v * v
    // Two Horner chains in u⁴ side by side: the even powers of u² and the odd ones.
    var even = SIMD8<Double>(repeating: 1.0 / 33)
    var odd = SIMD8<Double>(repeating: -1.0 / 35)
    for j in stride(from: 7, through: 0, by: -1) {
        even = SIMD8<Double>(repeating: 1 / Double(4 * j + 1)) + even * w
        odd = SIMD8<Double>(repeating: -1 / Double(4 * j + 3)) + odd * w
    }
    var result = u * (even + v * odd)
    result.replace(with: Double.pi / 4 + result, where: shifted)
    result.replace(with: Double.pi / 2 - result, where: inverted)
    // atan is odd: x's sign bit goes back on, which also keeps atan(-0) = -0.
    let signBits = unsafeBitCast(d, to: SIMD8<UInt64>.self) & 0x8000_0000_0000_0000
    let estimate = unsafeBitCast(unsafeBitCast(result, to: SIMD8<UInt64>.self) | signBits, to: SIMD8<Double>.self)
    return roundedWhereCertain(x, estimate: estimate, exact: { Glibc.atan($0) })
}

extension Tensor {
    /// atan(x) of a float32 (or integer, promoted) tensor through `preciseArctangent`.
    func float32Arctangent() throws -> Tensor { try float32ContiguousInput().mapFloat32InVectors(preciseArctangent) }
}
