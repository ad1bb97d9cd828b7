/// How a loss folds its per-element values: PyTorch's `reduction=` argument.
public enum LossReduction: Sendable, Equatable {
    case none, mean, sum
    /// `kl_div` only: the sum divided by the batch size.
    case batchMean

    /// Parses `reduction=`; 'batchmean' is accepted only where `allowBatchMean` says so,
    /// and every other name fails with `_Reduction.get_enum`'s ValueError.
    public init(name: String, allowBatchMean: Bool = false) throws {
        switch name {
        case "none": self = .none
        case "mean", "elementwise_mean": self = .mean
        case "sum": self = .sum
        case "batchmean" where allowBatchMean: self = .batchMean
        default: throw TensorError.value("\(name) is not a valid value for reduction")
        }
    }
}

/// `apply_loss_reduction`: the mean of nothing is nan, the sum of nothing is 0.
func reduceLoss(_ loss: Tensor, _ reduction: LossReduction) throws -> Tensor {
    switch reduction {
    case .none: return loss
    case .mean: return try loss.mean(dims: nil, keepDim: false)
    case .sum: return try loss.sum(dims: nil, keepDim: false)
    case .batchMean:
        let total = try loss.sum(dims: nil, keepDim: false)
        guard let batch = loss.shape.first else { throw TensorError(.indexError, .sequenceIndexOutOfRange(sequence: "tuple")) }
        return try binary(.divide, .tensor(total), .scalar(.int(Int64(batch))))
    }
}

/// A shape as Python prints a `torch.Size`, for messages that embed one.
public func formatTorchSize(_ shape: [Int]) -> String {
    "torch.Size(\(formatShape(shape)))"
}

/// An elementwise loss of two broadcast operands, computed in Double and stored in the
/// promoted floating dtype. Integer results raise with the CPU kernel's name.
func pointwiseLoss(_ input: Tensor, _ target: Tensor, kernel: String, _ body: (Double, Double) -> Double) throws -> Tensor {
    let shape = try broadcastShapes(input.shape, target.shape)
    let dtype = resultType(.tensor(input), .tensor(target))
    guard dtype.isFloatingPoint else {
        throw TensorError.kernelNotImplemented(kernel, dtype)
    }
    let lhs = try input.expand(shape).doubles()
    let rhs = try target.expand(shape).doubles()
    var values = [Double](repeating: 0, count: lhs.count)
    for index in 0..<lhs.count { values[index] = body(lhs[index], rhs[index]) }
    return try ResultBuilder.tensor(doubles: values, shape: shape, dtype: dtype)
}

/// `a op b` for two tensors, the shorthand the composite losses are written in.
func functionalBinary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
    try binary(op, .tensor(a), .tensor(b))
}

func functionalBinary(_ op: BinaryOp, _ a: Tensor, _ b: Double) throws -> Tensor {
    try binary(op, .tensor(a), .scalar(.float(b)))
}

func functionalBinary(_ op: BinaryOp, _ a: Double, _ b: Tensor) throws -> Tensor {
    try binary(op, .scalar(.float(a)), .tensor(b))
}
