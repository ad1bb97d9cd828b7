import Glibc

/// The element-by-element combining that `scatter_reduce`, `index_reduce` and `put(accumulate=)`
/// share: values meet their target elements one at a time, in order, each step rounded to the
/// tensor's dtype as PyTorch's CPU loops store it.
extension Tensor {
    /// Combines `values[i]` into the element at storage offset `offsets[i]`. Without
    /// `includeSelf`, each targeted element starts from the reduction's identity instead of
    /// its old value; `mean` divides by the number of values combined (floored for integers).
    func reduce(_ values: [Scalar], into offsets: [Int], _ reduction: IndexReduction, includeSelf: Bool) {
        storage.noteWrite()
        if !includeSelf {
            let start = identity(of: reduction)
            for offset in Set(offsets) { setScalar(start, atStorageOffset: offset) }
        }
        var counts: [Int: Int] = [:]
        for (offset, value) in zip(offsets, values) {
            setScalar(combine(scalar(atStorageOffset: offset), value, reduction), atStorageOffset: offset)
            if reduction == .mean { counts[offset, default: includeSelf ? 1 : 0] += 1 }
        }
        for (offset, count) in counts {
            let total = scalar(atStorageOffset: offset)
            if dtype.isFloatingPoint {
                setScalar(.float(total.doubleValue / Double(count)), atStorageOffset: offset)
            } else if dtype != .bool {
                let (quotient, remainder) = total.int64Value.quotientAndRemainder(dividingBy: Int64(count))
                setScalar(.int(remainder < 0 ? quotient - 1 : quotient), atStorageOffset: offset)
            }
        }
    }

    /// What an element starts from when its old value is left out.
    private func identity(of reduction: IndexReduction) -> Scalar {
        switch (reduction, dtype.isFloatingPoint) {
        case (.sum, _), (.mean, _): return dtype == .bool ? .bool(false) : .int(0)
        case (.prod, _): return dtype == .bool ? .bool(true) : .int(1)
        case (.amax, true): return .float(-Double.infinity)
        case (.amin, true): return .float(Double.infinity)
        case (.amax, false): return dtype == .bool ? .bool(false) : .int(dtype.integerRange.lowerBound)
        case (.amin, false): return dtype == .bool ? .bool(true) : .int(dtype.integerRange.upperBound)
        }
    }

    /// One step, in the tensor's own kind of arithmetic. A NaN source value wins a max or
    /// min, and a NaN already there stays, as `std::max` keeps its first argument.
    private func combine(_ old: Scalar, _ value: Scalar, _ reduction: IndexReduction) -> Scalar {
        if dtype.isFloatingPoint {
            let (a, b) = (old.doubleValue, value.doubleValue)
            switch reduction {
            case .sum, .mean: return .float(a + b)
            case .prod: return .float(a * b)
            case .amax: return .float(b.isNaN ? b : (a < b ? b : a))
            case .amin: return .float(b.isNaN ? b : (b < a ? b : a))
            }
        }
        if dtype == .bool {
            let (a, b) = (old.boolValue, value.boolValue)
            switch reduction {
            case .sum, .mean, .amax: return .bool(a || b)
            case .prod, .amin: return .bool(a && b)
            }
        }
        let (a, b) = (old.int64Value, value.int64Value)
        switch reduction {
        case .sum, .mean: return .int(a &+ b)
        case .prod: return .int(a &* b)
        case .amax: return .int(Swift.max(a, b))
        case .amin: return .int(Swift.min(a, b))
        }
    }
}

extension DType {
    /// The smallest and largest value of an integer dtype (bool as 0...1).
    var integerRange: ClosedRange<Int64> {
        randomIntegerBounds(self).map { $0.0...$0.1 } ?? Int64.min...Int64.max
    }
}
