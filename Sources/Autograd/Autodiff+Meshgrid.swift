import TensorEngine

extension Autodiff {
    /// `torch.meshgrid(tensors, indexing=)`: each 1-D (or 0-D) input viewed along its own
    /// dim and expanded to the grid, as PyTorch builds it; a grid's gradient is then
    /// ExpandBackward0's. `xy` swaps the first two dims (Cartesian order).
    public static func meshgrid(_ tensors: [Tensor], indexing: String) throws -> [Tensor] {
        guard !tensors.isEmpty else { throw TensorError.runtime("meshgrid expects a non-empty TensorList") }
        for (tensor, next) in zip(tensors, tensors.dropFirst()) where tensor.dtype != next.dtype {
            throw TensorError.runtime("meshgrid expects all tensors to have the same dtype")
        }
        guard indexing == "ij" || indexing == "xy" else {
            throw TensorError.runtime("torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: \(indexing)")
        }
        for tensor in tensors where tensor.rank > 1 {
            throw TensorError.runtime("torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: \(tensor.shape)")
        }
        let swap = indexing == "xy" && tensors.count >= 2
        var sizes = tensors.map(\.count)
        if swap { sizes.swapAt(0, 1) }
        return try tensors.enumerated().map { position, tensor in
            var viewShape = [Int](repeating: 1, count: tensors.count)
            viewShape[swap && position < 2 ? 1 - position : position] = tensor.count
            return try expand(try view(tensor, viewShape), sizes)
        }
    }
}
