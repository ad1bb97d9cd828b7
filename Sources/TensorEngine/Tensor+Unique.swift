/// unique (flattened or along a dim) and nonzero.
extension Tensor {
    /// `unique`: sorted distinct values (PyTorch's CPU kernel sorts even when
    /// `sorted` is false), with the inverse mapping and counts on request. nan never
    /// equals nan, so each nan is its own value.
    public func unique(sorted: Bool, returnInverse: Bool, returnCounts: Bool, dim: Int?) throws
        -> (values: Tensor, inverse: Tensor?, counts: Tensor?)
    {
        if let dim { return try uniqueAlong(dim: dim, returnInverse: returnInverse, returnCounts: returnCounts) }
        if !dtype.isFloatingPoint { return try integerUnique(returnInverse: returnInverse, returnCounts: returnCounts) }
        let groups: UniqueGroups
        let values: Tensor
        if dtype.isFloatingPoint {
            let keys = castDoubles(view: view, to: .float64)
            groups = try UniqueGroups(count: keys.count, less: { keys[$0] < keys[$1] || (!keys[$0].isNaN && keys[$1].isNaN) },
                                  equal: { keys[$0] == keys[$1] })
            values = try ResultBuilder.tensor(doubles: groups.representatives.map { keys[$0] }, shape: [groups.representatives.count], dtype: dtype)
        } else {
            let keys = castInt64s(view: view, to: .int64)
            groups = try UniqueGroups(count: keys.count, less: { keys[$0] < keys[$1] }, equal: { keys[$0] == keys[$1] })
            values = try ResultBuilder.tensor(int64s: groups.representatives.map { keys[$0] }, shape: [groups.representatives.count], dtype: dtype)
        }
        let inverse = returnInverse ? try Tensor(values: groups.inverse, shape: shape) : nil
        let counts = returnCounts ? try Tensor(values: groups.counts, shape: [groups.counts.count]) : nil
        return (values, inverse, counts)
    }

    /// `unique` of integers (or bools): the values radix-sorted, with their positions
    /// carried along only when the inverse is wanted, then runs of equal values merged.
    private func integerUnique(returnInverse: Bool, returnCounts: Bool) throws
        -> (values: Tensor, inverse: Tensor?, counts: Tensor?)
    {
        var keys = castInt64s(view: view, to: .int64)
        var positions: [Int64]? = returnInverse ? Array(0..<Int64(keys.count)) : nil
        try IntegerRadixSort.sort(&keys, positions: &positions)
        var distinct: [Int64] = [], counts: [Int64] = []
        var inverse = [Int64](repeating: 0, count: returnInverse ? keys.count : 0)
        for (rank, key) in keys.enumerated() {
            if rank == 0 || key != distinct[distinct.count &- 1] {
                distinct.append(key)
                counts.append(1)
            } else {
                counts[counts.count &- 1] &+= 1
            }
            if let positions { inverse[Int(positions[rank])] = Int64(distinct.count &- 1) }
        }
        let values = try ResultBuilder.tensor(int64s: distinct, shape: [distinct.count], dtype: dtype)
        return (values, returnInverse ? try Tensor(values: inverse, shape: shape) : nil,
                returnCounts ? try Tensor(values: counts, shape: [counts.count]) : nil)
    }

    /// `unique(dim=)`: distinct slices along `dim`, ordered lexicographically.
    private func uniqueAlong(dim: Int, returnInverse: Bool, returnCounts: Bool) throws
        -> (values: Tensor, inverse: Tensor?, counts: Tensor?)
    {
        let axis = try normalizeDim(dim, rank: rank)
        let size = rank == 0 ? 1 : shape[axis]
        if count == 0, size != 0 {
            throw TensorError.runtime("There are 0 sized dimensions, and they aren't selected, so unique cannot be applied")
        }
        // Bring `dim` to the front so each slice is one contiguous row.
        var order = Array(0..<rank)
        if rank > 0 { order.remove(at: axis); order.insert(axis, at: 0) }
        let front = View(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: storageOffset)
        let rowLength = size == 0 ? 0 : count / size
        let isFloat = dtype.isFloatingPoint
        let keys = isFloat ? castDoubles(view: front, to: .float64) : []
        let exactKeys = isFloat ? [] : castInt64s(view: front, to: .int64)
        func compareRows(_ a: Int, _ b: Int) -> Int {
            for column in 0..<rowLength {
                let x = a * rowLength + column
                let y = b * rowLength + column
                if isFloat {
                    if keys[x] < keys[y] { return -1 }
                    if keys[x] > keys[y] { return 1 }
                    if keys[x] != keys[y] { return keys[x].isNaN ? 1 : -1 }
                } else if exactKeys[x] != exactKeys[y] {
                    return exactKeys[x] < exactKeys[y] ? -1 : 1
                }
            }
            return 0
        }
        func rowsEqual(_ a: Int, _ b: Int) -> Bool {
            for column in 0..<rowLength {
                let x = a * rowLength + column
                let y = b * rowLength + column
                if isFloat ? keys[x] != keys[y] : exactKeys[x] != exactKeys[y] { return false }
            }
            return true
        }
        let groups = try UniqueGroups(count: size, less: { compareRows($0, $1) < 0 }, equal: rowsEqual)
        // Gather the representative rows, then move the dim back into place.
        var rowShape = order.map { shape[$0] }
        if rank > 0 { rowShape[0] = groups.representatives.count }
        let frontTensor = try ResultBuilder.gather(self, view: front, shape: order.map { shape[$0] })
        let rows = try frontTensor.selectRows(groups.representatives, rowLength: rowLength, shape: rowShape)
        let values = rank > 0 ? try rows.movingFrontDim(to: axis) : rows
        let inverse = returnInverse ? try Tensor(values: groups.inverse, shape: [size]) : nil
        let counts = returnCounts ? try Tensor(values: groups.counts, shape: [groups.counts.count]) : nil
        return (values, inverse, counts)
    }

    /// A contiguous tensor holding rows `rows` of this contiguous tensor.
    private func selectRows(_ rows: [Int], rowLength: Int, shape newShape: [Int]) throws -> Tensor {
        var offsets: [Int] = []
        offsets.reserveCapacity(rows.count * rowLength)
        for row in rows {
            for column in 0..<rowLength { offsets.append(row * rowLength + column) }
        }
        if dtype.isFloatingPoint {
            let all = doubles()
            return try ResultBuilder.tensor(doubles: offsets.map { all[$0] }, shape: newShape, dtype: dtype)
        }
        let all = int64s()
        return try ResultBuilder.tensor(int64s: offsets.map { all[$0] }, shape: newShape, dtype: dtype)
    }

    /// A contiguous copy with dim 0 moved to `position`.
    private func movingFrontDim(to position: Int) throws -> Tensor {
        var order = Array(1..<rank)
        order.insert(0, at: position)
        let moved = View(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: storageOffset)
        return try ResultBuilder.gather(self, view: moved, shape: moved.shape)
    }

    /// `nonzero`: the coordinates of every non-zero element, as an [n, rank] int64 tensor.
    /// One pass counts, a second writes each hit's coordinates straight into the result,
    /// row by row of the last dim: building a coordinate array per hit ran 7 times slower
    /// than PyTorch on a 1000×1000 mask.
    public func nonzero() throws -> Tensor {
        let truths = try to(.bool).contiguous()
        let flags = UnsafePointer(truths.pointer(Bool.self)) + truths.storageOffset
        let total = count
        var found = 0
        for index in 0..<total where flags[index] { found &+= 1 }
        let result = try Tensor.uninitialized(shape: [found, rank], dtype: .int64)
        guard found > 0, rank > 0 else { return result }
        let rowLength = shape[rank - 1]
        var target = result.pointer(Int64.self)
        var prefix = [Int](repeating: 0, count: rank - 1)
        for rowStart in stride(from: 0, to: total, by: rowLength) {
            for column in 0..<rowLength where flags[rowStart &+ column] {
                for coordinate in prefix {
                    target.pointee = Int64(coordinate)
                    target += 1
                }
                target.pointee = Int64(column)
                target += 1
            }
            advanceRowMajor(&prefix, in: shape, dims: rank - 1)
        }
        return result
    }
}

/// Positions 0..<count grouped into runs of equal items after a stable sort.
struct UniqueGroups {
    /// The first position (in sorted order) of each group.
    var representatives: [Int] = []
    /// For each position, its group number.
    var inverse: [Int64]
    var counts: [Int64] = []

    /// Throws when a stop (`OperationStop`) cut the sort short.
    init(count: Int, less: (Int, Int) -> Bool, equal: (Int, Int) -> Bool) throws {
        inverse = [Int64](repeating: 0, count: count)
        var order = Array(0..<count)
        order.stoppableSort { less($0, $1) || (!less($1, $0) && $0 < $1) }
        try OperationStop.check()
        for position in order {
            if let last = representatives.last, equal(last, position) {
                counts[counts.count - 1] += 1
            } else {
                representatives.append(position)
                counts.append(1)
            }
            inverse[position] = Int64(representatives.count - 1)
        }
    }
}
