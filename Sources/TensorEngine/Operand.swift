/// One input of an elementwise op: a tensor, or a Python number that PyTorch wraps as
/// a 0-dim "wrapped number" tensor for type promotion.
public enum Operand {
    case tensor(Tensor)
    case scalar(Scalar)

    var shape: [Int] {
        if case let .tensor(tensor) = self { return tensor.shape }
        return []
    }

    var promotionOperand: PromotionOperand {
        switch self {
        case let .tensor(tensor): .tensor(tensor.dtype, dimensions: tensor.rank)
        case let .scalar(scalar): scalar.promotionOperand
        }
    }
}

/// The dtype PyTorch computes a binary op in.
public func resultType(_ a: Operand, _ b: Operand) -> DType {
    resultType([a.promotionOperand, b.promotionOperand])
}

