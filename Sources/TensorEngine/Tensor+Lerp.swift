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
    /// `addcmul` with a number value, base + (value·first)·second with the last multiply
    /// fused with the add, as PyTorch's kernel rounds it, when the three are contiguous
    /// tensors of one shape and one float dtype (float32 or float64); nil otherwise.
    /// `torch.addcmul` and the optimizers' update rules both use it.
    public static func fusedAddProduct(_ base: Tensor, _ first: Tensor, _ second: Tensor, value: Double) throws -> Tensor? {
        let operands = [base, first, second]
        guard operands.allSatisfy({ $0.dtype == base.dtype && $0.isContiguous && $0.shape == base.shape }) else { return nil }
        switch base.dtype {
        case .float32:
            let factor = Float(value)
            return try mapThree(operands, Float.self) { a, b, c in a.addingProduct(factor * b, c) }
        case .float64:
            return try mapThree(operands, Double.self) { a, b, c in a.addingProduct(value * b, c) }
        default:
            return nil
        }
    }

    /// `body` over three contiguous tensors of one shape and element type, into a new tensor.
    @inline(__always)
    private static func mapThree<T: TensorElement>(_ operands: [Tensor], _ type: T.Type, _ body: (T, T, T) -> T) throws -> Tensor {
        let result = try Tensor.uninitialized(shape: operands[0].shape, dtype: operands[0].dtype)
        let a = UnsafePointer(operands[0].pointer(T.self)) + operands[0].storageOffset
        let b = UnsafePointer(operands[1].pointer(T.self)) + operands[1].storageOffset
        let c = UnsafePointer(operands[2].pointer(T.self)) + operands[2].storageOffset
        let target = result.pointer(T.self) + result.storageOffset
        for index in 0..<operands[0].count { target[index] = body(a[index], b[index], c[index]) }
        return result
    }
}
