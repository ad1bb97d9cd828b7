import TensorEngine

// Short names for the engine calls backward formulas are written in. Formulas run with
// grad mode off, so none of these records anything.

func add(_ a: Tensor, _ b: Tensor) throws -> Tensor { try binary(.add, .tensor(a), .tensor(b)) }
func sub(_ a: Tensor, _ b: Tensor) throws -> Tensor { try binary(.subtract, .tensor(a), .tensor(b)) }
func mul(_ a: Tensor, _ b: Tensor) throws -> Tensor { try binary(.multiply, .tensor(a), .tensor(b)) }
func div(_ a: Tensor, _ b: Tensor) throws -> Tensor { try binary(.divide, .tensor(a), .tensor(b)) }
func mul(_ a: Tensor, _ b: Double) throws -> Tensor { try binary(.multiply, .tensor(a), .scalar(.float(b))) }
func mul(_ a: Double, _ b: Tensor) throws -> Tensor { try binary(.multiply, .scalar(.float(a)), .tensor(b)) }
func div(_ a: Tensor, _ b: Double) throws -> Tensor { try binary(.divide, .tensor(a), .scalar(.float(b))) }
func sub(_ a: Double, _ b: Tensor) throws -> Tensor { try binary(.subtract, .scalar(.float(a)), .tensor(b)) }
func add(_ a: Tensor, _ b: Double) throws -> Tensor { try binary(.add, .tensor(a), .scalar(.float(b))) }
func neg(_ a: Tensor) throws -> Tensor { try a.unary(.negate) }
func zerosLike(_ tensor: Tensor) throws -> Tensor { try Tensor.zeros(shape: tensor.shape, dtype: tensor.dtype) }
func zeros(_ shape: [Int], _ dtype: DType) throws -> Tensor { try Tensor.zeros(shape: shape, dtype: dtype) }
func compare(_ op: BinaryOp, _ a: Tensor, _ b: Double) throws -> Tensor { try binary(op, .tensor(a), .scalar(.float(b))) }

/// `at::sum_to`: sums a broadcast gradient back down to `shape`.
func sumTo(_ gradient: Tensor, _ shape: [Int]) throws -> Tensor {
    if gradient.shape == shape { return gradient }
    let leading = gradient.rank - shape.count
    var dims = Array(0..<max(leading, 0))
    for (index, size) in shape.enumerated() where size == 1 && gradient.shape[leading + index] != 1 {
        dims.append(leading + index)
    }
    var result = dims.isEmpty ? gradient : try gradient.sum(dims: dims, keepDim: true)
    if leading > 0 || result.shape != shape { result = try result.reshape(shape) }
    return result
}

/// Puts back the reduced dims a `keepdim=False` reduction removed, so the gradient
/// broadcasts against the input.
func unsqueezeReduced(_ gradient: Tensor, dims: [Int], rank: Int) throws -> Tensor {
    var result = gradient
    for dim in dims.map({ $0 < 0 ? $0 + rank : $0 }).sorted() { result = try result.unsqueeze(dim) }
    return result
}

/// Normalises possibly negative dims against `rank` (0-dim tensors take dim 0 and -1).
func normalizedDims(_ dims: [Int], rank: Int) -> [Int] {
    dims.map { $0 < 0 ? $0 + max(rank, 1) : $0 }
}
