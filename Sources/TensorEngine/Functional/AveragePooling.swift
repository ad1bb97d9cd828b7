/// `avg_pool2d` and `adaptive_avg_pool2d` with their backward passes. Both are a sum over
/// a rectangle divided by a count, so one kernel does each direction; they differ only
/// in where each output's rectangle lies and what it is divided by.

/// One output's rectangle in its input plane, and the divisor of its sum.
struct AveragingCell {
    var rows: Range<Int>
    var columns: Range<Int>
    var divisor: Double
}

/// The averaging rectangles of every output position of one plane, row-major.
typealias AveragingCells = [AveragingCell]

/// How `avg_pool2d` divides a window's sum.
public struct AverageDivisor: Equatable, Sendable {
    public var countIncludePad: Bool
    public var divisorOverride: Int?

    public init(countIncludePad: Bool = true, divisorOverride: Int? = nil) {
        self.countIncludePad = countIncludePad
        self.divisorOverride = divisorOverride
    }
}

extension Tensor {
    /// `F.avg_pool2d`. Integer inputs divide with truncation, as PyTorch does.
    public func avgPool2d(_ window: PoolingWindow, divisor: AverageDivisor) throws -> Tensor {
        guard rank == 3 || rank == 4 else {
            throw TensorError(.indexError, .dimOutOfRange(low: -rank, high: rank - 1, got: -3))
        }
        if let override = divisor.divisorOverride, override == 0 { throw TensorError.runtime("divisor must be not zero") }
        let planes = PooledPlanes(shape)
        let outputSize = try window.checkedOutputSize(shape)
        let cells = averagingCells(window, divisor: divisor, planes: planes, outputSize: outputSize)
        return try averaged(over: cells, planes: planes, outputShape: planes.leadingShape + outputSize)
    }

    /// `F.adaptive_avg_pool2d`: output cell i along a dim averages input
    /// [⌊i·in/out⌋, ⌈(i+1)·in/out⌉).
    public func adaptiveAvgPool2d(outputSize: [Int]) throws -> Tensor {
        guard (rank == 3 || rank == 4), !shape.dropFirst().contains(0) else {
            throw TensorError.runtime("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got \(formatShape(shape))")
        }
        guard outputSize.count == 2 else { throw TensorError.runtime("adaptive_avg_pool2d: output_size must be 2") }
        guard outputSize.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.runtime("adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {"
                                      + outputSize.map(String.init).joined(separator: ", ") + "}")
        }
        guard dtype.isFloatingPoint else {
            throw TensorError.kernelNotImplemented("adaptive_avg_pool2d", dtype)
        }
        let planes = PooledPlanes(shape)
        // The output is refused as PyTorch would refuse creating it, before any cell is listed.
        try ensureAllocatable(shape: planes.leadingShape + outputSize)
        let cells = adaptiveCells(planes: planes, outputSize: outputSize)
        return try averaged(over: cells, planes: planes, outputShape: planes.leadingShape + outputSize)
    }

    /// The gradient of `avg_pool2d`: each output's gradient, divided by its divisor,
    /// spread over its (clipped) window.
    public static func avgPool2dBackward(gradOutput: Tensor, inputShape: [Int], window: PoolingWindow, divisor: AverageDivisor) throws -> Tensor {
        let planes = PooledPlanes(inputShape)
        let outputSize = Array(gradOutput.shape.suffix(2))
        let cells = averagingCells(window, divisor: divisor, planes: planes, outputSize: outputSize)
        return try spread(gradOutput, over: cells, planes: planes, inputShape: inputShape)
    }

    public static func adaptiveAvgPool2dBackward(gradOutput: Tensor, inputShape: [Int]) throws -> Tensor {
        let planes = PooledPlanes(inputShape)
        let cells = adaptiveCells(planes: planes, outputSize: Array(gradOutput.shape.suffix(2)))
        return try spread(gradOutput, over: cells, planes: planes, inputShape: inputShape)
    }

    /// Sums each plane over each cell and divides; integer dtypes truncate the quotient.
    /// Float dtypes add in float, one element after another, as PyTorch's kernel does.
    private func averaged(over cells: AveragingCells, planes: PooledPlanes, outputShape: [Int]) throws -> Tensor {
        let input = doubles()
        let truncates = !dtype.isFloatingPoint
        let round = dtype.accumulationRounding
        var result = [Double](repeating: 0, count: planes.planeCount * cells.count)
        input.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { output in
                for plane in 0..<planes.planeCount {
                    let base = source.baseAddress! + plane * planes.planeSize
                    for (index, cell) in cells.enumerated() {
                        var sum = 0.0
                        for row in cell.rows {
                            for column in cell.columns { sum = round(sum + base[row * planes.width + column]) }
                        }
                        let quotient = cell.divisor == 0 ? 0 : sum / cell.divisor
                        output[plane * cells.count + index] = truncates ? quotient.rounded(.towardZero) : quotient
                    }
                }
            }
        }
        return try ResultBuilder.tensor(doubles: result, shape: outputShape, dtype: dtype)
    }

    private static func spread(_ gradOutput: Tensor, over cells: AveragingCells, planes: PooledPlanes, inputShape: [Int]) throws -> Tensor {
        let gradient = gradOutput.doubles()
        let round = gradOutput.dtype.accumulationRounding
        var result = [Double](repeating: 0, count: planes.planeCount * planes.planeSize)
        result.withUnsafeMutableBufferPointer { output in
            for plane in 0..<planes.planeCount {
                let base = output.baseAddress! + plane * planes.planeSize
                for (index, cell) in cells.enumerated() where cell.divisor != 0 {
                    let share = round(gradient[plane * cells.count + index] / cell.divisor)
                    for row in cell.rows {
                        for column in cell.columns { base[row * planes.width + column] = round(base[row * planes.width + column] + share) }
                    }
                }
            }
        }
        return try ResultBuilder.tensor(doubles: result, shape: inputShape, dtype: gradOutput.dtype)
    }
}

extension DType {
    /// Rounds a double sum to the precision PyTorch's CPU kernels accumulate this dtype
    /// in: float for float32 and the half types, exact otherwise.
    var accumulationRounding: (Double) -> Double {
        self == .float32 || self == .float16 || self == .bfloat16 ? { Double(Float($0)) } : { $0 }
    }
}

/// avg_pool2d's windows: clipped to the input; the divisor counts the padding the window
/// covers (up to the padded edge) when `count_include_pad`, else only real elements.
private func averagingCells(_ window: PoolingWindow, divisor: AverageDivisor, planes: PooledPlanes, outputSize: [Int]) -> AveragingCells {
    var cells: AveragingCells = []
    cells.reserveCapacity(outputSize[0] * outputSize[1])
    for outputRow in 0..<outputSize[0] {
        let rows = window.span(0, index: outputRow, input: planes.height)
        for outputColumn in 0..<outputSize[1] {
            let columns = window.span(1, index: outputColumn, input: planes.width)
            let rowRange = rows.start..<Swift.max(rows.start, rows.end)
            let columnRange = columns.start..<Swift.max(columns.start, columns.end)
            let count: Int
            if let override = divisor.divisorOverride {
                count = override
            } else if divisor.countIncludePad {
                count = rows.paddedCount * columns.paddedCount
            } else {
                count = rowRange.count * columnRange.count
            }
            let empty = rowRange.isEmpty || columnRange.isEmpty
            cells.append(AveragingCell(rows: rowRange, columns: columnRange, divisor: empty ? 0 : Double(count)))
        }
    }
    return cells
}

func adaptiveCells(planes: PooledPlanes, outputSize: [Int]) -> AveragingCells {
    func range(_ index: Int, input: Int, output: Int) -> Range<Int> {
        (index * input / output)..<(((index + 1) * input + output - 1) / output)
    }
    var cells: AveragingCells = []
    for outputRow in 0..<outputSize[0] {
        let rows = range(outputRow, input: planes.height, output: outputSize[0])
        for outputColumn in 0..<outputSize[1] {
            let columns = range(outputColumn, input: planes.width, output: outputSize[1])
            cells.append(AveragingCell(rows: rows, columns: columns, divisor: Double(rows.count * columns.count)))
        }
    }
    return cells
}
