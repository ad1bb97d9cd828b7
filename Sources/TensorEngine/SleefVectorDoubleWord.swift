/// Vectors of floats or doubles, each with the rounding error left over from it
/// ("double-float", "double-double"): SLEEF's `vfloat2` and `vdouble2`, with the fused
/// multiply-add forms of their operations that its AVX2 build compiles. PyTorch's AVX2
/// `Vectorized<float>` tanh, log1p and pow and `Vectorized<double>` pow are SLEEF's
/// functions built on these; each operation here keeps SLEEF's order of roundings,
/// because that order decides the last bit of the result. Every method is inlined, so
/// each use is specialized to its vector type. The `df` names below have `dd` twins in
/// SLEEF's double code that compute the same. `c.addingProduct(a, b)` is the fused c + a·b.
struct VectorDoubleWord<Vector: SIMD> where Vector.Scalar: BinaryFloatingPoint {
    var high: Vector
    var low: Vector

    @inline(__always)
    init(_ high: Vector, _ low: Vector) {
        self.high = high
        self.low = low
    }

    /// `dfadd_vf2_vf_vf` (and `ddadd_vd2_vd_vd`): x + y, for |x| >= |y|.
    @inline(__always)
    static func sum(_ x: Vector, _ y: Vector) -> VectorDoubleWord {
        let s = x + y
        return VectorDoubleWord(s, x - s + y)
    }

    /// `dfadd2_vf2_vf_vf`: x + y exactly, for either order of magnitudes.
    @inline(__always)
    static func exactSum(_ x: Vector, _ y: Vector) -> VectorDoubleWord {
        let s = x + y
        let v = s - x
        return VectorDoubleWord(s, (x - (s - v)) + (y - v))
    }

    /// `dfadd_vf2_vf_vf2`: x + y, for |x| >= |y|.
    @inline(__always)
    static func sum(_ x: Vector, _ y: VectorDoubleWord) -> VectorDoubleWord {
        let s = x + y.high
        return VectorDoubleWord(s, x - s + y.high + y.low)
    }

    /// `dfadd_vf2_vf2_vf`: self + y, for |self| >= |y|.
    @inline(__always)
    func plus(_ y: Vector) -> VectorDoubleWord {
        let s = high + y
        return VectorDoubleWord(s, high - s + y + low)
    }

    /// `dfadd_vf2_vf2_vf2`: self + y, for |self| >= |y|.
    @inline(__always)
    func plus(_ y: VectorDoubleWord) -> VectorDoubleWord {
        let s = high + y.high
        return VectorDoubleWord(s, high - s + y.high + low + y.low)
    }

    /// `dfadd2_vf2_vf2_vf`: self + y for either order of magnitudes.
    @inline(__always)
    func exactlyPlus(_ y: Vector) -> VectorDoubleWord {
        let s = high + y
        let v = s - high
        return VectorDoubleWord(s, (high - (s - v)) + (y - v) + low)
    }

    /// `dfadd2_vf2_vf2_vf2`: self + y for either order of magnitudes.
    @inline(__always)
    func exactlyPlus(_ y: VectorDoubleWord) -> VectorDoubleWord {
        let s = high + y.high
        let v = s - high
        return VectorDoubleWord(s, (high - (s - v)) + (y.high - v) + (low + y.low))
    }

    /// `dfmul_vf2_vf2_vf`.
    @inline(__always)
    func times(_ y: Vector) -> VectorDoubleWord {
        let s = high * y
        return VectorDoubleWord(s, (0 - s).addingProduct(high, y).addingProduct(low, y))
    }

    /// `dfmul_vf2_vf2_vf2`.
    @inline(__always)
    func times(_ y: VectorDoubleWord) -> VectorDoubleWord {
        let s = high * y.high
        return VectorDoubleWord(s, (0 - s).addingProduct(high, y.high).addingProduct(low, y.high).addingProduct(high, y.low))
    }

    /// `dfsqu_vf2_vf2`.
    @inline(__always)
    func squared() -> VectorDoubleWord {
        let s = high * high
        return VectorDoubleWord(s, (0 - s).addingProduct(high, high).addingProduct(high + high, low))
    }

    /// `dfrec_vf2_vf2`: 1 / self.
    @inline(__always)
    func reciprocal() -> VectorDoubleWord {
        let s = 1 / high
        let one = Vector(repeating: 1)
        return VectorDoubleWord(s, s * one.addingProduct(0 - high, s).addingProduct(0 - low, s))
    }

    /// `dfdiv_vf2_vf2_vf2`: self / d.
    @inline(__always)
    func dividedBy(_ d: VectorDoubleWord) -> VectorDoubleWord {
        let t = 1 / d.high
        let s = high * t
        let u = (0 - s).addingProduct(t, high)
        let v = Vector(repeating: 1).addingProduct(0 - d.high, t).addingProduct(0 - d.low, t)
        return VectorDoubleWord(s, u.addingProduct(low, t).addingProduct(s, v))
    }

    /// `dfnormalize_vf2_vf2`: the same value with the high part rounded from the sum.
    @inline(__always)
    func normalized() -> VectorDoubleWord {
        let s = high + low
        return VectorDoubleWord(s, high - s + low)
    }

    @inline(__always)
    func negated() -> VectorDoubleWord { VectorDoubleWord(0 - high, 0 - low) }
}

/// Eight floats as double-floats, for SLEEF's float functions.
typealias VectorDoubleFloat = VectorDoubleWord<SIMD8<Float>>

/// Four doubles as double-doubles, for SLEEF's `powd4_u10`.
typealias VectorDoubleDouble = VectorDoubleWord<SIMD4<Double>>
