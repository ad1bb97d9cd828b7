import Foundation

extension Tensor {
    /// `logcumsumexp`: log(Σ_{j≤i} exp(x_j)) along `dim`. ATen keeps the running value in
    /// double for float32 and rounds only what it stores, so this does the same.
    public func logcumsumexp(dim: Int) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError(.notImplementedError, "\"logcumsumexp_out_cpu\" not implemented for '\(dtype.scalarTypeName)'")
        }
        let (moved, length, axis) = try lanes(along: dim)
        var values = moved.doubles()
        if length > 0 {
            for start in stride(from: 0, to: values.count, by: length) {
                var running = -Double.infinity
                for index in start..<(start + length) {
                    running = logAddExp(values[index], running)
                    values[index] = running
                }
            }
        }
        try OperationStop.check()
        return try fromLanes(try ResultBuilder.tensor(doubles: values, shape: moved.shape, dtype: dtype), axis: axis)
    }
}

/// ATen's `_log_add_exp_helper`, with `std::min`/`std::max`'s handling of NaN, so NaN
/// spreads and two equal infinities stay put.
private func logAddExp(_ x: Double, _ y: Double) -> Double {
    let low = y.isNaN ? y : (y < x ? y : x)
    let high = y.isNaN ? y : (x < y ? y : x)
    if low != high || low.isFinite { return log1p(exp(low - high)) + high }
    return x
}
