/// One matrix of a batch held in Double, row-major: the decompositions work in Double and
/// round once at the end, so float32 results print what LAPACK's float32 routines print.
public struct DenseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: [Double](repeating: value, count: rows * columns))
    }

    public static func identity(_ order: Int) -> DenseMatrix {
        var matrix = DenseMatrix(rows: order, columns: order)
        for i in 0..<order { matrix[i, i] = 1 }
        return matrix
    }

    /// A diagonal matrix of `rows` by `columns` with `diagonal` on its main diagonal.
    public static func diagonal(_ diagonal: [Double], rows: Int, columns: Int) -> DenseMatrix {
        var matrix = DenseMatrix(rows: rows, columns: columns)
        for (i, value) in diagonal.enumerated() where i < rows && i < columns { matrix[i, i] = value }
        return matrix
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    public var transposed: DenseMatrix {
        var result = DenseMatrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { result[j, i] = self[i, j] } }
        return result
    }

    public static func * (left: DenseMatrix, right: DenseMatrix) -> DenseMatrix {
        var result = DenseMatrix(rows: left.rows, columns: right.columns)
        for i in 0..<left.rows {
            for k in 0..<left.columns {
                let factor = left[i, k]
                guard factor != 0 else { continue }
                for j in 0..<right.columns { result.values[i * right.columns + j] += factor * right[k, j] }
            }
        }
        return result
    }

    public static func + (left: DenseMatrix, right: DenseMatrix) -> DenseMatrix {
        DenseMatrix(rows: left.rows, columns: left.columns, values: zip(left.values, right.values).map { $0 + $1 })
    }

    public static func - (left: DenseMatrix, right: DenseMatrix) -> DenseMatrix {
        DenseMatrix(rows: left.rows, columns: left.columns, values: zip(left.values, right.values).map { $0 - $1 })
    }

    public func scaled(_ factor: Double) -> DenseMatrix {
        DenseMatrix(rows: rows, columns: columns, values: values.map { $0 * factor })
    }

    /// Elements below (`lower`) or above the diagonal offset by `offset` set to zero.
    public func triangle(lower: Bool, offset: Int = 0) -> DenseMatrix {
        var result = self
        for i in 0..<rows {
            for j in 0..<columns where lower ? j - i > offset : j - i < offset { result[i, j] = 0 }
        }
        return result
    }

    /// The leading `count` columns.
    public func leadingColumns(_ count: Int) -> DenseMatrix {
        var result = DenseMatrix(rows: rows, columns: count)
        for i in 0..<rows { for j in 0..<count { result[i, j] = self[i, j] } }
        return result
    }

    /// The leading `count` rows.
    public func leadingRows(_ count: Int) -> DenseMatrix {
        DenseMatrix(rows: count, columns: columns, values: Array(values[0..<(count * columns)]))
    }

    /// X with T X = self for an upper (or lower) triangular T, by substitution column by column.
    public func solvedOnLeft(byTriangular matrix: DenseMatrix, upper: Bool) -> DenseMatrix {
        var result = self
        let order = matrix.rows
        for column in 0..<columns {
            let rowOrder = upper ? Array((0..<order).reversed()) : Array(0..<order)
            for i in rowOrder {
                var sum = result[i, column]
                let others = upper ? (i + 1)..<order : 0..<i
                for k in others { sum -= matrix[i, k] * result[k, column] }
                result[i, column] = sum / matrix[i, i]
            }
        }
        return result
    }

    /// X with X T = self for a triangular T: the transpose of Tᵀ Xᵀ = selfᵀ.
    public func solvedOnRight(byTriangular matrix: DenseMatrix, upper: Bool) -> DenseMatrix {
        transposed.solvedOnLeft(byTriangular: matrix.transposed, upper: !upper).transposed
    }
}

/// A tensor `[..., rows, columns]` read as its batch of matrices, and written back.
public struct MatrixBatch {
    public let batchShape: [Int]
    public var matrices: [DenseMatrix]

    public init(batchShape: [Int], matrices: [DenseMatrix]) {
        self.batchShape = batchShape
        self.matrices = matrices
    }

    public init(_ tensor: Tensor) {
        let rows = tensor.shape[tensor.rank - 2], columns = tensor.shape[tensor.rank - 1]
        batchShape = Array(tensor.shape.dropLast(2))
        let count = batchShape.reduce(1, *), size = rows * columns
        let values = tensor.doubles()
        matrices = (0..<count).map { index in
            DenseMatrix(rows: rows, columns: columns, values: Array(values[(index * size)..<(index * size + size)]))
        }
    }

    public func tensor(dtype: DType, rows: Int, columns: Int) throws -> Tensor {
        try tensorOfDoubles(matrices.flatMap(\.values), shape: batchShape + [rows, columns], dtype: dtype)
    }

    public func map(_ transform: (DenseMatrix) throws -> DenseMatrix) rethrows -> MatrixBatch {
        MatrixBatch(batchShape: batchShape, matrices: try matrices.map(transform))
    }
}

/// `[..., rows, columns]` from per-matrix results computed by `transform`, so backward
/// formulas written on Double matrices return tensors of the gradient's dtype.
public func mapMatrices(_ inputs: [Tensor], dtype: DType, _ transform: ([DenseMatrix]) throws -> DenseMatrix) throws -> Tensor {
    let batches = inputs.map { MatrixBatch($0) }
    let results = try (0..<batches[0].matrices.count).map { index in try transform(batches.map { $0.matrices[index] }) }
    let first = results.first ?? DenseMatrix(rows: 0, columns: 0)
    let rows = results.isEmpty ? inputs[0].shape[inputs[0].rank - 2] : first.rows
    let columns = results.isEmpty ? inputs[0].shape[inputs[0].rank - 1] : first.columns
    return try MatrixBatch(batchShape: batches[0].batchShape, matrices: results).tensor(dtype: dtype, rows: rows, columns: columns)
}
