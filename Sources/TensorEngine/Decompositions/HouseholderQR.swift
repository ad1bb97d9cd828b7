/// QR by Householder reflections as LAPACK's geqr2 and org2r compute it, so R's diagonal
/// and Q's columns carry the same signs PyTorch prints: each reflection maps its column
/// onto −sign(a_ii)·‖column‖ e₁, and leaves a column already zero below the diagonal alone.
struct HouseholderQR {
    /// The reduced part: the input with R in its upper triangle and the reflectors below.
    private var packed: DenseMatrix
    private var scales: [Double] = []
    private var reflectorCount: Int { min(packed.rows, packed.columns) }

    init(_ matrix: DenseMatrix) {
        packed = matrix
        for column in 0..<min(matrix.rows, matrix.columns) { reflect(column) }
    }

    private mutating func reflect(_ column: Int) {
        let rows = packed.rows
        let alpha = packed[column, column]
        var tailSquares = 0.0
        for i in (column + 1)..<max(rows, column + 1) { tailSquares += packed[i, column] * packed[i, column] }
        guard tailSquares > 0 else {
            scales.append(0)
            return
        }
        let norm = (alpha * alpha + tailSquares).squareRoot()
        let beta = alpha >= 0 ? -norm : norm
        scales.append((beta - alpha) / beta)
        let inverse = 1 / (alpha - beta)
        for i in (column + 1)..<rows { packed[i, column] *= inverse }
        packed[column, column] = beta
        applyReflector(column, to: &packed, columns: (column + 1)..<packed.columns)
    }

    /// H·X for the rows at and below `reflector`, with H = I − τ v vᵀ and v = (1, stored tail).
    private func applyReflector(_ reflector: Int, to matrix: inout DenseMatrix, columns: Range<Int>) {
        let tau = scales[reflector]
        guard tau != 0 else { return }
        for j in columns {
            var dot = matrix[reflector, j]
            for i in (reflector + 1)..<packed.rows { dot += packed[i, reflector] * matrix[i, j] }
            let factor = tau * dot
            matrix[reflector, j] -= factor
            for i in (reflector + 1)..<packed.rows { matrix[i, j] -= factor * packed[i, reflector] }
        }
    }

    /// R with `rows` rows: k for the reduced factorization, m for the complete one.
    func upperFactor(rows: Int) -> DenseMatrix {
        var result = DenseMatrix(rows: rows, columns: packed.columns)
        for i in 0..<min(rows, packed.rows) { for j in i..<max(packed.columns, i) { result[i, j] = packed[i, j] } }
        return result
    }

    /// Q's first `columns` columns, the reflections applied to the identity in reverse order.
    func orthogonalFactor(columns: Int) -> DenseMatrix {
        var result = DenseMatrix(rows: packed.rows, columns: columns)
        for i in 0..<min(packed.rows, columns) { result[i, i] = 1 }
        for reflector in stride(from: reflectorCount - 1, through: 0, by: -1) {
            applyReflector(reflector, to: &result, columns: 0..<columns)
        }
        return result
    }
}

/// What `linalg.qr` computes: mode 'reduced', 'complete' or 'r'.
public struct QRMode: Sendable {
    public let computesQ: Bool
    public let reduced: Bool

    public init(_ name: String) throws {
        switch name {
        case "reduced": (computesQ, reduced) = (true, true)
        case "complete": (computesQ, reduced) = (true, false)
        case "r": (computesQ, reduced) = (false, true)
        default: throw TensorError.runtime("qr received unrecognized mode '\(name)' but expected one of 'reduced' (default), 'r', or 'complete'")
        }
    }
}

extension Tensor {
    /// `torch.linalg.qr`: Q and R of every matrix of the batch; Q is empty for mode 'r'.
    public func qrDecomposition(mode: QRMode) throws -> (q: Tensor, r: Tensor) {
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("linalg.qr: Expected a floating point or complex tensor as input. Got \(dtype.scalarTypeName)")
        }
        guard rank >= 2 else { throw TensorError.runtime("linalg.qr: The input tensor A must have at least 2 dimensions.") }
        let rows = shape[rank - 2], columns = shape[rank - 1], smaller = Swift.min(rows, columns)
        let batch = MatrixBatch(self)
        let factors = batch.matrices.map(HouseholderQR.init)
        let rRows = mode.reduced ? smaller : rows
        let r = try MatrixBatch(batchShape: batch.batchShape, matrices: factors.map { $0.upperFactor(rows: rRows) })
            .tensor(dtype: dtype, rows: rRows, columns: columns)
        guard mode.computesQ else { return (try Tensor(values: [Double](), shape: [0]).to(dtype), r) }
        let qColumns = mode.reduced ? smaller : rows
        let q = try MatrixBatch(batchShape: batch.batchShape, matrices: factors.map { $0.orthogonalFactor(columns: qColumns) })
            .tensor(dtype: dtype, rows: rows, columns: qColumns)
        return (q, r)
    }
}

/// The gradient of A from those of Q and R (zero where absent), as PyTorch's linalg_qr_backward.
public func qrBackward(q: DenseMatrix, r: DenseMatrix, gradientQ: DenseMatrix, gradientR: DenseMatrix) -> DenseMatrix {
    let m = q.rows, n = r.columns
    let mixed = gradientR * r.transposed - q.transposed * gradientQ
    if m >= n {
        let upper = mixed.triangle(lower: false)
        var symmetric = upper + upper.transposed
        for i in 0..<symmetric.rows { symmetric[i, i] *= 0.5 }
        let gradient = q * symmetric + gradientQ
        return gradient.solvedOnRight(byTriangular: r.transposed, upper: false)
    }
    let negated = mixed.scaled(-1)
    let skew = (negated - negated.transposed).triangle(lower: true)
    let leading = (q * skew).solvedOnRight(byTriangular: r.leadingColumns(m).transposed, upper: false)
    var gradient = DenseMatrix(rows: m, columns: n)
    for i in 0..<m { for j in 0..<m { gradient[i, j] = leading[i, j] } }
    return gradient + q * gradientR
}
