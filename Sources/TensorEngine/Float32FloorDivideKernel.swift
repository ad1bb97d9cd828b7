/// float32 `floor_divide` eight lanes at a time. The scalar `floatFloorDivide` spends most
/// of its time in a Double division and branches that are coin flips on random data
/// (a zero quotient, the remainder's sign); this computes the same steps with vector
/// selects, and the same exact fmod with a fused multiply-add instead of Double.

/// 2^24: below it every integer is a float, so a truncated quotient is exact.
private let exactQuotientLimit = SIMD8<Float>(repeating: 16_777_216)

/// `floatFloorDivide` on eight lanes, bit for bit. A lane the fast path does not cover
/// (a zero, infinite or NaN operand, a quotient of 2^24 or more) sends the whole vector
/// to the scalar function; on ordinary data that never happens.
@inline(__always)
func floatFloorDivideVector(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    let zero = SIMD8<Float>(repeating: 0), one = SIMD8<Float>(repeating: 1)
    let quotient = (a / b).rounded(.towardZero)
    // NaN compares false, so a NaN quotient (0/0, inf/inf, a NaN operand) fails too.
    let covered = (magnitude(quotient) .< exactQuotientLimit) .& (magnitude(b) .< SIMD8(repeating: .infinity))
    guard all(covered) else { return slowFloorDivide(a, b) }
    // a − q·b rounded once. Within the limit q is trunc(a/b) or one larger in magnitude
    // (a/b just below an integer rounds up to it), and either way the exact result fits
    // in a float (|a − q·b| < |b|, on the grid of a's and b's last bits), so it is exact.
    var mod = a
    mod.addProduct(-quotient, b)
    // The one-too-large quotient leaves the remainder on the wrong side of zero; adding
    // |b| with a's sign is exact and puts it back.
    let aSign = signBits(a)
    let magnitudeB = magnitude(b)
    let wrongSide = (mod .!= zero) .& ((mod .< zero) .^ (a .< zero))
    mod = mod.replacing(with: mod + withSign(magnitudeB, aSign), where: wrongSide)
    // fmod's zero takes the dividend's sign.
    mod = mod.replacing(with: withSign(zero, aSign), where: mod .== zero)

    // div_floor_floating from here, step for step.
    var div = (a - mod) / b
    let borrows = (mod .!= zero) .& ((b .< zero) .^ (mod .< zero))
    div = div.replacing(with: div - one, where: borrows)
    var floorDiv = div.rounded(.down)
    floorDiv = floorDiv.replacing(with: floorDiv + one, where: div - floorDiv .> SIMD8(repeating: 0.5))
    return floorDiv.replacing(with: withSign(zero, signBits(a / b)), where: div .== zero)
}

@inline(never)
private func slowFloorDivide(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    var result = SIMD8<Float>()
    for lane in 0..<8 { result[lane] = floatFloorDivide(a[lane], b[lane]) }
    return result
}

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
