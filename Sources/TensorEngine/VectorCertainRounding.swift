import Glibc

/// float32 log2 and log10 with the bits of `Float(libm(Double(x)))`, the scalar path
/// they replace, eight lanes at a time: a vector estimate in double precision, good to
/// about 2^-50, decides every lane where y·(1 - 2^-40) and y·(1 + 2^-40) round to the
/// same float, because libm's double result (within an ulp of the true value) lies in
/// that interval and rounds there too. The rare lanes near a rounding boundary take the
/// libm call itself; the special inputs (zero, negatives, inf, nan) get libm's values
/// set directly. This matched the scalar path on every one of the 2^32 float inputs.

/// `estimate` rounded to float where its rounding is certain, else `Float(exact(x))`.
@inline(__always)
func roundedWhereCertain(_ x: SIMD8<Float>, estimate: SIMD8<Double>, exact: (Double) -> Double) -> SIMD8<Float> {
    let low = narrow(estimate * (1 - 0x1p-40)), high = narrow(estimate * (1 + 0x1p-40))
    let uncertain = low .!= high
    if !anyLane(uncertain) { return low }
    var result = low
    for lane in 0..<8 where uncertain[lane] { result[lane] = Float(exact(Double(x[lane]))) }
    return result
}

/// Whether any lane of `mask` is set. `any(_:)` on an eight-lane mask compiled to an
/// out-of-line generic reduction, a sixth of erf's time; OR-ing the halves stays inline.
@inline(__always)
func anyLane(_ mask: SIMDMask<SIMD8<Int32>>) -> Bool {
    let lanes = SIMD8<Int32>(repeating: 0).replacing(with: -1, where: mask)
    let four = lanes.lowHalf | lanes.highHalf
    let two = four.lowHalf | four.highHalf
    return (two[0] | two[1]) != 0
}

/// log(x)·scale rounded to float as `Float(exact(Double(x)))` is: the vector estimate for
/// positive finite lanes, then zero, negatives, inf and nan set in float. Replacing them
/// in the double-precision vector instead needed an eight-lane mask widened to 64-bit lanes,
/// which compiled to a lane-by-lane loop through the stack, two thirds of log2's time.
@inline(__always)
private func roundedLogarithm(_ x: SIMD8<Float>, scale: Double, exact: (Double) -> Double) -> SIMD8<Float> {
    let valid = (x .> 0) .& (x .< .infinity)
    let estimate = logOfPositive(widen(x.replacing(with: 1, where: .!valid))) * scale
    var result = roundedWhereCertain(x, estimate: estimate, exact: exact)
    if anyLane(.!valid) {
        // inf and nan give themselves.
        result.replace(with: x, where: .!valid)
        result.replace(with: -.infinity, where: x .== 0)
        result.replace(with: .nan, where: x .< 0)
    }
    return result
}

extension Tensor {
    /// log2 of a float32 tensor.
    func float32Log2() throws -> Tensor {
        try float32ContiguousInput().mapFloat32InVectors { x in
            roundedLogarithm(x, scale: 1 / M_LN2, exact: { Glibc.log2($0) })
        }
    }

    /// log10 of a float32 tensor.
    func float32Log10() throws -> Tensor {
        try float32ContiguousInput().mapFloat32InVectors { x in
            roundedLogarithm(x, scale: 1 / M_LN10, exact: { Glibc.log10($0) })
        }
    }

    /// 2^x of a float32 tensor as PyTorch computes it: SLEEF's exp2 on the whole vector
    /// blocks, libm's exp2f on the tail and on strided inputs.
    func float32Exp2() throws -> Tensor {
        try mapFloat32LikePyTorch(vector: sleefExp2, scalar: { Glibc.exp2f($0) })
    }
}
