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
        members["pdist"] = functionalDistanceMembers()["pdist"]
        members["cosine_similarity"] = functionalMiscMembers()["cosine_similarity"]
        return members
    }

    func functionalDistanceMembers() -> [String: Value] {
        functionalTable([
            ("pairwise_distance", ["x1", "x2", "p", "eps", "keepdim"], { _, bound in
                let x1 = try bound.tensor("x1"), x2 = try bound.tensor("x2")
                let difference = try Autodiff.scalarOverload(.add, try Autodiff.binary(.subtract, .tensor(x1), .tensor(x2)),
                                                             .float(try bound.double("eps", default: 1e-6)))
                let outputDim = Swift.max(Swift.max(x1.rank, x2.rank) - 1, 0)
                let (p, keepDim) = (try bound.double("p", default: 2), try bound.bool("keepdim", default: false))
                // ATen's pairwise_distance is `norm(x1 - x2 + eps, p, dim)`: one NormBackward1 over the sum.
                return .tensor(try Autodiff.fused("NormBackward1", over: [difference], saving: [difference]) {
                    try Autodiff.norm($0[0], p: p, dims: [outputDim], keepDim: keepDim)
                })
            }),
            ("pdist", ["input", "p"], { _, bound in
                .tensor(try Autodiff.pdist(try bound.tensor("input"), p: try bound.double("p", default: 2)))
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
        // ATen's `_euclidean_dist` (EuclideanDistBackward0), then cdist's view to the output shape.
        let distances = try Autodiff.fused("EuclideanDistBackward0", over: [x1, x2], saving: [x1, x2]) { inputs in
            let squared = try Autodiff.matmul(try augmented(inputs[0], first: true), try Autodiff.transpose(try augmented(inputs[1], first: false), -2, -1))
            return try Autodiff.unary(.sqrt, try Autodiff.clamp(squared, min: .scalar(.int(0)), max: nil))
        }
        return try Autodiff.view(distances, distances.shape)
    }
    return try Autodiff.fused("CdistBackward0", over: [x1, x2], saving: [x1, x2]) { inputs in
        let difference = try Autodiff.binary(.subtract, .tensor(try Autodiff.unsqueeze(inputs[0], -2)), .tensor(try Autodiff.unsqueeze(inputs[1], -3)))
        return try Autodiff.norm(difference, p: p, dims: [-1], keepDim: false)
    }
}

/// `[-2·x1, ‖x1‖², 1]` (first) or `[x2, 1, ‖x2‖²]`: their product is ‖a - b‖² for every pair.
private func augmented(_ x: Tensor, first: Bool) throws -> Tensor {
    let norms = try Autodiff.sum(try Autodiff.binary(.power, .tensor(x), .scalar(.int(2))), dims: [-1], keepDim: true)
    let ones = try Factory.full(shape: norms.shape, value: .int(1), dtype: norms.dtype)
    if first { return try Autodiff.concatenate([try Autodiff.binary(.multiply, .tensor(x), .scalar(.int(-2))), norms, ones], dim: -1) }
    return try Autodiff.concatenate([x, ones, norms], dim: -1)
}
