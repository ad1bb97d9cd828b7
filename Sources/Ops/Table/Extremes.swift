import Autograd
import TensorEngine

/// `(values, indices)` results carry PyTorch's type name, `torch.return_types.max`.
func valuesAndIndices(_ name: String, _ pair: (values: Tensor, indices: Tensor)) -> OpResult {
    .namedTuple(typeName: "torch.return_types.\(name)", fields: ["values", "indices"], tensors: [pair.values, pair.indices])
}

extension OpTable {
    static let extremeOps: [OpEntry] = [
        extreme("max", verb: "takes the maximum of", doc: OpDoc("The largest element; with dim, a (values, indices) pair along that dimension.",
                                  example: ">>> x = torch.tensor([[1, 5], [7, 2]])\n>>> x.max()\ntensor(7)\n>>> x.max(dim=1)\ntorch.return_types.max(\nvalues=tensor([5, 7]),\nindices=tensor([1, 0]))")),
        extreme("min", verb: "takes the minimum of", doc: OpDoc("The smallest element; with dim, a (values, indices) pair along that dimension.",
                                  example: ">>> torch.tensor([[1, 5], [7, 2]]).min(dim=0).values\ntensor([1, 2])")),
        argExtreme("argmax", verb: "finds the position of the maximum of", doc: OpDoc("The index of the largest element (of the flattened tensor when dim is None).",
                                        example: ">>> x = torch.tensor([[1, 5], [7, 2]])\n>>> x.argmax()\ntensor(2)\n>>> x.argmax(dim=1)\ntensor([1, 0])")),
        argExtreme("argmin", verb: "finds the position of the minimum of", doc: nil),
        OpEntry("amax", "Tensor input, int[1]? dim=None, bool keepdim=False", functionAndMethod, family: .reduction,
                explain: OpExplanation(.reduction(verb: "takes the maximum of"))) { arguments in
            .tensor(try Autodiff.amax(try arguments.tensor("input"), dims: try arguments.dims("dim") ?? [], keepDim: try arguments.bool("keepdim"), largest: true))
        },
        OpEntry("amin", "Tensor input, int[1]? dim=None, bool keepdim=False", functionAndMethod, family: .reduction,
                explain: OpExplanation(.reduction(verb: "takes the minimum of"))) { arguments in
            .tensor(try Autodiff.amax(try arguments.tensor("input"), dims: try arguments.dims("dim") ?? [], keepDim: try arguments.bool("keepdim"), largest: false))
        },
        OpEntry("any", "Tensor input, int[1]? dim=None, bool keepdim=False", functionAndMethod, family: .reduction,
                explain: OpExplanation(.reduction(verb: "checks whether any is True among"))) { arguments in
            .tensor(try arguments.tensor("input").any(dims: try arguments.dims("dim"), keepDim: try arguments.bool("keepdim")))
        },
        OpEntry("all", "Tensor input, int[1]? dim=None, bool keepdim=False", functionAndMethod, family: .reduction,
                explain: OpExplanation(.reduction(verb: "checks whether all are True among"))) { arguments in
            .tensor(try arguments.tensor("input").all(dims: try arguments.dims("dim"), keepDim: try arguments.bool("keepdim")))
        },
        OpEntry("count_nonzero", "Tensor input, int[1]? dim=None", functionAndMethod, family: .reduction,
                explain: OpExplanation(.reduction(verb: "counts the non-zero entries of"))) { arguments in
            .tensor(try arguments.tensor("input").countNonzero(dims: try arguments.dims("dim")))
        },
        OpEntry("median", "Tensor input, int? dim=None, bool keepdim=False", functionAndMethod, family: .reduction,
                explain: OpExplanation(.reduction(verb: "takes the median of"))) { arguments in
            let input = try arguments.tensor("input")
            guard let dim = try arguments.optionalInt("dim") else { return .tensor(try Autodiff.median(input)) }
            let keepDim = try arguments.bool("keepdim")
            return valuesAndIndices("median", try Autodiff.selectingReduction("MedianBackward1", input, dim: dim, keepDim: keepDim) {
                try $0.median(dim: dim, keepDim: keepDim)
            })
        },
        OpEntry("kthvalue", "Tensor input, int k, int dim=-1, bool keepdim=False", functionAndMethod, family: .reduction,
                explain: OpExplanation(.reduction(verb: "takes the k-th smallest of"))) { arguments in
            let input = try arguments.tensor("input"), k = try arguments.int("k")
            let dim = try arguments.int("dim"), keepDim = try arguments.bool("keepdim")
            return valuesAndIndices("kthvalue", try Autodiff.selectingReduction("KthvalueBackward0", input, dim: dim, keepDim: keepDim) {
                try $0.kthvalue(k, dim: dim, keepDim: keepDim)
            })
        },
    ]

    /// `max`/`min`: the whole tensor's extreme, the elementwise extreme of two tensors,
    /// or `(values, indices)` along a dim: PyTorch's three overloads.
    private static func extreme(_ name: String, verb: String, doc: OpDoc) -> OpEntry {
        let largest = name == "max"
        return OpEntry(name, "Tensor input, int dim, bool keepdim=False", functionAndMethod, family: .reduction,
                       explain: OpExplanation(.reduction(verb: verb)), overloads: ["Tensor input", "Tensor input, Tensor other"], doc: doc) { arguments in
            let input = try arguments.tensor("input")
            switch arguments.overload {
            case 0: return .tensor(try Autodiff.extreme(input, largest: largest))
            case 1: return .tensor(try Autodiff.binary(largest ? .maximum : .minimum, .tensor(input), .tensor(try arguments.tensor("other"))))
            default:
                let (dim, keepDim) = (try arguments.int("dim"), try arguments.bool("keepdim"))
                return valuesAndIndices(name, try Autodiff.selectingReduction(largest ? "MaxBackward0" : "MinBackward0", input, dim: dim, keepDim: keepDim) {
                    largest ? try $0.max(dim: dim, keepDim: keepDim) : try $0.min(dim: dim, keepDim: keepDim)
                })
            }
        }
    }

    private static func argExtreme(_ name: String, verb: String, doc: OpDoc?) -> OpEntry {
        OpEntry(name, "Tensor input, int? dim=None, bool keepdim=False", functionAndMethod, family: .reduction,
                explain: OpExplanation(.reduction(verb: verb), traits: .flatIndex), doc: doc) { arguments in
            let input = try arguments.tensor("input")
            let (dim, keepDim) = (try arguments.optionalInt("dim"), try arguments.bool("keepdim"))
            return .tensor(name == "argmax" ? try input.argmax(dim: dim, keepDim: keepDim) : try input.argmin(dim: dim, keepDim: keepDim))
        }
    }
}
