/// The pseudo-inverse and the numerical rank, from the SVD with PyTorch's cutoff: singular
/// values above max(atol, rtol·σ_max) count; rtol defaults to eps·max(m, n) without atol.
struct SingularValueCutoff {
    let absolute: Double?
    let relative: Double?

    func threshold(_ values: [Double], rows: Int, columns: Int, dtype: DType) -> Double {
        let epsilon = dtype == .float64 ? Double.ulpOfOne : Double(Float.ulpOfOne)
        let relative = self.relative ?? ((absolute ?? 0) > 0 ? 0 : epsilon * Double(max(rows, columns)))
        return max(absolute ?? 0, relative * (values.first ?? 0))
    }
}

extension Tensor {
    /// `torch.linalg.pinv`: V diag(1/σ for σ above the cutoff) Uᵀ for every matrix.
    public func pseudoInverse(absoluteTolerance: Double?, relativeTolerance: Double?) throws -> Tensor {
        guard dtype.isFloatingPoint, rank >= 2 else {
            throw TensorError.runtime("linalg.pinv(\(dtype.scalarTypeName){\(shape)}): expected a tensor with 2 or more dimensions of float, double, cfloat or cdouble types")
        }
        let cutoff = SingularValueCutoff(absolute: absoluteTolerance, relative: relativeTolerance)
        let rows = shape[rank - 2], columns = shape[rank - 1]
        let batch = MatrixBatch(self).map { matrix in
            let svd = SingularValueDecomposition(matrix, fullMatrices: false)
            let threshold = cutoff.threshold(svd.values, rows: rows, columns: columns, dtype: dtype)
            let inverted = svd.values.map { $0 > threshold ? 1 / $0 : 0 }
            let k = inverted.count
            return svd.vh.transposed * DenseMatrix.diagonal(inverted, rows: k, columns: k) * svd.u.transposed
        }
        return try batch.tensor(dtype: dtype, rows: columns, columns: rows)
    }

    /// `torch.linalg.matrix_rank`: how many singular values pass the cutoff (int64).
    public func matrixRank(absoluteTolerance: Double?, relativeTolerance: Double?) throws -> Tensor {
        guard rank >= 2 else {
            throw TensorError.runtime("torch.linalg.matrix_rank: The input tensor input must have at least 2 dimensions.")
        }
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("linalg.svd: Expected a floating point or complex tensor as input. Got \(dtype.scalarTypeName)")
        }
        let cutoff = SingularValueCutoff(absolute: absoluteTolerance, relative: relativeTolerance)
        let rows = shape[rank - 2], columns = shape[rank - 1]
        let batch = MatrixBatch(self)
        let ranks = batch.matrices.map { matrix in
            let values = SingularValueDecomposition(matrix, fullMatrices: false).values
            let threshold = cutoff.threshold(values, rows: rows, columns: columns, dtype: dtype)
            return Double(values.filter { $0 > threshold }.count)
        }
        return try Tensor(values: ranks, shape: batch.batchShape).to(.int64)
    }
}
