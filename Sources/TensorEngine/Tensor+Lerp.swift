extension Tensor {
    /// `torch.lerp` with a tensor weight when start, end and weight are contiguous float32
    /// tensors of one shape, in one pass, as PyTorch's kernel computes it: one fused
    /// multiply-add from the nearer end, start + w·(end − start) where |w| < ½, else
    /// end + (w − 1)·(end − start). nil for other inputs.
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
                ? s[index].addingProduct(weight, difference)
                : e[index].addingProduct(weight - 1, difference)
        }
        return result
    }

    /// `torch.lerp` with a number weight, start and end of one float dtype (float32 or
    /// float64, broadcast), with the fused multiply-add of the tensor-weight kernel above;
    /// nil for other inputs.
    public static func lerp(_ start: Tensor, _ end: Tensor, weight: Double) throws -> Tensor? {
        guard start.dtype == end.dtype, start.dtype == .float32 || start.dtype == .float64 else { return nil }
        let output = try Tensor.uninitialized(shape: try broadcastShapes(start.shape, end.shape), dtype: start.dtype)
        if start.dtype == .float32 {
            let w = Float(weight), small = Swift.abs(w) < 0.5
            runElementwise(.tensor(start), .tensor(end), into: output) { (s: Float, e: Float) in
                small ? s.addingProduct(w, e - s) : e.addingProduct(w - 1, e - s)
            }
        } else {
            let small = Swift.abs(weight) < 0.5
            runElementwise(.tensor(start), .tensor(end), into: output) { (s: Double, e: Double) in
                small ? s.addingProduct(weight, e - s) : e.addingProduct(weight - 1, e - s)
            }
        }
        return output
    }
}

extension Tensor {
    /// `torch.addcmul` / `torch.addcdiv` with a number value when input, tensor1 and tensor2
    /// are contiguous float32 tensors of one shape, in one pass, as PyTorch's kernel rounds
    /// them: addcmul fuses the last multiply with the add, input + (value·t1)·t2 in one
    /// rounding; addcdiv rounds input + (value·t1)/t2 step by step. nil for other inputs.
    public static func float32AddCombined(dividing: Bool, _ input: Tensor, _ first: Tensor, _ second: Tensor,
                                          value: Scalar) -> Tensor? {
        let operands = [input, first, second]
        guard operands.allSatisfy({ $0.dtype == .float32 && $0.isContiguous && $0.shape == input.shape }) else { return nil }
        let factor: Float
        switch value {
        case let .float(number): factor = Float(number)
        case let .int(number) where number.magnitude <= 1 << 53: factor = Float(Double(number))
        default: return nil
        }
        guard let result = try? Tensor.uninitialized(shape: input.shape, dtype: .float32) else { return nil }
        let a = UnsafePointer(input.pointer(Float.self)) + input.storageOffset
        let b = UnsafePointer(first.pointer(Float.self)) + first.storageOffset
        let c = UnsafePointer(second.pointer(Float.self)) + second.storageOffset
        let target = result.pointer(Float.self) + result.storageOffset
        if dividing {
            for index in 0..<input.count { target[index] = a[index] + factor * b[index] / c[index] }
        } else {
            for index in 0..<input.count { target[index] = a[index].addingProduct(factor * b[index], c[index]) }
        }
        return result
    }
}
