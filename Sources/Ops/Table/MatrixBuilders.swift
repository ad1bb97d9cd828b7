import Autograd
import TensorEngine

/// Ops that build matrices from their inputs (diagonals, blocks, products, powers), the
/// running extremes and log-sum-exp along a dim, and renorm.
extension OpTable {
    static let matrixBuilderOps: [OpEntry] = runningOps + [
        OpEntry("diagflat", "Tensor input, int offset=0", functionAndMethod, family: .creation, explain: OpExplanation(.diagflat),
                doc: OpDoc("A square matrix with the flattened input on diagonal offset and zeros elsewhere.",
                           example: ">>> torch.diagflat(torch.tensor([1, 2]))\ntensor([[1, 0],\n        [0, 2]])")) { arguments in
            .tensor(try Autodiff.diagflat(try arguments.tensor("input"), offset: try arguments.int("offset")))
        },
        OpEntry("block_diag", "Tensor... tensors", [.function], family: .join, explain: OpExplanation(.blockDiagonal),
                doc: OpDoc("The tensors as blocks along the diagonal of one matrix, zeros elsewhere.",
                           example: ">>> torch.block_diag(torch.tensor([[1, 2]]), torch.tensor(3))\ntensor([[1, 2, 0],\n        [0, 0, 3]])")) { arguments in
            guard case let .tensors(tensors) = arguments["tensors"] else { return .tensor(try Autodiff.blockDiag([])) }
            return .tensor(try Autodiff.blockDiag(tensors))
        },
        OpEntry("kron", "Tensor input, Tensor other", functionAndMethod, family: .linearAlgebra, explain: OpExplanation(.kroneckerProduct),
                doc: OpDoc("The Kronecker product: every element of input times the whole of other, laid out in blocks.",
                           example: ">>> torch.kron(torch.tensor([1, 2]), torch.tensor([1, 10]))\ntensor([ 1, 10,  2, 20])")) { arguments in
            .tensor(try Autodiff.kron(try arguments.tensor("input"), try arguments.tensor("other")))
        },
        OpEntry("vander", "Tensor x, int? N=None, bool increasing=False", [.function], family: .creation, explain: OpExplanation(.vandermonde),
                doc: OpDoc("The Vandermonde matrix: columns x^(N-1), ..., x, 1 (reversed when increasing).",
                           example: ">>> torch.vander(torch.tensor([1, 2, 3]))\ntensor([[1, 1, 1],\n        [4, 2, 1],\n        [9, 3, 1]])")) { arguments in
            .tensor(try Autodiff.vander(try arguments.tensor("x"), columns: try arguments.optionalInt("N"), increasing: try arguments.bool("increasing")))
        },
        OpEntry("combinations", "Tensor input, int r=2, bool with_replacement=False", [.function], family: .creation,
                doc: OpDoc("Every r-element combination of a 1-D tensor's elements, one per row, in lexicographic order of positions.",
                           example: ">>> torch.combinations(torch.tensor([1, 2, 3]))\ntensor([[1, 2],\n        [1, 3],\n        [2, 3]])")) { arguments in
            .tensor(try Autodiff.combinations(try arguments.tensor("input"), r: try arguments.int("r"),
                                              withReplacement: try arguments.bool("with_replacement")))
        },
        OpEntry("renorm", "Tensor input, Scalar p, int dim, Scalar maxnorm", [.function, .method, .inPlace], family: .normalization, explain: OpExplanation(.renorm)) { arguments in
            .tensor(try Autodiff.renorm(try arguments.tensor("input"), p: try arguments.float("p"), dim: try arguments.int("dim"),
                                        maxnorm: try arguments.float("maxnorm")))
        },
    ]

    private static let runningOps: [OpEntry] = [
        OpEntry("logcumsumexp", "Tensor input, int dim", functionAndMethod, family: .scan, explain: OpExplanation(.logCumSumExp),
                doc: OpDoc("Running log(Σ exp(x)) along dim, computed without overflow.",
                           example: ">>> torch.logcumsumexp(torch.tensor([0., 0., 0.]), dim=0)\ntensor([0.0000, 0.6931, 1.0986])")) { arguments in
            .tensor(try Autodiff.logcumsumexp(try arguments.tensor("input"), dim: try arguments.int("dim")))
        },
        runningExtreme("cummax", largest: true),
        runningExtreme("cummin", largest: false),
    ]

    private static func runningExtreme(_ name: String, largest: Bool) -> OpEntry {
        OpEntry(name, "Tensor input, int dim", functionAndMethod, family: .scan, explain: OpExplanation(.runningExtreme(noun: largest ? "maximum" : "minimum")),
                doc: OpDoc("The running \(largest ? "maximum" : "minimum") along dim and the index where it was last reached.",
                           example: ">>> torch.\(name)(torch.tensor([1, 3, 2]), dim=0)\ntorch.return_types.\(name)(\nvalues=tensor(\(largest ? "[1, 3, 3]" : "[1, 1, 1]")),\nindices=tensor(\(largest ? "[0, 1, 1]" : "[0, 0, 0]")))")) { arguments in
            valuesAndIndices(name, try Autodiff.cumulativeExtreme(try arguments.tensor("input"), dim: try arguments.int("dim"), largest: largest))
        }
    }
}
