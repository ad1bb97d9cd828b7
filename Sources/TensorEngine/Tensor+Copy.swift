/// Conversions, copies and in-place writes.
extension Tensor {
    /// `to(dtype)`: the same tensor when the dtype already matches, otherwise a copy.
    public func to(_ newType: DType) throws -> Tensor {
        if newType == dtype { return self }
        let result = try Tensor.uninitialized(shape: shape, dtype: newType)
        try result.copy(from: self)
        return result
    }

    /// A contiguous copy with the same dtype.
    public func clone() throws -> Tensor {
        let result = try Tensor.uninitialized(shape: shape, dtype: dtype)
        try result.copy(from: self)
        return result
    }

    /// `clone()` with PyTorch's default `memory_format=torch.preserve_format`: a dense,
    /// non-overlapping tensor (a transpose, a permutation) keeps its strides, so
    /// `t.t().clone().view(-1)` fails exactly as in PyTorch; anything else is contiguous.
    public func clonePreservingFormat() throws -> Tensor {
        guard !isContiguous, randomIsNonOverlappingAndDense(view) else { return try clone() }
        let storage = try Storage(byteCount: count * dtype.itemSize, zeroed: false)
        let result = Tensor(storage: storage, dtype: dtype, view: View(shape: shape, strides: strides, offset: 0))
        try result.copy(from: self)
        return result
    }

    /// `tensor.data`: like `detach()`, but with a version counter of its own, so that
    /// `y.data.mul_(2)` does not trip autograd's in-place check on `y`.
    public func detachedData() -> Tensor {
        Tensor(storage: Storage(aliasing: storage), dtype: dtype, view: view)
    }

    /// `contiguous()`: itself when already contiguous, else a copy.
    public func contiguous() throws -> Tensor {
        isContiguous ? self : try clone()
    }

    /// `copy_(source)`: writes `source`, broadcast to this shape and converted to this
    /// dtype, through this view.
    public func copy(from source: Tensor) throws {
        storage.noteWrite()
        let sourceView: View
        if source.shape == shape {
            sourceView = source.view
        } else {
            try checkExpandable(source.shape, to: shape)
            sourceView = broadcastView(source.view, to: shape)
        }
        switch dtype {
        case .bool: copyElements(from: source, sourceView, into: Bool.self)
        case .uint8: copyElements(from: source, sourceView, into: UInt8.self)
        case .int8: copyElements(from: source, sourceView, into: Int8.self)
        case .int16: copyElements(from: source, sourceView, into: Int16.self)
        case .int32: copyElements(from: source, sourceView, into: Int32.self)
        case .int64: copyElements(from: source, sourceView, into: Int64.self)
        case .float16: copyElements(from: source, sourceView, into: Float16.self)
        case .bfloat16: copyElements(from: source, sourceView, into: BFloat16.self)
        case .float32: copyElements(from: source, sourceView, into: Float.self)
        case .float64: copyElements(from: source, sourceView, into: Double.self)
        }
    }

    /// Writes `values` (already of this dtype, row-major) through this view.
    public func write<T: TensorElement>(_ values: [T]) {
        storage.noteWrite()
        let base = pointer(T.self)
        var index = 0
        view.forEachOffset { position in
            base[position] = values[index]
            index += 1
        }
    }

    /// `fill_(value)`.
    public func fill(_ value: Scalar) {
        if fillContiguous(value) { return }
        storage.noteWrite()
        view.forEachOffset { setScalar(value, atStorageOffset: $0) }
    }

    /// Counts one in-place op on this tensor's values (`add_`, `x[i] = v`, `nn.init.normal_`,
    /// an optimizer's `param.add_`). PyTorch counts once per op call in its dispatcher; the
    /// engine's writes never count, because most of them fill tensors nobody has seen yet.
    public func markWrittenInPlace() { storage.bumpVersion() }

    /// Writes the result of an out-of-place op back into this tensor, as the in-place
    /// forms (`add_`, `+=`) do; PyTorch refuses to narrow float results into ints.
    public func assignInPlace(_ result: Tensor) throws {
        try checkNoInternalOverlap()
        if !canCast(from: result.dtype, to: dtype) {
            throw TensorError(.runtimeError, .castNotAllowed(result: result.dtype, desired: dtype))
        }
        if result.shape != shape {
            let broadcast = try broadcastShapes(shape, result.shape)
            if broadcast != shape {
                throw TensorError.runtime(
                    "output with shape \(formatShape(shape)) doesn't match the broadcast shape \(formatShape(broadcast))")
            }
        }
        try copy(from: result)
    }
}

extension Tensor {
    /// In-place writes into an expanded tensor would write one element many times.
    func checkNoInternalOverlap() throws {
        if zip(shape, strides).contains(where: { $0 > 1 && $1 == 0 }) {
            throw TensorError.runtime(
                "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.")
        }
    }
}

/// `torch.can_cast`: no float into integer, and nothing non-bool into bool.
public func canCast(from source: DType, to target: DType) -> Bool {
    if source.isFloatingPoint && !target.isFloatingPoint { return false }
    if source != .bool && target == .bool { return false }
    return true
}

/// PyTorch's check that `source` can be expanded to `target`. The message quotes the sizes
/// as the caller wrote them (`[-1, 4]`), before -1 was resolved.
public func checkExpandable(_ source: [Int], to target: [Int], requested: [Int]? = nil) throws {
    if source.count > target.count {
        throw TensorError.runtime(
            "expand(torch.FloatTensor{\(formatShape(source))}, size=\(formatShape(target))): the number of sizes provided (\(target.count)) must be greater or equal to the number of dimensions in the tensor (\(source.count))")
    }
    let extra = target.count - source.count
    for index in stride(from: source.count - 1, through: 0, by: -1) {
        let size = source[index]
        let wanted = target[index + extra]
        if size != wanted && size != 1 {
            throw TensorError.runtime(
                "The expanded size of the tensor (\(wanted)) must match the existing size (\(size)) at non-singleton dimension \(index + extra).  Target sizes: \(formatShape(requested ?? target)).  Tensor sizes: \(formatShape(source))")
        }
    }
}
