/// PyTorch's svd_backward for real matrices, on the reduced factors (U m×k, S, Vh k×n).
/// Absent gradients are nil: the singular-values-only case is U diag(gS) Vh.
public func singularValueBackward(u: DenseMatrix, values: [Double], vh: DenseMatrix,
                                  gradientU: DenseMatrix?, gradientValues: [Double]?, gradientVh: DenseMatrix?) -> DenseMatrix {
    let m = u.rows, n = vh.columns, k = values.count
    let diagonalGradient = DenseMatrix.diagonal(gradientValues ?? [Double](repeating: 0, count: k), rows: k, columns: k)
    guard gradientU != nil || gradientVh != nil else { return u * diagonalGradient * vh }
    let skew: (DenseMatrix) -> DenseMatrix = { $0 - $0.transposed }
    let uSkew = gradientU.map { skew(u.transposed * $0) }
    let vSkew = gradientVh.map { skew(vh * $0.transposed) }
    var inner = diagonalGradient
    for i in 0..<k {
        for j in 0..<k where i != j {
            let gap = values[j] * values[j] - values[i] * values[i]
            let fromU = uSkew.map { $0[i, j] * values[j] } ?? 0
            let fromV = vSkew.map { values[i] * $0[i, j] } ?? 0
            inner[i, j] = (fromU + fromV) / gap
        }
    }
    if m > n, let gradientU {
        var scaled = gradientU
        for i in 0..<m { for j in 0..<k { scaled[i, j] /= values[j] } }
        return (u * inner + scaled - u * (u.transposed * scaled)) * vh
    }
    if m < n, let gradientVh {
        var scaled = gradientVh
        for i in 0..<k { for j in 0..<n { scaled[i, j] /= values[i] } }
        return u * (inner * vh + scaled - (scaled * vh.transposed) * vh)
    }
    return u * inner * vh
}

/// PyTorch's pinv_backward: the gradient of A from that of its pseudo-inverse.
public func pseudoInverseBackward(gradient: DenseMatrix, pseudoInverse: DenseMatrix, input: DenseMatrix) -> DenseMatrix {
    let pinvT = pseudoInverse.transposed, gradientT = gradient.transposed
    if input.rows <= input.columns {
        let k = gradientT * pseudoInverse
        let kPinvT = k * pinvT
        return (pseudoInverse * k).transposed.scaled(-1) + kPinvT - (input * pseudoInverse) * kPinvT
            + (pinvT * pseudoInverse) * (gradientT - k * input)
    }
    let k = pseudoInverse * gradientT
    let pinvTK = pinvT * k
    return (k * pseudoInverse).transposed.scaled(-1) + (gradientT - input * k) * pseudoInverse * pinvT + pinvTK
        - pinvTK * pseudoInverse * input
}
