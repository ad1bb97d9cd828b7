import TensorEngine

extension Autodiff {
    /// `pdist`: the p-norm distance of every pair of rows i < j, pairs in row-major order,
    /// as one PdistBackward0 node. A zero distance gets a zero gradient, as in ATen.
    public static func pdist(_ input: Tensor, p: Double) throws -> Tensor {
        guard input.rank == 2 else { throw TensorError.runtime("pdist only supports 2D tensors, got: \(input.rank)D") }
        guard p >= 0 else { throw TensorError.runtime("pdist only supports non-negative p values") }
        guard input.dtype.isFloatingPoint else { throw TensorError.runtime("pdist only supports floating-point dtypes") }
        let (left, right) = try rowPairs(input.shape[0])
        guard p == .infinity else {
            return try fused("PdistBackward0", over: [input], saving: [input]) { inputs in
                let difference = try binary(.subtract, .tensor(try indexSelect(inputs[0], dim: 0, index: left)),
                                            .tensor(try indexSelect(inputs[0], dim: 0, index: right)))
                return try norm(difference, p: p, dims: [-1], keepDim: false)
            }
        }
        // The max norm's gradient goes whole to every coordinate that reaches it (ATen's
        // pdist backward), where the norm's own backward would share it among ties.
        let difference = try TensorEngine.binary(.subtract, .tensor(try input.indexSelect(dim: 0, index: left)),
                                                 .tensor(try input.indexSelect(dim: 0, index: right)))
        let output = try difference.norm(p: p, dims: [-1], keepDim: false)
        let shape = input.shape
        return Recorder.record("PdistBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in
                let reached = try TensorEngine.binary(.equal, .tensor(try difference.unary(.abs)), .tensor(try output.unsqueeze(-1)))
                let share = try TensorEngine.binary(.multiply, .tensor(try difference.unary(.sign)), .tensor(reached))
                let rows = try TensorEngine.binary(.multiply, .tensor(share), .tensor(try gradient.unsqueeze(-1)))
                let base = try zeros(shape, gradient.dtype)
                try base.indexAddInPlace(dim: 0, index: left, source: rows)
                try base.indexAddInPlace(dim: 0, index: right, source: rows, alpha: .int(-1))
                return [base]
            }
        }
    }

    /// The row indices (i, j) of every pair i < j of `rows` rows, in row-major order.
    private static func rowPairs(_ rows: Int) throws -> (Tensor, Tensor) {
        let pairs = rows < 2 ? 0 : rows * (rows - 1) / 2
        try ensureAllocatable(elements: pairs, itemSize: 16)
        var first: [Int64] = [], second: [Int64] = []
        first.reserveCapacity(pairs)
        second.reserveCapacity(pairs)
        for row in 0..<rows {
            for other in (row + 1)..<rows {
                first.append(Int64(row))
                second.append(Int64(other))
            }
        }
        return (try Tensor(values: first, shape: [pairs]), try Tensor(values: second, shape: [pairs]))
    }
}
