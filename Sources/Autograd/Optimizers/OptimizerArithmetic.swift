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
    if let fused = try Tensor.fusedAddProduct(base, first, second, value: value) { return fused }
    return try add(base, try mul(try mul(value, first), second))
}

/// `addcdiv`: self + value·t1 / t2 (a division, so nothing to fuse).
func addQuotient(_ base: Tensor, _ numerator: Tensor, _ denominator: Tensor, _ value: Double) throws -> Tensor {
    try add(base, try div(try mul(value, numerator), denominator))
}

/// `lerp(self, end, weight)` as PyTorch's kernel: one fused multiply-add from the nearer
/// end (`Tensor.lerp`), or op by op for other dtypes.
func lerp(_ start: Tensor, _ end: Tensor, _ weight: Double) throws -> Tensor {
    if let fused = try Tensor.lerp(start, end, weight: weight) { return fused }
    let difference = try sub(end, start)
    if abs(weight) < 0.5 { return try add(start, try mul(weight, difference)) }
    return try sub(end, try mul(difference, 1 - weight))
}
