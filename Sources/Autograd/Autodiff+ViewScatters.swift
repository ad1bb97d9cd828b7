import TensorEngine

/// `select_scatter`, `slice_scatter` and `diagonal_scatter`: a copy of the input with one
/// view of it (a select, a slice, a diagonal) replaced by `src`, as functional code
/// writes `x[i] = src` without mutating.
extension Autodiff {
    public static func selectScatter(_ input: Tensor, _ source: Tensor, dim: Int, index: Int) throws -> Tensor {
        guard input.rank > 0 else { throw TensorError.index("select() cannot be applied to a 0-dim tensor.") }
        let axis = try normalizeDim(dim, rank: input.rank)
        let size = input.shape[axis]
        guard index >= -size, index < size else {
            throw TensorError.index("select(): index \(index) out of range for tensor of size \(formatShape(input.shape)) at dimension \(axis)")
        }
        return try viewScatter("SelectScatterBackward0", input, source) { try $0.select(axis, index) }
    }

    public static func sliceScatter(_ input: Tensor, _ source: Tensor, dim: Int, start: Int?, end: Int?, step: Int) throws -> Tensor {
        guard input.rank > 0 else { throw TensorError.index("slice() cannot be applied to a 0-dim tensor.") }
        let axis = try normalizeDim(dim, rank: input.rank)
        guard step > 0 else { throw TensorError.runtime("slice step must be positive") }
        return try viewScatter("SliceScatterBackward0", input, source) { try $0.slice(axis, start: start, end: end, step: step) }
    }

    public static func diagonalScatter(_ input: Tensor, _ source: Tensor, offset: Int, dim1: Int, dim2: Int) throws -> Tensor {
        try viewScatter("DiagonalScatterBackward0", input, source) { try $0.diagonal(offset: offset, dim1, dim2) }
    }

    /// The input's gradient is zero on the replaced view; the source's is the view's gradient.
    private static func viewScatter(_ name: String, _ input: Tensor, _ source: Tensor, region: @escaping (Tensor) throws -> Tensor) throws -> Tensor {
        let output = try input.clone()
        let view = try region(output)
        guard view.shape == source.shape else {
            throw TensorError.runtime("expected src to have a size equal to the slice of self. src size = \(formatShape(source.shape)), "
                                      + "slice size = \(formatShape(view.shape))")
        }
        try view.copy(from: source)
        return Recorder.record(name, inputs: [input, source], output: output) { _ in
            { gradient, node in
                var gradInput: Tensor?
                if node.needsGradient(0) {
                    let cleared = try gradient.clone()
                    try region(cleared).fill(.int(0))
                    gradInput = cleared
                }
                return [gradInput, node.needsGradient(1) ? try region(gradient).clone() : nil]
            }
        }
    }
}
