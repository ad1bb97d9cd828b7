/// float32 expm1 and log1p, eight lanes at a time in double and rounded once, like
/// `preciseExp` and `preciseLog` (PyTorch takes both from MKL's vector library). Both
/// keep full relative precision near 0, where e^x - 1 and log(1 + x) would cancel.

/// e^x - 1 rounded to float: (2^n - 1) + 2^n·r·q(r) with x = n·ln2 + r. The first term
/// is exact, and for |x| <= ln2/2 (n = 0) the result is r·q(r) itself.
@inline(__always)
func preciseExpm1(_ x: SIMD8<Float>) -> SIMD8<Float> {
    // Below -18 the float result is -1 and above 89 it is inf; clamping keeps 2^n in range.
    let clamped = x.replacing(with: 90, where: x .> 90).replacing(with: -30, where: x .< -30)
    let (scale, r) = reducedExponent(widen(clamped))
    var result = narrow((scale - 1) + scale * (r * expm1Quotient(r)))
    result.replace(with: .infinity, where: x .> 90)
    // The formula would turn -0 into +0; nan goes through unchanged.
    return result.replacing(with: x, where: (x .== 0) .| (x .!= x))
}

/// log(1 + x) rounded to float: log u for u = 1 + x in double, plus the part of x that
/// rounding 1 + x lost, divided by u. u - 1 is exact for u in [½, 2], and beyond 2 the
/// lost part is below double's precision of log u.
@inline(__always)
func preciseLog1p(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let d = widen(x)
    let u = 1 + d
    let lost = d - (u - 1)
    var result = narrow(logOfPositive(u) + lost / u)
    result.replace(with: .nan, where: x .< -1)
    result.replace(with: -.infinity, where: x .== -1)
    result.replace(with: .infinity, where: x .== .infinity)
    return result.replacing(with: x, where: (x .== 0) .| (x .!= x))
}

extension Tensor {
    /// e^x of a float32 (or integer, promoted) tensor through `preciseExp`.
    func float32Exp() throws -> Tensor { try float32ContiguousInput().mapFloat32InVectors(preciseExp) }

    /// log(x) of a float32 (or integer, promoted) tensor through `preciseLog`.
    func float32Log() throws -> Tensor { try float32ContiguousInput().mapFloat32InVectors(preciseLog) }

    /// tanh(x) of a float32 (or integer, promoted) tensor through `preciseTanh`.
    func float32Tanh() throws -> Tensor { try float32ContiguousInput().mapFloat32InVectors(preciseTanh) }

    /// e^x - 1 of a float32 (or integer, promoted) tensor through `preciseExpm1`.
    func float32Expm1() throws -> Tensor { try float32ContiguousInput().mapFloat32InVectors(preciseExpm1) }

    /// log(1 + x) of a float32 (or integer, promoted) tensor through `preciseLog1p`.
    func float32Log1p() throws -> Tensor { try float32ContiguousInput().mapFloat32InVectors(preciseLog1p) }

    /// √x of a float32 tensor: the hardware's square root is exactly rounded, as MKL's is.
    func float32SquareRoot() throws -> Tensor {
        try float32ContiguousInput().mapFloat32InVectors { $0.squareRoot() }
    }

    /// 1/√x of a float32 tensor, as PyTorch's kernel computes it: a float division of
    /// the rounded square root, not the correctly rounded reciprocal root.
    func float32ReciprocalSquareRoot() throws -> Tensor {
        try float32ContiguousInput().mapFloat32InVectors { 1 / $0.squareRoot() }
    }

    func float32ContiguousInput() throws -> Tensor {
        let values = try to(.float32)
        return values.isContiguous ? values : try values.contiguous()
    }
}
