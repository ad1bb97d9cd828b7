import TensorEngine

extension Autodiff {
    /// `quantile`/`nanquantile`. PyTorch builds them from sort, gather and lerp and ends
    /// with an in-place squeeze, so the node is SqueezeBackward4; the gradient reaches the
    /// elements each quantile read, weighted as the interpolation weighted them.
    public static func quantile(_ input: Tensor, _ q: Tensor, dim: Int?, keepDim: Bool,
                                interpolation: QuantileInterpolation, ignoringNaN: Bool) throws -> Tensor {
        let (output, reads) = try input.quantile(q, dim: dim, keepDim: keepDim, interpolation: interpolation, ignoringNaN: ignoringNaN)
        return Recorder.record("SqueezeBackward4", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.quantileGradient(reads)] }
        }
    }
}
