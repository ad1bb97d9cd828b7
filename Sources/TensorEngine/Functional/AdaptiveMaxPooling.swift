/// `F.adaptive_max_pool2d`: output cell i along a dim takes the maximum of input
/// [⌊i·in/out⌋, ⌈(i+1)·in/out⌉), the cells `adaptive_avg_pool2d` averages, and the
/// index of that maximum within its plane (h·W + w). NaN wins, as in ATen's kernel.
extension Tensor {
    public func adaptiveMaxPool2d(outputSize: [Int]) throws -> (values: Tensor, indices: Tensor) {
        guard rank == 3 || rank == 4 else {
            throw TensorError.runtime("adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: \(formatShape(shape))")
        }
        if let empty = (1..<rank).first(where: { shape[$0] == 0 }) {
            throw TensorError.runtime("adaptive_max_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes "
                + "\(formatShape(shape)) with dimension \(empty) being empty")
        }
        guard outputSize.count == 2 else { throw TensorError.runtime("adaptive_max_pool2d(): internal error: output_size.size() must be 2") }
        let planes = PooledPlanes(shape)
        if let negative = outputSize.first(where: { $0 < 0 }) {
            throw TensorError.runtime("Trying to create tensor with negative dimension \(negative): \(formatShape(planes.leadingShape + outputSize))")
        }
        guard dtype.isFloatingPoint else { throw TensorError.kernelNotImplemented("adaptive_max_pool2d", dtype) }
        let cells = adaptiveCells(planes: planes, outputSize: outputSize)
        let input = doubles()
        var values = [Double](repeating: 0, count: planes.planeCount * cells.count)
        var indices = [Int64](repeating: 0, count: values.count)
        for plane in 0..<planes.planeCount {
            let base = plane * planes.planeSize
            for (cellIndex, cell) in cells.enumerated() {
                var best = -Double.infinity
                var bestIndex = cell.rows.lowerBound * planes.width + cell.columns.lowerBound
                for row in cell.rows {
                    for column in cell.columns {
                        let value = input[base + row * planes.width + column]
                        if value > best || value.isNaN { (best, bestIndex) = (value, row * planes.width + column) }
                    }
                }
                values[plane * cells.count + cellIndex] = best
                indices[plane * cells.count + cellIndex] = Int64(bestIndex)
            }
        }
        let outputShape = planes.leadingShape + outputSize
        return (try ResultBuilder.tensor(doubles: values, shape: outputShape, dtype: dtype),
                try ResultBuilder.tensor(int64s: indices, shape: outputShape, dtype: .int64))
    }

    /// Each output's gradient added at the input position its maximum came from.
    public static func adaptiveMaxPool2dBackward(gradOutput: Tensor, indices: Tensor, inputShape: [Int]) throws -> Tensor {
        let planes = PooledPlanes(inputShape)
        let gradient = gradOutput.doubles()
        let positions = indices.elements(as: Int64.self)
        let cellCount = planes.planeCount == 0 ? 0 : gradient.count / planes.planeCount
        let round = gradOutput.dtype.accumulationRounding
        var result = [Double](repeating: 0, count: planes.planeCount * planes.planeSize)
        for plane in 0..<planes.planeCount {
            for cell in 0..<cellCount {
                let target = plane * planes.planeSize + Int(positions[plane * cellCount + cell])
                result[target] = round(result[target] + gradient[plane * cellCount + cell])
            }
        }
        return try ResultBuilder.tensor(doubles: result, shape: inputShape, dtype: gradOutput.dtype)
    }
}
