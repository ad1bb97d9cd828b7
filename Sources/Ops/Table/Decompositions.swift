import Autograd
import TensorEngine

/// `torch.linalg`'s matrix decompositions, and the old `torch.` spellings PyTorch removed
/// (calling them raises PyTorch's message naming the replacement).
extension OpTable {
    static let decompositionOps: [OpEntry] = choleskyOps + qrOps + eighOps + removedDecompositionOps

    private static let eighOps: [OpEntry] = [
        OpEntry("linalg_eigh", "Tensor A, str UPLO='L'", [], family: .linearAlgebra, aliases: ["torch.linalg.eigh"],
                doc: OpDoc("Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix, read from one triangle.",
                           formula: "A = V diag(λ) Vᵀ",
                           example: ">>> torch.linalg.eigh(torch.tensor([[2., 1.], [1., 2.]])).eigenvalues\ntensor([1., 3.])")) { arguments in
            let (values, vectors) = try Autodiff.eigh(try arguments.tensor("A"), upperTriangle: try triangleIsUpper(arguments))
            return .namedTuple(typeName: "torch.return_types.linalg_eigh", fields: ["eigenvalues", "eigenvectors"], tensors: [values, vectors])
        },
        OpEntry("linalg_eigvalsh", "Tensor A, str UPLO='L'", [], family: .linearAlgebra, aliases: ["torch.linalg.eigvalsh"],
                doc: OpDoc("The eigenvalues of a symmetric matrix, ascending.", formula: "A = V diag(λ) Vᵀ",
                           example: ">>> torch.linalg.eigvalsh(torch.tensor([[2., 1.], [1., 2.]]))\ntensor([1., 3.])")) { arguments in
            .tensor(try Autodiff.eigh(try arguments.tensor("A"), upperTriangle: try triangleIsUpper(arguments)).values)
        },
    ]

    private static func triangleIsUpper(_ arguments: OpArguments) throws -> Bool {
        let triangle = try arguments.string("UPLO")
        guard triangle == "L" || triangle == "U" || triangle == "l" || triangle == "u" else {
            throw TensorError.runtime("Expected UPLO argument to be 'L' or 'U', but got \(triangle)")
        }
        return triangle.uppercased() == "U"
    }

    private static let qrOps: [OpEntry] = [
        OpEntry("linalg_qr", "Tensor A, str mode='reduced'", [], family: .linearAlgebra, aliases: ["torch.linalg.qr"],
                doc: OpDoc("The QR decomposition: Q with orthonormal columns and upper-triangular R (mode 'reduced', 'complete' or 'r').",
                           formula: "A = Q R",
                           example: ">>> torch.linalg.qr(torch.tensor([[3., 1.], [4., 2.]])).R\ntensor([[-5.0000, -2.2000],\n        [ 0.0000,  0.4000]])")) { arguments in
            let (q, r) = try Autodiff.qr(try arguments.tensor("A"), mode: try QRMode(try arguments.string("mode")))
            return .namedTuple(typeName: "torch.return_types.linalg_qr", fields: ["Q", "R"], tensors: [q, r])
        },
    ]

    private static let choleskyOps: [OpEntry] = [
        OpEntry("linalg_cholesky", "Tensor A, *, bool upper=False", [], family: .linearAlgebra, aliases: ["torch.linalg.cholesky"],
                doc: OpDoc("The Cholesky factor of a symmetric positive-definite matrix: lower triangular, or upper with upper=True.",
                           formula: "A = L Lᵀ",
                           example: ">>> torch.linalg.cholesky(torch.tensor([[5., 2.], [2., 3.]]))\ntensor([[2.2361, 0.0000],\n        [0.8944, 1.4832]])")) { arguments in
            .tensor(try Autodiff.cholesky(try arguments.tensor("A"), upper: try arguments.bool("upper")))
        },
        OpEntry("linalg_cholesky_ex", "Tensor A, *, bool upper=False, bool check_errors=False", [], family: .linearAlgebra,
                aliases: ["torch.linalg.cholesky_ex"],
                doc: OpDoc("The Cholesky factor and LAPACK's info: 0, or the order of the first leading minor that is not positive-definite.",
                           formula: "A = L Lᵀ",
                           example: ">>> torch.linalg.cholesky_ex(torch.tensor([[5., 2.], [2., 3.]])).info\ntensor(0, dtype=torch.int32)")) { arguments in
            let input = try arguments.tensor("A")
            let (factor, info) = try Autodiff.choleskyWithInfo(input, upper: try arguments.bool("upper"))
            if try arguments.bool("check_errors") { try input.checkCholeskyInfo(info, name: "linalg.cholesky_ex") }
            return .namedTuple(typeName: "torch.return_types.linalg_cholesky_ex", fields: ["L", "info"], tensors: [factor, info])
        },
    ]

    private static let removedDecompositionOps: [OpEntry] = [
        removedEntry("cholesky", "Tensor input, bool upper=False", replacement: "torch.linalg.cholesky", example: "\ntensor([[1.]])") { _ in
            "`torch.cholesky` is deprecated in favor of `torch.linalg.cholesky`.\nL = torch.cholesky(A) should be replaced with:\nL = torch.linalg.cholesky(A)\nU = torch.cholesky(A, upper=True) should be replaced with:\nU = torch.linalg.cholesky(A).mH"
        },
        removedEntry("qr", "Tensor input, bool some=True", replacement: "torch.linalg.qr", example: ".R\ntensor([[1.]])") { arguments in
            let mode = (try? arguments.bool("some")) == false ? "complete" : "reduced"
            return "`torch.qr` is deprecated in favor of `torch.linalg.qr` and the boolean parameter `some` has been replaced with a string parameter `mode`.\n\nQ, R = torch.qr(A) should be replaced with:\nQ, R = torch.linalg.qr(A, mode='reduced')\n\nand\n\nQ, R = torch.qr(A, some=False) should be replaced with:\nQ, R = torch.linalg.qr(A, mode='complete')\n\nSince `some` was set to \((try? arguments.bool("some")) == false ? "False" : "True"), use mode='\(mode)'."
        },
        removedEntry("symeig", "Tensor input, bool eigenvectors=False, bool upper=True", replacement: "torch.linalg.eigh", example: ".eigenvalues\ntensor([1.])") { _ in
            "The default behavior has changed from using the upper triangular portion of the matrix by default to using the lower triangular portion.\n\nL, _ = torch.symeig(A, upper=upper) should be replaced with:\nL = torch.linalg.eigvalsh(A, UPLO='U' if upper else 'L')\n\nand\n\nL, V = torch.symeig(A, eigenvectors=True) should be replaced with:\nL, V = torch.linalg.eigh(A, UPLO='U' if upper else 'L')"
        },
        removedEntry("matrix_rank", "Tensor input, float? tol=None, bool symmetric=False", replacement: "torch.linalg.matrix_rank", example: "\ntensor(1)") { _ in
            "\nPlease use the `torch.linalg.matrix_rank` function instead. The parameter 'symmetric' was renamed in `torch.linalg.matrix_rank()` to 'hermitian'."
        },
    ]

    /// A function PyTorch removed in favour of `torch.linalg`: calling it raises its RuntimeError.
    private static func removedEntry(_ name: String, _ signature: String, replacement: String, example: String,
                                     _ advice: @escaping @Sendable (OpArguments) -> String) -> OpEntry {
        OpEntry(name, signature, [.function, .method], family: .linearAlgebra,
                doc: OpDoc("Removed from PyTorch: use \(replacement).", example: ">>> \(replacement)(torch.eye(1))\(example)")) { arguments in
            let separator = advice(arguments).hasPrefix("\n") ? "" : " "
            throw TensorError.runtime("This function was deprecated since version 1.9 and is now removed.\(separator)\(advice(arguments))")
        }
    }
}
