/// `F.avg_pool3d` on `[C, D, H, W]` or `[N, C, D, H, W]`, as ATen's `cpu_avg_pool3d`: each
/// window summed in row-major order in the input's precision, then divided by
/// divisor_override, else by its size with padding (count_include_pad) or without. A
/// window lying wholly in the padding gives 0.
public struct AveragePooling3d: Sendable {
    public var window: Pooling3dWindow
    public var countIncludePad: Bool
    public var divisorOverride: Int?

    public init(window: Pooling3dWindow, countIncludePad: Bool, divisorOverride: Int?) {
        (self.window, self.countIncludePad, self.divisorOverride) = (window, countIncludePad, divisorOverride)
    }

    /// For each output cell of one volume: its clipped input ranges and its divisor.
    func cells(input: [Int]) -> [(ranges: [Range<Int>], divisor: Int)] {
        let output = (0..<3).map { window.outputLength($0, input: input[$0]) }
        var cells: [(ranges: [Range<Int>], divisor: Int)] = []
        for od in 0..<output[0] {
            for oh in 0..<output[1] {
                for ow in 0..<output[2] {
                    let starts = zip([od, oh, ow], 0..<3).map { $0 * window.stride[$1] - window.padding[$1] }
                    let ends = (0..<3).map { Swift.min(starts[$0] + window.kernel[$0], input[$0] + window.padding[$0]) }
                    let padded = (0..<3).map { ends[$0] - starts[$0] }.reduce(1, *)
                    let ranges = (0..<3).map { Swift.max(starts[$0], 0)..<Swift.max(Swift.min(ends[$0], input[$0]), Swift.max(starts[$0], 0)) }
                    cells.append((ranges, divisorOverride ?? (countIncludePad ? padded : ranges.map(\.count).reduce(1, *))))
                }
            }
        }
        return cells
    }
}

extension Tensor {
    public func avgPool3d(_ pooling: AveragePooling3d) throws -> Tensor {
        guard rank == 4 || rank == 5 else { throw TensorError.runtime("non-empty 4D or 5D (batch mode) tensor expected for input") }
        if pooling.divisorOverride == 0 { throw TensorError.runtime("divisor must be not zero") }
        try checkPooling3d(pooling.window, kernelName: "avg_pool3d", checkInputSize: true)
        let volumes = PooledVolumes(shape, spatialRank: 3)
        let outputShape = volumes.leadingShape + (0..<3).map { pooling.window.outputLength($0, input: volumes.spatialShape[$0]) }
        try ensureAllocatable(shape: outputShape)
        if dtype == .float32 {
            let result = try Tensor(values: try averaged(Float.self, pooling, volumes: volumes), shape: outputShape)
            return result
        }
        let values: [Double] = try averaged(Double.self, pooling, volumes: volumes)
        // Integer inputs divide their integer sums, truncating as C++ does.
        return try ResultBuilder.tensor(doubles: dtype.isFloatingPoint ? values : values.map { $0.rounded(.towardZero) },
                                        shape: outputShape, dtype: dtype)
    }

    private func averaged<T: BinaryFloatingPoint & TensorElement>(_ type: T.Type, _ pooling: AveragePooling3d, volumes: PooledVolumes) throws -> [T] {
        let (height, width) = (volumes.spatialShape[1], volumes.spatialShape[2])
        let input = try (dtype == T.dtype ? self : to(T.dtype)).contiguous().elements(as: T.self)
        let cells = pooling.cells(input: volumes.spatialShape)
        var values = [T](repeating: 0, count: volumes.count * cells.count)
        for volume in 0..<volumes.count {
            for (index, cell) in cells.enumerated() where !cell.ranges.contains(where: \.isEmpty) {
                var sum: T = 0
                for d in cell.ranges[0] {
                    for h in cell.ranges[1] {
                        for w in cell.ranges[2] { sum += input[volume * volumes.size + (d * height + h) * width + w] }
                    }
                }
                values[volume * cells.count + index] = sum / T(cell.divisor)
            }
        }
        return values
    }

    /// Each output's gradient divided by its divisor, added to every input cell of its window.
    public static func avgPool3dBackward(gradOutput: Tensor, inputShape: [Int], pooling: AveragePooling3d) throws -> Tensor {
        gradOutput.dtype == .float64
            ? try averageGradients(Double.self, gradOutput: gradOutput, inputShape: inputShape, pooling: pooling)
            : try averageGradients(Float.self, gradOutput: gradOutput, inputShape: inputShape, pooling: pooling)
    }

    private static func averageGradients<T: BinaryFloatingPoint & TensorElement>(_ type: T.Type, gradOutput: Tensor, inputShape: [Int],
                                                                                 pooling: AveragePooling3d) throws -> Tensor {
        let volumes = PooledVolumes(inputShape, spatialRank: 3)
        let (height, width) = (volumes.spatialShape[1], volumes.spatialShape[2])
        let gradient = try (gradOutput.dtype == T.dtype ? gradOutput : gradOutput.to(T.dtype)).contiguous().elements(as: T.self)
        let cells = pooling.cells(input: volumes.spatialShape)
        var result = [T](repeating: 0, count: volumes.count * volumes.size)
        for volume in 0..<volumes.count {
            for (index, cell) in cells.enumerated() {
                let share = gradient[volume * cells.count + index] / T(cell.divisor)
                for d in cell.ranges[0] {
                    for h in cell.ranges[1] {
                        for w in cell.ranges[2] { result[volume * volumes.size + (d * height + h) * width + w] += share }
                    }
                }
            }
        }
        let tensor = try Tensor(values: result, shape: inputShape)
        return gradOutput.dtype == T.dtype ? tensor : try tensor.to(gradOutput.dtype)
    }
}
