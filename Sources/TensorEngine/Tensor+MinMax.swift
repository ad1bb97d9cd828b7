/// max/min (with and without a dim), argmax/argmin, amax/amin, any/all, count_nonzero.
/// Values are compared as Double for floating dtypes and Int64 otherwise, so every
/// integer compares exactly. NaN wins every comparison, as in PyTorch.

/// A lane element that knows PyTorch's ordering: nan is greater than everything.
protocol OrderedLaneValue: Comparable {
    var isNaNValue: Bool { get }
}

extension Double: OrderedLaneValue {
    var isNaNValue: Bool { isNaN }
}

extension Int64: OrderedLaneValue {
    var isNaNValue: Bool { false }
}

/// The value and first index of the largest (or smallest) element of each lane; the
/// first nan, if any, is the answer.
func extremeLanes<T: OrderedLaneValue>(_ values: [T], layout: ReductionLayout, largest: Bool) -> (values: [T], indices: [Int64]) {
    let length = layout.laneLength
    var bestValues: [T] = []
    var bestIndices: [Int64] = []
    bestValues.reserveCapacity(layout.outerCount)
    bestIndices.reserveCapacity(layout.outerCount)
    guard length > 0 else { return ([], []) }
    values.withUnsafeBufferPointer { buffer in
        for lane in 0..<layout.outerCount {
            let start = lane * length
            var best = buffer[start]
            var bestIndex = 0
            if !best.isNaNValue {
                for step in 1..<length {
                    let value = buffer[start + step]
                    if value.isNaNValue {
                        best = value
                        bestIndex = step
                        break
                    }
                    if largest ? value > best : value < best {
                        best = value
                        bestIndex = step
                    }
                }
            }
            bestValues.append(best)
            bestIndices.append(Int64(bestIndex))
        }
    }
    return (bestValues, bestIndices)
}

extension Tensor {
    /// Runs `extremeLanes` in the right number type and wraps the results.
    func extremeReduction(_ layout: ReductionLayout, largest: Bool) throws -> (values: Tensor, indices: Tensor) {
        if let result = try float32ExtremeLanes(layout, largest: largest) { return result }
        let indices: [Int64]
        let values: Tensor
        if dtype.isFloatingPoint {
            let result = extremeLanes(castDoubles(view: layout.laneView, to: .float64), layout: layout, largest: largest)
            values = try ResultBuilder.tensor(doubles: result.values, shape: layout.outputShape, dtype: dtype)
            indices = result.indices
        } else {
            let result = extremeLanes(castInt64s(view: layout.laneView, to: .int64), layout: layout, largest: largest)
            values = try ResultBuilder.tensor(int64s: result.values, shape: layout.outputShape, dtype: dtype)
            indices = result.indices
        }
        return (values, try Tensor(values: indices, shape: layout.outputShape))
    }

    /// `max()`: the largest element as a 0-dim tensor.
    public func max() throws -> Tensor { try fullExtreme(name: "max", largest: true) }

    /// `min()`: the smallest element as a 0-dim tensor.
    public func min() throws -> Tensor { try fullExtreme(name: "min", largest: false) }

    private func fullExtreme(name: String, largest: Bool) throws -> Tensor {
        if count == 0 {
            throw TensorError.runtime(
                "\(name)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
        }
        let layout = try ReductionLayout(self, dims: nil, keepDim: false)
        if let values = try float32ExtremeValues(layout, largest: largest) { return values }
        return try extremeReduction(layout, largest: largest).values
    }

    /// `max(dim)`: values and the index of the first maximum along `dim`.
    public func max(dim: Int, keepDim: Bool) throws -> (values: Tensor, indices: Tensor) {
        try extremeAlong(dim: dim, keepDim: keepDim, name: "max", largest: true)
    }

    /// `min(dim)`: values and the index of the first minimum along `dim`.
    public func min(dim: Int, keepDim: Bool) throws -> (values: Tensor, indices: Tensor) {
        try extremeAlong(dim: dim, keepDim: keepDim, name: "min", largest: false)
    }

    private func extremeAlong(dim: Int, keepDim: Bool, name: String, largest: Bool) throws -> (values: Tensor, indices: Tensor) {
        let layout = try ReductionLayout(self, dims: [dim], keepDim: keepDim)
        try checkNonEmptyReduction(layout, name: name)
        return try extremeReduction(layout, largest: largest)
    }

    /// PyTorch refuses to take a max, median ... over a dim with no elements.
    func checkNonEmptyReduction(_ layout: ReductionLayout, name: String) throws {
        if let empty = layout.emptyReducedDim(in: shape) {
            throw TensorError.index("\(name)(): Expected reduction dim \(empty) to have non-zero size.")
        }
    }

    /// `argmax`: with no dim, the index into the flattened tensor.
    public func argmax(dim: Int?, keepDim: Bool) throws -> Tensor {
        try argExtreme(dim: dim, keepDim: keepDim, name: "argmax", largest: true)
    }

    /// `argmin`: with no dim, the index into the flattened tensor.
    public func argmin(dim: Int?, keepDim: Bool) throws -> Tensor {
        try argExtreme(dim: dim, keepDim: keepDim, name: "argmin", largest: false)
    }

    private func argExtreme(dim: Int?, keepDim: Bool, name: String, largest: Bool) throws -> Tensor {
        if dtype == .bool {
            throw TensorError(.notImplementedError, "\(name)(): does not support bool input")
        }
        guard let dim else {
            if count == 0 {
                throw TensorError.index("\(name)(): Expected reduction dim to be specified for input.numel() == 0.")
            }
            // keepdim without a dim keeps every dim as size 1.
            let layout = try ReductionLayout(self, dims: nil, keepDim: keepDim)
            return try extremeReduction(layout, largest: largest).indices
        }
        let layout = try ReductionLayout(self, dims: [dim], keepDim: keepDim)
        try checkNonEmptyReduction(layout, name: name)
        return try extremeReduction(layout, largest: largest).indices
    }

    /// `amax`: the maximum over several dims (all when `dims` is empty), no indices.
    public func amax(dims: [Int], keepDim: Bool) throws -> Tensor {
        try multiDimExtreme(dims: dims, keepDim: keepDim, name: "amax", largest: true)
    }

    /// `amin`: the minimum over several dims (all when `dims` is empty), no indices.
    public func amin(dims: [Int], keepDim: Bool) throws -> Tensor {
        try multiDimExtreme(dims: dims, keepDim: keepDim, name: "amin", largest: false)
    }

    private func multiDimExtreme(dims: [Int], keepDim: Bool, name: String, largest: Bool) throws -> Tensor {
        let layout = try ReductionLayout(self, dims: dims, keepDim: keepDim)
        if dims.isEmpty, count == 0 {
            throw TensorError.runtime(
                "\(name)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
        }
        try checkNonEmptyReduction(layout, name: name)
        if let values = try float32ExtremeValues(layout, largest: largest) { return values }
        return try extremeReduction(layout, largest: largest).values
    }

    /// `any`: bool result (uint8 for uint8 input). `dims == []` reduces nothing.
    public func any(dims: [Int]?, keepDim: Bool) throws -> Tensor {
        try logicalReduction(dims: dims, keepDim: keepDim, identity: false) { $0 || $1 }
    }

    /// `all`: bool result (uint8 for uint8 input). `dims == []` reduces nothing.
    public func all(dims: [Int]?, keepDim: Bool) throws -> Tensor {
        try logicalReduction(dims: dims, keepDim: keepDim, identity: true) { $0 && $1 }
    }

    private func logicalReduction(dims: [Int]?, keepDim: Bool, identity: Bool, _ combine: (Bool, Bool) -> Bool) throws -> Tensor {
        let outputType: DType = dtype == .uint8 ? .uint8 : .bool
        if let dims, dims.isEmpty {
            // PyTorch treats an empty dim list here as "no dims", unlike sum.
            let truths = elements(as: Bool.self).map { Int64($0 ? 1 : 0) }
            return try ResultBuilder.tensor(int64s: truths, shape: shape, dtype: outputType)
        }
        let layout = try ReductionLayout(self, dims: dims, keepDim: keepDim)
        let truths = viewing(layout.laneView).elements(as: Bool.self)
        let folded = foldLanes(truths, layout: layout, initial: identity, combine).map { Int64($0 ? 1 : 0) }
        return try ResultBuilder.tensor(int64s: folded, shape: layout.outputShape, dtype: outputType)
    }

    /// `count_nonzero`: int64 counts; nil or an empty list counts everything.
    public func countNonzero(dims: [Int]?) throws -> Tensor {
        let layout = try ReductionLayout(self, dims: dims, keepDim: false)
        let truths = viewing(layout.laneView).elements(as: Bool.self).map { Int64($0 ? 1 : 0) }
        let counts = foldLanes(truths, layout: layout, initial: Int64(0)) { $0 + $1 }
        return try Tensor(values: counts, shape: layout.outputShape)
    }
}
