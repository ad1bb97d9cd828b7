import Glibc

/// float32 ELU (with SELU and CELU), mish and logsigmoid as PyTorch's CPU kernels compute
/// them, over the SLEEF functions their `Vectorized<float>` calls: `expm1f8_u10` for ELU,
/// `expf8_u10`, `log1pf8_u10` and `tanhf8_u10` for mish and logsigmoid. The vector
/// formula on whole blocks and the scalar one (libm's float functions) on the tail, as
/// `mapFloat32LikePyTorch` lays them out; logsigmoid's kernel is a plain loop that runs
/// its vector formula on the zero-padded tail too.

/// SLEEF's `expm1f8_u10`: e^a as a double-float, minus one, summed; -1 below -16.64,
/// where float rounds it there, inf past 88.72, and -0 kept.
@inline(__always)
func sleefExpm1(_ a: SIMD8<Float>) -> SIMD8<Float> {
    // Lanes outside [-17, 89] are replaced below; clamping keeps their reduction in range.
    let clamped = a.replacing(with: -17, where: a .< -17).replacing(with: 89, where: a .> 89)
    let d = sleefExpk2(VectorDoubleFloat(clamped, SIMD8<Float>())).exactlyPlus(SIMD8<Float>(repeating: -1))
    var x = d.high + d.low
    x.replace(with: .infinity, where: a .> 88.72283172607421875)
    x.replace(with: -1, where: a .< -16.635532333438687426013570)
    // A typed vector, not the literal: `.== 0x8000_0000` picked the generic comparison,
    // one scalar compare per lane, 77% of ELU's time.
    let negativeZero = unsafeBitCast(a, to: SIMD8<UInt32>.self) .== SIMD8<UInt32>(repeating: 0x8000_0000)
    return x.replacing(with: -0.0, where: negativeZero)
}

extension Tensor {
    /// `x > 0 ? x·scale : expm1(x·inputScale)·(alpha·scale)` on a float32 tensor; PyTorch
    /// multiplies alpha and scale once, in float.
    func float32ELU(alpha: Float, scale: Float, inputScale: Float) throws -> Tensor {
        let negativeScale = alpha * scale
        return try mapFloat32LikePyTorch(
            vector: { x in
                let positive = x * scale
                let isPositive = x .> 0
                if !anyLane(.!isPositive) { return positive }
                return (sleefExpm1(x * inputScale) * negativeScale).replacing(with: positive, where: isPositive)
            },
            scalar: { x in x <= 0 ? Glibc.expm1f(x * inputScale) * negativeScale : x * scale })
    }

    /// `x·tanh(log1p(e^x))` on a float32 tensor.
    func float32Mish() throws -> Tensor {
        try mapFloat32LikePyTorch(
            vector: { x in x * sleefTanh(sleefLog1p(vectorExp(x))) },
            scalar: { x in x * Glibc.tanhf(Glibc.log1pf(Glibc.expf(x))) })
    }

    /// `min(x, 0) - log1p(e^-|x|)` on a float32 tensor, every element through the vector
    /// formula: PyTorch's kernel pads its tail and reads it as a vector, and makes a
    /// strided input contiguous first. The minimum propagates nan, as `vec::minimum` does.
    func float32LogSigmoid() throws -> Tensor {
        try (isContiguous ? self : contiguous()).mapFloat32InVectors { x in
            let magnitude = unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
            let minimum = x.replacing(with: 0, where: x .> 0)
            return minimum - sleefLog1p(vectorExp(0 - magnitude))
        }
    }
}
