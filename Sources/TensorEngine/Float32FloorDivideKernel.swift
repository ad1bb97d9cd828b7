/// float32 `floor_divide`, `remainder` and `fmod` eight lanes at a time. The scalar `floatFloorDivide` spends most
/// of its time in a Double division and branches that are coin flips on random data
/// (a zero quotient, the remainder's sign); this computes the same steps with vector
/// selects, and the same exact fmod with a fused multiply-add instead of Double.

/// 2^24: below it every integer is a float, so a truncated quotient is exact.
private let exactQuotientLimit = SIMD8<Float>(repeating: 16_777_216)

/// `exactFloatFmod` on eight lanes, bit for bit, or nil when a lane is not covered (a
/// zero, infinite or NaN operand, a quotient of 2^24 or more): the caller then takes the
/// scalar function for the whole vector; on ordinary data that never happens.
@inline(__always)
private func exactFmodVector(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float>? {
    let zero = SIMD8<Float>(repeating: 0)
    let quotient = (a / b).rounded(.towardZero)
    // NaN compares false, so a NaN quotient (0/0, inf/inf, a NaN operand) fails too.
    // Compared with `Float` scalars: a `SIMD8(repeating:)` literal picked the generic
    // comparison, which compiled to one scalar compare per lane (85% of the kernel's time).
    let covered = (magnitude(quotient) .< exactQuotientLimit) .& (magnitude(b) .< Float.infinity)
    guard all(covered) else { return nil }
    // a − q·b rounded once. Within the limit q is trunc(a/b) or one larger in magnitude
    // (a/b just below an integer rounds up to it), and either way the exact result fits
    // in a float (|a − q·b| < |b|, on the grid of a's and b's last bits), so it is exact.
    var mod = a
    mod.addProduct(-quotient, b)
    // The one-too-large quotient leaves the remainder on the wrong side of zero; adding
    // |b| with a's sign is exact and puts it back.
    let aSign = signBits(a)
    let wrongSide = nonzero(mod) .& ((mod .< zero) .^ (a .< zero))
    mod = mod.replacing(with: mod + withSign(magnitude(b), aSign), where: wrongSide)
    // fmod's zero takes the dividend's sign.
    return mod.replacing(with: withSign(zero, aSign), where: mod .== zero)
}

/// `floatFloorDivide` on eight lanes, bit for bit.
@inline(__always)
func floatFloorDivideVector(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    guard let mod = exactFmodVector(a, b) else { return lanewise(a, b, floatFloorDivide) }
    let zero = SIMD8<Float>(repeating: 0), one = SIMD8<Float>(repeating: 1)
    // div_floor_floating from here, step for step.
    var div = (a - mod) / b
    let borrows = nonzero(mod) .& ((b .< zero) .^ (mod .< zero))
    div = div.replacing(with: div - one, where: borrows)
    var floorDiv = div.rounded(.down)
    floorDiv = floorDiv.replacing(with: floorDiv + one, where: div - floorDiv .> Float(0.5))
    return floorDiv.replacing(with: withSign(zero, signBits(a / b)), where: div .== zero)
}

/// `floatRemainder` on eight lanes, bit for bit: PyTorch's vector kernel, fmod then the
/// divisor's sign.
@inline(__always)
func floatRemainderVector(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    guard let mod = exactFmodVector(a, b) else { return lanewise(a, b, floatRemainder) }
    let zero = SIMD8<Float>(repeating: 0)
    return mod.replacing(with: mod + b, where: nonzero(mod) .& ((b .< zero) .^ (mod .< zero)))
}

/// `exactFloatFmod` on eight lanes.
@inline(__always)
func floatFmodVector(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    exactFmodVector(a, b) ?? lanewise(a, b, exactFloatFmod)
}

@inline(never)
private func lanewise(_ a: SIMD8<Float>, _ b: SIMD8<Float>, _ scalar: (Float, Float) -> Float) -> SIMD8<Float> {
    var result = SIMD8<Float>()
    for lane in 0..<8 { result[lane] = scalar(a[lane], b[lane]) }
    return result
}

/// The lanes that are not ±0 (NaN included, as `!=` counts it).
@inline(__always)
private func nonzero(_ v: SIMD8<Float>) -> SIMDMask<SIMD8<Int32>> { .!(v .== SIMD8<Float>(repeating: 0)) }

@inline(__always)
private func signBits(_ v: SIMD8<Float>) -> SIMD8<UInt32> {
    unsafeBitCast(v, to: SIMD8<UInt32>.self) & SIMD8(repeating: 0x8000_0000)
}

/// `magnitude` (non-negative) with the given sign bits.
@inline(__always)
private func withSign(_ magnitude: SIMD8<Float>, _ sign: SIMD8<UInt32>) -> SIMD8<Float> {
    unsafeBitCast(unsafeBitCast(magnitude, to: SIMD8<UInt32>.self) | sign, to: SIMD8<Float>.self)
}

/// `floor_divide` over float32 operands: vector rows eight lanes at a time, other rows
/// and tails through the scalar function, which gives the same bits.
func runFloat32FloorDivide(_ a: Operand, _ b: Operand, into output: Tensor) {
    runFloat32LikePyTorch(a, b, into: output, vector: floatFloorDivideVector, scalar: floatFloorDivide)
}

/// `remainder` over float32 operands, as `runFloat32FloorDivide`.
func runFloat32Remainder(_ a: Operand, _ b: Operand, into output: Tensor) {
    runFloat32LikePyTorch(a, b, into: output, vector: floatRemainderVector, scalar: floatRemainder)
}
