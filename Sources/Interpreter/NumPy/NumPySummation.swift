import TensorEngine

/// numpy's float sums, in numpy's order of additions, so `a.sum()` and `a.mean()` print
/// the same last digits: pairwise summation (`pairwise_sum` in numpy's `loops_utils.h`)
/// over the whole array or along the axis innermost in memory, plain accumulation along
/// any other axis.
enum NumPySummation {
    /// The sum, or nil for what this does not cover (integer dtypes, several axes).
    static func sum(_ tensor: Tensor, axes: [Int]?, keepDims: Bool) throws -> Tensor? {
        guard tensor.dtype == .float64 || tensor.dtype == .float32 else { return nil }
        let rank = tensor.rank
        let normalized = try axes.map { try $0.map { try normalizedAxis($0, rank: rank) } }
        if normalized == nil || Set(normalized ?? []).count == rank {
            let total = fullSum(tensor)
            return try Tensor.zeros(shape: keepDims ? Array(repeating: 1, count: rank) : [], dtype: tensor.dtype).filled(with: .float(total))
        }
        guard let axis = normalized?.first, normalized?.count == 1 else { return nil }
        let otherStrides = tensor.strides.indices.filter { $0 != axis && tensor.shape[$0] > 1 }.map { tensor.strides[$0].magnitude }
        let pairwise = tensor.strides[axis].magnitude <= (otherStrides.min() ?? .max)
        let moved = try tensor.movedim([axis], [rank - 1])
        let length = tensor.shape[axis]
        let values = moved.doubles()
        let sums = stride(from: 0, to: values.count, by: max(length, 1)).map { start in
            add(values[start..<(start + length)], pairwise: pairwise, isFloat32: tensor.dtype == .float32)
        }
        var shape = tensor.shape
        if keepDims { shape[axis] = 1 } else { shape.remove(at: axis) }
        let result = try Tensor(values: length == 0 ? Array(repeating: 0, count: shape.reduce(1, *)) : sums, shape: shape)
        return try result.to(tensor.dtype)
    }

    /// Every element in memory order, one pairwise run (numpy's iterator copies a strided
    /// array into a contiguous buffer first).
    private static func fullSum(_ tensor: Tensor) -> Double {
        let memoryOrder = tensor.strides.indices.sorted { tensor.strides[$0].magnitude > tensor.strides[$1].magnitude }
        guard let ordered = try? tensor.permute(memoryOrder), tensor.count > 0 else { return 0 }
        return add(ordered.doubles()[...], pairwise: true, isFloat32: tensor.dtype == .float32)
    }

    private static func add(_ values: ArraySlice<Double>, pairwise: Bool, isFloat32: Bool) -> Double {
        if isFloat32 {
            let floats = values.map { Float($0) }[...]
            return Double(pairwise ? pairwiseSum(floats) : floats.reduce(0, +))
        }
        return pairwise ? pairwiseSum(values) : values.reduce(0, +)
    }

    /// numpy's `pairwise_sum`: eight running sums in blocks of up to 128, halves above that.
    static func pairwiseSum<T: BinaryFloatingPoint>(_ values: ArraySlice<T>) -> T {
        let count = values.count
        let base = values.startIndex
        if count < 8 { return values.reduce(0, +) }
        if count <= 128 {
            var partial = Array(values[base..<(base + 8)])
            var index = 8
            while index < count - count % 8 {
                for lane in 0..<8 { partial[lane] += values[base + index + lane] }
                index += 8
            }
            var result = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
            while index < count {
                result += values[base + index]
                index += 1
            }
            return result
        }
        var half = count / 2
        half -= half % 8
        return pairwiseSum(values[base..<(base + half)]) + pairwiseSum(values[(base + half)...])
    }

    static func normalizedAxis(_ axis: Int, rank: Int) throws -> Int {
        guard axis >= -rank && axis < max(rank, 1) else {
            throw PythonError("AxisError", "axis \(axis) is out of bounds for array of dimension \(rank)")
        }
        return axis < 0 ? axis + rank : axis
    }
}
