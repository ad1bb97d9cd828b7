/// The gradients of `grid_sampler_2d` for its input and its grid, as ATen's vectorized
/// CPU kernel computes them: sample points in chunks of one 256-bit vector (8 floats or
/// 4 doubles), each chunk adding into the input gradient channel by channel and tap by
/// tap, so the additions into one input pixel happen in the kernel's order.
extension Tensor {
    public static func gridSample2dBackward(gradOutput: Tensor, input: Tensor, grid: Tensor, interpolation: GridSampleInterpolation,
                                            padding: GridSamplePadding, alignCorners: Bool) throws -> (input: Tensor, grid: Tensor) {
        let problem = GridSampleProblem(input: input.shape, grid: grid.shape, interpolation: interpolation, padding: padding,
                                        alignCorners: alignCorners)
        if input.dtype == .float64 {
            let (inputGradient, gridGradient) = problem.backward(
                try gradOutput.contiguous().elements(as: Double.self), input: try input.contiguous().elements(as: Double.self),
                grid: try grid.contiguous().elements(as: Double.self), chunk: 4)
            return (try Tensor(values: inputGradient, shape: input.shape), try Tensor(values: gridGradient, shape: grid.shape))
        }
        let (inputGradient, gridGradient) = problem.backward(try gradOutput.floatElements(), input: try input.floatElements(),
                                                             grid: try grid.floatElements(), chunk: 8)
        return (try Tensor(values: inputGradient, shape: input.shape).to(input.dtype),
                try Tensor(values: gridGradient, shape: grid.shape).to(input.dtype))
    }
}

extension GridSampleProblem {
    func backward<T: BinaryFloatingPoint>(_ gradOutput: [T], input: [T], grid: [T], chunk: Int) -> (input: [T], grid: [T]) {
        var inputGradient = [T](repeating: 0, count: input.count), gridGradient = [T](repeating: 0, count: grid.count)
        for n in 0..<batch {
            for start in stride(from: 0, to: points, by: chunk) {
                let lanes = start..<Swift.min(start + chunk, points)
                switch interpolation {
                case .bilinear:
                    bilinearBackward(n, lanes, gradOutput, input, grid, &inputGradient, &gridGradient)
                case .nearest:
                    nearestBackward(n, lanes, gradOutput, grid, &inputGradient)
                case .bicubic:
                    bicubicBackward(n, lanes, gradOutput, input, grid, &inputGradient, &gridGradient)
                }
            }
        }
        return (inputGradient, gridGradient)
    }

    private func gridPoint<T>(_ grid: [T], _ n: Int, _ point: Int) -> (x: T, y: T) {
        (grid[(n * points + point) * 2], grid[(n * points + point) * 2 + 1])
    }

    private func bilinearBackward<T: BinaryFloatingPoint>(_ n: Int, _ lanes: Range<Int>, _ gradOutput: [T], _ input: [T], _ grid: [T],
                                                         _ inputGradient: inout [T], _ gridGradient: inout [T]) {
        let (axisX, axisY) = axes(T.self)
        let located = lanes.map { point in
            let (gridX, gridY) = gridPoint(grid, n, point)
            let (x, xMultiplier) = axisX.sourceWithGradient(gridX), (y, yMultiplier) = axisY.sourceWithGradient(gridY)
            return (corners: BilinearCorners(x: x, y: y, problem: self), multipliers: (xMultiplier, yMultiplier))
        }
        var gx = [T](repeating: 0, count: lanes.count), gy = gx
        for c in 0..<channels {
            let base = (n * channels + c) * plane
            let gradients = lanes.map { gradOutput[(n * channels + c) * points + $0] }
            for corner in 0..<4 {
                for (lane, point) in located.enumerated() {
                    if let offset = point.corners.offsets[corner] { inputGradient[base + offset] += gradients[lane] * point.corners.weights[corner] }
                }
            }
            for (lane, point) in located.enumerated() {
                let values = point.corners.offsets.map { offset in offset.map { input[base + $0] } ?? 0 }
                let corners = point.corners
                let alongX = ((values[1] - values[0]) * corners.south).addingProduct(values[3] - values[2], corners.north)
                let alongY = ((values[2] - values[0]) * corners.east).addingProduct(values[3] - values[1], corners.west)
                gx[lane].addProduct(alongX, gradients[lane])
                gy[lane].addProduct(alongY, gradients[lane])
            }
        }
        for (lane, point) in lanes.enumerated() {
            gridGradient[(n * points + point) * 2] = gx[lane] * located[lane].multipliers.0
            gridGradient[(n * points + point) * 2 + 1] = gy[lane] * located[lane].multipliers.1
        }
    }

    /// Each output gradient goes to the pixel it read; the grid's gradient is zero.
    private func nearestBackward<T: BinaryFloatingPoint>(_ n: Int, _ lanes: Range<Int>, _ gradOutput: [T], _ grid: [T],
                                                        _ inputGradient: inout [T]) {
        let (axisX, axisY) = axes(T.self)
        let offsets = lanes.map { point in
            let (gridX, gridY) = gridPoint(grid, n, point)
            return offset(gridPixelIndex(axisX.source(gridX).rounded(.toNearestOrEven)),
                          gridPixelIndex(axisY.source(gridY).rounded(.toNearestOrEven)))
        }
        for c in 0..<channels {
            let base = (n * channels + c) * plane
            for (lane, point) in lanes.enumerated() {
                if let offset = offsets[lane] { inputGradient[base + offset] += gradOutput[(n * channels + c) * points + point] }
            }
        }
    }

    private func bicubicBackward<T: BinaryFloatingPoint>(_ n: Int, _ lanes: Range<Int>, _ gradOutput: [T], _ input: [T], _ grid: [T],
                                                        _ inputGradient: inout [T], _ gridGradient: inout [T]) {
        let axes = axes(T.self)
        let taps = lanes.map { point in
            let (gridX, gridY) = gridPoint(grid, n, point)
            let (x, y) = (axes.x.unnormalize(gridX), axes.y.unnormalize(gridY))
            let (left, top) = (x.rounded(.down), y.rounded(.down))
            return BicubicTaps(left: left, top: top, x: gridCubicCoefficients(x - left), y: gridCubicCoefficients(y - top),
                        xGradient: gridCubicCoefficientGradients(x - left), yGradient: gridCubicCoefficientGradients(y - top))
        }
        var gx = [T](repeating: 0, count: lanes.count), gy = gx
        for c in 0..<channels {
            let base = (n * channels + c) * plane
            let gradients = lanes.map { gradOutput[(n * channels + c) * points + $0] }
            for i in 0..<4 {
                for j in 0..<4 {
                    let offsets = taps.map { bicubicOffset($0.left + T(i - 1), $0.top + T(j - 1), axes: axes) }
                    for lane in taps.indices {
                        guard let offset = offsets[lane] else { continue }
                        let weighted: T = gradients[lane] * taps[lane].x[i] * taps[lane].y[j]
                        inputGradient[base + offset] += weighted
                    }
                    for lane in taps.indices {
                        let value = offsets[lane].map { input[base + $0] } ?? 0
                        let scaled: T = value * gradients[lane]
                        gx[lane].addProduct(-(scaled * taps[lane].xGradient[i]), taps[lane].y[j])
                        gy[lane].addProduct(-(scaled * taps[lane].yGradient[j]), taps[lane].x[i])
                    }
                }
            }
        }
        for (lane, point) in lanes.enumerated() {
            gridGradient[(n * points + point) * 2] = axes.x.scaling * gx[lane]
            gridGradient[(n * points + point) * 2 + 1] = axes.y.scaling * gy[lane]
        }
    }
}

/// One sample point's bicubic taps: the pixel left of and above it, the coefficients
/// along x and y, and their gradients (negated, as `get_cubic_coefficients_grad` gives them).
private struct BicubicTaps<T: BinaryFloatingPoint> {
    var left: T, top: T, x: [T], y: [T], xGradient: [T], yGradient: [T]
}
