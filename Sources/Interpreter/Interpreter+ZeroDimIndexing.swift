import TensorEngine

/// A lone int or slice used as the index of a 0-dim tensor: PyTorch's Python binding takes
/// these before general indexing, so old code that reads a loss as `loss.data[0]` gets the
/// advice to call `.item()`, not "too many indices".
extension Interpreter {
    func refuseBareIndexOfZeroDim(_ tensor: Tensor, _ index: Value) throws {
        guard tensor.rank == 0 else { return }
        switch index {
        case .slice: throw TensorError.index("slice() cannot be applied to a 0-dim tensor.")
        case let .int(position) where position == 0:
            throw TensorError.index("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
        case let .int(position): throw TensorError.index("index \(position) is out of bounds for dimension 0 with size 0")
        default: return
        }
    }
}

extension Value {
    /// Whether this is a slice object (`x[a:b]` rather than `x[a:b, c]`).
    var isSlice: Bool {
        if case .slice = self { return true }
        return false
    }
}
