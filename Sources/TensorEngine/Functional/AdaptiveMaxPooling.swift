/// `F.adaptive_max_pool2d` / `3d`: output cell i along a spatial dim takes the maximum of
/// input [⌊i·in/out⌋, ⌈(i+1)·in/out⌉), the cells `adaptive_avg_pool2d` averages, and the
/// index of that maximum within its plane or volume (d·H·W + h·W + w). NaN wins, the
/// last one when there are several, as in ATen's kernels.
extension Tensor {
    public func adaptiveMaxPool(spatialRank: Int, outputSize: [Int]) throws -> (values: Tensor, indices: Tensor) {
        let function = "adaptive_max_pool\(spatialRank)d"
        guard rank == spatialRank + 1 || rank == spatialRank + 2 else {
            throw TensorError.runtime("\(function)(): Expected \(spatialRank + 1)D or \(spatialRank + 2)D tensor, but got: \(formatShape(shape))")
        }
        if let empty = (1..<rank).first(where: { shape[$0] == 0 }) {
            throw TensorError.runtime("\(function)(): Expected input to have non-zero size for non-batch dimensions, but input has sizes "
                + "\(formatShape(shape)) with dimension \(empty) being empty")
        }
        guard outputSize.count == spatialRank else {
            throw TensorError.runtime("\(function)(): internal error: output_size.size() must be \(spatialRank)")
        }
        let volumes = PooledVolumes(shape, spatialRank: spatialRank)
        // The output is refused as PyTorch would refuse creating it, before any window is listed.
        let outputShape = volumes.leadingShape + outputSize
        try ensureAllocatable(shape: outputShape)
        // ATen names the 2-d kernel's dispatch after the op, the 3-d one after its CPU function.
        guard dtype.isFloatingPoint else { throw TensorError.kernelNotImplemented(spatialRank == 3 ? function + "_cpu" : function, dtype) }
        let windows = outputSize.contains(0) ? [] : adaptiveWindows(input: volumes.spatialShape, output: outputSize)
        let input = doubles()
        var values = [Double](repeating: 0, count: volumes.count * windows.count)
        var indices = [Int64](repeating: 0, count: values.count)
        for volume in 0..<volumes.count {
            let base = volume * volumes.size
            for (cell, positions) in windows.enumerated() {
                var best = -Double.infinity
                var bestIndex = positions.first ?? 0
                for position in positions {
                    let value = input[base + position]
                    if value > best || value.isNaN { (best, bestIndex) = (value, position) }
                }
                values[volume * windows.count + cell] = best
                indices[volume * windows.count + cell] = Int64(bestIndex)
            }
        }
        return (try ResultBuilder.tensor(doubles: values, shape: outputShape, dtype: dtype),
                try ResultBuilder.tensor(int64s: indices, shape: outputShape, dtype: .int64))
    }

    /// Each output's gradient added at the input position its maximum came from.
    public static func adaptiveMaxPoolBackward(gradOutput: Tensor, indices: Tensor, inputShape: [Int], spatialRank: Int) throws -> Tensor {
        let volumes = PooledVolumes(inputShape, spatialRank: spatialRank)
        let gradient = gradOutput.doubles()
        let positions = indices.elements(as: Int64.self)
        let cellCount = volumes.count == 0 ? 0 : gradient.count / volumes.count
        let round = gradOutput.dtype.accumulationRounding
        var result = [Double](repeating: 0, count: volumes.count * volumes.size)
        for volume in 0..<volumes.count {
            for cell in 0..<cellCount {
                let target = volume * volumes.size + Int(positions[volume * cellCount + cell])
                result[target] = round(result[target] + gradient[volume * cellCount + cell])
            }
        }
        return try ResultBuilder.tensor(doubles: result, shape: inputShape, dtype: gradOutput.dtype)
    }
}

/// The last `spatialRank` dims of a shape as planes (2) or volumes (3), after the batch
/// and channel dims they repeat over.
struct PooledVolumes {
    let leadingShape: [Int]
    let spatialShape: [Int]
    var count: Int { leadingShape.reduce(1, *) }
    var size: Int { spatialShape.reduce(1, *) }

    init(_ shape: [Int], spatialRank: Int) {
        leadingShape = Array(shape.dropLast(spatialRank))
        spatialShape = Array(shape.suffix(spatialRank))
    }
}

/// For each output cell in row-major order, the flat positions (within one volume) of the
/// input cells it covers, also in row-major order, which is the order ATen scans them.
func adaptiveWindows(input: [Int], output: [Int]) -> [[Int]] {
    func range(_ index: Int, input: Int, output: Int) -> Range<Int> {
        (index * input / output)..<(((index + 1) * input + output - 1) / output)
    }
    var strides = [Int](repeating: 1, count: input.count)
    for dim in stride(from: input.count - 2, through: 0, by: -1) { strides[dim] = strides[dim + 1] * input[dim + 1] }
    // Extends every window, dim by dim: the cells of the outer dims vary slowest.
    var cells: [[Int]] = [[0]]
    for dim in 0..<input.count {
        var nextCells: [[Int]] = []
        for offsets in cells {
            for index in 0..<output[dim] {
                let span = range(index, input: input[dim], output: output[dim])
                nextCells.append(offsets.flatMap { offset in span.map { offset + $0 * strides[dim] } })
            }
        }
        cells = nextCells
    }
    return cells
}
