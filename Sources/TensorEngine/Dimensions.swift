/// Dimension and shape arithmetic shared by every op, with PyTorch's error messages.

/// Wraps a possibly negative dim into `0..<rank`. A 0-dim tensor accepts dims -1 and 0,
/// as PyTorch does.
public func normalizeDim(_ dim: Int, rank: Int) throws -> Int {
    let effectiveRank = max(rank, 1)
    let minimum = -effectiveRank
    let maximum = effectiveRank - 1
    guard dim >= minimum, dim <= maximum else {
        throw TensorError(.indexError, .dimOutOfRange(low: minimum, high: maximum, got: dim))
    }
    return dim < 0 ? dim + effectiveRank : dim
}

/// Normalizes a list of dims and rejects repeats ("dim 1 appears multiple times").
public func normalizeDims(_ dims: [Int], rank: Int) throws -> [Int] {
    // A linear scan, not a Set: ranks are tiny and this runs on every reduction call.
    var result: [Int] = []
    result.reserveCapacity(dims.count)
    for dim in dims {
        let normalized = try normalizeDim(dim, rank: rank)
        if result.contains(normalized) {
            throw TensorError.runtime("dim \(normalized) appears multiple times in the list of dims")
        }
        result.append(normalized)
    }
    return result
}

/// The broadcast shape of two shapes, with PyTorch's message on failure: `a` is the
/// shape so far and `b` the next operand; the dim index is the result's.
public func broadcastShapes(_ a: [Int], _ b: [Int]) throws -> [Int] {
    let rank = max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for index in stride(from: rank - 1, through: 0, by: -1) {
        let offsetA = index - (rank - a.count)
        let offsetB = index - (rank - b.count)
        let sizeA = offsetA >= 0 ? a[offsetA] : 1
        let sizeB = offsetB >= 0 ? b[offsetB] : 1
        if sizeA == sizeB || sizeB == 1 {
            result[index] = sizeA
        } else if sizeA == 1 {
            result[index] = sizeB
        } else {
            throw TensorError(.runtimeError, .sizeMismatch(sizeA: sizeA, sizeB: sizeB, dim: index))
        }
    }
    // Broadcasting two expanded views can multiply out to more elements than an Int holds.
    _ = try checkedElementCount(result)
    return result
}

public func broadcastShapes(_ shapes: [[Int]]) throws -> [Int] {
    var result: [Int] = []
    for shape in shapes { result = try broadcastShapes(result, shape) }
    return result
}

/// A view of `view` stretched to `shape` with zero strides, without copying.
/// Callers have already checked that the shapes broadcast.
public func broadcastView(_ view: View, to shape: [Int]) -> View {
    let extra = shape.count - view.rank
    var strides = [Int](repeating: 0, count: shape.count)
    for index in 0..<view.rank where view.shape[index] != 1 || shape[index + extra] == 1 {
        strides[index + extra] = view.strides[index]
    }
    return View(shape: shape, strides: strides, offset: view.offset)
}

/// Formats a shape the way PyTorch prints it inside messages: `[2, 3]`.
public func formatShape(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}

extension Int {
    /// Python's `//`: the quotient rounded toward negative infinity. The divisor is non-zero.
    public func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return self % divisor != 0 && (self < 0) != (divisor < 0) ? quotient - 1 : quotient
    }
}
