import Autograd
import TensorEngine

/// `torch.linalg`: the norms and the square-matrix functions. Entries whose only spelling
/// is `torch.linalg.name` have no variants; the interpreter binds them from their aliases.
extension OpTable {
    static let linalgOps: [OpEntry] = linalgNorms + squareMatrixOps

    private static let linalgNorms: [OpEntry] = [
        OpEntry("vector_norm", "Tensor x, Scalar ord=2, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None", [], family: .reduction, explain: OpExplanation(.reduction(verb: "takes the vector norm of")),
                aliases: ["torch.linalg.vector_norm"],
                doc: OpDoc("The vector ord-norm of all elements, or along dim.", formula: "‖x‖_p = (Σ |x_i|^p)^(1/p)",
                           example: ">>> torch.linalg.vector_norm(torch.tensor([3., 4.]))\ntensor(5.)")) { arguments in
            .tensor(try Autodiff.norm(try arguments.tensor("x"), p: try arguments.float("ord"), dims: try arguments.dims("dim"), keepDim: try arguments.bool("keepdim")))
        },
        OpEntry("matrix_norm", "Tensor A, Scalar ord, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None", [], family: .reduction, explain: OpExplanation(.reduction(verb: "takes the matrix norm of")),
                aliases: ["torch.linalg.matrix_norm"], overloads: ["Tensor A, str ord='fro', int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None"],
                doc: OpDoc("A matrix norm over the last two dims: Frobenius by default, or the largest column (1) or row (inf) sum of magnitudes.",
                           formula: "‖A‖_F = √(Σ a_ij²)",
                           example: ">>> torch.linalg.matrix_norm(torch.tensor([[1., -2.], [3., 4.]]), 1)\ntensor(6.)")) { arguments in
            let order: MatrixNormOrder = arguments.overload == 0 ? .named(try arguments.string("ord")) : .number(try arguments.float("ord"))
            return .tensor(try matrixNorm(try arguments.tensor("A"), order, dims: try arguments.dims("dim") ?? [-2, -1], keepDim: try arguments.bool("keepdim")))
        },
        OpEntry("linalg_norm", "Tensor A, Scalar? ord=None, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None", [], family: .reduction,
                aliases: ["torch.linalg.norm"], overloads: ["Tensor A, str ord, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None"],
                doc: OpDoc("A vector norm, or a matrix norm when ord is given for a 2-D input or a pair of dims; the 2-norm of all elements by default.",
                           formula: "‖x‖₂ = √(Σ x_i²)",
                           example: ">>> torch.linalg.norm(torch.tensor([[3., 4.], [0., 0.]]))\ntensor(5.)")) { arguments in
            let input = try arguments.tensor("A"), dims = try arguments.dims("dim"), keepDim = try arguments.bool("keepdim")
            let ord: MatrixNormOrder? = arguments.overload == 0 ? .named(try arguments.string("ord")) : try arguments.optionalFloat("ord").map { .number($0) }
            guard let ord else { return .tensor(try Autodiff.norm(input, p: 2, dims: dims, keepDim: keepDim)) }
            if dims?.count == 2 || (dims == nil && input.rank == 2) {
                return .tensor(try matrixNorm(input, ord, dims: dims ?? [-2, -1], keepDim: keepDim))
            }
            guard case let .number(p) = ord else {
                throw TensorError.runtime("linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got \(input.rank)D.")
            }
            return .tensor(try Autodiff.norm(input, p: p, dims: dims, keepDim: keepDim))
        },
    ]

    enum MatrixNormOrder { case named(String), number(Double) }

    /// Frobenius as a vector 2-norm over both dims, the ±1/±inf norms as amax/amin of
    /// summed magnitudes: the compositions (and so the grad_fn) PyTorch uses.
    private static func matrixNorm(_ input: Tensor, _ order: MatrixNormOrder, dims: [Int], keepDim: Bool) throws -> Tensor {
        guard input.rank >= 2 else { throw TensorError.runtime("linalg.matrix_norm: The input tensor A must have at least 2 dimensions.") }
        let pair = try normalizeDims(dims, rank: input.rank)
        switch order {
        case .named("fro"): return try Autodiff.norm(input, p: 2, dims: pair, keepDim: keepDim)
        case let .number(p) where abs(p) == 1 || abs(p) == .infinity:
            let (summed, reduced) = abs(p) == 1 ? (pair[0], pair[1]) : (pair[1], pair[0])
            let sums = try Autodiff.sum(try Autodiff.unary(.abs, input), dims: [summed], keepDim: keepDim)
            let remaining = !keepDim && summed < reduced ? reduced - 1 : reduced
            return try Autodiff.amax(sums, dims: [remaining], keepDim: keepDim, largest: p > 0)
        case .named("nuc"):
            return try spectralNorm(input, dims: pair, keepDim: keepDim) { try Autodiff.sum($0, dims: [-1], keepDim: keepDim) }
        case let .number(p) where abs(p) == 2:
            return try spectralNorm(input, dims: pair, keepDim: keepDim) { try Autodiff.amax($0, dims: [-1], keepDim: keepDim, largest: p > 0) }
        case let .named(name):
            throw TensorError.runtime("linalg.matrix_norm: Order \(name) not supported.")
        case let .number(p):
            throw TensorError.runtime("linalg.matrix_norm: Order \(formatOrder(p)) not supported.")
        }
    }

    private static func formatOrder(_ order: Double) -> String {
        order == order.rounded() && abs(order) < 1e15 ? String(Int(order)) : String(order)
    }

    private static let squareMatrixOps: [OpEntry] = [
        OpEntry("det", "Tensor input", [.function, .method], family: .linearAlgebra, aliases: ["torch.linalg.det"],
                doc: OpDoc("The determinant of a square matrix, or of each matrix of a batch.", formula: "det(A) = Π u_ii · (−1)^swaps of A's LU factors",
                           example: ">>> torch.det(torch.tensor([[2., 1.], [1., 3.]]))\ntensor(5.)")) { arguments in
            .tensor(try Autodiff.determinant(try arguments.tensor("input")))
        },
        slogdetEntry("slogdet", variants: [.function, .method], aliases: []),
        slogdetEntry("linalg_slogdet", variants: [], aliases: ["torch.linalg.slogdet"]),
        OpEntry("logdet", "Tensor input", [.function, .method], family: .linearAlgebra,
                doc: OpDoc("The log of the determinant: nan when the determinant is negative, -inf when it is zero.", formula: "log det(A)",
                           example: ">>> torch.logdet(torch.tensor([[2., 1.], [1., 3.]]))\ntensor(1.6094)")) { arguments in
            .tensor(try Autodiff.logDeterminant(try arguments.tensor("input")))
        },
        OpEntry("inverse", "Tensor input", [.function, .method], family: .linearAlgebra, aliases: ["torch.linalg.inv"],
                doc: OpDoc("The inverse of a square matrix (or of each of a batch); a singular matrix is an error.", formula: "A · A⁻¹ = I",
                           example: ">>> torch.inverse(torch.tensor([[2., 0.], [0., 4.]]))\ntensor([[0.5000, 0.0000],\n        [0.0000, 0.2500]])")) { arguments in
            .tensor(try Autodiff.inverse(try arguments.tensor("input")))
        },
        OpEntry("solve", "Tensor A, Tensor B, *, bool left=True", [], family: .linearAlgebra, explain: OpExplanation(.solve), aliases: ["torch.linalg.solve"],
                doc: OpDoc("Solves the linear system A X = B, without forming A's inverse; B may be a vector.", formula: "X = A⁻¹ B",
                           example: ">>> torch.linalg.solve(torch.tensor([[2., 1.], [1., 3.]]), torch.tensor([3., 5.]))\ntensor([0.8000, 1.4000])")) { arguments in
            guard try arguments.bool("left") else { throw TensorError.notImplemented("linalg.solve with left=False is not supported yet") }
            return .tensor(try Autodiff.solve(try arguments.tensor("A"), try arguments.tensor("B")))
        },
        OpEntry("cross", "Tensor input, Tensor other, int? dim=None", [.function, .method], family: .linearAlgebra,
                doc: OpDoc("The cross product of 3-vectors along dim (the first dim of size 3 by default; -1 for torch.linalg.cross).",
                           formula: "a × b = (a₁b₂ − a₂b₁, a₂b₀ − a₀b₂, a₀b₁ − a₁b₀)",
                           example: ">>> torch.cross(torch.tensor([1., 0., 0.]), torch.tensor([0., 1., 0.]), dim=0)\ntensor([0., 0., 1.])")) { arguments in
            let input = try arguments.tensor("input"), other = try arguments.tensor("other")
            let dim = try arguments.optionalInt("dim") ?? defaultCrossDim(input, other, arguments)
            return .tensor(try Autodiff.cross(input, other, dim: dim))
        },
        OpEntry("linalg_cross", "Tensor input, Tensor other, *, int dim=-1", [], family: .linearAlgebra, aliases: ["torch.linalg.cross"],
                doc: OpDoc("The cross product of 3-vectors along dim (the last by default).", formula: "a × b = (a₁b₂ − a₂b₁, a₂b₀ − a₀b₂, a₀b₁ − a₁b₀)",
                           example: ">>> torch.linalg.cross(torch.tensor([1., 0., 0.]), torch.tensor([0., 1., 0.]))\ntensor([0., 0., 1.])")) { arguments in
            .tensor(try Autodiff.cross(try arguments.tensor("input"), try arguments.tensor("other"), dim: try arguments.int("dim")))
        },
    ]

    /// `torch.slogdet` and `torch.linalg.slogdet`: one op whose result types differ in name.
    private static func slogdetEntry(_ name: String, variants: OpVariants, aliases: [String]) -> OpEntry {
        OpEntry(name, "Tensor input", variants, family: .linearAlgebra, aliases: aliases,
                doc: OpDoc("The sign and the log of the absolute value of the determinant, which stays finite where det itself would overflow.",
                           formula: "det(A) = sign · exp(logabsdet)",
                           example: ">>> torch.linalg.slogdet(torch.tensor([[2., 1.], [1., 3.]])).logabsdet\ntensor(1.6094)")) { arguments in
            let (sign, logAbs) = try Autodiff.signAndLogAbsDeterminant(try arguments.tensor("input"))
            return .namedTuple(typeName: "torch.return_types.\(name)", fields: ["sign", "logabsdet"], tensors: [sign, logAbs])
        }
    }

    /// `torch.cross` without dim: the first dim of size 3, with PyTorch's deprecation warning.
    private static func defaultCrossDim(_ input: Tensor, _ other: Tensor, _ arguments: OpArguments) throws -> Int {
        arguments.warn("Using torch.cross without specifying the dim arg is deprecated.\nPlease either pass the dim explicitly or simply use torch.linalg.cross.\nThe default value of dim will change to agree with that of linalg.cross in a future release. (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/Cross.cpp:61.)")
        let shape = (try? broadcastShapes(input.shape, other.shape)) ?? input.shape
        return shape.firstIndex(of: 3) ?? -1
    }
}
