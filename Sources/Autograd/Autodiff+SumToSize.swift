import TensorEngine

extension Autodiff {
    /// `sum_to_size(size)`, as ATen's `sum_to`: sums the leading dims and the dims `size`
    /// has as 1, keeping them, then views the result as `size`.
    public static func sumToSize(_ input: Tensor, _ size: [Int]) throws -> Tensor {
        let leading = input.rank - size.count
        let expandable = leading >= 0 && zip(size, input.shape.dropFirst(leading)).allSatisfy { $0 == $1 || $0 == 1 }
        guard expandable else {
            throw TensorError.runtime("size {\(formatShape(size))} is not expandable to size {\(formatShape(input.shape))}.")
        }
        var dims = Array(0..<leading)
        for (index, length) in size.enumerated() where length == 1 && input.shape[leading + index] != 1 {
            dims.append(leading + index)
        }
        let summed = dims.isEmpty ? input : try sum(input, dims: dims, keepDim: true)
        return leading > 0 ? try view(summed, size) : summed
    }
}
