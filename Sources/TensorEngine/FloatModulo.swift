import Glibc

/// float32 `fmod`, `remainder` and `floor_divide` as PyTorch's CPU kernels compute them
/// (`std::fmod`, then `remainder`'s sign fix and `div_floor_floating` in float), with a
/// fast exact fmod instead of a libm call per element.

/// fmod(a, b), exactly: with q = trunc(a/b) below 2^24, a − q·b needs at most 49 bits, so
/// in Double it is exact. The quotient can only be one too large in magnitude (when a/b
/// just below an integer rounds up to it); that leaves a remainder of the wrong sign, and
/// adding |b| with a's sign puts it back. Anything else (a zero or infinite divisor, an
/// infinite or NaN dividend, a huge quotient) goes to libm.
@inline(__always)
func exactFloatFmod(_ a: Float, _ b: Float) -> Float {
    let x = Double(a), y = Double(b)
    let quotient = (x / y).rounded(.towardZero)
    guard Swift.abs(quotient) < 16_777_216, b.isFinite else { return fmodf(a, b) }
    var remainder = x - quotient * y
    if remainder == 0 { return Float(copysign(0, x)) }
    if (remainder < 0) != (x < 0) { remainder += copysign(Swift.abs(y), x) }
    return Float(remainder)
}

/// `remainder`: Python's modulo, the result taking the divisor's sign.
@inline(__always)
func floatRemainder(_ a: Float, _ b: Float) -> Float {
    let mod = exactFloatFmod(a, b)
    // Selects rather than branches: the sign test is a coin flip on random data.
    return mod != 0 && (b < 0) != (mod < 0) ? mod + b : mod
}

/// `floor_divide` (`div_floor_floating`) in float: (a − fmod(a, b)) / b, less one when
/// the remainder's sign differs from b's, floored and rounded back up from above .5.
@inline(__always)
func floatFloorDivide(_ a: Float, _ b: Float) -> Float {
    if b == 0 { return a / b }
    let mod = exactFloatFmod(a, b)
    let quotient = (a - mod) / b
    let div = mod != 0 && (b < 0) != (mod < 0) ? quotient - 1 : quotient
    if div == 0 { return copysignf(0, a / b) }
    let floorDiv = div.rounded(.down)
    return div - floorDiv > 0.5 ? floorDiv + 1 : floorDiv
}
