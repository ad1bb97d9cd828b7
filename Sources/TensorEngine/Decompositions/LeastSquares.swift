/// `torch.linalg.lstsq` with CPU's default driver (gelsy): the minimum-norm solution with
/// singular values below rcond·σ_max dropped, the rank, and empty residuals and singular
/// values (gelsy computes neither).
public struct LeastSquaresResult {
    public let solution: Tensor
    public let residuals: Tensor
    public let rank: Tensor
    public let singularValues: Tensor

    public init(solution: Tensor, residuals: Tensor, rank: Tensor, singularValues: Tensor) {
        self.solution = solution
        self.residuals = residuals
        self.rank = rank
        self.singularValues = singularValues
    }
}

extension Tensor {
    /// Whether `linalg.lstsq` reads `other` as a batch of vectors: one dim fewer than A.
    public func leastSquaresTreatsAsVector(_ other: Tensor) -> Bool { other.rank == rank - 1 }

    public func leastSquares(_ other: Tensor, relativeCutoff: Double?) throws -> LeastSquaresResult {
        guard dtype == other.dtype else {
            throw TensorError.runtime("torch.linalg.lstsq: Expected input and other to have the same dtype, but got input's dtype \(dtype.scalarTypeName) and other's dtype \(other.dtype.scalarTypeName)")
        }
        guard rank >= 2 else { throw TensorError.runtime("torch.linalg.lstsq: input must have at least 2 dimensions.") }
        guard dtype.isFloatingPoint else {
            throw TensorError.runtime("torch.linalg.lstsq: only float, double, cfloat and cdouble are supported, but got \(dtype.scalarTypeName)")
        }
        let vectorCase = leastSquaresTreatsAsVector(other)
        let rows = shape[rank - 2], columns = shape[rank - 1]
        let matrixOther = vectorCase ? try other.unsqueeze(other.rank) : other
        // Batch dims broadcast first, so a vector batch that does not fit fails as PyTorch's does.
        let batchShape = try broadcastShapes(Array(shape.dropLast(2)), Array(matrixOther.shape.dropLast(2)))
        guard matrixOther.rank >= 1, matrixOther.shape[Swift.max(matrixOther.rank - 2, 0)] == rows else {
            throw TensorError.runtime("torch.linalg.lstsq: input.size(-2) should match other.size(-\(vectorCase ? 1 : 2))")
        }
        let rightColumns = matrixOther.shape[matrixOther.rank - 1]
        let matrices = MatrixBatch(try expand(batchShape + [rows, columns]).contiguous())
        let rightHandSides = MatrixBatch(try matrixOther.expand(batchShape + [rows, rightColumns]).contiguous())
        let cutoff = SingularValueCutoff(absolute: nil, relative: relativeCutoff)
        var solutions: [DenseMatrix] = [], ranks: [Double] = []
        for (matrix, rightHandSide) in zip(matrices.matrices, rightHandSides.matrices) {
            let svd = SingularValueDecomposition(matrix, fullMatrices: false)
            let threshold = cutoff.threshold(svd.values, rows: rows, columns: columns, dtype: dtype)
            let inverted = svd.values.map { $0 > threshold ? 1 / $0 : 0 }
            ranks.append(Double(inverted.filter { $0 != 0 }.count))
            let k = inverted.count
            solutions.append(svd.vh.transposed * DenseMatrix.diagonal(inverted, rows: k, columns: k) * (svd.u.transposed * rightHandSide))
        }
        let solution = try MatrixBatch(batchShape: batchShape, matrices: solutions).tensor(dtype: dtype, rows: columns, columns: rightColumns)
        let empty = try Tensor(values: [Double](), shape: [0]).to(dtype)
        return LeastSquaresResult(solution: vectorCase ? try solution.squeeze([solution.rank - 1]) : solution,
                                  residuals: empty, rank: try Tensor(values: ranks, shape: batchShape).to(.int64), singularValues: try empty.clone())
    }
}
