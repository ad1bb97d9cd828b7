/// dot, mv, mm, bmm, outer and matmul, with PyTorch's checks in PyTorch's order. Every
/// product funnels into `batchedProduct` (Tensor+MatmulKernels.swift), which reads
/// float32 operands in place through their views and runs the packed, blocked kernel.
extension Tensor {
    /// `dot`: the inner product of two 1-d tensors of one dtype.
    public func dot(_ other: Tensor) throws -> Tensor {
        guard rank == 1, other.rank == 1 else {
            throw TensorError.runtime("1D tensors expected, but got \(rank)D and \(other.rank)D tensors")
        }
        guard dtype == other.dtype else {
            throw TensorError.runtime(
                "dot : expected both vectors to have same dtype, but found \(dtype.scalarTypeName) and \(other.dtype.scalarTypeName)")
        }
        guard count == other.count else {
            throw TensorError.runtime(
                "inconsistent tensor size, expected tensor [\(count)] and src [\(other.count)] to have the same number of elements, but got \(count) and \(other.count) elements respectively")
        }
        try rejectBool("dot")
        return try batchedProduct(view, other, other.view, batch: 1, rows: 1, inner: count, columns: 1, outputShape: [])
    }

    /// `mv`: matrix @ vector.
    public func mv(_ vector: Tensor) throws -> Tensor {
        guard rank == 2, vector.rank == 1 else {
            throw TensorError.runtime("vector + matrix @ vector expected, got 1, \(rank), \(vector.rank)")
        }
        guard shape[1] == vector.count else {
            throw TensorError.runtime(
                "size mismatch, got input (\(shape[0])), mat (\(shape[0])x\(shape[1])), vec (\(vector.count))")
        }
        guard dtype == vector.dtype else {
            let vectorType = vector.dtype.scalarTypeName
            throw TensorError.runtime(
                "addmv input tensors must have the same dtype, but got \(vectorType), \(dtype.scalarTypeName), and \(vectorType)")
        }
        try rejectBool("addmv_impl_cpu")
        return try batchedProduct(view, vector, vector.view, batch: 1, rows: shape[0], inner: shape[1], columns: 1, outputShape: [shape[0]])
    }

    /// `mm`: matrix @ matrix.
    public func mm(_ other: Tensor) throws -> Tensor {
        guard rank == 2 else { throw TensorError.runtime("mm: self must be a matrix, got \(rank)-D tensor") }
        guard other.rank == 2 else { throw TensorError.runtime("mm: mat2 must be a matrix, got \(other.rank)-D tensor") }
        guard shape[1] == other.shape[0] else {
            throw TensorError.runtime(
                "mm: mat1 and mat2 shapes cannot be multiplied (\(shape[0])x\(shape[1]) and \(other.shape[0])x\(other.shape[1]))")
        }
        guard dtype == other.dtype else {
            throw TensorError.runtime(
                "expected m1 and m2 to have the same dtype, but got: \(dtype.cppTypeName) != \(other.dtype.cppTypeName)")
        }
        try rejectBool("addmm_impl_cpu_")
        return try batchedProduct(view, other, other.view, batch: 1, rows: shape[0], inner: shape[1], columns: other.shape[1],
                                  outputShape: [shape[0], other.shape[1]])
    }

    /// `bmm`: a batch of matrix products; both operands 3-d with equal batch sizes.
    public func bmm(_ other: Tensor) throws -> Tensor {
        guard rank == 3 else { throw TensorError.runtime("batch1 must be a 3D tensor") }
        guard other.rank == 3 else { throw TensorError.runtime("batch2 must be a 3D tensor") }
        return try checkedBatchProduct(view, other, other.view)
    }

    /// The bmm checks and product on two 3-d views (of `self` and `other`).
    private func checkedBatchProduct(_ lhs: View, _ other: Tensor, _ rhs: View) throws -> Tensor {
        let (batch, rows, inner) = (lhs.shape[0], lhs.shape[1], lhs.shape[2])
        guard rhs.shape[0] == batch, rhs.shape[1] == inner else {
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(batch), \(inner)] but got: [\(rhs.shape[0]), \(rhs.shape[1])].")
        }
        try rejectBool("bmm")
        guard dtype == other.dtype else {
            throw TensorError.scalarTypeMismatch(expected: dtype, found: other.dtype)
        }
        let columns = rhs.shape[2]
        return try batchedProduct(lhs, other, rhs, batch: batch, rows: rows, inner: inner, columns: columns,
                                  outputShape: [batch, rows, columns])
    }

    /// `outer`: the outer product of two 1-d tensors, with type promotion (bool: and).
    public func outer(_ other: Tensor) throws -> Tensor {
        guard rank == 1 else { throw TensorError.runtime("outer: Expected 1-D argument self, but got \(rank)-D") }
        guard other.rank == 1 else { throw TensorError.runtime("outer: Expected 1-D argument vec2, but got \(other.rank)-D") }
        let outputType = DType.promote(dtype, other.dtype)
        let shape = [count, other.count]
        switch outputType {
        case .float32:
            let a = castDoubles(view: view, to: .float32).map { Float($0) }
            let b = other.castDoubles(view: other.view, to: .float32).map { Float($0) }
            return try Tensor(values: a.flatMap { x in b.map { x * $0 } }, shape: shape)
        case .float64, .float16, .bfloat16:
            // A product of two 16-bit floats is exact in Double, so one rounding matches float32 opmath.
            let a = castDoubles(view: view, to: outputType)
            let b = other.castDoubles(view: other.view, to: outputType)
            return try ResultBuilder.tensor(doubles: a.flatMap { x in b.map { x * $0 } }, shape: shape, dtype: outputType)
        default:
            let a = castInt64s(view: view, to: outputType)
            let b = other.castInt64s(view: other.view, to: outputType)
            return try ResultBuilder.tensor(int64s: a.flatMap { x in b.map { x &* $0 } }, shape: shape, dtype: outputType)
        }
    }

    func rejectBool(_ kernel: String) throws {
        if dtype == .bool {
            throw TensorError.kernelNotImplemented(kernel, .bool)
        }
    }

    /// `matmul` (`@`): dot, mv, mm, a folded mm/mv, or a broadcast bmm, chosen as
    /// PyTorch's `_matmul_impl` chooses, so errors name the same kernel.
    public func matmul(_ other: Tensor) throws -> Tensor {
        let (leftRank, rightRank) = (rank, other.rank)
        guard leftRank >= 1, rightRank >= 1 else {
            throw TensorError.runtime(
                "both arguments to matmul need to be at least 1D, but they are \(leftRank)D and \(rightRank)D")
        }
        switch (leftRank, rightRank) {
        case (1, 1): return try dot(other)
        case (2, 1): return try mv(other)
        case (1, 2):
            let row = viewing(View(shape: [1, shape[0]], strides: [0, strides[0]], offset: storageOffset))
            let product = try row.mm(other)
            return product.viewing(View(contiguous: [other.shape[1]]))
        case (2, 2): return try mm(other)
        default: break
        }
        if shouldFold(other) { return try foldedProduct(other) }
        return try broadcastBatchProduct(other)
    }

    /// PyTorch folds the larger operand into a matrix (and calls mm or mv) when the
    /// smaller is at most 2-d and the fold needs no copy.
    private func shouldFold(_ other: Tensor) -> Bool {
        let selfLarger = rank >= other.rank
        let larger = selfLarger ? view : other.view.matrixTransposed
        let smallerRank = selfLarger ? other.rank : rank
        guard larger.rank >= 3, smallerRank <= 2 else { return false }
        if rank == 2 { return false }
        if larger.count == 0 { return true }
        return larger.canFoldLeadingDims
    }

    private func foldedProduct(_ other: Tensor) throws -> Tensor {
        let transposed = other.rank > rank
        // After the swap: t1 is the >= 3-d operand, t2 a vector or matrix.
        let (t1Tensor, t1View) = transposed ? (other, other.view.matrixTransposed) : (self, view)
        let t2 = transposed ? self : other
        let leading = Array(t1View.shape.dropLast())
        let folded = leading.reduce(1, *)
        let last = t1View.shape[t1View.rank - 1]
        let foldedView = View(shape: [folded, last], strides: [t1View.foldedStride, t1View.strides[t1View.rank - 1]],
                              offset: t1View.offset)
        let matrix = t1Tensor.viewing(foldedView)
        if t2.rank == 2 {
            let product = try matrix.mm(t2)
            let outputShape = leading + [t2.shape[1]]
            // Only reached untransposed: a 2-d left operand is never folded.
            return product.viewing(View(contiguous: outputShape))
        }
        return try matrix.mv(t2).viewing(View(contiguous: leading))
    }

    /// The general case: broadcast the batch dims, then bmm. `allowingUnfusedTinyPath`:
    /// see `batchedProduct`.
    func broadcastBatchProduct(_ other: Tensor, allowingUnfusedTinyPath: Bool = true) throws -> Tensor {
        let rows = rank > 1 ? shape[rank - 2] : 1
        let inner = shape[rank - 1]
        let otherInner = other.rank > 1 ? other.shape[other.rank - 2] : other.shape[0]
        let columns = other.rank > 1 ? other.shape[other.rank - 1] : 1
        let leftBatch = Array(shape.prefix(Swift.max(rank - 2, 0)))
        let rightBatch = Array(other.shape.prefix(Swift.max(other.rank - 2, 0)))
        let batchShape = try broadcastShapes(leftBatch, rightBatch)
        let batch = batchShape.reduce(1, *)

        // A vector on the left is a 1-row matrix; on the right a 1-column matrix.
        let leftMatrix = rank == 1 ? View(shape: [1, inner], strides: [0, strides[0]], offset: storageOffset) : view
        let rightMatrix = other.rank == 1
            ? View(shape: [otherInner, 1], strides: [other.strides[0], 0], offset: other.storageOffset) : other.view
        let leftExpanded = broadcastView(leftMatrix, to: batchShape + [rows, inner])
        let rightExpanded = broadcastView(rightMatrix, to: batchShape + [otherInner, columns])
        var outputShape = batchShape
        if rank > 1 { outputShape.append(rows) }
        if other.rank > 1 { outputShape.append(columns) }
        // bmm's checks on the 3-d shapes; the expanded views' row-major order is the
        // (batch, rows, cols) layout bmm would see after the reshape.
        guard otherInner == inner else {
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(batch), \(inner)] but got: [\(batch), \(otherInner)].")
        }
        try rejectBool("bmm")
        guard dtype == other.dtype else {
            throw TensorError.scalarTypeMismatch(expected: dtype, found: other.dtype)
        }
        return try batchedProduct(leftExpanded, other, rightExpanded, batch: batch, rows: rows, inner: inner,
                                  columns: columns, outputShape: outputShape, allowingUnfusedTinyPath: allowingUnfusedTinyPath)
    }
}

extension View {
    /// `mT`: the last two dims swapped.
    var matrixTransposed: View {
        var newShape = shape
        var newStrides = strides
        newShape.swapAt(rank - 1, rank - 2)
        newStrides.swapAt(rank - 1, rank - 2)
        return View(shape: newShape, strides: newStrides, offset: offset)
    }

    /// Can all dims but the last merge into one without a copy (size-1 dims ignored)?
    var canFoldLeadingDims: Bool {
        var previous: (size: Int, stride: Int)?
        for dim in 0..<(rank - 1) where shape[dim] != 1 {
            if let previous, previous.stride != strides[dim] * shape[dim] { return false }
            previous = (shape[dim], strides[dim])
        }
        return true
    }

    /// The stride of the merged leading dims (that of the innermost one of size > 1).
    var foldedStride: Int {
        for dim in stride(from: rank - 2, through: 0, by: -1) where shape[dim] != 1 { return strides[dim] }
        return 1
    }
}
