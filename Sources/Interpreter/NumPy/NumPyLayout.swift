import TensorEngine

/// numpy's elementwise results keep their inputs' memory order (the iterator's 'K' order):
/// `(v.T / n).T` is C-contiguous again, so a later `mean(axis=0)` adds rows one by one
/// instead of pairwise, and prints the same last float32 digit as numpy.
enum NumPyLayout {
    /// `compute` run on the operands laid out in their shared memory order, its result put
    /// back in the original axis order as a strided view. Operands of the full result
    /// shape with no zero strides decide the order; when they disagree, or none does,
    /// numpy keeps C order and so does this.
    static func keepingOrder(_ operands: [Tensor], _ compute: ([Tensor]) throws -> Tensor) throws -> Tensor {
        let shape = try operands.map(\.shape).reduce([Int]()) { try broadcastShapes($0, $1) }
        guard shape.count >= 2, let order = sharedMemoryOrder(operands, shape: shape), order != Array(order.indices) else {
            return try compute(operands)
        }
        let permuted = try operands.map { try $0.expand(shape).permute(order) }
        var inverse = order
        for (position, axis) in order.enumerated() { inverse[axis] = position }
        return try compute(permuted).permute(inverse)
    }

    /// The axes from largest stride to smallest, if every deciding operand agrees on it.
    private static func sharedMemoryOrder(_ operands: [Tensor], shape: [Int]) -> [Int]? {
        let deciding = operands.filter { $0.shape == shape && !$0.strides.contains(0) }
        let orders = deciding.map { tensor in
            tensor.strides.indices.sorted { tensor.strides[$0].magnitude > tensor.strides[$1].magnitude || (tensor.strides[$0].magnitude == tensor.strides[$1].magnitude && $0 < $1) }
        }
        guard let first = orders.first, orders.allSatisfy({ $0 == first }) else { return nil }
        return first
    }
}
