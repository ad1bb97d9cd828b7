/// The operands of an einsum lined up in one dim order, and their contraction.

extension EinsumPlan {
    /// Each operand as a term with `alignedRank` dims. Checks sizes in aten's order:
    /// labels and ellipsis dims broadcast (size 1 fits anything); repeated labels in one
    /// operand must match and select the diagonal.
    func alignedTerms(_ operands: [Tensor]) throws -> [EinsumTerm] {
        var labelSize = [Int](repeating: 1, count: 52)
        var ellipsisSizes = [Int](repeating: 1, count: ellipsisRank)
        var terms: [EinsumTerm] = []
        for (operandIndex, tensor) in operands.enumerated() {
            let labels = operandLabels[operandIndex]
            var alignedShape = [Int](repeating: 1, count: alignedRank)
            var alignedStrides = [Int](repeating: 0, count: alignedRank)
            var sourceDim = [Int](repeating: -1, count: alignedRank)
            var dim = 0
            for label in labels {
                if label == EinsumPlan.ellipsis {
                    let covered = tensor.rank - (labels.count - 1)
                    for slot in (ellipsisRank - covered)..<ellipsisRank {
                        let size = tensor.shape[dim]
                        if size != 1 {
                            guard ellipsisSizes[slot] == 1 || ellipsisSizes[slot] == size else {
                                throw TensorError.runtime(
                                    "einsum(): dimension \(dim) covered by ellipsis in operand \(operandIndex)has size \(size) which does not broadcast with previously seen ellipsis with size \(ellipsisSizes[slot]) for the respective dimension")
                            }
                            ellipsisSizes[slot] = size
                        }
                        let position = ellipsisPosition + slot
                        alignedShape[position] = size
                        alignedStrides[position] = tensor.strides[dim]
                        sourceDim[position] = dim
                        dim += 1
                    }
                    continue
                }
                let position = labelPosition[label]
                let size = tensor.shape[dim]
                if sourceDim[position] == -1 {
                    if size != 1 {
                        guard labelSize[label] == 1 || labelSize[label] == size else {
                            throw TensorError.runtime(
                                "einsum(): subscript \(EinsumPlan.labelName(label)) has size \(size) for operand \(operandIndex) which does not broadcast with previously seen size \(labelSize[label])")
                        }
                        labelSize[label] = size
                    }
                    alignedShape[position] = size
                    alignedStrides[position] = tensor.strides[dim]
                    sourceDim[position] = dim
                } else {
                    // A repeated label walks the diagonal: both strides at once.
                    let previousSize = tensor.shape[sourceDim[position]]
                    guard size == previousSize else {
                        throw TensorError.runtime(
                            "einsum(): subscript \(EinsumPlan.labelName(label)) is repeated for operand \(operandIndex) but the sizes don't match, \(size) != \(previousSize)")
                    }
                    alignedStrides[position] += tensor.strides[dim]
                }
                dim += 1
            }
            let view = View(shape: alignedShape, strides: alignedStrides, offset: tensor.storageOffset)
            // Each term is copied into a Swift array: an expanded operand must fit the budget.
            try ensureAllocatable(shape: alignedShape)
            terms.append(EinsumTerm(tensor, view: view))
        }
        return terms
    }
}

/// An intermediate einsum result: contiguous values over the aligned dims (summed dims
/// have size 1), as Double for floating dtypes and Int64 otherwise.
struct EinsumTerm {
    var shape: [Int]
    var dtype: DType
    var doubles: [Double] = []
    var integers: [Int64] = []

    init(_ tensor: Tensor, view: View) {
        shape = view.shape
        dtype = tensor.dtype
        if dtype == .float32 {
            // Read float32 storage directly: the generic per-element cast cost more than
            // the matrix product itself for `ij,jk->ik` at 512.
            doubles = tensor.copyElements(view, as: Float.self).map { Double($0) }
        } else if dtype.isFloatingPoint {
            doubles = tensor.castDoubles(view: view, to: .float64)
        } else {
            integers = tensor.castInt64s(view: view, to: .int64)
        }
    }

    private init(shape: [Int], dtype: DType) {
        self.shape = shape
        self.dtype = dtype
    }

    /// An empty term of `shape` whose values the caller fills (see MatmulEinsumContraction.swift).
    init(tensorShape shape: [Int], dtype: DType) {
        self.init(shape: shape, dtype: dtype)
    }

    /// out[kept dims] = Σ over `summing` of self · other (other broadcasting), in `dtype`.
    func contracted(with other: EinsumTerm?, summing: [Int], dtype outputType: DType) throws -> EinsumTerm {
        if let other, outputType == .float32, let product = try productContracted(with: other, summing: summing) {
            return product
        }
        let rank = shape.count
        var iteration = shape
        if let other { for dim in 0..<rank { iteration[dim] = Swift.max(shape[dim], other.shape[dim]) } }
        var outputShape = iteration
        for dim in summing { outputShape[dim] = 1 }
        let outputStrides = EinsumTerm.broadcastStrides(outputShape)
        let selfStrides = EinsumTerm.broadcastStrides(shape)
        let otherStrides = other.map { EinsumTerm.broadcastStrides($0.shape) } ?? [Int](repeating: 0, count: rank)
        var result = EinsumTerm(shape: outputShape, dtype: outputType)
        // Broadcasting two terms can multiply out past what an Int (or the budget) holds.
        let total = try checkedElementCount(iteration)
        let outputCount = try checkedElementCount(outputShape)
        try ensureAllocatable(elements: outputCount)
        let floating = outputType.isFloatingPoint
        var sums = [Double](repeating: 0, count: floating ? outputCount : 0)
        var integerSums = [Int64](repeating: 0, count: floating ? 0 : outputCount)
        // Operands in the output's number type: Double, or Int64 for integers and bool.
        let left = floating ? (dtype.isFloatingPoint ? doubles : integers.map { Double($0) }) : []
        let leftIntegers = floating ? [] : integers
        let right = other.map { term in floating ? (term.dtype.isFloatingPoint ? term.doubles : term.integers.map { Double($0) }) : [] } ?? []
        let rightIntegers = floating ? [] : (other?.integers ?? [])

        if total > 0 {
            var counter = [Int](repeating: 0, count: rank)
            var (outputIndex, selfIndex, otherIndex) = (0, 0, 0)
            for _ in 0..<total {
                if floating {
                    sums[outputIndex] += other == nil ? left[selfIndex] : left[selfIndex] * right[otherIndex]
                } else {
                    let value = other == nil ? leftIntegers[selfIndex] : leftIntegers[selfIndex] &* rightIntegers[otherIndex]
                    integerSums[outputIndex] &+= value
                }
                var dim = rank - 1
                while dim >= 0 {
                    counter[dim] += 1
                    outputIndex += outputStrides[dim]
                    selfIndex += selfStrides[dim]
                    otherIndex += otherStrides[dim]
                    if counter[dim] < iteration[dim] { break }
                    outputIndex -= outputStrides[dim] * iteration[dim]
                    selfIndex -= selfStrides[dim] * iteration[dim]
                    otherIndex -= otherStrides[dim] * iteration[dim]
                    counter[dim] = 0
                    dim -= 1
                }
            }
        }
        // Round to the dtype after every step, as each aten op would.
        switch outputType {
        case .float16: result.doubles = sums.map { Float16(convertingDouble: $0).doubleValue }
        case .bfloat16: result.doubles = sums.map { BFloat16(convertingDouble: $0).doubleValue }
        case .float32: result.doubles = sums.map { Double(Float($0)) }
        case .float64: result.doubles = sums
        case .bool: result.integers = integerSums.map { $0 != 0 ? 1 : 0 }
        case .uint8: result.integers = integerSums.map { Int64(UInt8(truncatingIfNeeded: $0)) }
        case .int8: result.integers = integerSums.map { Int64(Int8(truncatingIfNeeded: $0)) }
        case .int16: result.integers = integerSums.map { Int64(Int16(truncatingIfNeeded: $0)) }
        case .int32: result.integers = integerSums.map { Int64(Int32(truncatingIfNeeded: $0)) }
        case .int64: result.integers = integerSums
        }
        return result
    }

    /// Contiguous strides, with 0 for size-1 dims so they broadcast.
    private static func broadcastStrides(_ shape: [Int]) -> [Int] {
        var strides = View.contiguousStrides(for: shape)
        for dim in 0..<shape.count where shape[dim] == 1 { strides[dim] = 0 }
        return strides
    }

    /// The result tensor: the first `rank` dims (the remaining ones have size 1).
    func tensor(rank: Int) throws -> Tensor {
        let outputShape = Array(shape.prefix(rank))
        if dtype.isFloatingPoint {
            return try ResultBuilder.tensor(doubles: doubles, shape: outputShape, dtype: dtype)
        }
        return try ResultBuilder.tensor(int64s: integers, shape: outputShape, dtype: dtype)
    }
}
