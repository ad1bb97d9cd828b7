extension Tensor {
    /// The strided views `fill_diagonal_` writes, as PyTorch builds them: the main diagonal
    /// across every dim, and with `wrap` on a tall matrix, its continuation every
    /// `columns + 1` rows.
    public func diagonalViews(wrap: Bool) throws -> [Tensor] {
        guard rank >= 2 else { throw TensorError.runtime("dimensions must larger than 1") }
        let (height, width) = (shape[0], shape[1])
        if rank > 2, shape.dropFirst().contains(where: { $0 != height }) {
            throw TensorError.runtime("all dimensions of input must be of equal length")
        }
        let size = Swift.min(height, width)
        let step = strides.reduce(0, &+)
        var views = [viewing(View(shape: [size], strides: [step], offset: storageOffset))]
        if wrap && rank == 2 && height > width + 1 {
            // ceil(count / (width + 1)) without `count + width`, which could overflow.
            let wrapped = (count - 1) / (width + 1) + 1 - size
            views.append(viewing(View(shape: [wrapped], strides: [step], offset: storageOffset + strides[0] * (width + 1))))
        }
        return views
    }
}
