import TensorEngine

/// The margin losses, composed as ATen composes them (so they record the same nodes).
extension Autodiff {
    /// `margin_ranking_loss`: max(0, −y·(x1 − x2) + margin), reduced.
    public static func marginRankingLoss(_ first: Tensor, _ second: Tensor, _ target: Tensor, margin: Double, reduction: LossReduction) throws -> Tensor {
        let difference = try binary(.subtract, .tensor(first), .tensor(second))
        let scaled = try binary(.multiply, .tensor(try unary(.negate, target)), .tensor(difference))
        let shifted = try binary(.add, .tensor(scaled), .scalar(.float(margin)))
        return try reduce(try clamp(shifted, min: .scalar(.int(0)), max: nil, backwardName: "ClampMinBackward0"), reduction)
    }

    /// `cosine_embedding_loss`: 1 − cos for y = 1, max(0, cos − margin) for y = −1, with
    /// the squared norms offset by 1e-12 as in ATen.
    public static func cosineEmbeddingLoss(_ first: Tensor, _ second: Tensor, _ target: Tensor, margin: Double, reduction: LossReduction) throws -> Tensor {
        let dim = target.rank
        let productSum = try sum(try binary(.multiply, .tensor(first), .tensor(second)), dims: [dim], keepDim: false)
        let squares1 = try binary(.add, .tensor(try sum(try binary(.multiply, .tensor(first), .tensor(first)), dims: [dim], keepDim: false)), .scalar(.float(1e-12)))
        let squares2 = try binary(.add, .tensor(try sum(try binary(.multiply, .tensor(second), .tensor(second)), dims: [dim], keepDim: false)), .scalar(.float(1e-12)))
        let denominator = try unary(.sqrt, try binary(.multiply, .tensor(squares1), .tensor(squares2)))
        let cosine = try binary(.divide, .tensor(productSum), .tensor(denominator))
        let zeros = try Tensor.zeros(shape: cosine.shape, dtype: cosine.dtype)
        let positive = try binary(.subtract, .scalar(.int(1)), .tensor(cosine))
        let negative = try clamp(try binary(.subtract, .tensor(cosine), .scalar(.float(margin))), min: .scalar(.int(0)), max: nil, backwardName: "ClampMinBackward0")
        let outputPositive = try whereSelect(try TensorEngine.binary(.equal, .tensor(target), .scalar(.int(1))), .tensor(positive), .tensor(zeros))
        let outputNegative = try whereSelect(try TensorEngine.binary(.equal, .tensor(target), .scalar(.int(-1))), .tensor(negative), .tensor(zeros))
        return try reduce(try binary(.add, .tensor(outputPositive), .tensor(outputNegative)), reduction)
    }
}
