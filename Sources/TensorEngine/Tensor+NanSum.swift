extension Tensor {
    /// `nansum`: `sum` with every NaN counted as zero. A float32 or float64 sum runs PyTorch's cascade
    /// with NaN read as zero in the loads (`cascade_sum<ignore_nan=true>`), so its partial
    /// sums, and so its rounding, are those of `sum` over the same layout; other floating
    /// types zero the NaNs first and sum like `sum`. Integers have no NaN: plain `sum`.
    public func nansum(dims: [Int]?, keepDim: Bool, dtype: DType? = nil) throws -> Tensor {
        guard self.dtype.isFloatingPoint else { return try sum(dims: dims, keepDim: keepDim, dtype: dtype) }
        if self.dtype == .float32 || self.dtype == .float64, dtype == nil || dtype == self.dtype {
            return try cascadeNanSum(try ReductionLayout(self, dims: dims, keepDim: keepDim))
        }
        let present = try whereSelect(try unary(.isNaN), .scalar(.int(0)), .tensor(self))
        return try present.sum(dims: dims, keepDim: keepDim, dtype: dtype)
    }
}
