/// Eight floats and the rounding error left over from each ("double-float"): SLEEF's
/// `vfloat2`, with the fused multiply-add forms of its operations that its AVX2 build
/// compiles. PyTorch's AVX2 `Vectorized<float>` tanh and log1p are SLEEF's `tanhf8_u10`
/// and `log1pf8_u10`, built on these; each operation here keeps SLEEF's order of
/// roundings, because that order decides the last bit of the result.
/// `c.addingProduct(a, b)` is the fused c + a·b.
struct VectorDoubleFloat {
    var high: SIMD8<Float>
    var low: SIMD8<Float>

    @inline(__always)
    init(_ high: SIMD8<Float>, _ low: SIMD8<Float>) {
        self.high = high
        self.low = low
    }

    /// `dfadd_vf2_vf_vf`: x + y, for |x| >= |y|.
    @inline(__always)
    static func sum(_ x: SIMD8<Float>, _ y: SIMD8<Float>) -> VectorDoubleFloat {
        let s = x + y
        return VectorDoubleFloat(s, x - s + y)
    }

    /// `dfadd2_vf2_vf_vf`: x + y exactly, for either order of magnitudes.
    @inline(__always)
    static func exactSum(_ x: SIMD8<Float>, _ y: SIMD8<Float>) -> VectorDoubleFloat {
        let s = x + y
        let v = s - x
        return VectorDoubleFloat(s, (x - (s - v)) + (y - v))
    }

    /// `dfadd_vf2_vf_vf2`: x + y, for |x| >= |y|.
    @inline(__always)
    static func sum(_ x: SIMD8<Float>, _ y: VectorDoubleFloat) -> VectorDoubleFloat {
        let s = x + y.high
        return VectorDoubleFloat(s, x - s + y.high + y.low)
    }

    /// `dfadd_vf2_vf2_vf`: self + y, for |self| >= |y|.
    @inline(__always)
    func plus(_ y: SIMD8<Float>) -> VectorDoubleFloat {
        let s = high + y
        return VectorDoubleFloat(s, high - s + y + low)
    }

    /// `dfadd_vf2_vf2_vf2`: self + y, for |self| >= |y|.
    @inline(__always)
    func plus(_ y: VectorDoubleFloat) -> VectorDoubleFloat {
        let s = high + y.high
        return VectorDoubleFloat(s, high - s + y.high + low + y.low)
    }

    /// `dfadd2_vf2_vf2_vf`: self + y for either order of magnitudes.
    @inline(__always)
    func exactlyPlus(_ y: SIMD8<Float>) -> VectorDoubleFloat {
        let s = high + y
        let v = s - high
        return VectorDoubleFloat(s, (high - (s - v)) + (y - v) + low)
    }

    /// `dfadd2_vf2_vf2_vf2`: self + y for either order of magnitudes.
    @inline(__always)
    func exactlyPlus(_ y: VectorDoubleFloat) -> VectorDoubleFloat {
        let s = high + y.high
        let v = s - high
        return VectorDoubleFloat(s, (high - (s - v)) + (y.high - v) + (low + y.low))
    }

    /// `dfmul_vf2_vf2_vf`.
    @inline(__always)
    func times(_ y: SIMD8<Float>) -> VectorDoubleFloat {
        let s = high * y
        return VectorDoubleFloat(s, (0 - s).addingProduct(high, y).addingProduct(low, y))
    }

    /// `dfmul_vf2_vf2_vf2`.
    @inline(__always)
    func times(_ y: VectorDoubleFloat) -> VectorDoubleFloat {
        let s = high * y.high
        return VectorDoubleFloat(s, (0 - s).addingProduct(high, y.high).addingProduct(low, y.high).addingProduct(high, y.low))
    }

    /// `dfsqu_vf2_vf2`.
    @inline(__always)
    func squared() -> VectorDoubleFloat {
        let s = high * high
        return VectorDoubleFloat(s, (0 - s).addingProduct(high, high).addingProduct(high + high, low))
    }

    /// `dfrec_vf2_vf2`: 1 / self.
    @inline(__always)
    func reciprocal() -> VectorDoubleFloat {
        let s = 1 / high
        let one = SIMD8<Float>(repeating: 1)
        return VectorDoubleFloat(s, s * one.addingProduct(0 - high, s).addingProduct(0 - low, s))
    }

    /// `dfdiv_vf2_vf2_vf2`: self / d.
    @inline(__always)
    func dividedBy(_ d: VectorDoubleFloat) -> VectorDoubleFloat {
        let t = 1 / d.high
        let s = high * t
        let u = (0 - s).addingProduct(t, high)
        let v = SIMD8<Float>(repeating: 1).addingProduct(0 - d.high, t).addingProduct(0 - d.low, t)
        return VectorDoubleFloat(s, u.addingProduct(low, t).addingProduct(s, v))
    }

    /// `dfnormalize_vf2_vf2`: the same value with the high part rounded from the sum.
    @inline(__always)
    func normalized() -> VectorDoubleFloat {
        let s = high + low
        return VectorDoubleFloat(s, high - s + low)
    }

    @inline(__always)
    func negated() -> VectorDoubleFloat { VectorDoubleFloat(0 - high, 0 - low) }
}
