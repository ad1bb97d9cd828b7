import Glibc

/// The singular value decomposition by one-sided Jacobi rotations in Double (accurate for
/// small singular values too): singular values descending, U and V with orthonormal columns.
struct SingularValueDecomposition {
    var u: DenseMatrix
    var values: [Double]
    /// Vᵀ, as `linalg.svd` returns it.
    var vh: DenseMatrix

    init(_ matrix: DenseMatrix, fullMatrices: Bool) {
        guard matrix.rows >= matrix.columns else {
            let transposed = SingularValueDecomposition(matrix.transposed, fullMatrices: fullMatrices)
            (u, values, vh) = (transposed.vh.transposed, transposed.values, transposed.u.transposed)
            return
        }
        var columns = matrix
        var rotations = DenseMatrix.identity(matrix.columns)
        Self.orthogonalizeColumns(&columns, &rotations)
        let norms = (0..<matrix.columns).map { j in (0..<matrix.rows).reduce(0.0) { $0 + columns[$1, j] * columns[$1, j] }.squareRoot() }
        let order = (0..<matrix.columns).sorted { norms[$0] > norms[$1] || (norms[$0] == norms[$1] && $0 < $1) }
        values = order.map { norms[$0] }
        var left = DenseMatrix(rows: matrix.rows, columns: matrix.columns)
        var right = DenseMatrix(rows: matrix.columns, columns: matrix.columns)
        for (target, source) in order.enumerated() {
            let sign = conventionalSign(columns, column: source)
            for i in 0..<matrix.rows where norms[source] > 0 { left[i, target] = sign * columns[i, source] / norms[source] }
            for i in 0..<matrix.columns { right[i, target] = sign * rotations[i, source] }
        }
        u = completedOrthonormalColumns(left, keeping: values.filter { $0 > 0 }.count, total: fullMatrices ? matrix.rows : matrix.columns)
        vh = right.transposed
    }

    /// Rotates pairs of columns until every pair is orthogonal, keeping the rotations.
    private static func orthogonalizeColumns(_ columns: inout DenseMatrix, _ rotations: inout DenseMatrix) {
        let n = columns.columns, m = columns.rows
        for _ in 0..<100 {
            var rotated = false
            for p in 0..<n {
                for q in (p + 1)..<max(n, p + 1) {
                    var alpha = 0.0, beta = 0.0, gamma = 0.0
                    for i in 0..<m {
                        alpha += columns[i, p] * columns[i, p]; beta += columns[i, q] * columns[i, q]; gamma += columns[i, p] * columns[i, q]
                    }
                    guard abs(gamma) > 1e-17 * (alpha * beta).squareRoot(), gamma != 0 else { continue }
                    rotated = true
                    let zeta = (beta - alpha) / (2 * gamma)
                    let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                    let c = 1 / (1 + t * t).squareRoot(), s = c * t
                    rotateColumns(&columns, p, q, c, s)
                    rotateColumns(&rotations, p, q, c, s)
                }
            }
            if !rotated { return }
        }
    }

    private static func rotateColumns(_ matrix: inout DenseMatrix, _ p: Int, _ q: Int, _ c: Double, _ s: Double) {
        for i in 0..<matrix.rows {
            let ip = matrix[i, p], iq = matrix[i, q]
            matrix[i, p] = c * ip - s * iq
            matrix[i, q] = s * ip + c * iq
        }
    }
}

/// Singular vectors are unique only up to sign; the largest component is made positive.
private func conventionalSign(_ matrix: DenseMatrix, column: Int) -> Double {
    var largest = 0.0
    for row in 0..<matrix.rows where abs(matrix[row, column]) > abs(largest) * (1 + 1e-9) { largest = matrix[row, column] }
    return largest < 0 ? -1 : 1
}

/// The first `keeping` columns of `matrix`, then orthonormal columns up to `total` found by
/// Gram-Schmidt on the unit vectors (for zero singular values and full_matrices).
private func completedOrthonormalColumns(_ matrix: DenseMatrix, keeping: Int, total: Int) -> DenseMatrix {
    var result = DenseMatrix(rows: matrix.rows, columns: total)
    for i in 0..<matrix.rows { for j in 0..<keeping { result[i, j] = matrix[i, j] } }
    var filled = keeping, candidate = 0
    while filled < total, candidate < matrix.rows {
        var vector = [Double](repeating: 0, count: matrix.rows)
        vector[candidate] = 1
        candidate += 1
        for _ in 0..<2 {
            for j in 0..<filled {
                let dot = (0..<matrix.rows).reduce(0.0) { $0 + vector[$1] * result[$1, j] }
                for i in 0..<matrix.rows { vector[i] -= dot * result[i, j] }
            }
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 1e-8 else { continue }
        for i in 0..<matrix.rows { result[i, filled] = vector[i] / norm }
        filled += 1
    }
    return result
}

extension Tensor {
    /// `torch.linalg.svd`: U, S (descending) and Vh of every matrix of the batch.
    public func singularValueDecomposition(fullMatrices: Bool, name: String = "linalg.svd") throws -> (u: Tensor, s: Tensor, vh: Tensor) {
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\(name): Expected a floating point or complex tensor as input. Got \(dtype.scalarTypeName)")
        }
        guard rank >= 2 else { throw TensorError.runtime("\(name): The input tensor A must have at least 2 dimensions.") }
        let rows = shape[rank - 2], columns = shape[rank - 1], smaller = Swift.min(rows, columns)
        let batch = MatrixBatch(self)
        let decompositions = batch.matrices.map { SingularValueDecomposition($0, fullMatrices: fullMatrices) }
        let uColumns = fullMatrices ? rows : smaller, vhRows = fullMatrices ? columns : smaller
        let u = try MatrixBatch(batchShape: batch.batchShape, matrices: decompositions.map(\.u)).tensor(dtype: dtype, rows: rows, columns: uColumns)
        let s = try tensorOfDoubles(decompositions.flatMap(\.values), shape: batch.batchShape + [smaller], dtype: dtype)
        let vh = try MatrixBatch(batchShape: batch.batchShape, matrices: decompositions.map(\.vh)).tensor(dtype: dtype, rows: vhRows, columns: columns)
        return (u, s, vh)
    }
}
