#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The Box-Muller transforms behind `randn` / `normal_`, in PyTorch's exact arithmetic
// (aten/src/ATen/native/cpu/DistributionTemplates.h).

/// Fused multiply-add, `a * b + c` with one rounding: what GCC emits for PyTorch's
/// `x * y + z` expressions and `_mm256_mul_ps`/`_mm256_add_ps` pairs when it builds the
/// AVX2 kernels with `-mfma`. On a baseline x86-64 build this is a call to libm's `fmaf`
/// (hardware FMA through glibc's ifunc, exact in software elsewhere); built with
/// `-target-cpu haswell` it is one instruction. An inline round-to-odd emulation in
/// double was measured 2.5x slower than the libm call.
@inline(__always)
func randomFMA(_ a: Float, _ b: Float, _ c: Float) -> Float {
    c.addingProduct(a, b)
}

@inline(__always)
func randomFMA(_ a: Double, _ b: Double, _ c: Double) -> Double {
    c.addingProduct(a, b)
}

/// `log256_ps` from aten/src/ATen/native/cpu/avx_mathfun.h for one lane: Cephes' logf
/// polynomial, with the multiply-adds GCC fuses marked by `fusedMultiplyAdd`.
@inline(__always)
func randomCephesLog(_ input: Float) -> Float {
    let invalid = input <= 0
    let clamped = Swift.max(input, Float(bitPattern: 0x0080_0000))
    let bits = clamped.bitPattern
    // Exponent, and the mantissa rescaled into [0.5, 1).
    var exponent = Float(Int32(bitPattern: bits >> 23) - 0x7f) + 1
    var x = Float(bitPattern: (bits & ~0x7f80_0000) | (0.5 as Float).bitPattern)
    let belowSqrtHalf = x < 0.707106781186547524
    let addBack: Float = belowSqrtHalf ? x : 0
    x = x - 1
    exponent = exponent - (belowSqrtHalf ? 1 : 0)
    x = x + addBack

    let z = x * x
    var y: Float = randomFMA(7.0376836292e-2, x, -1.1514610310e-1)
    y = randomFMA(y, x, 1.1676998740e-1)
    y = randomFMA(y, x, -1.2420140846e-1)
    y = randomFMA(y, x, 1.4249322787e-1)
    y = randomFMA(y, x, -1.6668057665e-1)
    y = randomFMA(y, x, 2.0000714765e-1)
    y = randomFMA(y, x, -2.4999993993e-1)
    y = randomFMA(y, x, 3.3333331174e-1)
    y = y * x
    y = randomFMA(y, z, exponent * -2.12194440e-4)
    y = randomFMA(-z, 0.5, y)
    x = x + y
    x = randomFMA(exponent, 0.693359375, x)
    return invalid ? Float.nan : x
}

/// `sincos256_ps` from avx_mathfun.h for one lane (Cephes' sinf/cosf with the
/// three-part extended-precision range reduction).
@inline(__always)
func randomCephesSinCos(_ input: Float) -> (sin: Float, cos: Float) {
    let signBitSin = input.bitPattern & 0x8000_0000
    var x = Float(bitPattern: input.bitPattern & 0x7fff_ffff)
    var y = x * 1.27323954473516  // 4 / pi
    // cvttps2dq truncates, and gives the "integer indefinite" Int32.min for NaN or overflow.
    var octant = y < 2_147_483_648 ? Int32(y.rounded(.towardZero)) : Int32.min
    octant = (octant &+ 1) & ~1
    y = Float(octant)
    let swapSignSin = UInt32(bitPattern: (octant & 4) << 29)
    let useSinPolynomialForSin = (octant & 2) == 0
    let signBitCos = UInt32(bitPattern: (~(octant &- 2) & 4) << 29)

    x = randomFMA(y, -0.78515625, x)
    x = randomFMA(y, -2.4187564849853515625e-4, x)
    x = randomFMA(y, -3.77489497744594108e-8, x)

    let z = x * x
    var cosine: Float = randomFMA(2.443315711809948e-5, z, -1.388731625493765e-3)
    cosine = randomFMA(cosine, z, 4.166664568298827e-2)
    cosine = cosine * z
    cosine = randomFMA(cosine, z, -(z * 0.5))
    cosine = cosine + 1

    var sine: Float = randomFMA(-1.9515295891e-4, z, 8.3321608736e-3)
    sine = randomFMA(sine, z, -1.6666654611e-1)
    sine = sine * z
    sine = randomFMA(sine, x, x)

    // The vector code selects with masks and then adds the unselected zero back.
    let sinFromSine: Float = useSinPolynomialForSin ? sine : 0
    let sinFromCosine: Float = useSinPolynomialForSin ? 0 : cosine
    let cosPart1 = sine - sinFromSine
    let cosPart2 = cosine - sinFromCosine
    let sinResult = sinFromCosine + sinFromSine
    let cosResult = cosPart2 + cosPart1
    return (
        Float(bitPattern: sinResult.bitPattern ^ (signBitSin ^ swapSignSin)),
        Float(bitPattern: cosResult.bitPattern ^ signBitCos)
    )
}

/// `normal_fill_16_AVX2` lane by lane: the reference the vectorized
/// `randomBoxMuller16SIMD` (which the fill path uses) is tested against.
@inline(__always)
func randomBoxMuller16(_ data: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
    let twoPi = Float(2.0 * Double.pi)
    for lane in 0..<8 {
        let u1: Float = 1 - data[lane]
        let u2 = data[lane + 8]
        let radius = (-2 * randomCephesLog(u1)).squareRoot()
        let theta = twoPi * u2
        let (sine, cosine) = randomCephesSinCos(theta)
        data[lane] = randomFMA(radius * cosine, std, mean)
        data[lane + 8] = randomFMA(radius * sine, std, mean)
    }
}

/// `normal_fill_16<double>`: libm log/cos/sin in double.
@inline(__always)
func randomBoxMuller16(_ data: UnsafeMutablePointer<Double>, mean: Double, std: Double) {
    for lane in 0..<8 {
        let u1: Double = 1 - data[lane]
        let u2 = data[lane + 8]
        let radius = (-2 * log(u1)).squareRoot()
        let theta = 2.0 * Double.pi * u2
        data[lane] = randomFMA(radius * cos(theta), std, mean)
        data[lane + 8] = randomFMA(radius * sin(theta), std, mean)
    }
}
