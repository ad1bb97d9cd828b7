// The float32 Box-Muller block, eight lanes at a time: the same operations as
// `randomCephesLog` / `randomCephesSinCos` in BoxMuller.swift, written on SIMD8 the way
// avx_mathfun.h writes them on __m256, so the engine need not run them lane by lane.
// Conversions use the 2^23 trick instead of SIMD int/float conversions, which Swift
// lowers lane by lane (see swift-performance-notes.md). So do SIMD comparisons (.<,
// .==): the masks here come from integer arithmetic on the bits instead, which is exact
// for the non-negative values involved (their bit patterns order like the values).

typealias RandomFloat8 = SIMD8<Float>
typealias RandomBits8 = SIMD8<UInt32>

@inline(__always)
private func bits(_ value: RandomFloat8) -> RandomBits8 { unsafeBitCast(value, to: RandomBits8.self) }

@inline(__always)
private func floats(_ value: RandomBits8) -> RandomFloat8 { unsafeBitCast(value, to: RandomFloat8.self) }

@inline(__always)
private func fma8(_ a: RandomFloat8, _ b: RandomFloat8, _ c: RandomFloat8) -> RandomFloat8 {
    c.addingProduct(a, b)
}

@inline(__always)
private func splat(_ value: Float) -> RandomFloat8 { RandomFloat8(repeating: value) }

private let twoTo23: Float = 8_388_608

/// All ones in the lanes where `a < b`, for non-negative floats: the difference of
/// their bit patterns is negative exactly then, so its sign bit, spread, is the mask.
@inline(__always)
private func lessThanMask(_ a: RandomFloat8, _ b: RandomFloat8) -> RandomBits8 {
    RandomBits8(repeating: 0) &- ((bits(a) &- bits(b)) &>> 31)
}

/// `log256_ps` for inputs in (0, 1] (the Box-Muller `1 - u`), where the vector code's
/// clamp to the smallest normal and its NaN mask for x <= 0 never apply.
@inline(__always)
func randomCephesLog8(_ input: RandomFloat8) -> RandomFloat8 {
    let inputBits = bits(input)
    // The biased exponent as a float, exactly: 2^23 + k, minus 2^23.
    var exponent = floats((inputBits &>> 23) | 0x4b00_0000) - splat(twoTo23) - splat(127) + splat(1)
    var x = floats((inputBits & ~0x7f80_0000) | 0x3f00_0000)
    let belowSqrtHalf = lessThanMask(x, splat(0.707106781186547524))
    let addBack = floats(bits(x) & belowSqrtHalf)
    x = x - splat(1)
    exponent = exponent - floats(bits(splat(1)) & belowSqrtHalf)
    x = x + addBack

    let z = x * x
    var y = fma8(splat(7.0376836292e-2), x, splat(-1.1514610310e-1))
    y = fma8(y, x, splat(1.1676998740e-1))
    y = fma8(y, x, splat(-1.2420140846e-1))
    y = fma8(y, x, splat(1.4249322787e-1))
    y = fma8(y, x, splat(-1.6668057665e-1))
    y = fma8(y, x, splat(2.0000714765e-1))
    y = fma8(y, x, splat(-2.4999993993e-1))
    y = fma8(y, x, splat(3.3333331174e-1))
    y = y * x
    y = fma8(y, z, exponent * splat(-2.12194440e-4))
    y = fma8(-z, splat(0.5), y)
    x = x + y
    return fma8(exponent, splat(0.693359375), x)
}

/// `sincos256_ps` for inputs in [0, 2π) (the Box-Muller angle): there the truncation
/// to an octant is a floor of a value below 8, done with the 2^23 rounding trick.
@inline(__always)
func randomCephesSinCos8(_ input: RandomFloat8) -> (sin: RandomFloat8, cos: RandomFloat8) {
    let signBitSin = bits(input) & 0x8000_0000
    var x = floats(bits(input) & 0x7fff_ffff)
    let scaled = x * splat(1.27323954473516)
    let nearest = (scaled + splat(twoTo23)) - splat(twoTo23)
    let floor = nearest - floats(bits(splat(1)) & lessThanMask(scaled, nearest))
    var octant = bits(floor + splat(twoTo23)) & 0x007f_ffff
    octant = (octant &+ 1) & ~1
    let y = floats(octant | 0x4b00_0000) - splat(twoTo23)
    let swapSignSin = (octant & 4) &<< 29
    // All ones where octant bit 1 is clear: 0 - 1 there, 1 - 1 elsewhere.
    let useSinePolynomial = ((octant & 2) &>> 1) &- 1
    let signBitCos = (~(octant &- 2) & 4) &<< 29

    x = fma8(y, splat(-0.78515625), x)
    x = fma8(y, splat(-2.4187564849853515625e-4), x)
    x = fma8(y, splat(-3.77489497744594108e-8), x)

    let z = x * x
    var cosine = fma8(splat(2.443315711809948e-5), z, splat(-1.388731625493765e-3))
    cosine = fma8(cosine, z, splat(4.166664568298827e-2))
    cosine = cosine * z
    cosine = fma8(cosine, z, -(z * splat(0.5)))
    cosine = cosine + splat(1)

    var sine = fma8(splat(-1.9515295891e-4), z, splat(8.3321608736e-3))
    sine = fma8(sine, z, splat(-1.6666654611e-1))
    sine = sine * z
    sine = fma8(sine, x, x)

    let sinFromSine = floats(bits(sine) & useSinePolynomial)
    let sinFromCosine = floats(bits(cosine) & ~useSinePolynomial)
    let sinResult = sinFromCosine + sinFromSine
    let cosResult = (cosine - sinFromCosine) + (sine - sinFromSine)
    return (floats(bits(sinResult) ^ (signBitSin ^ swapSignSin)), floats(bits(cosResult) ^ signBitCos))
}

/// `normal_fill_16_AVX2`, vectorized: 16 uniforms at `data` become 16 normals.
@inline(__always)
func randomBoxMuller16SIMD(_ data: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
    let raw = UnsafeMutableRawPointer(data)
    let u1 = splat(1) - raw.loadUnaligned(as: RandomFloat8.self)
    let u2 = raw.loadUnaligned(fromByteOffset: 32, as: RandomFloat8.self)
    let radius = (splat(-2) * randomCephesLog8(u1)).squareRoot()
    let theta = splat(Float(2.0 * Double.pi)) * u2
    let (sine, cosine) = randomCephesSinCos8(theta)
    raw.storeBytes(of: fma8(radius * cosine, splat(std), splat(mean)), as: RandomFloat8.self)
    raw.storeBytes(of: fma8(radius * sine, splat(std), splat(mean)), toByteOffset: 32, as: RandomFloat8.self)
}
