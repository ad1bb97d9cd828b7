import TensorEngine

/// `trapezoid`, `trapz` and `cumulative_trapezoid`, composed of ops as ATen's
/// Integration.cpp composes them, so the graph and the rounding are PyTorch's.
extension Autodiff {
    /// The spacing of the samples: a tensor of coordinates `x`, or a constant `dx`.
    public enum TrapezoidSpacing {
        case coordinates(Tensor)
        case constant(Double)
    }

    public static func trapezoid(_ y: Tensor, _ spacing: TrapezoidSpacing, dim: Int, cumulative: Bool) throws -> Tensor {
        let name = cumulative ? "cumulative_trapezoid" : "trapezoid"
        let axis = try normalizeDim(dim, rank: y.rank)
        if !cumulative, y.shape[axis] == 0 {
            var shape = y.shape
            shape.remove(at: axis)
            return try Tensor.zeros(shape: shape, dtype: y.dtype)
        }
        switch spacing {
        case let .constant(step):
            guard y.dtype != .bool else { throw TensorError(.notImplementedError, "\(name): received a bool input for `y`, but bool is not supported") }
            if !cumulative {
                // dx·(Σ y − (y₀ + yₙ)/2)
                let ends = try recordedBinary(.add, try select(y, axis, 0), try select(y, axis, -1))
                let inner = try recordedBinary(.subtract, try sum(y, dims: [axis], keepDim: false), try recordedBinary(.multiply, ends, 0.5))
                return try recordedBinary(.multiply, inner, step)
            }
            let pairs = try recordedBinary(.add, try slice(y, axis, start: 0, end: -1, step: 1), try slice(y, axis, start: 1, end: nil, step: 1))
            return try cumsum(try recordedBinary(.multiply, pairs, step / 2, scalarFirst: true), dim: axis)
        case let .coordinates(x):
            guard y.dtype != .bool, x.dtype != .bool else {
                throw TensorError(.notImplementedError, "\(name): received a bool input for `x` or `y`, but bool is not supported")
            }
            let spacing = try coordinateSpacing(x, like: y, axis: axis, name: name)
            let pairs = try recordedBinary(.add, try slice(y, axis, start: 0, end: -1, step: 1), try slice(y, axis, start: 1, end: nil, step: 1))
            let weighted = try recordedBinary(.multiply, pairs, spacing)
            let total = cumulative ? try cumsum(weighted, dim: axis) : try sum(weighted, dims: [axis], keepDim: false)
            return try recordedBinary(.divide, total, 2.0)
        }
    }

    /// x viewed to line up with y along `axis` (a vector) or padded with leading 1s, then differenced.
    private static func coordinateSpacing(_ x: Tensor, like y: Tensor, axis: Int, name: String) throws -> Tensor {
        var viewed = x
        if x.rank == 1 {
            guard x.shape[0] == y.shape[axis] else { throw TensorError.runtime("\(name): There must be one `x` value for each sample point") }
            var shape = [Int](repeating: 1, count: y.rank)
            shape[axis] = x.shape[0]
            viewed = try view(x, shape)
        } else if x.rank < y.rank {
            viewed = try view(x, [Int](repeating: 1, count: y.rank - x.rank) + x.shape)
        }
        return try recordedBinary(.subtract, try slice(viewed, axis, start: 1, end: nil, step: 1), try slice(viewed, axis, start: 0, end: -1, step: 1))
    }

    /// One recorded elementwise op of the composition; a Double operand is a Python float.
    private static func recordedBinary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        try Autodiff.binary(op, .tensor(a), .tensor(b))
    }

    private static func recordedBinary(_ op: BinaryOp, _ a: Tensor, _ b: Double, scalarFirst: Bool = false) throws -> Tensor {
        // ATen's Tensor-by-double overloads record the Scalar nodes (MulBackward1, DivBackward1).
        let name = op == .multiply ? "MulBackward1" : "DivBackward1"
        return scalarFirst ? try Autodiff.binary(op, .scalar(.float(b)), .tensor(a), backwardName: name)
            : try Autodiff.binary(op, .tensor(a), .scalar(.float(b)), backwardName: name)
    }
}
