/// `torch.embedding_renorm_` (ATen's embedding_renorm_cpu_), what `max_norm` does to an
/// embedding table before each lookup: every distinct row the indices name whose p-norm
/// exceeds `maxNorm` is scaled in place by maxNorm / (norm + 1e-7). Rows are visited in
/// sorted order, each once, and the norm is the tensor reduction read back as a double.
extension Tensor {
    public func embeddingRenorm(indices: Tensor, maxNorm: Double, normType: Double) throws {
        guard rank == 2 else { throw TensorError.runtime("embedding_renorm_(): argument 'self' (position 1) must be 2-D") }
        guard indices.dtype == .int64 || indices.dtype == .int32 else {
            throw TensorError.runtime(
                "Expected tensor for argument #2 'indices' to have one of the following scalar types: Long, Int; but got torch.\(indices.dtype.scalarTypeName)Tensor instead (while checking arguments for embedding_renorm_)")
        }
        let rows = indices.elements(as: Int64.self).sorted()
        for (position, row) in rows.enumerated() where position == 0 || row != rows[position - 1] {
            guard row >= -Int64(shape[0]), row < Int64(shape[0]) else {
                throw TensorError.index("select(): index \(row) out of range for tensor of size \(formatShape(shape)) at dimension 0")
            }
            let slice = try select(0, Int(row))
            let norm = try slice.norm(p: normType, dims: nil, keepDim: false).item().doubleValue
            if norm > maxNorm {
                try slice.copy(from: try binary(.multiply, .tensor(slice), .scalar(.float(maxNorm / (norm + 1e-7)))))
            }
        }
    }
}
