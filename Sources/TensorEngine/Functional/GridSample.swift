/// `F.grid_sample` for 4-d inputs (`grid_sampler_2d`): output[n, c, h, w] reads
/// input[n, c] at the point grid[n, h, w] = (x, y), given in [-1, 1] across the width and
/// height. Values follow ATen's vectorized CPU kernel (GridSamplerKernel.cpp) in the
/// input's precision, its multiply-adds fused as the compiler fuses them.
extension Tensor {
    public static func gridSample2d(_ input: Tensor, grid: Tensor, interpolation: GridSampleInterpolation, padding: GridSamplePadding,
                                    alignCorners: Bool) throws -> Tensor {
        try checkGridSampler(input, grid: grid)
        let problem = GridSampleProblem(input: input.shape, grid: grid.shape, interpolation: interpolation, padding: padding,
                                        alignCorners: alignCorners)
        switch input.dtype {
        case .float64:
            let values = problem.forward(try input.contiguous().elements(as: Double.self), grid: try grid.contiguous().elements(as: Double.self))
            return try Tensor(values: values, shape: problem.outputShape)
        case .float32, .float16, .bfloat16:
            let values = problem.forward(try input.floatElements(), grid: try grid.floatElements())
            return try Tensor(values: values, shape: problem.outputShape).to(input.dtype)
        default:
            throw TensorError.notImplemented("\"grid_sampler_2d_cpu_kernel_impl\" not implemented for '\(input.dtype.scalarTypeName)'")
        }
    }

    /// `check_grid_sampler_common` and `check_grid_sampler_2d`, in ATen's order and words.
    static func checkGridSampler(_ input: Tensor, grid: Tensor) throws {
        let sizes = "input with sizes \(formatShape(input.shape)) and grid with sizes \(formatShape(grid.shape))"
        guard input.rank >= 1, grid.rank >= 1, input.shape[0] == grid.shape[0] else {
            throw TensorError.runtime("grid_sampler(): expected grid and input to have same batch size, but got \(sizes)")
        }
        guard grid.shape[grid.rank - 1] == input.rank - 2 else {
            throw TensorError.runtime(
                "grid_sampler(): expected grid to have size \(input.rank - 2) in last dimension, but got grid with sizes \(formatShape(grid.shape))")
        }
        for dim in 2..<Swift.max(input.rank, 2) where input.shape[dim] <= 0 {
            throw TensorError.runtime(
                "grid_sampler(): expected input to have non-empty spatial dimensions, but input has sizes \(formatShape(input.shape)) with dimension \(dim) being empty")
        }
        guard input.rank == 4, grid.rank == 4 else {
            let rank = input.rank == 4 ? 4 : 5
            throw TensorError.runtime("grid_sampler(): expected \(rank)D input and grid with same number of dimensions, but got \(sizes)")
        }
        guard input.dtype == grid.dtype else {
            throw TensorError.runtime("expected scalar type \(input.dtype.scalarTypeName) but found \(grid.dtype.scalarTypeName)")
        }
    }

    /// The elements as Float (the precision reduced types are computed in).
    func floatElements() throws -> [Float] {
        try (dtype == .float32 ? self : to(.float32)).contiguous().elements(as: Float.self)
    }
}

/// The shapes and modes of one `grid_sampler_2d` call.
struct GridSampleProblem {
    let batch: Int, channels: Int, height: Int, width: Int
    /// Sample points per batch entry (the grid's height × width).
    let points: Int
    let outputShape: [Int]
    let interpolation: GridSampleInterpolation
    let padding: GridSamplePadding
    let alignCorners: Bool

    init(input: [Int], grid: [Int], interpolation: GridSampleInterpolation, padding: GridSamplePadding, alignCorners: Bool) {
        (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
        points = grid[1] * grid[2]
        outputShape = [input[0], input[1], grid[1], grid[2]]
        (self.interpolation, self.padding, self.alignCorners) = (interpolation, padding, alignCorners)
    }

    var plane: Int { height * width }

    func axes<T: BinaryFloatingPoint>(_ type: T.Type) -> (x: GridSampleAxis<T>, y: GridSampleAxis<T>) {
        (GridSampleAxis(size: width, padding: padding, alignCorners: alignCorners),
         GridSampleAxis(size: height, padding: padding, alignCorners: alignCorners))
    }

    /// The offset in a plane of pixel (x, y), or nil outside the image.
    func offset(_ x: Int, _ y: Int) -> Int? {
        x > -1 && x < width && y > -1 && y < height ? y * width + x : nil
    }

    func forward<T: BinaryFloatingPoint>(_ input: [T], grid: [T]) -> [T] {
        var output = [T](repeating: 0, count: batch * channels * points)
        let (axisX, axisY) = axes(T.self)
        for n in 0..<batch {
            for point in 0..<points {
                let gridX = grid[(n * points + point) * 2], gridY = grid[(n * points + point) * 2 + 1]
                for c in 0..<channels {
                    let base = (n * channels + c) * plane
                    func read(_ offset: Int?) -> T { offset.map { input[base + $0] } ?? 0 }
                    let value: T
                    switch interpolation {
                    case .bilinear:
                        let corners = BilinearCorners(x: axisX.source(gridX), y: axisY.source(gridY), problem: self)
                        let taps = corners.offsets.map(read), weights = corners.weights
                        var sum = (taps[0] * weights[0]).addingProduct(taps[1], weights[1])
                        sum.addProduct(taps[2], weights[2])
                        value = sum.addingProduct(taps[3], weights[3])
                    case .nearest:
                        let x = gridPixelIndex(axisX.source(gridX).rounded(.toNearestOrEven))
                        value = read(offset(x, gridPixelIndex(axisY.source(gridY).rounded(.toNearestOrEven))))
                    case .bicubic:
                        value = bicubicValue(read, x: axisX.unnormalize(gridX), y: axisY.unnormalize(gridY), axes: (axisX, axisY))
                    }
                    output[(n * channels + c) * points + point] = value
                }
            }
        }
        return output
    }

    /// Four rows of four taps each combined along x, then the rows along y.
    private func bicubicValue<T: BinaryFloatingPoint>(_ read: (Int?) -> T, x: T, y: T, axes: (x: GridSampleAxis<T>, y: GridSampleAxis<T>)) -> T {
        let left = x.rounded(.down), top = y.rounded(.down)
        let xCoefficients = gridCubicCoefficients(x - left), yCoefficients = gridCubicCoefficients(y - top)
        // Each row, then the column, is c0·v0 + c1·v1 + c2·v2 + c3·v3 as a chain of fused
        // multiply-adds onto the rounded second product. The kernel rounds some of these
        // sums differently (its values differ from this in the last bit now and then).
        func combine(_ coefficients: [T], _ values: [T]) -> T {
            var sum = (coefficients[1] * values[1]).addingProduct(coefficients[0], values[0])
            sum.addProduct(coefficients[2], values[2])
            return sum.addingProduct(coefficients[3], values[3])
        }
        let rows = (0..<4).map { i in
            combine(xCoefficients, (0..<4).map { j in read(bicubicOffset(left + T(j - 1), top + T(i - 1), axes: axes)) })
        }
        return combine(yCoefficients, rows)
    }

    /// `get_value_bounded`'s address: the tap moved in by the padding mode, nil outside.
    func bicubicOffset<T: BinaryFloatingPoint>(_ x: T, _ y: T, axes: (x: GridSampleAxis<T>, y: GridSampleAxis<T>)) -> Int? {
        let (px, py) = (axes.x.compute(x), axes.y.compute(y))
        guard px > -1, px < T(width), py > -1, py < T(height) else { return nil }
        return gridPixelIndex(py) * width + gridPixelIndex(px)
    }
}

/// The four pixels around (x, y) and their bilinear weights, in the kernel's order
/// north-west, north-east, south-west, south-east.
struct BilinearCorners<T: BinaryFloatingPoint> {
    let offsets: [Int?]
    let weights: [T]
    /// The fractions towards the west, east, north and south neighbours' far sides.
    let west: T, east: T, north: T, south: T

    init(x: T, y: T, problem: GridSampleProblem) {
        let left = x.rounded(.down), top = y.rounded(.down)
        west = x - left
        east = 1 - west
        north = y - top
        south = 1 - north
        weights = [south * east, south * west, north * east, north * west]
        let (ix, iy) = (gridPixelIndex(left), gridPixelIndex(top))
        offsets = [problem.offset(ix, iy), problem.offset(ix + 1, iy), problem.offset(ix, iy + 1), problem.offset(ix + 1, iy + 1)]
    }
}
