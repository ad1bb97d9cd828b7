// Training-mode `rrelu` (aten/src/ATen/native/Activation.cpp, `_rrelu_with_noise_train`).

extension Generator {
    /// The slopes training-mode `rrelu` multiplies by: for each element in logical order,
    /// one `uniform_real_distribution<double>(lower, upper)` draw where the input is at most
    /// 0, else 1. The bounds are first rounded to the dtype, as ATen reads them as `opmath_t`,
    /// and each draw is rounded to the dtype's `opmath_t` before it is used. The result is
    /// contiguous, in that `opmath_t`: float32 for float32 and bfloat16, float64 for float64.
    public func rreluNoise(for input: Tensor, lower: Double, upper: Double) throws -> Tensor {
        switch input.dtype {
        case .float32, .bfloat16:
            return try rreluNoise(input.elements(as: Float.self), shape: input.shape,
                                  lower: Double(Float(lower)), upper: Double(Float(upper))) { Float($0) }
        case .float64:
            return try rreluNoise(input.doubles(), shape: input.shape, lower: lower, upper: upper) { $0 }
        default:
            throw TensorError.kernelNotImplemented("rrelu_with_noise_out_cpu", input.dtype)
        }
    }

    private func rreluNoise<T: TensorElement & Comparable & ExpressibleByIntegerLiteral>(_ values: [T], shape: [Int], lower: Double, upper: Double,
                                                                     rounded: (Double) -> T) throws -> Tensor {
        let span = upper - lower
        let slopes = values.map { value -> T in
            guard value <= 0 else { return T.one }
            // Not fused: ATen's scalar `uniform_real` is `x * (to - from) + from`.
            let draw = engine.nextDouble() * span
            return rounded(draw + lower)
        }
        return try Tensor(values: slopes, shape: shape)
    }
}
