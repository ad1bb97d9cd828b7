import TensorEngine

extension Autodiff {
    /// `torch.renorm` (RenormBackward0): each slice along `dim` whose p-norm exceeds
    /// maxnorm is scaled to maxnorm / (norm + 1e-7); the others are kept.
    public static func renorm(_ input: Tensor, p: Double, dim: Int, maxnorm: Double) throws -> Tensor {
        guard p > 0 else { throw TensorError.runtime("renorm: non-positive-norm not supported") }
        guard maxnorm >= 0 else { throw TensorError.runtime("renorm: expected maxnorm to be >= 0 but got \(formatNumber(maxnorm))") }
        guard input.rank > 1 else { throw TensorError.runtime("renorm: input needs at least 2 dimensions, got \(input.rank) dimensions") }
        let axis = try normalizeDim(dim, rank: input.rank)
        let others = (0..<input.rank).filter { $0 != axis }
        let norms = try input.norm(p: p, dims: others, keepDim: true)
        // ATen's scale kernel works in the input's dtype: maxnorm and eps are cast to it first.
        let scale = try binary(.divide, .scalar(.float(maxnorm)), .tensor(try add(norms, 1e-7)))
        let factor = try whereSelect(try compare(.greater, norms, maxnorm), .tensor(scale), .scalar(.int(1)))
        let output = try mul(input, factor)
        return Recorder.record("RenormBackward0", inputs: [input], output: output) { node in
            let savedInput = node.save(input)
            return { gradient, _ in
                [try renormGradient(gradient, input: try savedInput.unpack(), p: p, dims: others, maxnorm: maxnorm)]
            }
        }
    }
}

/// A number as ATen prints a double in a message: `-1`, `0.5`.
private func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
}

/// ATen's `renorm_backward`: where the norm exceeds maxnorm,
/// (maxnorm / (norm + 1e-7)) · (grad − norm'(Σ x·grad) / (norm + 1e-7)); elsewhere grad.
private func renormGradient(_ gradient: Tensor, input: Tensor, p: Double, dims: [Int], maxnorm: Double) throws -> Tensor {
    let norms = try input.norm(p: p, dims: dims, keepDim: true)
    let projected = try mul(input, gradient).sum(dims: dims, keepDim: true)
    let normGradient = try vectorNormGradient(projected, input: input, p: p, norms: norms, dims: dims)
    let inverse = try add(norms, 1e-7).unary(.reciprocal)
    let factor = try mul(inverse, maxnorm)
    let scaled = try mul(factor, try sub(gradient, try mul(inverse, normGradient)))
    return try whereSelect(try compare(.greater, norms, maxnorm), .tensor(scaled), .tensor(gradient))
}
