/// Row sums in the order of ATen's vectorised `vec::reduce_all` and `vec::map2_reduce_all`,
/// which PyTorch's CPU softmax, layer_norm and group_norm backward kernels use. Their
/// gradients are mostly cancellation, so matching PyTorch's printed digits needs this exact
/// order:
/// - a row shorter than one vector (8 floats) adds its elements (or products) in order;
/// - a longer row keeps eight lane sums: the first vector, then each whole vector added;
/// - the tail is added into its own lanes only;
/// - the lanes fold in halves (`laneSumLikePyTorch`).
/// The kernels differ only in the tail of a dot product: where the compiled kernel fuses
/// the tail's multiply into its add (`fusedTail`), the product is not rounded on its own.
enum LaneOrderedSum {
    /// Σ values[0..<count].
    static func sum(_ values: UnsafePointer<Float>, count: Int) -> Float {
        guard count > 0 else { return 0 }
        guard count >= 8 else {
            var total = values[0]
            for index in 1..<count { total += values[index] }
            return total
        }
        var lanes = loadVector(values)
        var index = 8
        while index + 8 <= count {
            lanes += loadVector(values + index)
            index += 8
        }
        if index < count {
            let tail = count - index
            lanes = lanes.replacing(with: lanes + loadPartialVector(values + index, tail), where: tailMask(tail))
        }
        return laneSumLikePyTorch(lanes)
    }

    /// Σ lhs[i]·rhs[i] over i < count.
    static func dot(_ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>, count: Int, fusedTail: Bool) -> Float {
        guard count > 0 else { return 0 }
        guard count >= 8 else {
            var total = lhs[0] * rhs[0]
            for index in 1..<count { total += lhs[index] * rhs[index] }
            return total
        }
        var lanes = loadVector(lhs) * loadVector(rhs)
        var index = 8
        while index + 8 <= count {
            lanes += loadVector(lhs + index) * loadVector(rhs + index)
            index += 8
        }
        if index < count {
            let tail = count - index
            let (left, right) = (loadPartialVector(lhs + index, tail), loadPartialVector(rhs + index, tail))
            let added = fusedTail ? lanes.addingProduct(left, right) : lanes + left * right
            lanes = lanes.replacing(with: added, where: tailMask(tail))
        }
        return laneSumLikePyTorch(lanes)
    }
}
