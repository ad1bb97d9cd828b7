import Foundation

/// Sums, means, products, variance and norms. float32 and float64 sums and means follow
/// PyTorch's cascade exactly (Tensor+CascadeSum.swift); other floating results accumulate
/// in Double and round once at the end, at least as accurate as PyTorch's.
extension Tensor {
    /// `sum`: bool and integer inputs give int64 unless `dtype` says otherwise; with a
    /// `dtype`, every element is converted first, as PyTorch does.
    public func sum(dims: [Int]?, keepDim: Bool, dtype: DType? = nil) throws -> Tensor {
        let layout = try ReductionLayout(self, dims: dims, keepDim: keepDim)
        let outputType = dtype ?? self.dtype.accumulatingSumType
        if self.dtype == .float32, outputType == .float32 { return try cascadeSum(layout, Float.self) }
        if self.dtype == .float64, outputType == .float64 { return try cascadeSum(layout, Double.self) }
        // ATen converts the input to the requested float64 first, then sums that.
        if outputType == .float64 { return try to(.float64).sum(dims: dims, keepDim: keepDim) }
        if outputType.isFloatingPoint {
            let values = castDoubles(view: layout.laneView, to: outputType)
            let sums = foldLanes(values, layout: layout, initial: 0.0) { $0 + $1 }
            return try ResultBuilder.tensor(doubles: sums, shape: layout.outputShape, dtype: outputType)
        }
        let values = castInt64s(view: layout.laneView, to: outputType)
        let sums = foldLanes(values, layout: layout, initial: Int64(0)) { $0 &+ $1 }
        return try ResultBuilder.tensor(int64s: sums, shape: layout.outputShape, dtype: outputType)
    }

    /// `mean`: only floating inputs, or an explicit floating `dtype`. Empty lanes give nan.
    public func mean(dims: [Int]?, keepDim: Bool, dtype: DType? = nil) throws -> Tensor {
        if let dtype, !dtype.isFloatingPoint {
            throw TensorError(.notImplementedError, .meanNeedsFloat(dtypeArgument: true, dtype: dtype))
        }
        if dtype == nil, !self.dtype.isFloatingPoint {
            throw TensorError(.notImplementedError, .meanNeedsFloat(dtypeArgument: false, dtype: self.dtype))
        }
        let outputType = dtype ?? self.dtype
        let layout = try ReductionLayout(self, dims: dims, keepDim: keepDim)
        if self.dtype == .float32, outputType == .float32 { return try cascadeMean(layout, Float.self) }
        // ATen converts the input to the requested float64 first, then averages that.
        if outputType == .float64, self.dtype != .float64 { return try to(.float64).mean(dims: dims, keepDim: keepDim) }
        if outputType == .float64 { return try cascadeMean(layout, Double.self) }
        let values = castDoubles(view: layout.laneView, to: outputType)
        let count = Double(layout.laneLength)
        let means = foldLanes(values, layout: layout, initial: 0.0) { $0 + $1 }.map { $0 / count }
        return try ResultBuilder.tensor(doubles: means, shape: layout.outputShape, dtype: outputType)
    }

    /// PyTorch's CPU mean of float32 and float64: the cascade sum divided by the count.
    private func cascadeMean<T: CascadeElement>(_ layout: ReductionLayout, _: T.Type) throws -> Tensor {
        let sums = try cascadeSum(layout, T.self)
        let divisor = T(layout.laneLength)
        let values = sums.pointer(T.self)
        for index in 0..<sums.count { values[index] /= divisor }
        return sums
    }

    /// `prod` over one dim, or everything when `dim` is nil. Integers widen like `sum`.
    public func prod(dim: Int?, keepDim: Bool, dtype: DType? = nil) throws -> Tensor {
        let layout = try ReductionLayout(self, dims: dim.map { [$0] }, keepDim: dim == nil ? false : keepDim)
        let outputType = dtype ?? self.dtype.accumulatingSumType
        switch outputType {
        case .float32:
            if self.dtype == .float32, let products = try productsInATenOrder(dim: dim, layout: layout, SIMD8<Float>.self) {
                return try Tensor(values: products, shape: layout.outputShape)
            }
            // Accumulate in Float so overflow to inf happens where PyTorch's does.
            let values = castDoubles(view: layout.laneView, to: .float32).map { Float($0) }
            let products = foldLanes(values, layout: layout, initial: Float(1)) { $0 * $1 }
            return try Tensor(values: products, shape: layout.outputShape)
        case .float16, .bfloat16:
            // PyTorch multiplies in the 16-bit dtype itself, so every partial product rounds.
            let values = castDoubles(view: layout.laneView, to: outputType)
            let products = foldLanes(values, layout: layout, initial: 1.0) { outputType.roundedToPrecision($0 * $1) }
            return try ResultBuilder.tensor(doubles: products, shape: layout.outputShape, dtype: outputType)
        case .float64:
            if self.dtype == .float64, let products = try productsInATenOrder(dim: dim, layout: layout, SIMD4<Double>.self) {
                return try Tensor(values: products, shape: layout.outputShape)
            }
            let values = castDoubles(view: layout.laneView, to: .float64)
            let products = foldLanes(values, layout: layout, initial: 1.0) { $0 * $1 }
            return try Tensor(values: products, shape: layout.outputShape)
        default:
            let values = castInt64s(view: layout.laneView, to: outputType)
            let products = foldLanes(values, layout: layout, initial: Int64(1)) { $0 &* $1 }
            return try ResultBuilder.tensor(int64s: products, shape: layout.outputShape, dtype: outputType)
        }
    }

    /// `var`: Σ(x - mean)² / max(0, N - correction); a zero divisor gives inf or nan.
    public func variance(dims: [Int]?, correction: Double, keepDim: Bool) throws -> Tensor {
        let (values, layout) = try centredSquares(dims: dims, correction: correction, keepDim: keepDim)
        return try ResultBuilder.tensor(doubles: values, shape: layout.outputShape, dtype: dtype)
    }

    /// `std`: the square root of `variance`.
    public func standardDeviation(dims: [Int]?, correction: Double, keepDim: Bool) throws -> Tensor {
        let (values, layout) = try centredSquares(dims: dims, correction: correction, keepDim: keepDim)
        return try ResultBuilder.tensor(doubles: values.map { $0.squareRoot() }, shape: layout.outputShape, dtype: dtype)
    }

    private func centredSquares(dims: [Int]?, correction: Double, keepDim: Bool) throws -> ([Double], ReductionLayout) {
        guard dtype.isFloatingPoint else {
            throw TensorError(.notImplementedError, "std and var only support floating point and complex dtypes")
        }
        let layout = try ReductionLayout(self, dims: dims, keepDim: keepDim)
        if layout.outerCount == 1, let variance = try varianceOfAll(correction: correction) {
            return ([variance], layout)
        }
        let values = castDoubles(view: layout.laneView, to: .float64)
        let length = layout.laneLength
        let divisor = Swift.max(0, Double(length) - correction)
        var result = [Double](repeating: 0, count: layout.outerCount)
        for lane in 0..<layout.outerCount {
            let start = lane * length
            var total = 0.0
            for index in start..<(start + length) { total += values[index] }
            let mean = total / Double(length)
            var squares = 0.0
            for index in start..<(start + length) {
                let deviation = values[index] - mean
                squares += deviation * deviation
            }
            result[lane] = length == 0 ? .nan : squares / divisor
        }
        return (result, layout)
    }

    /// `norm` / `linalg.vector_norm`: p = 2 (and 'fro'), 1, 0 (count of non-zeros),
    /// ±inf (max/min of |x|) or any other p as (Σ|x|^p)^(1/p).
    public func norm(p: Double, dims: [Int]?, keepDim: Bool) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError(.notImplementedError,
                "linalg.vector_norm: Expected a floating point or complex tensor as input. Got \(dtype.scalarTypeName)")
        }
        let layout = try ReductionLayout(self, dims: dims, keepDim: keepDim)
        // Max and min of |x|, and negative powers, have no value on an empty lane.
        if p < 0 || p == .infinity {
            let order = formatScalarDouble(p)
            if count == 0, dims == nil || dims?.isEmpty == true {
                throw TensorError.runtime(
                    "linalg.vector_norm cannot compute the \(order) norm on an empty tensor because the operation does not have an identity")
            }
            if let empty = layout.emptyReducedDim(in: shape) {
                throw TensorError.runtime(
                    "linalg.vector_norm cannot compute the \(order) norm on the dimension \(empty)because this dimension is empty and the operation does not have an identity")
            }
        }
        if p == 2, let norms = try float32RunTwoNorms(layout) { return norms }
        if let norms = try float32SequentialNorms(layout, p: p) { return norms }
        let magnitudes = castDoubles(view: layout.laneView, to: .float64).map { Swift.abs($0) }
        let norms: [Double]
        switch p {
        case .infinity:
            norms = foldLanes(magnitudes, layout: layout, initial: -Double.infinity) { propagatingMax($0, $1) }
        case -.infinity:
            norms = foldLanes(magnitudes, layout: layout, initial: Double.infinity) { propagatingMin($0, $1) }
        case 0:
            norms = foldLanes(magnitudes, layout: layout, initial: 0.0) { $0 + ($1 != 0 ? 1 : 0) }
        case 1:
            norms = foldLanes(magnitudes, layout: layout, initial: 0.0) { $0 + $1 }
        case 2:
            norms = foldLanes(magnitudes, layout: layout, initial: 0.0) { $0 + $1 * $1 }.map { $0.squareRoot() }
        case _ where dtype == .float64:
            norms = foldLanes(magnitudes, layout: layout, initial: 0.0) { $0 + Foundation.pow($1, p) }
                .map { Foundation.pow($0, 1 / p) }
        default:
            // ATen's NormOps accumulate in float for float tensors and take the root with
            // the float exponent 1/p (0.33333334 for p = 3), so the root rounds as theirs does.
            let order = Float(p), root = 1 / Float(p)
            norms = foldLanes(magnitudes, layout: layout, initial: 0.0) { Double(Float($0) + Foundation.pow(Float($1), order)) }
                .map { Double(Foundation.pow(Float($0), root)) }
        }
        return try ResultBuilder.tensor(doubles: norms, shape: layout.outputShape, dtype: dtype)
    }

    /// `logsumexp`: max + log Σ exp(x - max), with an infinite max replaced by 0 as
    /// PyTorch does, so all -inf gives -inf and any +inf gives inf. Integers become float32.
    public func logSumExp(dims: [Int], keepDim: Bool) throws -> Tensor {
        if dims.isEmpty, rank > 0, !keepDim {
            // PyTorch reduces everything, then fails to add the kept-dims max back.
            throw TensorError.runtime(
                "output with shape [] doesn't match the broadcast shape \(formatShape([Int](repeating: 1, count: rank)))")
        }
        let outputType = dtype.isFloatingPoint ? dtype : defaultFloatDType
        let layout = try ReductionLayout(self, dims: dims, keepDim: keepDim)
        let length = layout.laneLength
        if dtype == .float32 {
            // Lanes laid out as consecutive rows (a transposed copy when the reduced dims are not innermost).
            let lanes = viewing(layout.laneView)
            let rows = lanes.isContiguous ? lanes : try lanes.contiguous()
            let result = try rows.float32RowLogSumExps(offset: rows.storageOffset, rows: layout.outerCount, length: length)
            return try ResultBuilder.tensor(doubles: result, shape: layout.outputShape, dtype: outputType)
        }
        let values = castDoubles(view: layout.laneView, to: outputType)
        let result = (0..<layout.outerCount).map { lane in
            exactLogSumExp(count: length) { values[lane &* length &+ $0] }
        }
        return try ResultBuilder.tensor(doubles: result, shape: layout.outputShape, dtype: outputType)
    }

    /// `cumsum`: running sums along `dim`; integers widen to int64 unless `dtype` is given.
    public func cumsum(dim: Int, dtype: DType? = nil) throws -> Tensor {
        if self.dtype == .float32, dtype == nil || dtype == .float32, rank > 0 {
            return try float32CumulativeSum(axis: normalizeDim(dim, rank: rank))
        }
        return try scan(dim: dim, dtype: dtype, identity: 0, combineDouble: { $0 + $1 }, combineInt: { $0 &+ $1 })
    }

    /// `cumprod`: running products along `dim`.
    public func cumprod(dim: Int, dtype: DType? = nil) throws -> Tensor {
        if self.dtype == .float32, dtype == nil || dtype == .float32, rank > 0 {
            return try float32CumulativeProduct(axis: normalizeDim(dim, rank: rank))
        }
        return try scan(dim: dim, dtype: dtype, identity: 1, combineDouble: { $0 * $1 }, combineInt: { $0 &* $1 })
    }

    private func scan(
        dim: Int, dtype: DType?, identity: Int64,
        combineDouble: (Double, Double) -> Double, combineInt: (Int64, Int64) -> Int64
    ) throws -> Tensor {
        let axis = try normalizeDim(dim, rank: rank)
        // Values, positions and results, one word each per element.
        return try withScratch(elements: count, bytesPerElement: 24) {
            try scanUncounted(axis: axis, dtype: dtype, identity: identity, combineDouble: combineDouble, combineInt: combineInt)
        }
    }

    private func scanUncounted(
        axis: Int, dtype: DType?, identity: Int64,
        combineDouble: (Double, Double) -> Double, combineInt: (Int64, Int64) -> Int64
    ) throws -> Tensor {
        let outputType = dtype ?? self.dtype.accumulatingSumType
        let (moved, length) = movingDimLast(axis)
        let destinations = positionsAfterMovingBack(shape: shape, dim: axis)
        let lanes = length == 0 ? 0 : count / length
        if outputType.isFloatingPoint {
            let values = castDoubles(view: moved, to: outputType)
            var result = [Double](repeating: 0, count: values.count)
            for lane in 0..<lanes {
                try OperationStop.check()
                var running = Double(identity)
                for step in 0..<length {
                    if step & 0xFFFF == 0xFFFF { try OperationStop.check() }
                    let index = lane * length + step
                    running = combineDouble(running, values[index])
                    // The 16-bit floats accumulate in float32, so their running value rounds
                    // each step; float32 accumulates in double, as PyTorch's CPU kernel does.
                    if outputType.isReducedFloat { running = Double(Float(running)) }
                    result[destinations[index]] = running
                }
            }
            return try ResultBuilder.tensor(doubles: result, shape: shape, dtype: outputType)
        }
        let values = castInt64s(view: moved, to: outputType)
        var result = [Int64](repeating: 0, count: values.count)
        for lane in 0..<lanes {
            try OperationStop.check()
            var running = identity
            for step in 0..<length {
                if step & 0xFFFF == 0xFFFF { try OperationStop.check() }
                let index = lane * length + step
                running = combineInt(running, values[index])
                result[destinations[index]] = running
            }
        }
        return try ResultBuilder.tensor(int64s: result, shape: shape, dtype: outputType)
    }
}

/// Folds each lane of `values` (laid out by `layout`) into one value.
@inline(__always)
func foldLanes<T>(_ values: [T], layout: ReductionLayout, initial: T, _ combine: (T, T) -> T) -> [T] {
    let length = layout.laneLength
    var result = [T](repeating: initial, count: layout.outerCount)
    values.withUnsafeBufferPointer { buffer in
        for lane in 0..<layout.outerCount {
            var accumulator = initial
            let start = lane * length
            for index in start..<(start + length) { accumulator = combine(accumulator, buffer[index]) }
            result[lane] = accumulator
        }
    }
    return result
}

/// max/min in which nan wins, as in PyTorch's reductions.
@inline(__always)
func propagatingMax(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return .nan }
    return a >= b ? a : b
}

@inline(__always)
func propagatingMin(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return .nan }
    return a <= b ? a : b
}
