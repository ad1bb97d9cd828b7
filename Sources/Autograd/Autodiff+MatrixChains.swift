import TensorEngine

/// `linalg.matrix_power` and `linalg.multi_dot`: chains of matrix products composed as
/// ATen composes them, so the graph has PyTorch's nodes (MmBackward0, CloneBackward0...).
extension Autodiff {
    public static func matrixPower(_ input: Tensor, _ exponent: Int) throws -> Tensor {
        guard input.rank >= 2 else { throw TensorError.runtime("linalg.matrix_power: The input tensor A must have at least 2 dimensions.") }
        let rows = input.shape[input.rank - 2], columns = input.shape[input.rank - 1]
        guard rows == columns else {
            throw TensorError.runtime("linalg.matrix_power: A must be batches of square matrices, but they are \(rows) by \(columns) matrices")
        }
        if exponent == 0 { return try identityPower(input) }
        if exponent == 1 { return try clone(input) }
        let base = exponent < 0 ? try inverse(input) : input
        var remaining = exponent.magnitude
        if remaining == 2 { return try matmul(base, base) }
        if remaining == 3 { return try matmul(try matmul(base, base), base) }
        // Binary powering from the least significant bit, as ATen's linalg_matrix_power.
        var square: Tensor?, result: Tensor?
        while remaining > 0 {
            let bit = remaining % 2
            remaining /= 2
            let current = try square.map { try matmul($0, $0) } ?? base
            square = current
            if bit == 1 { result = try result.map { try matmul($0, current) } ?? current }
        }
        return result ?? base
    }

    /// A⁰: the identity copied into a clone of A, so the gradient reaching A is zero.
    private static func identityPower(_ input: Tensor) throws -> Tensor {
        let order = input.shape[input.rank - 1]
        let identity = try Factory.eye(rows: order, columns: order, dtype: input.dtype).expand(input.shape).contiguous()
        guard Recorder.shouldRecord([input]) else { return identity }
        let cloned = try clone(input)
        return Recorder.record("CopyBackwards", inputs: [cloned], output: identity) { _ in
            { gradient, _ in [try zerosLike(gradient)] }
        }
    }

    /// `linalg.multi_dot`: vectors at the ends become a row and a column, the products run
    /// in the cheapest order, and the result is viewed back to its final shape.
    public static func multiDot(_ tensors: [Tensor]) throws -> Tensor {
        guard tensors.count >= 2 else { throw TensorError.runtime("multi_dot(): expected at least 2 tensors but got \(tensors.count)") }
        try checkMultiDotOperands(tensors)
        var matrices = tensors
        let first = tensors[0], last = tensors[tensors.count - 1]
        if first.rank == 1 { matrices[0] = try unsqueeze(first, 0) }
        if last.rank == 1 { matrices[matrices.count - 1] = try unsqueeze(last, 1) }
        let outputShape = (first.rank == 2 ? [first.shape[0]] : []) + (last.rank == 2 ? [last.shape[1]] : [])
        let product = try chainProduct(matrices, order: cheapestSplits(matrices.map { $0.shape }), 0, matrices.count - 1)
        return try view(product, outputShape)
    }

    private static func checkMultiDotOperands(_ tensors: [Tensor]) throws {
        for (index, tensor) in tensors.enumerated() {
            let isEnd = index == 0 || index == tensors.count - 1
            if isEnd, !(1...2).contains(tensor.rank) {
                let which = index == 0 ? "first" : "last"
                throw TensorError.runtime("multi_dot(): the \(which) tensor must be 1D or 2D but got \(tensor.rank)D")
            }
            if !isEnd, tensor.rank != 2 {
                throw TensorError.runtime("multi_dot(): tensor \(index) must be 2D but got \(tensor.rank)D")
            }
        }
        for index in 1..<tensors.count {
            let left = tensors[index - 1], right = tensors[index]
            if left.shape[left.rank - 1] != right.shape[0] {
                throw TensorError.runtime("multi_dot(): tensors \(index - 1) and \(index) with shapes \(left.shape) and \(right.shape) cannot be multiplied")
            }
        }
    }

    /// The matrix-chain split table: splits[i][j] is where the cheapest product of i...j splits.
    private static func cheapestSplits(_ shapes: [[Int]]) -> [[Int]] {
        let count = shapes.count
        let sizes = [shapes[0][0]] + shapes.map { $0[1] }
        var cost = [[Int]](repeating: [Int](repeating: 0, count: count), count: count)
        var splits = cost
        for length in 1..<count {
            for i in 0..<(count - length) {
                let j = i + length
                cost[i][j] = Int.max
                // Three matrices tie toward (AB)C, as ATen's closed form for them does.
                let candidates = count == 3 && length == 2 ? Array((i..<j).reversed()) : Array(i..<j)
                for k in candidates {
                    let candidate = cost[i][k] + cost[k + 1][j] + sizes[i] * sizes[k + 1] * sizes[j + 1]
                    if candidate < cost[i][j] { (cost[i][j], splits[i][j]) = (candidate, k) }
                }
            }
        }
        return splits
    }

    private static func chainProduct(_ matrices: [Tensor], order: [[Int]], _ i: Int, _ j: Int) throws -> Tensor {
        guard i != j else { return matrices[i] }
        let split = order[i][j]
        return try mm(try chainProduct(matrices, order: order, i, split), try chainProduct(matrices, order: order, split + 1, j))
    }
}

extension Autodiff {
    /// `vdot`: for real tensors `dot` under its own node name (VdotBackward0).
    public static func vdot(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try product("VdotBackward0", a, b) { try $0.dot($1) }
    }

    /// The deprecated `chain_matmul`: matrices only, one matrix is cloned, more go to multi_dot.
    public static func chainMatmul(_ matrices: [Tensor]) throws -> Tensor {
        if let vector = matrices.first(where: { $0.rank != 2 }) {
            throw TensorError.runtime("Tensor dimension is \(vector.rank), expected 2 instead.")
        }
        guard let first = matrices.first else { throw TensorError.runtime("chain_matmul(): Expected one or more matrices") }
        return matrices.count == 1 ? try clone(first) : try multiDot(matrices)
    }
}
