import Glibc

/// The eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations in Double:
/// eigenvalues ascending, as LAPACK's syevd returns them, with unit eigenvectors as columns.
struct SymmetricEigen {
    var values: [Double]
    var vectors: DenseMatrix

    init(_ symmetric: DenseMatrix) {
        let order = symmetric.rows
        var matrix = symmetric
        var rotations = DenseMatrix.identity(order)
        let total = symmetric.values.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<100 where Self.offDiagonalNorm(matrix) > 1e-32 * total {
            for p in 0..<order { for q in (p + 1)..<max(order, p + 1) { Self.rotate(&matrix, &rotations, p, q) } }
        }
        let diagonal = (0..<order).map { matrix[$0, $0] }
        let sortedIndices = (0..<order).sorted { diagonal[$0] < diagonal[$1] || (diagonal[$0] == diagonal[$1] && $0 < $1) }
        values = sortedIndices.map { diagonal[$0] }
        vectors = DenseMatrix(rows: order, columns: order)
        for (column, source) in sortedIndices.enumerated() {
            let sign = Self.conventionalSign(rotations, column: source)
            for row in 0..<order { vectors[row, column] = sign * rotations[row, source] }
        }
    }

    private static func offDiagonalNorm(_ matrix: DenseMatrix) -> Double {
        var sum = 0.0
        for i in 0..<matrix.rows { for j in 0..<matrix.columns where i != j { sum += matrix[i, j] * matrix[i, j] } }
        return sum
    }

    /// Zeroes the (p, q) pair with one rotation, applied on both sides and kept in `rotations`.
    private static func rotate(_ matrix: inout DenseMatrix, _ rotations: inout DenseMatrix, _ p: Int, _ q: Int) {
        let off = matrix[p, q]
        guard off != 0 else { return }
        let theta = (matrix[q, q] - matrix[p, p]) / (2 * off)
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot(), s = t * c
        for k in 0..<matrix.rows {
            let kp = matrix[k, p], kq = matrix[k, q]
            matrix[k, p] = c * kp - s * kq
            matrix[k, q] = s * kp + c * kq
        }
        for k in 0..<matrix.rows {
            let pk = matrix[p, k], qk = matrix[q, k]
            matrix[p, k] = c * pk - s * qk
            matrix[q, k] = s * pk + c * qk
        }
        for k in 0..<rotations.rows {
            let kp = rotations[k, p], kq = rotations[k, q]
            rotations[k, p] = c * kp - s * kq
            rotations[k, q] = s * kp + c * kq
        }
    }

    /// Eigenvectors are unique only up to sign; this fixes one (largest component positive)
    /// so results are deterministic. LAPACK's choice differs, so only sign-free uses match.
    private static func conventionalSign(_ matrix: DenseMatrix, column: Int) -> Double {
        var largest = 0.0
        for row in 0..<matrix.rows where abs(matrix[row, column]) > abs(largest) + 1e-12 { largest = matrix[row, column] }
        return largest < 0 ? -1 : 1
    }
}

extension Tensor {
    /// `torch.linalg.eigh`: eigenvalues ascending and eigenvectors of the symmetric matrix
    /// read from the lower ('L') or upper ('U') triangle.
    public func symmetricEigen(upperTriangle: Bool, name: String = "linalg.eigh") throws -> (values: Tensor, vectors: Tensor) {
        let order = try checkSquareMatrices(self, name)
        let batch = MatrixBatch(self)
        let decompositions = batch.matrices.map { matrix in
            var symmetric = matrix
            for i in 0..<order { for j in 0..<i { symmetric[i, j] = upperTriangle ? matrix[j, i] : matrix[i, j]; symmetric[j, i] = symmetric[i, j] } }
            return SymmetricEigen(symmetric)
        }
        let values = try tensorOfDoubles(decompositions.flatMap(\.values), shape: batch.batchShape + [order], dtype: dtype)
        let vectors = try MatrixBatch(batchShape: batch.batchShape, matrices: decompositions.map(\.vectors)).tensor(dtype: dtype, rows: order, columns: order)
        return (values, vectors)
    }
}

/// `linalg_eig_backward` for a symmetric matrix: V (½ skew(Vᵀ gV) / E + diag(gL)) Vᵀ with
/// E_ij = λ_j − λ_i; zero matrices stand for absent gradients.
public func symmetricEigenBackward(values: [Double], vectors: DenseMatrix, gradientValues: [Double], gradientVectors: DenseMatrix?) -> DenseMatrix {
    let order = values.count
    var inner = DenseMatrix.diagonal(gradientValues, rows: order, columns: order)
    if let gradientVectors {
        let product = vectors.transposed * gradientVectors
        for i in 0..<order {
            for j in 0..<order where i != j { inner[i, j] = 0.5 * (product[i, j] - product[j, i]) / (values[j] - values[i]) }
        }
    }
    return vectors * (inner * vectors.transposed)
}
