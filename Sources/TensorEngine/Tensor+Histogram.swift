extension Tensor {
    /// `histc`: counts in `bins` equal bins over [min, max] (the data's own range when
    /// min == max), in the input's dtype. As ATen's linear-interpolation kernel does,
    /// the bin index is computed in the input's precision and max falls in the last bin.
    public func histc(bins: Int, min: Double, max: Double) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError(.notImplementedError, "\"histogram_cpu\" not implemented for '\(dtype.scalarTypeName)'")
        }
        guard bins > 0 else { throw TensorError.runtime("torch.histogram(): bins must be > 0, but got \(bins) for dimension 0") }
        let values = doubles()
        var (low, high) = (min, max)
        if low == high, !values.isEmpty {
            // aminmax propagates NaN; ATen prints that NaN as "-nan".
            low = values.contains { $0.isNaN } ? -Double.nan : values.min() ?? low
            high = values.contains { $0.isNaN } ? -Double.nan : values.max() ?? high
        }
        if low == high { (low, high) = (low - 1, high + 1) }
        guard low.isFinite, high.isFinite else {
            throw TensorError.runtime("torch.histc: range of [\(edgeText(low)), \(edgeText(high))] is not finite")
        }
        guard low < high else { throw TensorError.runtime("torch.histc: max must be larger than min") }
        let result = try Tensor.zeros(shape: [bins], dtype: dtype)
        var counts = [Double](repeating: 0, count: bins)
        for value in values {
            guard let bin = binIndex(value, low: low, high: high, bins: bins) else { continue }
            counts[bin] += 1
        }
        try result.copy(from: try ResultBuilder.tensor(doubles: counts, shape: [bins], dtype: dtype))
        return result
    }

    /// ATen's `(elt - leftmost) * bins / (rightmost - leftmost)`, in float for float32.
    private func binIndex(_ value: Double, low: Double, high: Double, bins: Int) -> Int? {
        let position: Double
        if dtype == .float64 {
            guard value >= low, value <= high else { return nil }
            position = ((value - low) * Double(bins) / (high - low)).rounded(.towardZero)
        } else {
            let (element, left, right) = (Float(value), Float(low), Float(high))
            guard element >= left, element <= right else { return nil }
            position = Double(((element - left) * Float(bins) / (right - left)).rounded(.towardZero))
        }
        let bin = Int(position)
        return bin == bins ? bins - 1 : Swift.min(Swift.max(bin, 0), bins - 1)
    }

    /// `bincount`: how often each non-negative integer occurs (or the sum of its weights).
    /// Float32 weights give float32 sums, any other weights float64, as ATen dispatches.
    public func bincount(weights: Tensor?, minlength: Int) throws -> Tensor {
        guard dtype.isIntegral else {
            throw TensorError(.notImplementedError, "\"bincount_cpu\" not implemented for '\(dtype.scalarTypeName)'")
        }
        guard minlength >= 0 else { throw TensorError.runtime("minlength should be >= 0") }
        if rank == 1 && count == 0 { return try Tensor.zeros(shape: [minlength], dtype: .int64) }
        let values = int64s()
        guard rank == 1, (values.min() ?? 0) >= 0 else {
            throw TensorError.runtime("bincount only supports 1-d non-negative integral inputs.")
        }
        if let weights, weights.rank != 1 || weights.count != count {
            throw TensorError.runtime("weights should be 1-d and have the same length as input")
        }
        let largest = values.max() ?? 0
        guard largest < Int64(Int.max) else { throw TensorError.runtime("bincount: the output would have more elements than exist") }
        let length = Swift.max(Int(largest) + 1, minlength)
        guard let weights else {
            let counts = try Tensor.zeros(shape: [length], dtype: .int64)
            let pointer = counts.pointer(Int64.self)
            for value in values { pointer[Int(value)] += 1 }
            return counts
        }
        let sums = try Tensor.zeros(shape: [length], dtype: weights.dtype == .float32 ? .float32 : .float64)
        if sums.dtype == .float32 {
            let pointer = sums.pointer(Float.self)
            for (value, weight) in zip(values, weights.elements(as: Float.self)) { pointer[Int(value)] += weight }
        } else {
            let pointer = sums.pointer(Double.self)
            for (value, weight) in zip(values, weights.doubles()) { pointer[Int(value)] += weight }
        }
        return sums
    }
}

/// A histogram edge as ATen's message prints a double: `1`, `2.5`, `inf`, `-nan`.
private func edgeText(_ value: Double) -> String {
    if value.isNaN { return value.sign == .minus ? "-nan" : "nan" }
    return formatScalarDouble(value)
}
