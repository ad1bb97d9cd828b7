/// Shared machinery for reductions: which dims are reduced, the output shape, and the
/// input rearranged so each output element's inputs ("lane") sit next to each other.

/// The reduced dims of one reduction, normalized, and the shapes on either side of it.
struct ReductionLayout {
    /// Normalized reduced dims, ascending. For a 0-dim input this may hold dim 0, which
    /// has no real extent: PyTorch treats a scalar as having one element along it.
    let reducedDims: [Int]
    /// Output shape, honouring keepDim.
    let outputShape: [Int]
    /// Number of output elements.
    let outerCount: Int
    /// Number of inputs folded into each output element.
    let laneLength: Int
    /// The input's view reordered as [kept dims..., reduced dims...], so that its
    /// row-major order walks one lane after another.
    let laneView: View

    /// `dims == nil` or an empty list reduces every dim (what `sum(dim=[])` does).
    init(shape: [Int], strides: [Int], offset: Int, dims: [Int]?, keepDim: Bool) throws {
        let rank = shape.count
        var reduced: [Int]
        if let dims, !dims.isEmpty {
            reduced = try normalizeDims(dims, rank: rank).sorted()
        } else {
            reduced = Array(0..<rank)
        }
        if rank == 0 { reduced = [] }
        // A flag per dim rather than a Set: this runs on every reduction, small ones included.
        var isReduced = [Bool](repeating: false, count: rank)
        for dim in reduced { isReduced[dim] = true }
        var kept: [Int] = []
        for dim in 0..<rank where !isReduced[dim] { kept.append(dim) }

        var output: [Int] = []
        for dim in 0..<rank {
            if isReduced[dim] {
                if keepDim { output.append(1) }
            } else {
                output.append(shape[dim])
            }
        }
        let order = kept + reduced
        self.reducedDims = reduced
        self.outputShape = output
        // Reducing an empty dim can still make a huge output (`zeros(0, 2**33).prod(0)`),
        // and reductions fill a scratch array of one Double per output first: both are
        // refused here, before any array exists.
        try ensureAllocatable(shape: output, itemSize: MemoryLayout<Double>.stride)
        self.outerCount = try checkedElementCount(kept.map { shape[$0] })
        self.laneLength = try checkedElementCount(reduced.map { shape[$0] })
        self.laneView = View(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: offset)
    }

    init(_ tensor: Tensor, dims: [Int]?, keepDim: Bool) throws {
        try self.init(shape: tensor.shape, strides: tensor.strides, offset: tensor.storageOffset, dims: dims, keepDim: keepDim)
    }

    /// The first reduced dim with no elements, if any: reductions without an identity
    /// (max, argmax, median ...) refuse it.
    func emptyReducedDim(in shape: [Int]) -> Int? {
        reducedDims.first { $0 < shape.count && shape[$0] == 0 }
    }
}

extension Tensor {
    /// The reduced dims `reducedDims` as a view whose row-major walk visits them in
    /// TensorIterator's order, the fastest dim innermost, from `offset`: the order in
    /// which ATen's one-by-one reductions add a lane's elements.
    func reductionWalk(_ reducedDims: [Int], offset: Int) -> View {
        let reduced = Set(reducedDims)
        let walk = ReductionIterationPlan(shape: shape, strides: strides, reducedDims: reducedDims)
            .dimOrder.filter { reduced.contains($0) }.reversed()
        return View(shape: walk.map { shape[$0] }, strides: walk.map { strides[$0] }, offset: offset)
    }

    /// The elements, converted, laid out lane after lane for `layout`.
    func laneElements<T: TensorElement>(_ layout: ReductionLayout, as type: T.Type) -> [T] {
        viewing(layout.laneView).elements(as: T.self)
    }

    /// A tensor with the elements of `view` (all other dims kept) moved so that `dim`
    /// is last: one lane per position of the other dims, for scans and sorts.
    func movingDimLast(_ dim: Int) -> (view: View, laneLength: Int) {
        guard rank > 0 else { return (view, 1) }
        var order = Array(0..<rank)
        order.remove(at: dim)
        order.append(dim)
        let moved = View(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: storageOffset)
        return (moved, shape[dim])
    }
}

/// The inverse of `movingDimLast`: element `i` of the moved order lands at the returned
/// row-major index of the original shape.
func positionsAfterMovingBack(shape: [Int], dim: Int) -> [Int] {
    guard shape.count > 0 else { return [0] }
    let strides = View.contiguousStrides(for: shape)
    var order = Array(0..<shape.count)
    order.remove(at: dim)
    order.append(dim)
    let moved = View(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: 0)
    return moved.offsets()
}

/// Builds new contiguous tensors from computed values.
enum ResultBuilder {
    static func tensor(doubles values: [Double], shape: [Int], dtype: DType) throws -> Tensor {
        switch dtype {
        case .bool: try Tensor(values: values.map { Bool(convertingDouble: $0) }, shape: shape)
        case .uint8: try Tensor(values: values.map { UInt8(convertingDouble: $0) }, shape: shape)
        case .int8: try Tensor(values: values.map { Int8(convertingDouble: $0) }, shape: shape)
        case .int16: try Tensor(values: values.map { Int16(convertingDouble: $0) }, shape: shape)
        case .int32: try Tensor(values: values.map { Int32(convertingDouble: $0) }, shape: shape)
        case .int64: try Tensor(values: values.map { Int64(convertingDouble: $0) }, shape: shape)
        case .float16: try Tensor(values: values.map { Float16(convertingDouble: $0) }, shape: shape)
        case .bfloat16: try Tensor(values: values.map { BFloat16(convertingDouble: $0) }, shape: shape)
        case .float32: try Tensor(values: values.map { Float($0) }, shape: shape)
        case .float64: try Tensor(values: values, shape: shape)
        }
    }

    static func tensor(int64s values: [Int64], shape: [Int], dtype: DType) throws -> Tensor {
        switch dtype {
        case .bool: try Tensor(values: values.map { $0 != 0 }, shape: shape)
        case .uint8: try Tensor(values: values.map { UInt8(truncatingIfNeeded: $0) }, shape: shape)
        case .int8: try Tensor(values: values.map { Int8(truncatingIfNeeded: $0) }, shape: shape)
        case .int16: try Tensor(values: values.map { Int16(truncatingIfNeeded: $0) }, shape: shape)
        case .int32: try Tensor(values: values.map { Int32(truncatingIfNeeded: $0) }, shape: shape)
        case .int64: try Tensor(values: values, shape: shape)
        case .float16: try Tensor(values: values.map { Float16(convertingInt64: $0) }, shape: shape)
        case .bfloat16: try Tensor(values: values.map { BFloat16(convertingInt64: $0) }, shape: shape)
        case .float32: try Tensor(values: values.map { Float($0) }, shape: shape)
        case .float64: try Tensor(values: values.map { Double($0) }, shape: shape)
        }
    }

    /// A copy of `tensor`'s elements reordered by `view` (a view of the same storage),
    /// keeping the dtype exactly (no round trip through Double for int64).
    static func gather(_ tensor: Tensor, view: View, shape: [Int]) throws -> Tensor {
        let source = tensor.viewing(view)
        if tensor.dtype.isFloatingPoint {
            return try self.tensor(doubles: source.doubles(), shape: shape, dtype: tensor.dtype)
        }
        return try self.tensor(int64s: source.int64s(), shape: shape, dtype: tensor.dtype)
    }
}

extension DType {
    /// The dtype a sum or cumsum produces without an explicit dtype: integers widen.
    var accumulatingSumType: DType { isFloatingPoint ? self : .int64 }
}

/// A number as PyTorch prints a C++ Scalar holding a double: -1 for -1.0, 0.5, inf.
func formatScalarDouble(_ value: Double) -> String {
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value.isNaN { return "nan" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
}

extension Tensor {
    /// Elements in `view`'s order, each first converted to `dtype` (as `.to(dtype)`
    /// would), then widened to Double. Exact for every dtype but huge int64 values.
    func castDoubles(view: View, to dtype: DType) -> [Double] {
        let source = viewing(view)
        // Same-type copies read the storage directly (elements(as:) casts per element).
        if self.dtype == dtype, dtype == .float32 { return readElements(view, as: Float.self) { Double($0) } }
        if self.dtype == dtype, dtype == .float64 { return copyElements(view, as: Double.self) }
        switch dtype {
        case .float16: return source.elements(as: Float16.self).map { $0.doubleValue }
        case .bfloat16: return source.elements(as: BFloat16.self).map { $0.doubleValue }
        case .float32: return source.elements(as: Float.self).map { Double($0) }
        case .float64: return source.elements(as: Double.self)
        default: return source.castInt64s(view: view, to: dtype).map { Double($0) }
        }
    }

    /// Elements in `view`'s order, each first converted to `dtype`, then widened to Int64.
    func castInt64s(view: View, to dtype: DType) -> [Int64] {
        let source = viewing(view)
        switch dtype {
        case .bool: return source.elements(as: Bool.self).map { $0 ? 1 : 0 }
        case .uint8: return source.elements(as: UInt8.self).map { Int64($0) }
        case .int8: return source.elements(as: Int8.self).map { Int64($0) }
        case .int16: return source.elements(as: Int16.self).map { Int64($0) }
        case .int32: return source.elements(as: Int32.self).map { Int64($0) }
        case .int64: return self.dtype == .int64 ? copyElements(view, as: Int64.self) : source.elements(as: Int64.self)
        case .float16: return source.elements(as: Float16.self).map { $0.int64Value }
        case .bfloat16: return source.elements(as: BFloat16.self).map { $0.int64Value }
        case .float32: return source.elements(as: Float.self).map { $0.int64Value }
        case .float64: return source.elements(as: Double.self).map { $0.int64Value }
        }
    }
}
