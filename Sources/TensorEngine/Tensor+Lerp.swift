extension Tensor {
    /// `torch.lerp` with a tensor weight when start, end and weight are contiguous float32
    /// tensors of one shape, in one pass: start + w·(end − start) where |w| < ½, else
    /// end − (end − start)·(1 − w), each step rounded in float as the composite of tensor
    /// ops rounds it (which took about twenty times PyTorch's time). nil for other inputs.
    public static func float32Lerp(_ start: Tensor, _ end: Tensor, weight: Tensor) throws -> Tensor? {
        let operands = [start, end, weight]
        guard operands.allSatisfy({ $0.dtype == .float32 && $0.isContiguous && $0.shape == start.shape }) else { return nil }
        let result = try Tensor.uninitialized(shape: start.shape, dtype: .float32)
        let s = UnsafePointer(start.pointer(Float.self)) + start.storageOffset
        let e = UnsafePointer(end.pointer(Float.self)) + end.storageOffset
        let w = UnsafePointer(weight.pointer(Float.self)) + weight.storageOffset
        let target = result.pointer(Float.self) + result.storageOffset
        for index in 0..<start.count {
            let difference = e[index] - s[index], weight = w[index]
            target[index] = Swift.abs(weight) < 0.5
                ? s[index] + weight * difference
                : e[index] - difference * (1 - weight)
        }
        return result
    }
}
