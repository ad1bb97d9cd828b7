import Glibc
import TensorEngine

/// `torch.linalg`'s square-matrix functions, with the formulas of derivatives.yaml.
extension Autodiff {
    /// det(A)' = det(A) · A⁻ᵀ, scaled by the incoming gradient per matrix.
    public static func determinant(_ input: Tensor) throws -> Tensor {
        let output = try input.determinant()
        return Recorder.record("LinalgDetBackward0", inputs: [input], output: output) { node in
            let savedInput = node.save(input), savedOutput = node.save(output, isOutput: true)
            return { gradient, _ in
                let scale = try mul(gradient, try savedOutput.unpack())
                let inverseTransposed = try matrixTranspose(try savedInput.unpack().inverse())
                return [try mul(try matrixScale(scale), inverseTransposed)]
            }
        }
    }

    /// `linalg.slogdet`: (sign, log|det|); only log|det| carries a gradient, A⁻ᵀ.
    public static func signAndLogAbsDeterminant(_ input: Tensor) throws -> (Tensor, Tensor) {
        let (sign, logAbs) = try input.signAndLogAbsDeterminant()
        let outputs = Recorder.recordMany("LinalgSlogdetBackward0", inputs: [input], outputs: [sign, logAbs]) { node in
            let savedInput = node.save(input)
            return { gradients, _ in
                guard let gradient = gradients[1] else { return [nil] }
                return [try mul(try matrixScale(gradient), try matrixTranspose(try savedInput.unpack().inverse()))]
            }
        }
        return (outputs[0], outputs[1])
    }

    /// `torch.logdet`: log|det| where the sign is not −1, NaN where it is, as ATen composes it.
    public static func logDeterminant(_ input: Tensor) throws -> Tensor {
        let (sign, logAbs) = try signAndLogAbsDeterminant(input)
        let negative = try TensorEngine.binary(.equal, .tensor(sign), .scalar(.int(-1)))
        return try whereSelect(negative, .scalar(.float(.nan)), .tensor(logAbs))
    }

    /// inv(A)' = −A⁻ᵀ · g · A⁻ᵀ.
    public static func inverse(_ input: Tensor) throws -> Tensor {
        let output = try input.inverse()
        return Recorder.record("LinalgInvExBackward0", inputs: [input], output: output) { node in
            let savedOutput = node.save(output, isOutput: true)
            return { gradient, _ in
                let inverseTransposed = try matrixTranspose(try savedOutput.unpack())
                return [try neg(try inverseTransposed.matmul(gradient).matmul(inverseTransposed))]
            }
        }
    }

    /// X = A⁻¹B: B' = A⁻ᵀ g and A' = −B' Xᵀ, summed back over broadcast batch dims.
    public static func solve(_ matrix: Tensor, _ rightHandSide: Tensor) throws -> Tensor {
        let output = try matrix.solve(rightHandSide)
        let vectorCase = matrix.solveTreatsAsVector(rightHandSide)
        return Recorder.record("LinalgSolveExBackward0", inputs: [matrix, rightHandSide], output: output) { node in
            let savedMatrix = node.save(matrix), savedOutput = node.save(output, isOutput: true)
            return { gradient, node in
                let a = try savedMatrix.unpack()
                let columnGradient = vectorCase ? try gradient.reshape(gradient.shape + [1]) : gradient
                let solution = try savedOutput.unpack()
                let columnSolution = vectorCase ? try solution.reshape(solution.shape + [1]) : solution
                let gradientB = try matrixTranspose(a).solve(columnGradient)
                let gradientA = try neg(try gradientB.matmul(try matrixTranspose(columnSolution)))
                let shapedB = vectorCase ? try gradientB.reshape(Array(gradientB.shape.dropLast())) : gradientB
                return [node.needsGradient(0) ? try sumTo(gradientA, a.shape) : nil,
                        node.needsGradient(1) ? try sumTo(shapedB, rightHandSide.shape) : nil]
            }
        }
    }

    /// a × b: a' = b × g and b' = g × a.
    public static func cross(_ first: Tensor, _ second: Tensor, dim: Int) throws -> Tensor {
        let output = try first.cross(second, dim: dim)
        let axis = try normalizeDim(dim, rank: output.rank)
        return Recorder.record("LinalgCrossBackward0", inputs: [first, second], output: output) { node in
            let savedFirst = node.save(first), savedSecond = node.save(second)
            return { gradient, node in
                [node.needsGradient(0) ? try sumTo(try savedSecond.unpack().cross(gradient, dim: axis), first.shape) : nil,
                 node.needsGradient(1) ? try sumTo(try gradient.cross(try savedFirst.unpack(), dim: axis), second.shape) : nil]
            }
        }
    }

    /// The last two dims swapped.
    static func matrixTranspose(_ tensor: Tensor) throws -> Tensor {
        try tensor.transpose(tensor.rank - 2, tensor.rank - 1)
    }

    /// A per-matrix scalar `[...]` shaped `[..., 1, 1]` to scale whole matrices.
    private static func matrixScale(_ scale: Tensor) throws -> Tensor {
        try scale.reshape(scale.shape + [1, 1])
    }
}
