/// `scatter_reduce`, `index_reduce`, `index_copy` and `put`: writes that combine several
/// source values landing on one element, with PyTorch's checks and messages.

/// How `scatter_reduce` and `index_reduce` combine the values that land on one element.
public enum IndexReduction: String, Sendable {
    case sum, prod, mean, amax, amin

    /// `scatter_reduce`'s names, with its error for any other.
    public init(scatterName name: String) throws {
        guard let reduction = IndexReduction(rawValue: name) else {
            throw TensorError.runtime("reduce argument must be either sum, prod, mean, amax or amin, got \(name)")
        }
        self = reduction
    }

    /// `index_reduce`'s names: it has no sum (that is `index_add`).
    public init(indexName name: String) throws {
        guard let reduction = IndexReduction(rawValue: name), reduction != .sum else {
            throw TensorError.runtime("index_reduce(): Expected reduce to be one of prod, mean, amax or amin but got \(name).")
        }
        self = reduction
    }
}

extension Tensor {
    /// `scatter_reduce(dim, index, src, reduce, include_self=)`: a copy of self where each
    /// index element's source value is combined into the element it points at.
    public func scatterReduced(dim: Int, index: Tensor, source: Tensor, reduction: IndexReduction, includeSelf: Bool) throws -> Tensor {
        let result = try clone()
        let (axis, selfView, indexShape, sourceView) = try result.checkScatter(dim: dim, index: index, source: .tensor(source))
        let (offsets, values) = try result.scatterTargets(axis: axis, selfView: selfView, index: index, indexShape: indexShape,
                                                          source: .tensor(source), sourceView: sourceView)
        result.reduce(values, into: offsets, reduction, includeSelf: includeSelf)
        return result
    }

    /// `index_reduce(dim, index, source, reduce, include_self=)`: the slices of source
    /// combined into the slices of self along dim that the 1-D index names.
    /// `checked` runs once PyTorch's argument checks pass, before the kernel's own (where
    /// PyTorch warns that the op is in beta).
    public func indexReduced(dim: Int, index: Tensor, source: Tensor, reduction: IndexReduction, includeSelf: Bool,
                             checked: () -> Void = {}) throws -> Tensor {
        let axis = try normalizeDim(dim, rank: rank)
        guard index.rank <= 1 else {
            throw TensorError.index("index_reduce_(): Index is supposed to be a vector, but got dim: \(index.rank) with type: \(index.dtype.scalarTypeName) and size: \(formatShape(index.shape))")
        }
        guard index.dtype == .int64 || index.dtype == .int32 else {
            throw TensorError.runtime("index_reduce_(): Expected dtype int32/int64 for index but got: \(index.dtype.scalarTypeName)")
        }
        guard source.dtype == dtype else {
            throw TensorError.runtime("index_reduce_(): self (\(dtype.scalarTypeName)) and source (\(source.dtype.scalarTypeName)) must have the same scalar type")
        }
        let sourceRows = try source.rank == 0 ? source.reshape([1]) : source
        guard sourceRows.rank > axis, sourceRows.shape[axis] == index.count else {
            throw TensorError.runtime("index_reduce_(): Number of indices (\(index.count)) should be equal to source.size(dim): (\(sourceRows.rank > axis ? sourceRows.shape[axis] : 1)), for dim: \(axis)")
        }
        var selfSlice = shape, sourceSlice = source.shape
        if rank > 0 && source.rank > 0 { selfSlice.remove(at: axis); sourceSlice.remove(at: axis) }
        guard selfSlice == sourceSlice else {
            throw TensorError.runtime("source tensor shape must match self tensor shape, excluding the specified dimension. "
                                      + "Got self.shape = \(formatShape(shape)) source.shape = \(formatShape(source.shape))")
        }
        checked()
        if dtype == .bool {
            // Bool runs only through the per-slice tensor ops of a multi-dim self, which have no floor division.
            if !includeSelf { throw TensorError.kernelNotImplemented("index_reduce_func_exclude_input_init", dtype) }
            if rank <= 1 { throw TensorError.kernelNotImplemented("index_func_", dtype) }
            if reduction == .mean { throw TensorError.kernelNotImplemented("div_floor_cpu", dtype) }
        }
        let result = try clone()
        let target = try result.rank == 0 ? result.reshape([1]) : result
        let size = target.shape[axis]
        let positions = try index.int64s().map { position in
            guard position >= 0, position < Int64(size) else { throw TensorError.index("index out of range in self") }
            return Int(position)
        }
        // Each source element lands where the index of its slice points, in source order.
        let bases = target.view.stretched(to: sourceRows.shape, collapsing: axis)
        let offsets = zip(bases.offsets(), sourceRows.shape.isEmpty ? [] : slicePositions(sourceRows.shape, axis: axis)).map {
            $0 + positions[$1] * target.view.strides[axis]
        }
        result.reduce(sourceRows.scalars(), into: offsets, reduction, includeSelf: includeSelf)
        return result
    }

    /// `index_copy(dim, index, source)`: self with the slices along dim that the index names
    /// replaced by source's slices, in order (a repeated index keeps the last).
    public func indexCopied(dim: Int, index: Tensor, source: Tensor) throws -> Tensor {
        let axis = try checkIndexCopy(dim: dim, index: index, source: source)
        let result = try clone()
        let target = try result.rank == 0 ? result.reshape([1]) : result
        let sourceRows = try source.rank == 0 ? source.reshape([1]) : source
        let size = target.shape[axis]
        for (slot, position) in index.int64s().enumerated() {
            guard position >= 0, position < Int64(size) else {
                throw TensorError.index("index_copy_(): index \(position) is out of bounds for dimension \(axis) with size \(size)")
            }
            let rows = try sourceRows.rank == target.rank ? sourceRows.select(axis, slot) : sourceRows
            try target.select(axis, Int(position)).copy(from: rows)
        }
        return result
    }

    private func checkIndexCopy(dim: Int, index: Tensor, source: Tensor) throws -> Int {
        let axis = try normalizeDim(dim, rank: rank)
        guard index.rank < 2 else { throw TensorError.index("index_copy_(): Index should have dimension 1 or 0 (got \(index.rank))") }
        if source.rank == 0 && index.count != 1 {
            throw TensorError.index("index_copy_(): When source is scalar, index should have one element (got \(index.count))")
        } else if source.rank != rank && source.rank != 0 && rank != 0 {
            throw TensorError.index("index_copy_(): When source and destination are not scalars, their dimensionality must match. "
                                    + "Source dimensionality (\(source.rank)), destination dimensionality (\(rank))")
        }
        guard index.dtype == .int64 else {
            throw TensorError.runtime("index_copy_(): Expected a long tensor for index, but got \(index.dtype.scalarTypeName)")
        }
        guard source.dtype == dtype else {
            throw TensorError.runtime("index_copy_(): self and source expected to have the same dtype, but got (self) \(dtype.scalarTypeName) and (source) \(source.dtype.scalarTypeName)")
        }
        var selfSlice = shape, sourceSlice = source.shape
        if !selfSlice.isEmpty { selfSlice.remove(at: axis) }
        if !sourceSlice.isEmpty { sourceSlice.remove(at: axis) }
        guard selfSlice == sourceSlice else {
            throw TensorError.runtime("index_copy_(): Source/destination tensor must have same slice shapes. Destination slice shape: "
                                      + "\(spaced(selfSlice)) at dimension \(axis) and source slice shape: \(spaced(sourceSlice)) at dimension 0.")
        }
        guard source.rank == 0 || index.count == source.shape[axis] else {
            throw TensorError.index("index_copy_(): Number of indices (\(index.count)) should be equal to source.size(dim) (\(source.shape[axis]))")
        }
        return axis
    }

    /// `put(index, source, accumulate=)`: self, read as flat, with source's values written
    /// (or added) at the flat positions in index; negative positions count from the end.
    public func put(index: Tensor, source: Tensor, accumulate: Bool) throws -> Tensor {
        guard index.dtype == .int64 else {
            throw TensorError.runtime("put_(): Expected a long tensor for index, but got \(index.dtype.scalarTypeName)")
        }
        guard source.dtype == dtype else {
            throw TensorError.runtime("put_(): self and source expected to have the same dtype, but got self.dtype = \(dtype.scalarTypeName) and source.dtype = \(source.dtype.scalarTypeName)")
        }
        guard source.count == index.count else {
            throw TensorError.index("put_(): Expected source and index to have the same number of elements, but got source.numel() = \(source.count), index.numel() = \(index.count)")
        }
        guard count > 0 || index.count == 0 else { throw TensorError.index("put_(): Tried to put elements into an empty tensor") }
        let result = try clone()
        let offsets = result.view.offsets()
        let positions = try index.int64s().map { position in
            guard position >= -Int64(count), position < Int64(count) else {
                throw TensorError.index("out of range: tried to access index \(position) on a tensor of \(count) elements.")
            }
            return offsets[Int(position < 0 ? position + Int64(count) : position)]
        }
        if accumulate {
            result.reduce(source.scalars(), into: positions, .sum, includeSelf: true)
        } else {
            for (offset, value) in zip(positions, source.scalars()) { result.setScalar(value, atStorageOffset: offset) }
        }
        return result
    }
}

/// For each element of a tensor of `shape` in row-major order, its coordinate along `axis`.
private func slicePositions(_ shape: [Int], axis: Int) -> [Int] {
    let inner = shape[(axis + 1)...].reduce(1, *)
    let total = shape.reduce(1, *)
    return (0..<total).map { ($0 / inner) % shape[axis] }
}

/// Sizes as ATen's stream of a `std::vector` prints them: `2 3`.
private func spaced(_ sizes: [Int]) -> String { sizes.map(String.init).joined(separator: " ") }
