import Glibc

/// How `quantile` turns a fractional rank into a value.
public enum QuantileInterpolation: String, Sendable {
    case linear, lower, higher, midpoint, nearest
}

/// What each quantile read, for the gradient: the input elements (as row-major positions
/// in the input) below and above the rank, and the weight given to the one above.
public struct QuantileReads: Sendable {
    public let below: [Int]
    public let above: [Int]
    public let weights: [Double]
    public let inputShape: [Int]
}

/// `<` on the raw keys, as the comparator of ATen's mode kernel: NaN compares false both
/// ways, so libstdc++'s sort leaves it where its partitioning happens to put it.
struct RawKeyOrder<Key: OrderedLaneValue>: LaneOrder {
    @inline(__always) func less(_ a: KeyedIndex<Key>, _ b: KeyedIndex<Key>) -> Bool { a.key < b.key }
}

extension Tensor {
    /// `mode(dim)`: per lane the most frequent value (the smallest among equally frequent
    /// ones) and the index ATen reports: that of the last element of the value's run after
    /// its unstable `std::sort`.
    public func mode(dim: Int, keepDim: Bool) throws -> (values: Tensor, indices: Tensor) {
        let layout = try ReductionLayout(self, dims: [dim], keepDim: keepDim)
        try checkNonEmptyReduction(layout, name: "mode")
        if dtype.isFloatingPoint {
            let result = modeLanes(castDoubles(view: layout.laneView, to: .float64), length: layout.laneLength)
            return (try ResultBuilder.tensor(doubles: result.keys, shape: layout.outputShape, dtype: dtype),
                    try Tensor(values: result.indices, shape: layout.outputShape))
        }
        let result = modeLanes(castInt64s(view: layout.laneView, to: .int64), length: layout.laneLength)
        return (try ResultBuilder.tensor(int64s: result.keys, shape: layout.outputShape, dtype: dtype),
                try Tensor(values: result.indices, shape: layout.outputShape))
    }

    /// Validates `quantile`'s arguments with ATen's messages, in ATen's order. `q` is a
    /// 0-d or 1-d tensor of the input's dtype.
    /// Both ops name themselves "quantile()" in these messages.
    private func checkQuantileArguments(_ q: Tensor) throws {
        let name = "quantile"
        guard count > 0 else { throw TensorError.runtime("\(name)() input tensor must be non-empty") }
        guard q.rank <= 1 else { throw TensorError.runtime("\(name)() q must be a scalar or 1D tensor") }
        guard dtype == .float32 || dtype == .float64 else {
            throw TensorError.runtime("\(name)() input tensor must be either float or double dtype")
        }
        guard q.dtype == dtype else { throw TensorError.runtime("\(name)() q tensor must be same dtype as the input tensor") }
        guard q.castDoubles(view: q.view, to: .float64).allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw TensorError.runtime("\(name)() q values must be in the range [0, 1]")
        }
    }

    /// `quantile(q, dim, keepdim, interpolation)` and, with `ignoringNaN`, `nanquantile`:
    /// each lane sorted (NaN last), the rank q·(n−1) taken in the input's dtype, then
    /// rounded or interpolated as ATen does. A 1-d `q` puts its own dim first.
    public func quantile(_ q: Tensor, dim: Int?, keepDim: Bool, interpolation: QuantileInterpolation,
                         ignoringNaN: Bool) throws -> (values: Tensor, reads: QuantileReads) {
        try checkQuantileArguments(q)
        let layout = try ReductionLayout(self, dims: dim.map { [$0] }, keepDim: keepDim)
        // The row-major position of every lane element, so the gradient can find it.
        let positions = try Tensor(values: (0..<Int64(count)).map { $0 }, shape: shape)
        let lanePositions = positions.castInt64s(view: try ReductionLayout(positions, dims: dim.map { [$0] }, keepDim: keepDim).laneView, to: .int64)
        let keys = castDoubles(view: layout.laneView, to: .float64)
        let levels = q.castDoubles(view: q.view, to: .float64)
        let picked = dtype == .float32
            ? quantileLanes(keys, length: layout.laneLength, levels: levels, as: Float.self, interpolation: interpolation, ignoringNaN: ignoringNaN)
            : quantileLanes(keys, length: layout.laneLength, levels: levels, as: Double.self, interpolation: interpolation, ignoringNaN: ignoringNaN)
        let outputShape = (q.rank == 1 ? [q.count] : []) + layout.outputShape
        let reads = QuantileReads(below: picked.below.map { Int(lanePositions[$0]) }, above: picked.above.map { Int(lanePositions[$0]) },
                                  weights: picked.weights, inputShape: shape)
        return (try ResultBuilder.tensor(doubles: picked.values, shape: outputShape, dtype: dtype), reads)
    }

    /// The gradient of `quantile` for this incoming gradient: each output's share sent to
    /// the elements it read, (1 − w) below and w above.
    public func quantileGradient(_ reads: QuantileReads) throws -> Tensor {
        let incoming = castDoubles(view: view, to: .float64)
        let elementCount = reads.inputShape.reduce(1, *)
        var result = [Double](repeating: 0, count: elementCount)
        let single = dtype == .float32
        for (slot, gradient) in incoming.enumerated() {
            let weight = reads.weights[slot]
            let belowShare = single ? Double(Float(gradient) * (1 - Float(weight))) : gradient * (1 - weight)
            let aboveShare = single ? Double(Float(gradient) * Float(weight)) : gradient * weight
            result[reads.below[slot]] += belowShare
            result[reads.above[slot]] += aboveShare
        }
        return try ResultBuilder.tensor(doubles: result, shape: reads.inputShape, dtype: dtype)
    }
}

/// Per lane, the mode as ATen's CPU kernel finds it: sort (value, index) pairs with
/// libstdc++'s unstable sort, then keep the first longest run of equal values.
func modeLanes<Key: OrderedLaneValue>(_ keys: [Key], length: Int) -> (keys: [Key], indices: [Int64]) {
    var modes: [Key] = [], indices: [Int64] = []
    guard length > 0 else { return ([], []) }
    for start in stride(from: 0, to: keys.count, by: length) {
        var pairs = keys[start..<(start + length)].enumerated().map { KeyedIndex(key: $0.element, index: Int64($0.offset)) }
        LibstdcxxAlgorithms(order: RawKeyOrder<Key>()).sort(&pairs, 0, pairs.count)
        var best = pairs[0], bestCount = 0, runCount = 0
        for position in 0..<length {
            runCount += 1
            guard position == length - 1 || pairs[position].key != pairs[position + 1].key else { continue }
            if runCount > bestCount { (best, bestCount) = (pairs[position], runCount) }
            runCount = 0
        }
        modes.append(best.key)
        indices.append(best.index)
    }
    return (modes, indices)
}

/// The quantiles of every lane for every level, level-major, with the lane-order
/// positions they read. Ranks and interpolation run in `T`, the input's precision.
func quantileLanes<T: BinaryFloatingPoint>(
    _ keys: [Double], length: Int, levels: [Double], as type: T.Type, interpolation: QuantileInterpolation, ignoringNaN: Bool
) -> (values: [Double], below: [Int], above: [Int], weights: [Double]) {
    var sortedLanes: [[(key: Double, position: Int)]] = []
    for start in stride(from: 0, to: keys.count, by: length) {
        let lane = (start..<(start + length)).map { (key: keys[$0], position: $0) }
        // NaN last; equal keys keep their order, as ATen's stable CPU sort does.
        sortedLanes.append(lane.enumerated().sorted { a, b in
            let (x, y) = (a.element.key, b.element.key)
            if x.isNaN != y.isNaN { return y.isNaN }
            return x < y || (!(y < x) && a.offset < b.offset)
        }.map(\.element))
    }
    var values: [Double] = [], below: [Int] = [], above: [Int] = [], weights: [Double] = []
    for level in levels {
        for sorted in sortedLanes {
            let finiteCount = sorted.lazy.filter { !$0.key.isNaN }.count
            var rank: T
            if ignoringNaN {
                rank = Swift.max(T(level) * T(finiteCount - 1), 0)
            } else {
                rank = finiteCount < length ? T(length - 1) : T(level) * T(length - 1)
            }
            switch interpolation {
            case .lower: rank.round(.down)
            case .higher: rank.round(.up)
            case .nearest: rank.round(.toNearestOrEven)
            case .linear, .midpoint: break
            }
            let lowIndex = Int(rank)
            let highIndex = Int(rank.rounded(.up))
            let weight: T = interpolation == .linear ? rank - T(lowIndex) : (interpolation == .midpoint ? 0.5 : 0)
            let (start, end) = (T(sorted[lowIndex].key), T(sorted[highIndex].key))
            // ATen's vectorized lerp: one fused multiply-add from whichever end is nearer.
            let value = interpolation != .linear && interpolation != .midpoint ? start
                : abs(weight) < 0.5 ? start.addingProduct(weight, end - start) : end.addingProduct(weight - 1, end - start)
            values.append(Double(value))
            below.append(sorted[lowIndex].position)
            above.append(sorted[highIndex].position)
            weights.append(Double(weight))
        }
    }
    return (values, below, above, weights)
}
