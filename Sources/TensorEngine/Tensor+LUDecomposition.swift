import Glibc

/// One square matrix factored as LAPACK's getrf does it: partial pivoting on the first
/// largest magnitude in each column. Kept in Double, so a float32 matrix of a few rows
/// rounds once at the end and prints what LAPACK's float32 routines print.
struct LUFactors {
    var values: [Double]
    var pivots: [Int]
    let order: Int
    /// 1-based position of the first exactly-zero pivot, as LAPACK's `info` reports it.
    var firstZeroPivot: Int?

    init(_ matrix: ArraySlice<Double>, order: Int) {
        values = Array(matrix)
        self.order = order
        pivots = Array(0..<order)
        for column in 0..<order { eliminate(column) }
    }

    private mutating func eliminate(_ column: Int) {
        let n = order
        var pivotRow = column
        for row in column..<n where abs(values[row * n + column]) > abs(values[pivotRow * n + column]) { pivotRow = row }
        if pivotRow != column {
            for k in 0..<n { values.swapAt(column * n + k, pivotRow * n + k) }
        }
        pivots[column] = pivotRow
        let pivot = values[column * n + column]
        guard pivot != 0 else {
            if firstZeroPivot == nil { firstZeroPivot = column + 1 }
            return
        }
        for row in (column + 1)..<max(n, column + 1) {
            let factor = values[row * n + column] / pivot
            values[row * n + column] = factor
            guard factor != 0 else { continue }
            for k in (column + 1)..<n { values[row * n + k] -= factor * values[column * n + k] }
        }
    }

    var swapCount: Int { pivots.enumerated().filter { $0.offset != $0.element }.count }

    var determinant: Double {
        var product: Double = swapCount % 2 == 0 ? 1 : -1
        for i in 0..<order { product *= values[i * order + i] }
        return product
    }

    /// Solves A x = b for one right-hand side given as a column.
    func solve(_ rightHandSide: [Double]) -> [Double] {
        let n = order
        var x = rightHandSide
        for i in 0..<n where pivots[i] != i { x.swapAt(i, pivots[i]) }
        for i in 0..<n {
            for k in 0..<i { x[i] -= values[i * n + k] * x[k] }
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(n, i + 1) { x[i] -= values[i * n + k] * x[k] }
            x[i] /= values[i * n + i]
        }
        return x
    }
}

/// Checks shared by the `linalg.` functions on square matrices: float dtype, rank ≥ 2, square.
func checkSquareMatrices(_ input: Tensor, _ name: String) throws -> Int {
    guard input.dtype.isFloatingPoint else {
        throw TensorError.notImplemented("\(name): Expected a floating point or complex tensor as input. Got \(input.dtype.scalarTypeName)")
    }
    guard input.rank >= 2 else { throw TensorError.runtime("\(name): The input tensor A must have at least 2 dimensions.") }
    let rows = input.shape[input.rank - 2], columns = input.shape[input.rank - 1]
    guard rows == columns else {
        throw TensorError.runtime("\(name): A must be batches of square matrices, but they are \(rows) by \(columns) matrices")
    }
    return rows
}

/// The factors of every matrix of a batch `[..., n, n]`, in row-major batch order.
func luFactorBatch(_ input: Tensor, _ name: String) throws -> (factors: [LUFactors], order: Int) {
    let order = try checkSquareMatrices(input, name)
    let values = input.doubles()
    let size = order * order
    let batch = size == 0 ? input.shape.dropLast(2).reduce(1, *) : values.count / size
    let factors = (0..<batch).map { index in LUFactors(values[(index * size)..<(index * size + size)], order: order) }
    return (factors, order)
}

/// A float tensor of `dtype` holding Double results.
func tensorOfDoubles(_ values: [Double], shape: [Int], dtype: DType) throws -> Tensor {
    try Tensor(values: values, shape: shape).to(dtype)
}

extension Tensor {
    /// `torch.linalg.det`: the product of the LU pivots, signed by the row swaps.
    public func determinant() throws -> Tensor {
        let (factors, _) = try luFactorBatch(self, "linalg.det")
        return try tensorOfDoubles(factors.map(\.determinant), shape: Array(shape.dropLast(2)), dtype: dtype)
    }

    /// `torch.linalg.slogdet`: the sign and log|det|, (0, -inf) for a singular matrix.
    public func signAndLogAbsDeterminant() throws -> (sign: Tensor, logAbsDeterminant: Tensor) {
        let (factors, _) = try luFactorBatch(self, "linalg.slogdet")
        let determinants = factors.map(\.determinant)
        let batchShape = Array(shape.dropLast(2))
        let signs = determinants.map { $0 > 0 ? 1.0 : ($0 < 0 ? -1.0 : 0.0) }
        return (try tensorOfDoubles(signs, shape: batchShape, dtype: dtype),
                try tensorOfDoubles(determinants.map { log(abs($0)) }, shape: batchShape, dtype: dtype))
    }

    /// `torch.linalg.inv`: solves A X = I, failing as LAPACK does on a zero pivot.
    public func inverse() throws -> Tensor {
        let (factors, order) = try luFactorBatch(self, "linalg.inv")
        var result: [Double] = []
        result.reserveCapacity(count)
        for (index, factor) in factors.enumerated() {
            if let zero = factor.firstZeroPivot {
                let batch = rank > 2 ? "(Batch element \(index)): " : ""
                throw TensorError(.linAlgError, "linalg.inv: \(batch)The diagonal element \(zero) is zero, the inversion could not be completed because the input matrix is singular.")
            }
            var columns: [[Double]] = []
            for column in 0..<order {
                var unit = [Double](repeating: 0, count: order)
                unit[column] = 1
                columns.append(factor.solve(unit))
            }
            for row in 0..<order { for column in 0..<order { result.append(columns[column][row]) } }
        }
        return try tensorOfDoubles(result, shape: shape, dtype: dtype)
    }
}
