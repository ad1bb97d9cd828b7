import TensorEngine

extension Autodiff {
    /// ATen's `Tensor op Scalar` overloads as composites call them inside C++ (`x * 0.5` in
    /// `special_ndtr`, `+ eps` in `pairwise_distance`): nodes named AddBackward1 and
    /// MulBackward1 whose only input is the tensor. Python's `x + 0.5` wraps the number as a
    /// tensor instead, which `binary` records (AddBackward0).
    public static func scalarOverload(_ op: BinaryOp, _ tensor: Tensor, _ scalar: Scalar) throws -> Tensor {
        let name: String
        switch op {
        case .add: name = "AddBackward1"
        case .subtract: name = "SubBackward1"
        case .multiply: name = "MulBackward1"
        case .divide: name = "DivBackward1"
        default: return try binary(op, .tensor(tensor), .scalar(scalar))
        }
        return try fused(name, over: [tensor]) { try binary(op, .tensor($0[0]), .scalar(scalar)) }
    }
}
