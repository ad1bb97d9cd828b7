import TensorEngine

/// `F.bilinear`: y[..., o] = Σᵢⱼ x1[..., i] · W[o, i, j] · x2[..., j] (+ b[o]), composed of
/// recorded ops so its gradients follow; the last node is `ViewBackward0`, or
/// `AddBackward0` with a bias, as PyTorch's `_trilinear` composition leaves it.
extension Autodiff {
    public static func bilinear(_ input1: Tensor, _ input2: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        try checkBilinear(input1, input2, weight: weight, bias: bias)
        let leading = Array(input1.shape.dropLast())
        let batch = leading.reduce(1, *)
        let (outputs, left, right) = (weight.shape[0], weight.shape[1], weight.shape[2])
        let x1 = try reshape(input1, [batch, left]), x2 = try reshape(input2, [batch, 1, right])
        // x1 · W, as [batch, outputs, right], then contracted with x2 over `right`.
        let weightRows = try reshape(try permute(weight, [1, 0, 2]), [left, outputs * right])
        let partial = try view(try matmul(x1, weightRows), [batch, outputs, right])
        let products = try binary(.multiply, .tensor(partial), .tensor(x2))
        let output = try view(try sum(products, dims: [2], keepDim: false), leading + [outputs])
        guard let bias else { return output }
        return try binary(.add, .tensor(output), .tensor(bias))
    }

    /// `bilinear`'s checks, in ATen's order and words.
    private static func checkBilinear(_ input1: Tensor, _ input2: Tensor, weight: Tensor, bias: Tensor?) throws {
        let dtypes = [input1.dtype, input2.dtype, weight.dtype] + (bias.map { [$0.dtype] } ?? [])
        if dtypes.contains(where: { $0 != input1.dtype }) {
            let names = ["input1", "input2", "weight", "bias"]
            let listed = zip(names, dtypes).map { "\($0): \($1.cppTypeName)" }.joined(separator: ", ")
            throw TensorError.runtime("All tensors must have the same dtype, got \(listed)")
        }
        guard input1.rank == input2.rank else {
            throw TensorError.runtime("bilinear(): input dimensions do not match: got \(input1.rank) and \(input2.rank)")
        }
        for dim in 0..<max(input1.rank - 1, 0) where input1.shape[dim] != input2.shape[dim] {
            throw TensorError.runtime("bilinear(): input batch dimensions do not match at dim \(dim): got \(input1.shape[dim]) and \(input2.shape[dim])")
        }
        let weightSizes = try (0..<3).map { weight.shape[try normalizeDim($0, rank: weight.rank)] }
        guard weight.rank == 3, input1.rank >= 1 else { throw TensorError.runtime("bilinear(): weight must be 3-dimensional") }
        guard input1.shape.last == weightSizes[1] else {
            throw TensorError.runtime("bilinear(): input1 size does not match weight size: got \(input1.shape[input1.rank - 1]) but expected \(weightSizes[1])")
        }
        guard input2.shape.last == weightSizes[2] else {
            throw TensorError.runtime("bilinear(): input2 size does not match weight size: got \(input2.shape[input2.rank - 1]) but expected \(weightSizes[2])")
        }
        if let bias, bias.rank == 0 || bias.shape[0] != weightSizes[0] {
            throw TensorError.runtime("bilinear(): bias size does not match weight size: got \(bias.rank == 0 ? 1 : bias.shape[0]) but expected \(weightSizes[0])")
        }
    }
}
