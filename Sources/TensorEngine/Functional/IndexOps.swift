import Glibc

/// Index-driven reads and writes: gather, scatter, index_select, masked_select,
/// index_add, take_along_dim, with PyTorch's checks and messages.

/// How `scatter` combines a source value with the element already there.
public enum ScatterReduction: Sendable {
    case replace, add, multiply
}

extension Tensor {
    /// `gather(dim, index)`: out[i][j] = self[i][index[i][j]] for dim 1, and so on.
    public func gather(dim: Int, index: Tensor) throws -> Tensor {
        let axis = try normalizeDim(dim, rank: rank)
        guard index.dtype == .int64 || index.dtype == .int32 else {
            throw TensorError.runtime("gather(): Expected dtype int32/int64 for index")
        }
        guard Swift.max(index.rank, 1) == Swift.max(rank, 1) else {
            throw TensorError.runtime("Index tensor must have the same number of dimensions as input tensor")
        }
        let selfView = paddedView(view)
        let indexShape = paddedView(index.view).shape
        for d in 0..<indexShape.count where d != axis && indexShape[d] > selfView.shape[d] {
            throw TensorError.runtime(
                "Size does not match at dimension \(d) expected index \(formatShape(index.shape)) to be no larger than self \(formatShape(shape)) apart from dimension \(axis)")
        }
        return try gatherAlong(axis, source: selfView, index: index, indexView: paddedView(index.view))
    }

    /// `scatter(dim, index, src)`: a copy of self with src's values written at the indexed
    /// positions (combined by `reduction`).
    public func scattered(dim: Int, index: Tensor, source: Operand, reduction: ScatterReduction = .replace) throws -> Tensor {
        let result = try clone()
        try result.scatterInPlace(dim: dim, index: index, source: source, reduction: reduction)
        return result
    }

    /// `scatter_` / `scatter_add_`: writes through this tensor's view.
    public func scatterInPlace(dim: Int, index: Tensor, source: Operand, reduction: ScatterReduction = .replace) throws {
        storage.noteWrite()
        let (axis, selfView, indexShape, sourceView) = try checkScatter(dim: dim, index: index, source: source)
        // The typed kernel reads 64-bit indices.
        let index = index.dtype == .int32 ? try index.to(.int64) : index
        if case let .tensor(tensor) = source, let sourceView,
           try scatterTyped(axis: axis, target: selfView, index: index, indexView: paddedView(index.view),
                            source: tensor, sourceView: sourceView, reduction: reduction) {
            return
        }
        let (offsets, values) = try scatterTargets(axis: axis, selfView: selfView, index: index, indexShape: indexShape,
                                                   source: source, sourceView: sourceView)
        for (position, offset) in offsets.enumerated() {
            switch reduction {
            case .replace: setScalar(values[position], atStorageOffset: offset)
            case .add: setScalar(combineScalars(scalar(atStorageOffset: offset), values[position], multiply: false), atStorageOffset: offset)
            case .multiply: setScalar(combineScalars(scalar(atStorageOffset: offset), values[position], multiply: true), atStorageOffset: offset)
            }
        }
    }

    /// The storage offset each index element writes to, in the index's row-major order,
    /// with the source value it brings.
    func scatterTargets(axis: Int, selfView: View, index: Tensor, indexShape: [Int], source: Operand,
                        sourceView: View?) throws -> (offsets: [Int], values: [Scalar]) {
        let bases = selfView.stretched(to: indexShape, collapsing: axis).offsets()
        let positions = try boundedIndices(index, size: selfView.shape[axis], dim: axis)
        let stride = selfView.strides[axis]
        let values: [Scalar]
        switch (source, sourceView) {
        case let (.tensor(tensor), sourceView?):
            values = tensor.viewing(View(shape: indexShape, strides: sourceView.strides, offset: tensor.storageOffset)).scalars()
        case let (.scalar(scalar), _): values = [Scalar](repeating: scalar, count: bases.count)
        case let (.tensor(tensor), nil): values = [Scalar](repeating: try tensor.item(), count: bases.count)
        }
        return (zip(bases, positions).map { $0 + $1 * stride }, values)
    }

    /// PyTorch's checks of a scatter, in its order: the dim, the index's dtype, the source's
    /// dtype, the ranks, then each size. Returns the padded views the kernels walk.
    func checkScatter(dim: Int, index: Tensor, source: Operand) throws -> (axis: Int, selfView: View, indexShape: [Int], sourceView: View?) {
        let axis = try normalizeDim(dim, rank: rank)
        guard index.dtype == .int64 || index.dtype == .int32 else {
            throw TensorError.runtime("scatter(): Expected dtype int32/int64 for index")
        }
        if case let .tensor(tensor) = source, tensor.dtype != dtype {
            throw TensorError.runtime("scatter(): Expected self.dtype to be equal to src.dtype")
        }
        guard Swift.max(index.rank, 1) == Swift.max(rank, 1) else {
            throw TensorError.runtime("Index tensor must have the same number of dimensions as self tensor")
        }
        let selfView = paddedView(view)
        let indexShape = paddedView(index.view).shape
        var sourceView: View?
        if case let .tensor(tensor) = source { sourceView = paddedView(tensor.view) }
        for d in 0..<indexShape.count {
            let tooLargeForSelf = d != axis && indexShape[d] > selfView.shape[d]
            let tooLargeForSource = sourceView.map { indexShape[d] > $0.shape[d] } ?? false
            if tooLargeForSelf || tooLargeForSource {
                let sourcePart = sourceView.map { _ in " and to be no larger size than src \(formatShape(source.shape))" } ?? ""
                throw TensorError.runtime(
                    "Expected index \(formatShape(index.shape)) to be no larger than self \(formatShape(shape)) apart from dimension \(axis)\(sourcePart)")
            }
        }
        return (axis, selfView, indexShape, sourceView)
    }

    /// Adds or multiplies in the tensor's own kind of arithmetic; float32 rounds each step
    /// when the result is stored, as PyTorch's sequential accumulation does.
    private func combineScalars(_ a: Scalar, _ b: Scalar, multiply: Bool) -> Scalar {
        if dtype.isFloatingPoint { return .float(multiply ? a.doubleValue * b.doubleValue : a.doubleValue + b.doubleValue) }
        if dtype == .bool { return .bool(multiply ? (a.boolValue && b.boolValue) : (a.boolValue || b.boolValue)) }
        return .int(multiply ? a.int64Value &* b.int64Value : a.int64Value &+ b.int64Value)
    }

    /// `index_select(dim, index)`: whole slices along `dim`, in the order of a 1-D index.
    public func indexSelect(dim: Int, index: Tensor) throws -> Tensor {
        let axis = try normalizeDim(dim, rank: rank)
        guard index.rank <= 1 else { throw TensorError.index("index_select(): Index is supposed to be a vector") }
        guard index.dtype == .int64 || index.dtype == .int32 else {
            throw TensorError.runtime("index_select(): Expected dtype int32 or int64 for index")
        }
        if rank == 0, index.count != 1 {
            throw TensorError.runtime("index_select(): Index to scalar can have only 1 value, got \(index.count) value(s)")
        }
        let base = rank == 0 ? try reshape([1]) : self
        let size = base.shape[axis]
        let positions = try index.int64s().map { position in
            guard position >= 0, position < Int64(size) else {
                // PyTorch's dedicated kernel for dim 1 words this differently from the rest.
                throw base.rank == 1 || axis != 1 ? TensorError(.indexError, .lookupOutOfRange)
                    : TensorError.runtime("INDICES element is out of DATA bounds, id=\(position) axis_dim=\(size)")
            }
            return Int(position)
        }
        var outputShape = base.shape
        outputShape[axis] = positions.count
        let result: Tensor
        if base.isContiguous {
            result = try base.indexSelectContiguous(axis: axis, positions: positions, outputShape: outputShape)
        } else {
            // A strided view stays a view here: making it contiguous first could copy far
            // more than the few slices chosen (an expanded tensor, say).
            result = try Tensor.zeros(shape: outputShape, dtype: dtype)
            for (slot, position) in positions.enumerated() {
                try result.select(axis, slot).copy(from: try base.select(axis, position))
            }
        }
        return rank == 0 ? try result.reshape([]) : result
    }

    /// `masked_select(mask)`: the elements where the broadcast mask is true, as 1-D.
    public func maskedSelect(_ mask: Tensor) throws -> Tensor {
        guard mask.dtype == .bool else { throw TensorError.runtime("masked_select: expected BoolTensor for mask") }
        let shape = try broadcastShapes(mask.shape, self.shape)
        let flags = mask.viewing(broadcastView(mask.view, to: shape)).bools()
        let offsets = viewing(broadcastView(view, to: shape)).view.offsets()
        let kept = zip(offsets, flags).filter { $0.1 }.map { $0.0 }
        return try gather(offsets: kept, shape: [kept.count])
    }

    /// `index_add(dim, index, source, alpha=)`: self[index[i]] += alpha · source[i] along dim.
    public func indexAdd(dim: Int, index: Tensor, source: Tensor, alpha: Scalar = .int(1)) throws -> Tensor {
        let result = try clone()
        try result.indexAddInPlace(dim: dim, index: index, source: source, alpha: alpha)
        return result
    }

    public func indexAddInPlace(dim: Int, index: Tensor, source: Tensor, alpha: Scalar = .int(1)) throws {
        storage.noteWrite()
        let axis = try normalizeDim(dim, rank: rank)
        guard index.rank <= 1 else { throw TensorError.index("index_add_(): Index is supposed to be a vector") }
        guard index.dtype == .int64 || index.dtype == .int32 else {
            throw TensorError.runtime("index_add_(): Expected dtype int32/int64 for index")
        }
        guard source.dtype == dtype else {
            throw TensorError.runtime("index_add_(): self (\(dtype.scalarTypeName)) and source (\(source.dtype.scalarTypeName)) must have the same scalar type")
        }
        let positions = index.int64s()
        let sourceRows = source.rank == 0 ? try source.reshape([1]) : source
        guard sourceRows.rank == Swift.max(rank, 1), sourceRows.shape[axis] == positions.count else {
            throw TensorError.index("index_add_(): Number of indices (\(positions.count)) should be equal to source.size(dim) (\(sourceRows.rank > axis ? sourceRows.shape[axis] : 1))")
        }
        let target = rank == 0 ? try reshape([1]) : self
        if try target.indexAddTyped(axis: axis, positions: positions, source: sourceRows, alpha: alpha) { return }
        for (slot, position) in positions.enumerated() {
            guard position >= 0, position < Int64(target.shape[axis]) else {
                throw TensorError(.indexError, .lookupOutOfRange)
            }
            let destination = try target.select(axis, Int(position))
            let scaled = try binary(.multiply, .tensor(try sourceRows.select(axis, slot)), .scalar(alpha))
            try destination.copy(from: try binary(.add, .tensor(destination), .tensor(scaled)))
        }
    }

    /// `take_along_dim(indices, dim)`: gather after broadcasting every other dim; with no
    /// dim, both tensors are flattened first.
    public func takeAlongDim(_ indices: Tensor, dim: Int?) throws -> Tensor {
        guard indices.dtype == .int64 else {
            throw TensorError.runtime("torch.take_along_dim(): dtype of indices should be Long but got \(indices.dtype.scalarTypeName)")
        }
        guard let dim else { return try reshape([-1]).gather(dim: 0, index: indices.reshape([-1])) }
        guard rank == indices.rank else {
            throw TensorError.runtime(
                "torch.take_along_dim(): input and indices should have the same number of dimensions, but got \(rank) dimensions for input, and \(indices.rank) dimensions for indices")
        }
        let axis = try normalizeDim(dim, rank: rank)
        var selfSizes = shape
        selfSizes[axis] = indices.shape[axis]
        let indexShape = try broadcastShapes(selfSizes, indices.shape)
        var indexSizes = indices.shape
        indexSizes[axis] = shape[axis]
        let selfShape = try broadcastShapes(indexSizes, shape)
        return try expand(selfShape).gather(dim: axis, index: try indices.expand(indexShape))
    }
}

/// A 0-dim view as a 1-element 1-D view, so scalar tensors gather like PyTorch's.
func paddedView(_ view: View) -> View {
    view.rank == 0 ? View(shape: [1], strides: [1], offset: view.offset) : view
}

extension View {
    /// This view's strides over `shape`, with dim `collapsing` fixed at 0: the storage
    /// offset of each destination row before the index along that dim is added.
    func stretched(to shape: [Int], collapsing dim: Int) -> View {
        var steps = strides
        steps[dim] = 0
        return View(shape: shape, strides: steps, offset: offset)
    }
}

/// The index values, checked against the size of the indexed dim.
func boundedIndices(_ index: Tensor, size: Int, dim: Int) throws -> [Int] {
    try index.int64s().map { value in
        guard value >= 0, value < Int64(size) else {
            throw TensorError(.runtimeError, .indexOutOfBounds(index: Int(value), dim: dim, size: size))
        }
        return Int(value)
    }
}

/// `F.one_hot(tensor, num_classes=-1)`: int64 in, int64 out with a new last dim.
public func oneHot(_ indices: Tensor, classes requested: Int = -1) throws -> Tensor {
    guard indices.dtype == .int64 else {
        throw TensorError(.runtimeError, .oneHotNeedsInt64)
    }
    let values = indices.int64s()
    var classes = requested
    if values.isEmpty {
        guard classes > 0 else { throw TensorError.runtime("Can not infer total number of classes from empty tensor.") }
        return try Tensor.zeros(shape: indices.shape + [classes], dtype: .int64)
    }
    guard let smallest = values.min(), smallest >= 0 else { throw TensorError.runtime("Class values must be non-negative.") }
    let largest = values.max() ?? 0
    if classes == -1 {
        guard largest < Int64.max else { throw TensorError.runtime("this would allocate more memory than exists: one_hot with \(largest) classes") }
        classes = Int(largest) + 1
    } else if Int64(classes) <= largest {
        throw TensorError.runtime("Class values must be smaller than num_classes.")
    }
    // Zeros with a one written per row in place: building an array and copying it into
    // a tensor made one_hot 2.5x slower than PyTorch.
    let encoded = try Tensor.zeros(shape: indices.shape + [classes], dtype: .int64)
    let ones = encoded.pointer(Int64.self)
    for (row, value) in values.enumerated() { ones[row &* classes &+ Int(value)] = 1 }
    return encoded
}

/// `F.embedding(input, weight)`: the rows of a 2-D weight picked by an int index tensor.
public func embedding(_ indices: Tensor, weight: Tensor) throws -> Tensor {
    guard indices.dtype == .int64 || indices.dtype == .int32 else {
        throw TensorError.runtime(
            "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.\(indices.dtype.scalarTypeName)Tensor instead (while checking arguments for embedding)")
    }
    guard weight.rank == 2 else { throw TensorError.runtime("'weight' must be 2-D") }
    let rows = try weight.indexSelect(dim: 0, index: indices.reshape([-1]))
    return try rows.reshape(indices.shape + [weight.shape[1]])
}
