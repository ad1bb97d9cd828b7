/// `F.adaptive_avg_pool3d`: output cell i along each spatial dim averages input
/// [⌊i·in/out⌋, ⌈(i+1)·in/out⌉), summed in the input's precision in row-major order and
/// divided by the window's depth, height and width one after another, as ATen's kernel does.
extension Tensor {
    public func adaptiveAvgPool3d(outputSize: [Int]) throws -> Tensor {
        guard rank == 4 || rank == 5 else {
            throw TensorError.runtime("adaptive_avg_pool3d(): Expected 4D or 5D tensor, but got \(formatShape(shape))")
        }
        if let empty = (1..<rank).first(where: { shape[$0] == 0 }) {
            throw TensorError.runtime("adaptive_avg_pool3d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes "
                + "\(formatShape(shape)) with dimension \(empty) being empty")
        }
        guard dtype.isFloatingPoint else { throw TensorError.kernelNotImplemented("adaptive_avg_pool3d_cpu", dtype) }
        let volumes = PooledVolumes(shape, spatialRank: 3)
        try ensureAllocatable(shape: volumes.leadingShape + outputSize)
        return dtype == .float64
            ? try adaptiveAverages(Double.self, volumes: volumes, outputSize: outputSize)
            : try adaptiveAverages(Float.self, volumes: volumes, outputSize: outputSize)
    }

    private func adaptiveAverages<T: BinaryFloatingPoint & TensorElement>(_ type: T.Type, volumes: PooledVolumes, outputSize: [Int]) throws -> Tensor {
        let windows = outputSize.contains(0) ? [] : adaptiveWindows(input: volumes.spatialShape, output: outputSize)
        let extents = adaptiveExtents(input: volumes.spatialShape, output: outputSize)
        let input = try (dtype == T.dtype ? self : to(T.dtype)).contiguous().elements(as: T.self)
        var values = [T](repeating: 0, count: volumes.count * windows.count)
        for volume in 0..<volumes.count {
            let base = volume * volumes.size
            for (cell, positions) in windows.enumerated() {
                var sum: T = 0
                for position in positions { sum += input[base + position] }
                values[volume * windows.count + cell] = extents[cell].reduce(sum) { $0 / T($1) }
            }
        }
        let result = try Tensor(values: values, shape: volumes.leadingShape + outputSize)
        return dtype == T.dtype ? result : try result.to(dtype)
    }

    /// Each output's gradient divided by its window's extents, added to every input cell of the window.
    public static func adaptiveAvgPool3dBackward(gradOutput: Tensor, inputShape: [Int]) throws -> Tensor {
        gradOutput.dtype == .float64
            ? try adaptiveAverageGradients(Double.self, gradOutput: gradOutput, inputShape: inputShape)
            : try adaptiveAverageGradients(Float.self, gradOutput: gradOutput, inputShape: inputShape)
    }

    private static func adaptiveAverageGradients<T: BinaryFloatingPoint & TensorElement>(_ type: T.Type, gradOutput: Tensor,
                                                                                         inputShape: [Int]) throws -> Tensor {
        let volumes = PooledVolumes(inputShape, spatialRank: 3)
        let outputSize = Array(gradOutput.shape.suffix(3))
        let windows = outputSize.contains(0) ? [] : adaptiveWindows(input: volumes.spatialShape, output: outputSize)
        let extents = adaptiveExtents(input: volumes.spatialShape, output: outputSize)
        let gradient = try (gradOutput.dtype == T.dtype ? gradOutput : gradOutput.to(T.dtype)).contiguous().elements(as: T.self)
        var result = [T](repeating: 0, count: volumes.count * volumes.size)
        for volume in 0..<volumes.count {
            for (cell, positions) in windows.enumerated() {
                let share = extents[cell].reduce(gradient[volume * windows.count + cell]) { $0 / T($1) }
                for position in positions { result[volume * volumes.size + position] += share }
            }
        }
        let tensor = try Tensor(values: result, shape: inputShape)
        return gradOutput.dtype == T.dtype ? tensor : try tensor.to(gradOutput.dtype)
    }
}

/// For each output cell in row-major order, its window's length along each spatial dim.
private func adaptiveExtents(input: [Int], output: [Int]) -> [[Int]] {
    func length(_ index: Int, _ dim: Int) -> Int {
        ((index + 1) * input[dim] + output[dim] - 1) / output[dim] - index * input[dim] / output[dim]
    }
    var cells: [[Int]] = [[]]
    for dim in input.indices {
        cells = cells.flatMap { prefix in (0..<output[dim]).map { prefix + [length($0, dim)] } }
    }
    return cells
}
