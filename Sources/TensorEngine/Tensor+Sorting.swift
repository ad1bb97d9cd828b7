/// sort, argsort, topk and median. nan sorts as the largest value. Ties follow PyTorch:
/// stable sorts keep input order; otherwise the libstdc++ algorithms PyTorch calls
/// decide (see `LibstdcxxAlgorithms`).

/// One element of a lane with its position, as PyTorch's sort kernels pair them.
struct KeyedIndex<Key: OrderedLaneValue> {
    var key: Key
    var index: Int64
}

/// A strict weak order on lane elements, as a type so that the sorts specialize on it.
protocol LaneOrder {
    associatedtype Element
    func less(_ a: Element, _ b: Element) -> Bool
}

/// PyTorch's KeyValueCompAsc / KeyValueCompDesc: values only, nan greatest.
struct KeyOrder<Key: OrderedLaneValue>: LaneOrder {
    let descending: Bool

    @inline(__always) func less(_ a: KeyedIndex<Key>, _ b: KeyedIndex<Key>) -> Bool {
        if descending { return (a.key.isNaNValue && !b.key.isNaNValue) || a.key > b.key }
        return (!a.key.isNaNValue && b.key.isNaNValue) || a.key < b.key
    }
}

/// `KeyOrder` for a lane without nan, where it gives the same answers: the sorts then make
/// the same moves, with the nan tests (most of a comparison's work) left out.
struct NumericKeyOrder<Key: OrderedLaneValue>: LaneOrder {
    let descending: Bool

    @inline(__always) func less(_ a: KeyedIndex<Key>, _ b: KeyedIndex<Key>) -> Bool {
        descending ? a.key > b.key : a.key < b.key
    }
}

/// An order on keys with ties broken by position. Positions are unique, so any sort under
/// this order returns exactly what a stable sort under `keys` returns.
struct StableKeyOrder<Key: OrderedLaneValue, Keys: LaneOrder>: LaneOrder where Keys.Element == KeyedIndex<Key> {
    let keys: Keys

    @inline(__always) func less(_ a: KeyedIndex<Key>, _ b: KeyedIndex<Key>) -> Bool {
        keys.less(a, b) || (!keys.less(b, a) && a.index < b.index)
    }
}

/// Sorts one lane as libstdc++'s `std::sort` (or `std::stable_sort`) would under `order`.
private func sortLane<Key, Order: LaneOrder>(_ pairs: inout [KeyedIndex<Key>], _ order: Order, stable: Bool)
where Order.Element == KeyedIndex<Key> {
    if stable {
        LibstdcxxAlgorithms(order: StableKeyOrder(keys: order)).sort(&pairs, 0, pairs.count)
    } else {
        LibstdcxxAlgorithms(order: order).sort(&pairs, 0, pairs.count)
    }
}

/// Sorts every lane of `keys` (lanes of `length` consecutive elements).
func sortLanes<Key: OrderedLaneValue>(
    _ keys: [Key], length: Int, descending: Bool, stable: Bool
) -> (keys: [Key], indices: [Int64]) {
    var sortedKeys = [Key]()
    var sortedIndices = [Int64]()
    sortedKeys.reserveCapacity(keys.count)
    sortedIndices.reserveCapacity(keys.count)
    guard length > 0 else { return ([], []) }
    for lane in 0..<(keys.count / length) {
        if OperationStop.isRequested { break }
        var pairs = (0..<length).map { KeyedIndex(key: keys[lane * length + $0], index: Int64($0)) }
        if pairs.contains(where: { $0.key.isNaNValue }) {
            sortLane(&pairs, KeyOrder<Key>(descending: descending), stable: stable)
        } else {
            sortLane(&pairs, NumericKeyOrder<Key>(descending: descending), stable: stable)
        }
        for pair in pairs {
            sortedKeys.append(pair.key)
            sortedIndices.append(pair.index)
        }
    }
    return (sortedKeys, sortedIndices)
}

/// The k largest (or smallest) of every lane, following PyTorch's topk_impl_loop:
/// partial_sort when k is small next to the lane, else nth_element then a sort of the
/// first k - 1 when `sorted`.
func topkLanes<Key: OrderedLaneValue>(
    _ keys: [Key], length: Int, k: Int, largest: Bool, sorted: Bool
) -> (keys: [Key], indices: [Int64]) {
    var resultKeys = [Key]()
    var resultIndices = [Int64]()
    guard length > 0, k > 0 else { return ([], []) }
    for lane in 0..<(keys.count / length) {
        if OperationStop.isRequested { break }
        var queue = (0..<length).map { KeyedIndex(key: keys[lane * length + $0], index: Int64($0)) }
        if queue.contains(where: { $0.key.isNaNValue }) {
            selectTop(&queue, k: k, sorted: sorted, LibstdcxxAlgorithms(order: KeyOrder<Key>(descending: largest)))
        } else {
            selectTop(&queue, k: k, sorted: sorted, LibstdcxxAlgorithms(order: NumericKeyOrder<Key>(descending: largest)))
        }
        for pair in queue[0..<k] {
            resultKeys.append(pair.key)
            resultIndices.append(pair.index)
        }
    }
    return (resultKeys, resultIndices)
}

/// topk_impl_loop's choice for one lane: partial_sort when k is small next to the lane,
/// else nth_element, then a sort of the first k - 1 when `sorted`.
private func selectTop<Key, Order: LaneOrder>(
    _ queue: inout [KeyedIndex<Key>], k: Int, sorted: Bool, _ algorithms: LibstdcxxAlgorithms<Order>
) where Order.Element == KeyedIndex<Key> {
    if k * 64 <= queue.count {
        algorithms.partialSort(&queue, 0, middle: k, queue.count)
    } else {
        algorithms.nthElement(&queue, 0, nth: k - 1, queue.count)
        if sorted { algorithms.sort(&queue, 0, k - 1) }
    }
}

extension Tensor {
    /// `sort`: values and their original indices along `dim`.
    public func sort(dim: Int, descending: Bool, stable: Bool) throws -> (values: Tensor, indices: Tensor) {
        let axis = try normalizeDim(dim, rank: rank)
        // PyTorch sorts long 1-d ascending integer tensors with a (stable) radix sort.
        let radix = rank == 1 && dtype.isIntegral && count >= 32768 && !descending
        return try laneOperation(axis: axis, outputLength: rank == 0 ? 1 : shape[axis]) { keys, length in
            sortLanes(keys, length: length, descending: descending, stable: stable || radix)
        } integers: { keys, length in
            sortLanes(keys, length: length, descending: descending, stable: stable || radix)
        }
    }

    /// `argsort`: the indices `sort` would return.
    public func argsort(dim: Int, descending: Bool, stable: Bool) throws -> Tensor {
        try sort(dim: dim, descending: descending, stable: stable).indices
    }

    /// `topk`: the k largest (or smallest) along `dim`, nan counting as largest.
    public func topk(_ k: Int, dim: Int, largest: Bool, sorted: Bool) throws -> (values: Tensor, indices: Tensor) {
        let axis = try normalizeDim(dim, rank: rank)
        let size = rank == 0 ? 1 : shape[axis]
        guard k >= 0, k <= size else { throw TensorError.runtime("selected index k out of range") }
        if dtype == .bool { throw TensorError.notImplemented("topk does not support bool dtypes on CPU") }
        return try laneOperation(axis: axis, outputLength: k) { keys, length in
            topkLanes(keys, length: length, k: k, largest: largest, sorted: sorted)
        } integers: { keys, length in
            topkLanes(keys, length: length, k: k, largest: largest, sorted: sorted)
        }
    }

    /// Applies a per-lane operation along `axis` that turns each lane into
    /// `outputLength` (value, index) pairs, and reassembles the two result tensors.
    private func laneOperation(
        axis: Int, outputLength: Int,
        floats: ([Double], Int) -> (keys: [Double], indices: [Int64]),
        integers: ([Int64], Int) -> (keys: [Int64], indices: [Int64])
    ) throws -> (values: Tensor, indices: Tensor) {
        // Keys as Double or Int64, positions, sorted (key, index) pairs and scattered
        // results: about six words per element besides the output tensors.
        try withScratch(elements: count, bytesPerElement: 48) {
            try laneOperationUncounted(axis: axis, outputLength: outputLength, floats: floats, integers: integers)
        }
    }

    private func laneOperationUncounted(
        axis: Int, outputLength: Int,
        floats: ([Double], Int) -> (keys: [Double], indices: [Int64]),
        integers: ([Int64], Int) -> (keys: [Int64], indices: [Int64])
    ) throws -> (values: Tensor, indices: Tensor) {
        let (moved, length) = movingDimLast(axis)
        var outputShape = shape
        if rank > 0 { outputShape[axis] = outputLength }
        let destinations = positionsAfterMovingBack(shape: outputShape, dim: axis)
        let indices: [Int64]
        let values: Tensor
        if dtype.isFloatingPoint {
            let result = floats(castDoubles(view: moved, to: .float64), length)
            try OperationStop.check()
            values = try ResultBuilder.tensor(doubles: scatter(result.keys, to: destinations), shape: outputShape, dtype: dtype)
            indices = result.indices
        } else {
            let result = integers(castInt64s(view: moved, to: .int64), length)
            try OperationStop.check()
            values = try ResultBuilder.tensor(int64s: scatter(result.keys, to: destinations), shape: outputShape, dtype: dtype)
            indices = result.indices
        }
        return (values, try Tensor(values: scatter(indices, to: destinations), shape: outputShape))
    }

    /// `median()`: the lower median of all elements; nan if any element is nan or the
    /// tensor is empty.
    public func median() throws -> Tensor {
        if dtype == .bool {
            throw TensorError.kernelNotImplemented("median_cpu", .bool)
        }
        if dtype.isFloatingPoint { return try floatingLowerMedian() }
        var values = castInt64s(view: view, to: .int64)
        // An empty integer tensor gets nan converted to the dtype, as PyTorch does.
        guard !values.isEmpty else { return try ResultBuilder.tensor(doubles: [.nan], shape: [], dtype: dtype) }
        values.stoppableSort()
        try OperationStop.check()
        return try ResultBuilder.tensor(int64s: [values[(values.count - 1) / 2]], shape: [], dtype: dtype)
    }

    /// `median(dim)`: lower median and its index. Equal values are ordered by index, so
    /// the index is that of the median's position in a stable sort; with a nan in the
    /// lane, the first nan and its index.
    public func median(dim: Int, keepDim: Bool) throws -> (values: Tensor, indices: Tensor) {
        if dtype == .bool {
            throw TensorError.kernelNotImplemented("median_out", .bool)
        }
        let layout = try ReductionLayout(self, dims: [dim], keepDim: keepDim)
        try checkNonEmptyReduction(layout, name: "median")
        if dtype.isFloatingPoint {
            let result = medianLanes(castDoubles(view: layout.laneView, to: .float64), length: layout.laneLength)
            try OperationStop.check()
            return (try ResultBuilder.tensor(doubles: result.keys, shape: layout.outputShape, dtype: dtype),
                    try Tensor(values: result.indices, shape: layout.outputShape))
        }
        let result = medianLanes(castInt64s(view: layout.laneView, to: .int64), length: layout.laneLength)
        try OperationStop.check()
        return (try ResultBuilder.tensor(int64s: result.keys, shape: layout.outputShape, dtype: dtype),
                try Tensor(values: result.indices, shape: layout.outputShape))
    }
}

func medianLanes<Key: OrderedLaneValue>(_ keys: [Key], length: Int) -> (keys: [Key], indices: [Int64]) {
    var resultKeys = [Key]()
    var resultIndices = [Int64]()
    guard length > 0 else { return ([], []) }
    for lane in 0..<(keys.count / length) {
        if OperationStop.isRequested { break }
        let slice = keys[(lane * length)..<((lane + 1) * length)]
        if let nanPosition = slice.firstIndex(where: { $0.isNaNValue }) {
            resultKeys.append(keys[nanPosition])
            resultIndices.append(Int64(nanPosition - lane * length))
            continue
        }
        // Ties are ordered by position, so the order is total and any selection finds the
        // element a stable sort would put in the middle, as ATen's nth_element does.
        var pairs = slice.enumerated().map { KeyedIndex(key: $0.element, index: Int64($0.offset)) }
        LibstdcxxAlgorithms(order: StableKeyOrder(keys: NumericKeyOrder<Key>(descending: false)))
            .nthElement(&pairs, 0, nth: (length - 1) / 2, pairs.count)
        guard !OperationStop.isRequested else { break }
        let middle = pairs[(length - 1) / 2]
        resultKeys.append(middle.key)
        resultIndices.append(middle.index)
    }
    return (resultKeys, resultIndices)
}

/// Places `values[i]` at `destinations[i]`.
func scatter<T>(_ values: [T], to destinations: [Int]) -> [T] {
    guard var result = values.first.map({ [T](repeating: $0, count: values.count) }) else { return [] }
    for (value, destination) in zip(values, destinations) { result[destination] = value }
    return result
}
