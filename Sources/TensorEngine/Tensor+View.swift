/// Ops that return a new view of the same storage: no data moves.
extension Tensor {
    /// `view(shape)`, with one `-1` allowed; follows PyTorch's stride rules.
    public func view(_ requested: [Int]) throws -> Tensor {
        let newShape = try inferShape(requested, count: count)
        guard let newStrides = try computeViewStrides(shape, strides, newShape) else {
            throw TensorError(.runtimeError, .viewNotContiguous)
        }
        return viewing(View(shape: newShape, strides: newStrides, offset: storageOffset))
    }

    /// `reshape(shape)`: a view when one exists, otherwise a contiguous copy.
    public func reshape(_ requested: [Int]) throws -> Tensor {
        let newShape = try inferShape(requested, count: count)
        if let newStrides = try computeViewStrides(shape, strides, newShape) {
            return viewing(View(shape: newShape, strides: newStrides, offset: storageOffset))
        }
        return try clone().view(newShape)
    }

    public func permute(_ dims: [Int]) throws -> Tensor {
        guard dims.count == rank else {
            throw TensorError.runtime(
                "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(rank) is not equal to len(dims) = \(dims.count)")
        }
        var order: [Int] = []
        order.reserveCapacity(dims.count)
        for dim in dims {
            let normalized = try normalizeDim(dim, rank: rank)
            if order.contains(normalized) { throw TensorError.runtime("permute(): duplicate dims are not allowed.") }
            order.append(normalized)
        }
        return viewing(View(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: storageOffset))
    }

    public func transpose(_ first: Int, _ second: Int) throws -> Tensor {
        let a = try normalizeDim(first, rank: rank)
        let b = try normalizeDim(second, rank: rank)
        if rank == 0 { return viewing(view) }
        var newShape = shape
        var newStrides = strides
        newShape.swapAt(a, b)
        newStrides.swapAt(a, b)
        return viewing(View(shape: newShape, strides: newStrides, offset: storageOffset))
    }

    /// `t()`: transposes a matrix; vectors and scalars come back as they are.
    public func t() throws -> Tensor {
        guard rank <= 2 else {
            throw TensorError.runtime("t() expects a tensor with <= 2 dimensions, but self is \(rank)D")
        }
        return rank < 2 ? viewing(view) : try transpose(0, 1)
    }

    /// `.T`: reverses all dims.
    public func reversedDims() throws -> Tensor {
        try permute(Array((0..<rank).reversed()))
    }

    /// `.mT`: swaps the last two dims.
    public func matrixTranspose() throws -> Tensor {
        guard rank >= 2 else {
            throw TensorError.runtime("tensor.mT is only supported on matrices or batches of matrices. Got \(rank)-D tensor.")
        }
        return try transpose(-2, -1)
    }

    public func unsqueeze(_ dim: Int) throws -> Tensor {
        let position = try normalizeDim(dim, rank: rank + 1)
        var newShape = shape
        var newStrides = strides
        // PyTorch computes this stride in wrapping arithmetic; an empty tensor with huge
        // dims can wrap it negative, which it then refuses.
        let stride = position < rank ? shape[position] &* strides[position] : 1
        newShape.insert(1, at: position)
        newStrides.insert(stride, at: position)
        if stride < 0 {
            throw TensorError.runtime("as_strided: Negative strides are not supported at the moment, got strides: \(formatShape(newStrides))")
        }
        return viewing(View(shape: newShape, strides: newStrides, offset: storageOffset))
    }

    /// `squeeze()` drops every size-1 dim; `squeeze(dims)` only those listed that are 1.
    public func squeeze(_ dims: [Int]? = nil) throws -> Tensor {
        let selected = try dims.map { Set(try normalizeDims($0, rank: rank)) }
        var newShape: [Int] = []
        var newStrides: [Int] = []
        for index in 0..<rank {
            let drop = shape[index] == 1 && (selected?.contains(index) ?? true)
            if !drop {
                newShape.append(shape[index])
                newStrides.append(strides[index])
            }
        }
        return viewing(View(shape: newShape, strides: newStrides, offset: storageOffset))
    }

    /// `expand(sizes)`; `-1` keeps a dim's size.
    public func expand(_ sizes: [Int]) throws -> Tensor {
        if sizes.count < rank {
            throw TensorError.runtime(
                "expand(\(legacyTypeName){\(formatShape(shape))}, size=\(formatShape(sizes))): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(rank))")
        }
        let extra = sizes.count - rank
        var target = sizes
        for index in 0..<sizes.count {
            if index < extra {
                if sizes[index] < 0 {
                    throw TensorError.runtime(
                        "The expanded size of the tensor (\(sizes[index])) isn't allowed in a leading, non-existing dimension \(index)")
                }
            } else if sizes[index] == -1 {
                target[index] = shape[index - extra]
            }
        }
        try checkExpandable(shape, to: target, requested: sizes)
        // A view copies nothing, but every later op walks all its elements: sizes whose
        // count does not even fit in an Int are refused here, before anything multiplies them.
        _ = try checkedElementCount(target)
        return viewing(broadcastView(view, to: target))
    }

    /// The legacy type name PyTorch prints in some messages, e.g. `torch.FloatTensor`.
    public var legacyTypeName: String {
        switch dtype {
        case .bool: "torch.BoolTensor"
        case .uint8: "torch.ByteTensor"
        case .int8: "torch.CharTensor"
        case .int16: "torch.ShortTensor"
        case .int32: "torch.IntTensor"
        case .int64: "torch.LongTensor"
        case .float16: "torch.HalfTensor"
        case .bfloat16: "torch.BFloat16Tensor"
        case .float32: "torch.FloatTensor"
        case .float64: "torch.DoubleTensor"
        }
    }

    public func narrow(_ dim: Int, start: Int, length: Int) throws -> Tensor {
        let axis = try normalizeDim(dim, rank: rank)
        guard rank > 0 else { throw TensorError.runtime("narrow() cannot be applied to a 0-dim tensor.") }
        let size = shape[axis]
        let begin = start < 0 ? start + size : start
        guard begin >= 0, begin <= size else {
            throw TensorError.index(
                "start out of range (expected to be in range of [\(-size), \(size)], but got \(start))")
        }
        guard length >= 0 else { throw TensorError.runtime("narrow(): length must be non-negative.") }
        guard begin <= size - length else {
            throw TensorError.runtime("start (\(begin)) + length (\(length)) exceeds dimension size (\(size)).")
        }
        return try slice(axis, start: begin, end: begin + length, step: 1)
    }

    /// One Python slice on an already normalized dim: bounds are clamped as Python does.
    public func slice(_ dim: Int, start: Int?, end: Int?, step: Int) throws -> Tensor {
        guard step > 0 else {
            throw TensorError.value(step == 0 ? "slice step cannot be zero" : "step must be greater than zero")
        }
        let size = shape[dim]
        func clamp(_ value: Int?, _ fallback: Int) -> Int {
            guard var value else { return fallback }
            if value < 0 { value = value < -size ? 0 : value + size }
            return Swift.min(value, size)
        }
        let begin = clamp(start, 0)
        let finish = Swift.max(begin, clamp(end, size))
        // Written without `+ step - 1`, which overflows for a step near Int.max.
        let length = finish == begin ? 0 : (finish - begin - 1) / step + 1
        var newShape = shape
        var newStrides = strides
        newShape[dim] = length
        newStrides[dim] = strides[dim] &* step
        let offset = length == 0 ? storageOffset : storageOffset &+ begin &* strides[dim]
        return viewing(View(shape: newShape, strides: newStrides, offset: offset))
    }

    /// `select(dim, index)`: drops `dim`, keeping element `index` of it.
    public func select(_ dim: Int, _ index: Int) throws -> Tensor {
        if rank == 0 { throw TensorError.index("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number") }
        let axis = try normalizeDim(dim, rank: rank)
        let size = shape[axis]
        guard index >= -size, index < size else {
            throw TensorError(.indexError, .indexOutOfBounds(index: index, dim: axis, size: size))
        }
        let position = index < 0 ? index + size : index
        var newShape = shape
        var newStrides = strides
        newShape.remove(at: axis)
        newStrides.remove(at: axis)
        return viewing(View(shape: newShape, strides: newStrides, offset: storageOffset &+ position &* strides[axis]))
    }

    /// `flatten(start, end)`: a view when the merged dims allow it, else a copy.
    public func flatten(_ startDim: Int = 0, _ endDim: Int = -1) throws -> Tensor {
        if rank == 0 { return try reshape([1]) }
        let start = try normalizeDim(startDim, rank: rank)
        let end = try normalizeDim(endDim, rank: rank)
        guard start <= end else {
            throw TensorError.runtime("flatten() has invalid args: start_dim cannot come after end_dim")
        }
        if start == end { return self }
        let mergedDims = Array(shape[start...end])
        var merged = mergedDims.contains(0) ? 0 : 1
        for size in mergedDims where merged != 0 {
            let (product, overflow) = merged.multipliedReportingOverflow(by: size)
            if overflow { throw TensorError.runtime("flatten(): the merged size of dims \(formatShape(mergedDims)) does not fit in 64 bits") }
            merged = product
        }
        return try reshape(Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...]))
    }

    public func unflatten(_ dim: Int, _ sizes: [Int]) throws -> Tensor {
        let axis = try normalizeDim(dim, rank: rank)
        if sizes.isEmpty { throw TensorError.runtime("unflatten: sizes must be non-empty") }
        // PyTorch's handle_unflatten_exception rewords infer_size's size mismatch.
        let inner: [Int]
        do {
            inner = try inferShape(sizes, count: shape[axis])
        } catch let error as TensorError where error.message.hasPrefix("shape '") {
            throw TensorError.runtime(
                "unflatten: Provided sizes \(formatShape(sizes)) don't multiply up to the size of dim \(dim) (\(shape[axis])) in the input tensor")
        }
        return try view(Array(shape[..<axis]) + inner + Array(shape[(axis + 1)...]))
    }

    public func movedim(_ sources: [Int], _ destinations: [Int]) throws -> Tensor {
        guard sources.count == destinations.count else {
            throw TensorError.runtime(
                "movedim: Invalid source or destination dims: source (\(formatShape(sources)) dims) should contain the same number of dims as destination (\(formatShape(destinations)) dims)")
        }
        let from = try normalizeDims(sources, rank: rank)
        let to = try normalizeDims(destinations, rank: rank)
        if from == to { return viewing(view) }
        var order = [Int](repeating: -1, count: rank)
        for (source, destination) in zip(from, to) { order[destination] = source }
        var rest = (0..<rank).filter { !from.contains($0) }.makeIterator()
        for index in 0..<rank where order[index] == -1 { order[index] = rest.next() ?? 0 }
        return try permute(order)
    }

    /// `split(size)` or `split([sizes])` along `dim`: views.
    public func split(size: Int, dim: Int) throws -> [Tensor] {
        let axis = try normalizeDim(dim, rank: rank)
        guard size >= 0 else { throw TensorError.runtime("split expects split_size be non-negative, but got split_size=\(size)") }
        let total = shape[axis]
        if size == 0 {
            guard total == 0 else { throw TensorError.runtime("split_size can only be 0 if dimension size is 0, but got dimension size of \(total)") }
            return [self]
        }
        // Stepped by hand: `start + size` must not overflow on a dim near 2**63.
        var pieces: [Tensor] = []
        var start = 0
        repeat {
            let end = size >= total - start ? total : start + size
            pieces.append(try slice(axis, start: start, end: end, step: 1))
            start = end
        } while start < total
        return pieces
    }

    public func split(sizes: [Int], dim: Int) throws -> [Tensor] {
        let axis = try normalizeDim(dim, rank: rank)
        guard sizes.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.runtime("split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=\(formatShape(sizes))")
        }
        // Summed without overflow: sizes near 2**63 only need to exceed the dim to be wrong.
        var covered = 0
        for size in sizes where covered <= shape[axis] { covered = size > shape[axis] - covered ? shape[axis] + 1 : covered + size }
        guard covered == shape[axis] else {
            throw TensorError.runtime(
                "split_with_sizes expects split_sizes to sum exactly to \(shape[axis]) (input tensor's size at dimension \(axis)), but got split_sizes=\(formatShape(sizes))")
        }
        var start = 0
        return try sizes.map { size in
            defer { start += size }
            return try slice(axis, start: start, end: start + size, step: 1)
        }
    }

    public func chunk(_ chunks: Int, dim: Int) throws -> [Tensor] {
        guard chunks > 0 else { throw TensorError.runtime("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
        let axis = try normalizeDim(dim, rank: rank)
        // Rounded up without `size + chunks - 1`, which overflows for a dim near 2**63.
        let size = shape[axis] / chunks + (shape[axis] % chunks == 0 ? 0 : 1)
        return try split(size: Swift.max(size, shape[axis] == 0 ? 0 : 1), dim: axis)
    }

    public func unbind(_ dim: Int) throws -> [Tensor] {
        let axis = try normalizeDim(dim, rank: rank)
        return try (0..<shape[axis]).map { try select(axis, $0) }
    }

    /// `detach()`: a new tensor object over the same storage.
    public func detach() -> Tensor { viewing(view) }

    /// `diagonal(offset, dim1, dim2)`.
    public func diagonal(offset diagonalOffset: Int = 0, _ dim1: Int = 0, _ dim2: Int = 1) throws -> Tensor {
        let first = try normalizeDim(dim1, rank: rank)
        let second = try normalizeDim(dim2, rank: rank)
        guard first != second else {
            throw TensorError.runtime("diagonal dimensions cannot be identical \(dim1), \(dim2)")
        }
        var length: Int
        var offset = storageOffset
        if diagonalOffset >= 0 {
            length = Swift.max(0, Swift.min(shape[first], shape[second] - diagonalOffset))
            if length > 0 { offset += diagonalOffset * strides[second] }
        } else {
            length = Swift.max(0, Swift.min(shape[first] + diagonalOffset, shape[second]))
            if length > 0 { offset -= diagonalOffset * strides[first] }
        }
        var newShape: [Int] = []
        var newStrides: [Int] = []
        for index in 0..<rank where index != first && index != second {
            newShape.append(shape[index])
            newStrides.append(strides[index])
        }
        newShape.append(length)
        // Wrapping: the sum overflows only for an empty tensor's long dims, where it is unused.
        newStrides.append(strides[first] &+ strides[second])
        return viewing(View(shape: newShape, strides: newStrides, offset: offset))
    }
}

/// Replaces a single `-1` in `requested` so the sizes multiply to `count`.
public func inferShape(_ requested: [Int], count: Int) throws -> [Int] {
    var inferred: Int?
    var product = 1
    for (index, size) in requested.enumerated() {
        if size == -1 {
            if inferred != nil { throw TensorError.runtime("only one dimension can be inferred") }
            inferred = index
        } else if size < 0 {
            throw TensorError.runtime("invalid shape dimension \(size)")
        } else {
            let (next, overflow) = product.multipliedReportingOverflow(by: size)
            if overflow { throw TensorError.runtime("shape '\(formatShape(requested))' is invalid for input of size \(count)") }
            product = next
        }
    }
    var shape = requested
    if let inferred {
        // PyTorch's infer_size: the ambiguity is named only when the input is empty too;
        // otherwise a zero-sized request is simply invalid for this many elements.
        if product == 0 && count == 0 {
            throw TensorError.runtime(
                "cannot reshape tensor of 0 elements into shape \(formatShape(requested)) because the unspecified dimension size -1 can be any value and is ambiguous")
        }
        guard product > 0, count % product == 0 else {
            throw TensorError.runtime("shape '\(formatShape(requested))' is invalid for input of size \(count)")
        }
        shape[inferred] = count / product
    } else if product != count {
        throw TensorError.runtime("shape '\(formatShape(requested))' is invalid for input of size \(count)")
    }
    return shape
}

/// PyTorch's `computeStride`: strides that view `oldShape`'s memory as `newShape`, or
/// nil when some new dim would have to span two non-contiguous chunks.
func computeViewStrides(_ oldShape: [Int], _ oldStrides: [Int], _ newShape: [Int]) throws -> [Int]? {
    if oldShape.isEmpty { return [Int](repeating: 1, count: newShape.count) }
    let count = oldShape.contains(0) ? 0 : oldShape.reduce(1, *)
    if count == 0 && oldShape == newShape { return oldStrides }
    var newStrides = [Int](repeating: 0, count: newShape.count)
    if count == 0 {
        for index in stride(from: newShape.count - 1, through: 0, by: -1) {
            guard index < newShape.count - 1 else { newStrides[index] = 1; continue }
            let (stride, overflow) = Swift.max(newShape[index + 1], 1).multipliedReportingOverflow(by: newStrides[index + 1])
            if overflow { throw TensorError.runtime("Stride calculation overflowed") }
            newStrides[index] = stride
        }
        return newStrides
    }
    var viewDim = newShape.count - 1
    var chunkBaseStride = oldStrides.last ?? 1
    var tensorCount = 1
    var viewCount = 1
    for tensorDim in stride(from: oldShape.count - 1, through: 0, by: -1) {
        tensorCount &*= oldShape[tensorDim]
        if tensorDim == 0
            || (oldShape[tensorDim - 1] != 1 && oldStrides[tensorDim - 1] != tensorCount &* chunkBaseStride) {
            while viewDim >= 0 && (viewCount < tensorCount || newShape[viewDim] == 1) {
                newStrides[viewDim] = viewCount &* chunkBaseStride
                viewCount &*= newShape[viewDim]
                viewDim -= 1
            }
            if viewCount != tensorCount { return nil }
            if tensorDim > 0 {
                chunkBaseStride = oldStrides[tensorDim - 1]
                tensorCount = 1
                viewCount = 1
            }
        }
    }
    return viewDim == -1 ? newStrides : nil
}
