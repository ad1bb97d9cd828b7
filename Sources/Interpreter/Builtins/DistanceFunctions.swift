import Autograd
import TensorEngine

/// `torch.cdist` and `F.pairwise_distance`, composed of recorded ops as ATen composes
/// them, so gradients follow.
extension Interpreter {
    func distanceTorchMembers() -> [String: Value] {
        var members = functionalTable([
            ("cdist", ["x1", "x2", "p", "compute_mode"], { _, bound in
                let mode = try bound.optional("compute_mode").flatMap { $0.isNone ? nil : $0 }.map { value -> String in
                    guard case let .string(text) = value else { throw PythonError.typeError("cdist(): compute_mode must be a string") }
                    return text
                } ?? "use_mm_for_euclid_dist_if_necessary"
                return .tensor(try pairwiseDistances(try bound.tensor("x1"), try bound.tensor("x2"), p: try bound.double("p", default: 2), mode: mode))
            }),
        ])
        members["pairwise_distance"] = functionalDistanceMembers()["pairwise_distance"]
        members["cosine_similarity"] = functionalMiscMembers()["cosine_similarity"]
        return members
    }

    func functionalDistanceMembers() -> [String: Value] {
        functionalTable([
            ("pairwise_distance", ["x1", "x2", "p", "eps", "keepdim"], { _, bound in
                let x1 = try bound.tensor("x1"), x2 = try bound.tensor("x2")
                let difference = try Autodiff.binary(.add, .tensor(try Autodiff.binary(.subtract, .tensor(x1), .tensor(x2))),
                                                     .scalar(.float(try bound.double("eps", default: 1e-6))))
                let outputDim = Swift.max(x1.rank, x2.rank) - 1
                return .tensor(Autodiff.named("NormBackward1", try Autodiff.norm(difference, p: try bound.double("p", default: 2),
                                                                                 dims: [Swift.max(outputDim, 0)], keepDim: try bound.bool("keepdim", default: false))))
            }),
        ])
    }
}

/// `cdist`: every row of x1 against every row of x2 (batched over leading dims). For p = 2
/// with more than 25 rows (or when asked), PyTorch expands ‖a‖² - 2a·b + ‖b‖² as one
/// matmul, then clamps at 0 and takes the root; otherwise it measures each difference.
private func pairwiseDistances(_ x1: Tensor, _ x2: Tensor, p: Double, mode: String) throws -> Tensor {
    guard x1.rank >= 2 else { throw PythonError.runtimeError("cdist only supports at least 2D tensors, X1 got: \(x1.rank)D") }
    guard x2.rank >= 2 else { throw PythonError.runtimeError("cdist only supports at least 2D tensors, X2 got: \(x2.rank)D") }
    guard x1.shape.last == x2.shape.last else {
        throw PythonError.runtimeError("X1 and X2 must have the same number of columns. X1: \(x1.shape.last ?? 0) X2: \(x2.shape.last ?? 0)")
    }
    guard p >= 0 else { throw PythonError.runtimeError("cdist only supports non-negative p values") }
    let validModes = ["use_mm_for_euclid_dist_if_necessary", "use_mm_for_euclid_dist", "donot_use_mm_for_euclid_dist"]
    guard validModes.contains(mode) else { throw PythonError.runtimeError("\(mode) is not a valid value for compute_mode") }
    let rows1 = x1.shape[x1.rank - 2], rows2 = x2.shape[x2.rank - 2]
    let useMatmul = p == 2 && (mode == "use_mm_for_euclid_dist" || (mode == "use_mm_for_euclid_dist_if_necessary" && (rows1 > 25 || rows2 > 25)))
    if useMatmul {
        let norm1 = try Autodiff.sum(try Autodiff.binary(.power, .tensor(x1), .scalar(.int(2))), dims: [-1], keepDim: true)
        let norm2 = try Autodiff.sum(try Autodiff.binary(.power, .tensor(x2), .scalar(.int(2))), dims: [-1], keepDim: true)
        let ones1 = try Factory.full(shape: norm1.shape, value: .int(1), dtype: norm1.dtype)
        let ones2 = try Factory.full(shape: norm2.shape, value: .int(1), dtype: norm2.dtype)
        let left = try Autodiff.concatenate([try Autodiff.binary(.multiply, .tensor(x1), .scalar(.int(-2))), norm1, ones1], dim: -1)
        let right = try Autodiff.concatenate([x2, ones2, norm2], dim: -1)
        let squared = try Autodiff.matmul(left, try Autodiff.transpose(right, -2, -1))
        return Autodiff.named("CdistBackward0", try Autodiff.unary(.sqrt, try Autodiff.clamp(squared, min: .scalar(.int(0)), max: nil)))
    }
    let difference = try Autodiff.binary(.subtract, .tensor(try Autodiff.unsqueeze(x1, -2)), .tensor(try Autodiff.unsqueeze(x2, -3)))
    return Autodiff.named("CdistBackward0", try Autodiff.norm(difference, p: p, dims: [-1], keepDim: false))
}
