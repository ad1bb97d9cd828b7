import TensorEngine

// The compound tensor ops the update rules are written in (`add(alpha=)`, `addcmul`,
// `addcdiv`, `lerp`), rounded as PyTorch's CPU kernels round them. Its build contracts
// a multiply followed by an add into one fused multiply-add, in the vector loop and the
// scalar tail alike, so `addcmul` and `lerp` round once where a plain multiply-then-add
// rounds twice (which differed from PyTorch in a few percent of updated weights).

/// `self.add(other, alpha=a)`: PyTorch's kernel computes other·a + self with one fused
/// multiply-add; the engine's fused kernel does the same for same-shape float tensors.
func addScaled(_ base: Tensor, _ other: Tensor, _ alpha: Double) throws -> Tensor {
    if let fused = try base.addingScaled(other, alpha: alpha) { return fused }
    return try add(base, try mul(alpha, other))
}

/// `param.add_(update, alpha=a)`, in place without a temporary where the fused kernel applies.
func addScaledInPlace(_ param: Tensor, _ update: Tensor, _ alpha: Double) throws {
    if try param.addScaledInPlace(update, alpha: alpha) {
        param.markWrittenInPlace()
    } else {
        try assign(param, try addScaled(param, update, alpha))
    }
}

/// One in-place op of an update rule (`param.addcdiv_(...)`, `exp_avg.lerp_(...)`): the
/// new values written into `target`, counted in its version as PyTorch counts each op.
func assign(_ target: Tensor, _ values: Tensor) throws {
    try target.assignInPlace(values)
    target.markWrittenInPlace()
}

/// `addcmul`: self + (value·t1)·t2, the last multiply fused with the add.
func addProduct(_ base: Tensor, _ first: Tensor, _ second: Tensor, _ value: Double) throws -> Tensor {
    let fused = try fusedMap(base, first, second,
                             float: { s, a, b in s.addingProduct(Float(value) * a, b) },
                             double: { s, a, b in s.addingProduct(value * a, b) })
    return try fused ?? add(base, try mul(try mul(value, first), second))
}

/// `addcdiv`: self + value·t1 / t2 (a division, so nothing to fuse).
func addQuotient(_ base: Tensor, _ numerator: Tensor, _ denominator: Tensor, _ value: Double) throws -> Tensor {
    try add(base, try div(try mul(value, numerator), denominator))
}

/// `lerp(self, end, weight)` as PyTorch's kernel: one fused multiply-add from the nearer
/// end, self + w·(end − self) for |w| < ½, else end + (w − 1)·(end − self), with the
/// weight in the tensor's precision.
func lerp(_ start: Tensor, _ end: Tensor, _ weight: Double) throws -> Tensor {
    let fused = try fusedMap(start, end, end, float: { s, e, _ in
        let w = Float(weight), difference = e - s
        return Swift.abs(w) < 0.5 ? s.addingProduct(w, difference) : e.addingProduct(w - 1, difference)
    }, double: { s, e, _ in
        let difference = e - s
        return Swift.abs(weight) < 0.5 ? s.addingProduct(weight, difference) : e.addingProduct(weight - 1, difference)
    })
    if let fused { return fused }
    let difference = try sub(end, start)
    if abs(weight) < 0.5 { return try add(start, try mul(weight, difference)) }
    return try sub(end, try mul(difference, 1 - weight))
}

/// `body` applied elementwise to three contiguous tensors of one shape and float dtype,
/// into a new tensor; nil for other inputs, which the caller computes op by op.
private func fusedMap(_ a: Tensor, _ b: Tensor, _ c: Tensor,
                      float: (Float, Float, Float) -> Float, double: (Double, Double, Double) -> Double) throws -> Tensor? {
    let operands = [a, b, c]
    guard operands.allSatisfy({ $0.dtype == a.dtype && $0.shape == a.shape && $0.isContiguous }) else { return nil }
    switch a.dtype {
    case .float32: return try fusedMap(operands, Float.self, float)
    case .float64: return try fusedMap(operands, Double.self, double)
    default: return nil
    }
}

private func fusedMap<T: TensorElement>(_ operands: [Tensor], _ type: T.Type, _ body: (T, T, T) -> T) throws -> Tensor {
    let result = try Tensor.zeros(shape: operands[0].shape, dtype: operands[0].dtype)
    let (a, b, c) = (operands[0].pointer(T.self) + operands[0].storageOffset, operands[1].pointer(T.self) + operands[1].storageOffset,
                     operands[2].pointer(T.self) + operands[2].storageOffset)
    let target = result.pointer(T.self) + result.storageOffset
    for index in 0..<operands[0].count { target[index] = body(a[index], b[index], c[index]) }
    return result
}
