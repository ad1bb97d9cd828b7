/// `affine_grid_generator`: the base grid of pixel positions in [-1, 1] with a trailing
/// 1, [N, (D,) H, W, k + 1] for k spatial dims, x varying along W, y along H, z along D.
/// The grid is base · θᵀ, and θ's gradient baseᵀ · grad, both by `bmm` as ATen does.
extension Tensor {
    public static func affineGrid(theta: Tensor, batch: Int, spatial: [Int], alignCorners: Bool) throws -> Tensor {
        let base = try affineGridBase(batch: batch, spatial: spatial, alignCorners: alignCorners, dtype: theta.dtype)
        let points = spatial.reduce(1, *), axes = spatial.count
        let grid = try base.view([batch, points, axes + 1]).bmm(try theta.transpose(1, 2))
        return try grid.view([batch] + spatial + [axes])
    }

    public static func affineGridBackward(gradGrid: Tensor, batch: Int, spatial: [Int], alignCorners: Bool) throws -> Tensor {
        let base = try affineGridBase(batch: batch, spatial: spatial, alignCorners: alignCorners, dtype: gradGrid.dtype)
        let points = spatial.reduce(1, *), axes = spatial.count
        let gradient = try base.view([batch, points, axes + 1]).transpose(1, 2).bmm(try gradGrid.contiguous().view([batch, points, axes]))
        return try gradient.transpose(1, 2)
    }

    static func affineGridBase(batch: Int, spatial: [Int], alignCorners: Bool, dtype: DType) throws -> Tensor {
        let axes = spatial.count, points = spatial.reduce(1, *)
        try ensureAllocatable(shape: [batch, points, axes + 1], itemSize: 8)
        // The positions along each axis, x (the last spatial dim) first.
        let ranges = try spatial.reversed().map { try affineGridRange($0, alignCorners: alignCorners, dtype: dtype) }
        var values = [Double](repeating: 1, count: batch * points * (axes + 1))
        let strides = View.contiguousStrides(for: spatial)
        for point in 0..<points {
            for axis in 0..<axes {
                let dim = axes - 1 - axis
                let index = (point / strides[dim]) % spatial[dim]
                let value = ranges[axis].count == 1 ? ranges[axis][0] : ranges[axis][index]
                for n in 0..<batch { values[(n * points + point) * (axes + 1) + axis] = value }
            }
        }
        return try ResultBuilder.tensor(doubles: values, shape: [batch] + spatial + [axes + 1], dtype: dtype)
    }

    /// `linspace_from_neg_one`: 0 for one step, else linspace(-1, 1) scaled by (n - 1) / n
    /// without `align_corners` (a multiply, then a divide, each rounded in the dtype).
    private static func affineGridRange(_ steps: Int, alignCorners: Bool, dtype: DType) throws -> [Double] {
        if steps <= 1 { return [0] }
        let range = try Factory.linspace(start: -1, end: 1, steps: steps, dtype: dtype)
        if alignCorners { return try range.to(.float64).elements(as: Double.self) }
        if dtype == .float64 {
            return range.elements(as: Double.self).map { $0 * Double(steps - 1) / Double(steps) }
        }
        let scaled = try range.to(.float32).elements(as: Float.self).map { $0 * Float(steps - 1) / Float(steps) }
        return try Tensor(values: scaled, shape: [steps]).to(dtype).to(.float64).elements(as: Double.self)
    }
}
