/// The natural log PyTorch's AVX2 `Vectorized<float>::log()` computes: SLEEF's `logf_u1`
/// (`Sleef_logf8_u10`), within 1 ulp but not always correctly rounded. The softmax
/// kernels take the log of each row's sum with it, so log_softmax's outputs (and through
/// them its gradients) agree with PyTorch's to the bit only when this log does.
///
/// The algorithm keeps pairs of floats (a value and its rounding error, "double-float")
/// with the fused multiply-adds of SLEEF's FMA build:
/// log d = e·ln2 + 2·atanh((m − 1)/(m + 1)), with d = m·2^e and m in [0.75, 1.5).
func sleefLog(_ value: Float) -> Float {
    if value.isNaN || value < 0 { return .nan }
    if value == 0 { return -.infinity }
    if value == .infinity { return .infinity }
    // Subnormals are scaled into the normal range first, and the exponent corrected.
    let isSubnormal = value < .leastNormalMagnitude
    let d = isSubnormal ? value * 18_446_744_073_709_551_616 : value
    var exponent = Int32(bitPattern: ((d * (1 / 0.75)).bitPattern >> 23) & 0xff) - 0x7f
    let m = Float(bitPattern: UInt32(bitPattern: Int32(bitPattern: d.bitPattern) &- (exponent << 23)))
    if isSubnormal { exponent -= 64 }

    var s = DoubleFloat(0.69314718246459960938, -1.904654323148236017e-09).times(Float(exponent))
    let x = DoubleFloat.sum(-1, m).dividedBy(DoubleFloat.sum(1, m))
    let x2 = x.high * x.high
    // SLEEF's vmla(t, x2, c) is the fused t·x2 + c.
    var t: Float = 0.3027294874
    t = Float(0.3996108174).addingProduct(t, x2)
    t = Float(0.6666694880).addingProduct(t, x2)
    s = s.plus(DoubleFloat(x.high * 2, x.low * 2))
    s = s.plus(x2 * x.high * t)
    return s.high + s.low
}

/// A float and the rounding error left over from it: SLEEF's `vfloat2`, with the FMA
/// forms of its operations.
private struct DoubleFloat {
    var high: Float
    var low: Float

    init(_ high: Float, _ low: Float) {
        self.high = high
        self.low = low
    }

    /// a + b exactly, as a pair (`dfadd2_vf2_vf_vf`).
    static func sum(_ a: Float, _ b: Float) -> DoubleFloat {
        let s = a + b
        let v = s - a
        return DoubleFloat(s, (a - (s - v)) + (b - v))
    }

    /// `dfmul_vf2_vf2_vf`.
    func times(_ y: Float) -> DoubleFloat {
        let s = high * y
        return DoubleFloat(s, (-s).addingProduct(high, y).addingProduct(low, y))
    }

    /// `dfdiv_vf2_vf2_vf2`.
    func dividedBy(_ d: DoubleFloat) -> DoubleFloat {
        let t = 1 / d.high
        let s = high * t
        let u = (-s).addingProduct(t, high)
        let v = Float(1).addingProduct(-d.high, t).addingProduct(-d.low, t)
        return DoubleFloat(s, u.addingProduct(low, t).addingProduct(s, v))
    }

    /// `dfadd_vf2_vf2_vf2`: this + y, for |this| >= |y|.
    func plus(_ y: DoubleFloat) -> DoubleFloat {
        let s = high + y.high
        return DoubleFloat(s, high - s + y.high + low + y.low)
    }

    /// `dfadd_vf2_vf2_vf`.
    func plus(_ y: Float) -> DoubleFloat {
        let s = high + y
        return DoubleFloat(s, high - s + y + low)
    }
}
