/// var/std over every element of a float32 or float64 tensor, as ATen's
/// `std_var_all_cpu` computes it: the mean in the tensor's own dtype
/// (`mean().item()`), then Σ(x − mean)² added one square at a time in double, in
/// memory order. Copying the tensor into a [Double] first made `x.std()` twice as
/// slow as PyTorch.
extension Tensor {
    /// Σ(x − mean)² / max(0, N − correction) over all elements, or nil when ATen
    /// would take the general kernel (other dtypes, an empty tensor).
    func varianceOfAll(correction: Double) throws -> Double? {
        guard dtype == .float32 || dtype == .float64, count > 0 else { return nil }
        // The walk cannot be interrupted: an expanded tensor of 2**40 elements is refused
        // by the memory budget, as the general path's copy into doubles refuses it.
        try ensureAllocatable(shape: [count], itemSize: MemoryLayout<Double>.stride)
        let mean = try self.mean(dims: nil, keepDim: false).item().doubleValue
        let memoryOrder = reductionWalk(Array(0..<rank), offset: storageOffset)
        let squares = dtype == .float32
            ? sumOfCentredSquares(memoryOrder, UnsafePointer(pointer(Float.self)), mean: mean)
            : sumOfCentredSquares(memoryOrder, UnsafePointer(pointer(Double.self)), mean: mean)
        try OperationStop.check()
        return squares / Swift.max(0, Double(count) - correction)
    }
}

@inline(__always)
private func sumOfCentredSquares<Element: BinaryFloatingPoint>(
    _ view: View, _ values: UnsafePointer<Element>, mean: Double
) -> Double {
    var squares = 0.0
    view.forEachOffset { offset in
        let deviation = Double(values[offset]) - mean
        squares += deviation * deviation
    }
    return squares
}
