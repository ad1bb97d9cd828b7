import TensorEngine

/// The matrix decompositions, with the backward formulas of PyTorch's FunctionsManual.cpp
/// evaluated on Double matrices by the engine.
extension Autodiff {
    /// `linalg.cholesky_ex`: (L, info); only L carries a gradient.
    public static func choleskyWithInfo(_ input: Tensor, upper: Bool) throws -> (factor: Tensor, info: Tensor) {
        let (factor, info) = try input.choleskyWithInfo(upper: upper)
        let outputs = Recorder.recordMany("LinalgCholeskyExBackward0", inputs: [input], outputs: [factor, info]) { node in
            let savedFactor = node.save(factor, isOutput: true)
            return { gradients, _ in
                guard let gradient = gradients[0] else { return [nil] }
                let factor = try savedFactor.unpack()
                let lower = upper ? try factor.matrixTranspose() : factor
                let lowerGradient = upper ? try gradient.matrixTranspose() : gradient
                return [try mapMatrices([lower, lowerGradient], dtype: gradient.dtype) { choleskyBackward(lower: $0[0], gradient: $0[1]) }]
            }
        }
        return (outputs[0], outputs[1])
    }

    /// `linalg.cholesky`: cholesky_ex with its errors raised.
    public static func cholesky(_ input: Tensor, upper: Bool) throws -> Tensor {
        let (factor, info) = try choleskyWithInfo(input, upper: upper)
        try input.checkCholeskyInfo(info)
        return factor
    }
}

extension Autodiff {
    /// `linalg.qr`: one node for (Q, R). Its backward fails as PyTorch's does where Q is
    /// missing (mode 'r') or not unique (mode 'complete' of a tall matrix).
    public static func qr(_ input: Tensor, mode: QRMode) throws -> (q: Tensor, r: Tensor) {
        let (q, r) = try input.qrDecomposition(mode: mode)
        let rows = input.shape[input.rank - 2], columns = input.shape[input.rank - 1]
        let outputs = Recorder.recordMany("LinalgQrBackward0", inputs: [input], outputs: [q, r]) { node in
            let savedQ = node.save(q, isOutput: true), savedR = node.save(r, isOutput: true)
            return { gradients, _ in
                guard mode.computesQ else {
                    throw TensorError.runtime("The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.")
                }
                guard mode.reduced || rows <= columns else {
                    throw TensorError.runtime("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.")
                }
                let q = try savedQ.unpack(), r = try savedR.unpack()
                let gradientQ = try gradients[0] ?? zerosLike(q), gradientR = try gradients[1] ?? zerosLike(r)
                return [try mapMatrices([q, r, gradientQ, gradientR], dtype: q.dtype) {
                    qrBackward(q: $0[0], r: $0[1], gradientQ: $0[2], gradientR: $0[3])
                }]
            }
        }
        return (outputs[0], outputs[1])
    }
}

extension Autodiff {
    /// `linalg.eigh` and `linalg.eigvalsh` (which keeps only the values): one node for both.
    public static func eigh(_ input: Tensor, upperTriangle: Bool, name: String = "linalg.eigh") throws -> (values: Tensor, vectors: Tensor) {
        let (values, vectors) = try input.symmetricEigen(upperTriangle: upperTriangle, name: name)
        let outputs = Recorder.recordMany("LinalgEighBackward0", inputs: [input], outputs: [values, vectors]) { node in
            let savedValues = node.save(values, isOutput: true), savedVectors = node.save(vectors, isOutput: true)
            return { gradients, _ in
                let values = try savedValues.unpack(), vectors = try savedVectors.unpack()
                let gradientValues = try gradients[0] ?? zerosLike(values)
                let rowShape = Array(values.shape.dropLast()) + [1, values.shape[values.rank - 1]]
                let inputs = [try values.reshape(rowShape), vectors, try gradientValues.reshape(rowShape)] + (gradients[1].map { [$0] } ?? [])
                return [try mapMatrices(inputs, dtype: vectors.dtype) { matrices in
                    symmetricEigenBackward(values: matrices[0].values, vectors: matrices[1], gradientValues: matrices[2].values,
                                           gradientVectors: matrices.count > 3 ? matrices[3] : nil)
                }]
            }
        }
        return (outputs[0], outputs[1])
    }
}

extension Autodiff {
    /// `linalg.svd`: one node for (U, S, Vh); with full_matrices the backward uses only the
    /// first k = min(m, n) columns of U and rows of Vh, as PyTorch's does.
    public static func svd(_ input: Tensor, fullMatrices: Bool, name: String = "linalg.svd") throws -> (u: Tensor, s: Tensor, vh: Tensor) {
        let (u, s, vh) = try input.singularValueDecomposition(fullMatrices: fullMatrices, name: name)
        let outputs = Recorder.recordMany("LinalgSvdBackward0", inputs: [input], outputs: [u, s, vh]) { node in
            let savedU = node.save(u, isOutput: true), savedS = node.save(s, isOutput: true), savedVh = node.save(vh, isOutput: true)
            return { gradients, _ in
                let s = try savedS.unpack(), k = s.shape[s.rank - 1]
                let u = try savedU.unpack().narrow(-1, start: 0, length: k), vh = try savedVh.unpack().narrow(-2, start: 0, length: k)
                let gradientU = try gradients[0]?.narrow(-1, start: 0, length: k), gradientVh = try gradients[2]?.narrow(-2, start: 0, length: k)
                let rowShape = Array(s.shape.dropLast()) + [1, k]
                let gradientS = try gradients[1]?.reshape(rowShape)
                let inputs = [u, try s.reshape(rowShape), vh, try gradientU ?? u, try gradientS ?? s.reshape(rowShape), try gradientVh ?? vh]
                return [try mapMatrices(inputs, dtype: s.dtype) { m in
                    singularValueBackward(u: m[0], values: m[1].values, vh: m[2], gradientU: gradientU == nil ? nil : m[3],
                                          gradientValues: gradientS == nil ? nil : m[4].values, gradientVh: gradientVh == nil ? nil : m[5])
                }]
            }
        }
        return (outputs[0], outputs[1], outputs[2])
    }

    /// `linalg.svdvals`: the singular values, through the same node as `linalg.svd`.
    public static func singularValues(_ input: Tensor, name: String = "linalg.svd") throws -> Tensor {
        try svd(input, fullMatrices: false, name: name).s
    }
}

extension Autodiff {
    /// `linalg.pinv`, with PyTorch's pinv_backward.
    public static func pseudoInverse(_ input: Tensor, absoluteTolerance: Double?, relativeTolerance: Double?) throws -> Tensor {
        let output = try input.pseudoInverse(absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance)
        return Recorder.record("LinalgPinvBackward0", inputs: [input], output: output) { node in
            let savedInput = node.save(input), savedOutput = node.save(output, isOutput: true)
            return { gradient, _ in
                [try mapMatrices([gradient, try savedOutput.unpack(), try savedInput.unpack()], dtype: gradient.dtype) {
                    pseudoInverseBackward(gradient: $0[0], pseudoInverse: $0[1], input: $0[2])
                }]
            }
        }
    }
}

extension Autodiff {
    /// `linalg.lstsq`: the solution and the (empty) residuals share one node; the solution's
    /// gradient goes through pinv as in PyTorch's linalg_lstsq_backward.
    public static func leastSquares(_ matrix: Tensor, _ rightHandSide: Tensor, relativeCutoff: Double?) throws -> LeastSquaresResult {
        let result = try matrix.leastSquares(rightHandSide, relativeCutoff: relativeCutoff)
        let vectorCase = matrix.leastSquaresTreatsAsVector(rightHandSide)
        let outputs = Recorder.recordMany("LinalgLstsqBackward0", inputs: [matrix, rightHandSide], outputs: [result.solution, result.residuals]) { node in
            let savedMatrix = node.save(matrix), savedRightHandSide = node.save(rightHandSide)
            return { gradients, node in
                guard let gradient = gradients[0] else { return [nil, nil] }
                let a = try savedMatrix.unpack(), b = try savedRightHandSide.unpack()
                let columnGradient = vectorCase ? try gradient.unsqueeze(gradient.rank) : gradient
                let columnB = vectorCase ? try b.unsqueeze(b.rank) : b
                let pseudoInverse = try a.pseudoInverse(absoluteTolerance: nil, relativeTolerance: nil)
                var gradientA: Tensor?, gradientB: Tensor?
                if node.needsGradient(0) {
                    let pseudoInverseGradient = try columnGradient.matmul(try columnB.matrixTranspose())
                    let expanded = try a.expand(Array(pseudoInverseGradient.shape.dropLast(2)) + Array(a.shape.suffix(2))).contiguous()
                    let expandedInverse = try pseudoInverse.expand(Array(pseudoInverseGradient.shape.dropLast(2)) + Array(pseudoInverse.shape.suffix(2))).contiguous()
                    let full = try mapMatrices([pseudoInverseGradient, expandedInverse, expanded], dtype: gradient.dtype) {
                        pseudoInverseBackward(gradient: $0[0], pseudoInverse: $0[1], input: $0[2])
                    }
                    gradientA = try sumTo(full, a.shape)
                }
                if node.needsGradient(1) {
                    let full = try pseudoInverse.matrixTranspose().matmul(columnGradient)
                    gradientB = try sumTo(vectorCase ? try full.squeeze([full.rank - 1]) : full, b.shape)
                }
                return [gradientA, gradientB]
            }
        }
        return LeastSquaresResult(solution: outputs[0], residuals: outputs[1], rank: result.rank, singularValues: result.singularValues)
    }
}
