/// `torch.linalg.solve` and `torch.linalg.cross`.
extension Tensor {
    /// Whether `linalg.solve` reads `other` as a (batch of) vector(s) rather than matrices,
    /// by PyTorch's rule: 1-D, or exactly A's batch-and-row shape.
    public func solveTreatsAsVector(_ other: Tensor) -> Bool {
        other.rank == 1 || (other.rank == rank - 1 && other.shape == Array(shape.dropLast()))
    }

    /// Solves A X = B for X with the batch dims broadcast; a vector B gives a vector X.
    public func solve(_ other: Tensor) throws -> Tensor {
        let order = try checkSquareMatrices(self, "linalg.solve")
        let vectorCase = solveTreatsAsVector(other)
        let rightHandSide = vectorCase ? try other.reshape(other.shape + [1]) : other
        guard rightHandSide.rank >= 2, rightHandSide.shape[rightHandSide.rank - 2] == order else {
            let columns = rightHandSide.rank >= 2 ? rightHandSide.shape[rightHandSide.rank - 1] : 1
            let rows = rightHandSide.rank >= 2 ? rightHandSide.shape[rightHandSide.rank - 2] : rightHandSide.count
            throw TensorError.runtime("linalg.solve: Incompatible shapes of A and B for the equation AX = B (\(order)x\(order) and \(rows)x\(columns))")
        }
        let columns = rightHandSide.shape[rightHandSide.rank - 1]
        let batchShape = try broadcastShapes(Array(shape.dropLast(2)), Array(rightHandSide.shape.dropLast(2)))
        let matrices = try expand(batchShape + [order, order])
        let rightHandSides = try rightHandSide.expand(batchShape + [order, columns]).doubles()
        let (factors, _) = try luFactorBatch(matrices, "linalg.solve")
        var result: [Double] = []
        result.reserveCapacity(rightHandSides.count)
        for (index, factor) in factors.enumerated() {
            if factor.firstZeroPivot != nil { throw TensorError(.linAlgError, "torch.linalg.solve: The solver failed because the input matrix is singular.") }
            let base = index * order * columns
            let solutions = (0..<columns).map { column in
                factor.solve((0..<order).map { rightHandSides[base + $0 * columns + column] })
            }
            for row in 0..<order { for column in 0..<columns { result.append(solutions[column][row]) } }
        }
        let dtype = DType.promote(self.dtype, other.dtype)
        let solved = try tensorOfDoubles(result, shape: batchShape + [order, columns], dtype: dtype)
        return vectorCase ? try solved.reshape(Array(solved.shape.dropLast())) : solved
    }

    /// The cross product of 3-vectors along `dim`, broadcasting the other dims:
    /// (a₁b₂ − a₂b₁, a₂b₀ − a₀b₂, a₀b₁ − a₁b₀), each term rounded in the tensors' dtype.
    public func cross(_ other: Tensor, dim: Int) throws -> Tensor {
        guard rank == other.rank else { throw TensorError.runtime("linalg.cross: inputs must have the same number of dimensions.") }
        let shape = try broadcastShapes(self.shape, other.shape)
        let axis = try normalizeDim(dim, rank: shape.count)
        guard self.shape.count > 0, other.shape.count > 0, axis - (shape.count - self.rank) >= 0, axis - (shape.count - other.rank) >= 0,
              self.shape[axis - (shape.count - self.rank)] == 3, other.shape[axis - (shape.count - other.rank)] == 3 else {
            let length: (Tensor) -> String = { tensor in
                let local = axis - (shape.count - tensor.rank)
                return local >= 0 && local < tensor.rank ? String(tensor.shape[local]) : "1"
            }
            throw TensorError.runtime("linalg.cross: inputs dimension \(dim) must have length 3. Got \(length(self)) and \(length(other))")
        }
        let dtype = DType.promote(self.dtype, other.dtype)
        let a = try expand(shape).movedim([axis], [shape.count - 1]).doubles()
        let b = try other.expand(shape).movedim([axis], [shape.count - 1]).doubles()
        var result = [Double](repeating: 0, count: a.count)
        for base in stride(from: 0, to: a.count, by: 3) {
            for (slot, (i, j)) in [(1, 2), (2, 0), (0, 1)].enumerated() {
                result[base + slot] = crossTerm(a[base + i], b[base + j], a[base + j], b[base + i], dtype: dtype)
            }
        }
        var movedShape = shape
        movedShape.append(movedShape.remove(at: axis))
        return try tensorOfDoubles(result, shape: movedShape, dtype: dtype).movedim([shape.count - 1], [axis]).contiguous()
    }
}

/// x·y − z·w as ATen's vectorized kernel computes it: z·w rounded in the dtype, then one
/// fused multiply-subtract, so cross(a, a) leaves the same tiny residues PyTorch prints.
private func crossTerm(_ x: Double, _ y: Double, _ z: Double, _ w: Double, dtype: DType) -> Double {
    switch dtype {
    case .float32:
        let right = Double(Float(z * w))
        return Double(Float(x * y - right))
    case .float64: return (-(z * w)).addingProduct(x, y)
    default: return x * y - z * w
    }
}
