import TensorEngine

extension Autodiff {
    public static func mm(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try product("MmBackward0", a, b) { try $0.mm($1) }
    }

    public static func bmm(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try product("BmmBackward0", a, b) { try $0.bmm($1) }
    }

    /// `@` and `torch.matmul`, named as PyTorch's decomposition leaves it.
    public static func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let name: String
        switch (a.rank, b.rank) {
        case (2, 2): name = "MmBackward0"
        case (1, 1): name = "DotBackward0"
        case (2, 1): name = "MvBackward0"
        // A vector times a matrix is computed as a [1, n] product squeezed back.
        case (1, 2): name = "SqueezeBackward4"
        default: name = "UnsafeViewBackward0"
        }
        return try product(name, a, b) { try $0.matmul($1) }
    }

    /// `F.linear`: `addmm(bias, input, weight.t())` for a matrix input, as PyTorch does.
    public static func linear(_ input: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        let transposed = try t(weight)
        if let bias { try checkLinearBias(bias, input: input, weight: weight) }
        if input.rank == 2, let bias {
            let output = try binary(.add, .tensor(try input.mm(transposed)), .tensor(bias))
            return Recorder.record("AddmmBackward0", inputs: [bias, input, transposed], output: output) { node in
                let savedInput = node.needsGradient(2) ? node.save(input) : nil
                let savedWeight = node.needsGradient(1) ? node.save(transposed) : nil
                return { gradient, node in
                    [node.needsGradient(0) ? gradient : nil,
                     try savedWeight.map { try gradient.mm(try $0.unpack().t()) },
                     // As PyTorch's mm_mat2_backward: the weight's transpose is column-major, so its
                     // gradient is computed as (gᵀ·input)ᵀ and reaches the weight contiguous.
                     try savedInput.map { try gradient.t().mm(try $0.unpack()).t() }]
                }
            }
        }
        let product = try matmul(input, transposed)
        guard let bias else { return product }
        let output = try binary(.add, .tensor(product), .tensor(bias))
        // A vector or a contiguous batch is folded into one matrix product with the bias
        // added inside it, so PyTorch's last node is the unfolding view.
        guard input.rank == 1 || input.isContiguous, output.gradFn != nil else { return output }
        return Recorder.record("UnsafeViewBackward0", inputs: [output], output: output.detach()) { _ in
            { gradient, _ in [gradient] }
        }
    }

    /// PyTorch folds a vector, a matrix or a contiguous batch into one matrix and calls
    /// addmm, which first expands the bias to [rows, out_features]: a bias that does not
    /// fit fails with expand's message.
    private static func checkLinearBias(_ bias: Tensor, input: Tensor, weight: Tensor) throws {
        guard weight.rank == 2, input.rank >= 1, input.rank <= 2 || input.isContiguous else { return }
        let rows = input.shape.dropLast().reduce(1, &*)
        try checkExpandable(bias.shape, to: [rows, weight.shape[0]])
    }

    /// A matrix product's node: grad_a = g @ bᵀ and grad_b = aᵀ @ g, each summed back
    /// over broadcast batch dims (vectors are treated as one-row or one-column matrices).
    static func product(_ name: String, _ a: Tensor, _ b: Tensor, _ forward: (Tensor, Tensor) throws -> Tensor) throws -> Tensor {
        let output = try forward(a, b)
        return Recorder.record(name, inputs: [a, b], output: output) { node in
            let savedA = node.needsGradient(1) ? node.save(a) : nil
            let savedB = node.needsGradient(0) ? node.save(b) : nil
            return { gradient, node in
                let shapeA = a.shape, shapeB = b.shape
                let left = try savedA?.unpack(), right = try savedB?.unpack()
                let matrixA = try left.map { $0.rank == 1 ? try $0.unsqueeze(0) : $0 }
                let matrixB = try right.map { $0.rank == 1 ? try $0.unsqueeze(1) : $0 }
                var grad = gradient
                if shapeA.count == 1 { grad = try grad.unsqueeze(grad.rank == 0 ? 0 : grad.rank - 1) }
                if shapeB.count == 1 { grad = try grad.unsqueeze(grad.rank) }
                var gradA: Tensor?, gradB: Tensor?
                if node.needsGradient(0), let matrixB {
                    let full = try grad.matmul(try matrixB.matrixTranspose())
                    gradA = try sumTo(full, shapeA.count == 1 ? [1, shapeA[0]] : shapeA).reshape(shapeA)
                }
                if node.needsGradient(1), let matrixA {
                    let full = try matrixA.matrixTranspose().matmul(grad)
                    gradB = try sumTo(full, shapeB.count == 1 ? [shapeB[0], 1] : shapeB).reshape(shapeB)
                }
                return [gradA, gradB]
            }
        }
    }
}
