import Glibc

/// The lower Cholesky factor of one matrix, reading only its lower triangle as LAPACK's
/// potrf does. `failedOrder` is the order of the first leading minor that is not positive
/// definite (LAPACK's `info`); the factor is then incomplete.
struct CholeskyFactor {
    var lower: DenseMatrix
    var failedOrder: Int?

    init(_ matrix: DenseMatrix) {
        let order = matrix.rows
        lower = DenseMatrix(rows: order, columns: order)
        for j in 0..<order {
            var pivot = matrix[j, j]
            for k in 0..<j { pivot -= lower[j, k] * lower[j, k] }
            // NaN fails too, as in potrf.
            guard pivot > 0 else {
                failedOrder = j + 1
                keepUnfactored(matrix, from: j, failedPivot: pivot)
                return
            }
            let root = pivot.squareRoot()
            lower[j, j] = root
            for i in (j + 1)..<max(order, j + 1) {
                var sum = matrix[i, j]
                for k in 0..<j { sum -= lower[i, k] * lower[j, k] }
                lower[i, j] = sum / root
            }
        }
    }

    /// What potrf leaves after a failure: the failed pivot on the diagonal and the input's
    /// lower triangle in the columns it did not reach.
    private mutating func keepUnfactored(_ matrix: DenseMatrix, from start: Int, failedPivot: Double) {
        for j in start..<matrix.rows { for i in j..<matrix.rows { lower[i, j] = matrix[i, j] } }
        lower[start, start] = failedPivot
    }
}

extension Tensor {
    /// `torch.linalg.cholesky_ex`: the factors and LAPACK's `info` per matrix (int32).
    /// `upper` reads the upper triangle and returns Lᵀ, as potrf with uplo 'U' does.
    public func choleskyWithInfo(upper: Bool, name: String = "linalg.cholesky") throws -> (factor: Tensor, info: Tensor) {
        let order = try checkSquareMatrices(self, name)
        let batch = MatrixBatch(upper ? try matrixTranspose() : self)
        let factors = batch.matrices.map(CholeskyFactor.init)
        let lowerFactors = MatrixBatch(batchShape: batch.batchShape, matrices: factors.map(\.lower))
        let lower = try lowerFactors.tensor(dtype: dtype, rows: order, columns: order)
        let info = try Tensor(values: factors.map { Double($0.failedOrder ?? 0) }, shape: batch.batchShape).to(.int32)
        return (upper ? try lower.matrixTranspose().contiguous() : lower, info)
    }

    /// `torch.linalg.cholesky`'s error for the first matrix that is not positive-definite,
    /// naming its batch element when the input is batched.
    public func checkCholeskyInfo(_ info: Tensor, name: String = "linalg.cholesky") throws {
        for (index, order) in info.doubles().enumerated() where order != 0 {
            let batch = rank > 2 ? "(Batch element \(index)): " : ""
            throw TensorError(.linAlgError, "\(name): \(batch)The factorization could not be completed because the input is not positive-definite (the leading minor of order \(Int(order)) is not positive-definite).")
        }
    }
}

/// The gradient of A from the gradient of its lower factor L, as PyTorch's
/// cholesky_backward: L⁻ᴴ Φ(Lᴴ gL) L⁻¹ with Φ(X) = ½(tril(X) + tril(X, −1)ᴴ).
public func choleskyBackward(lower: DenseMatrix, gradient: DenseMatrix) -> DenseMatrix {
    let product = (lower.transposed * gradient).triangle(lower: true)
    let symmetric = (product + product.triangle(lower: true, offset: -1).transposed).scaled(0.5)
    let left = symmetric.solvedOnLeft(byTriangular: lower.transposed, upper: true)
    return left.solvedOnRight(byTriangular: lower, upper: false)
}
