/// |x| of each lane by clearing the sign bit: one AND per vector, NaN payloads kept. The
/// vector kernels (SLEEF ports, floor division) share it.
@inline(__always)
func magnitude(_ v: SIMD8<Float>) -> SIMD8<Float> {
    unsafeBitCast(unsafeBitCast(v, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
}

@inline(__always)
func magnitude(_ v: SIMD4<Double>) -> SIMD4<Double> {
    unsafeBitCast(unsafeBitCast(v, to: SIMD4<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD4<Double>.self)
}
