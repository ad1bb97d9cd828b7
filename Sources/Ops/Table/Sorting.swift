import Autograd
import TensorEngine

extension OpTable {
    static let sortingOps: [OpEntry] = [
        OpEntry("cumsum", "Tensor input, int dim, *, ScalarType? dtype=None", [.function, .method, .inPlace], family: .scan, explain: OpExplanation(.scan(noun: "sum")),
                doc: OpDoc("Running totals along dim.", formula: "out_i = Σ_{j<=i} x_j",
                           example: ">>> torch.tensor([1, 2, 3, 4]).cumsum(dim=0)\ntensor([ 1,  3,  6, 10])")) { arguments in
            .tensor(try Autodiff.cumsum(try arguments.tensor("input"), dim: try arguments.int("dim"), dtype: try arguments.dtype("dtype")))
        },
        OpEntry("cumprod", "Tensor input, int dim, *, ScalarType? dtype=None", [.function, .method, .inPlace], family: .scan,
                explain: OpExplanation(.scan(noun: "product"))) { arguments in
            .tensor(try Autodiff.cumprod(try arguments.tensor("input"), dim: try arguments.int("dim"), dtype: try arguments.dtype("dtype")))
        },
        OpEntry("topk", "Tensor input, int k, int dim=-1, bool largest=True, bool sorted=True", functionAndMethod, family: .sorting,
                explain: OpExplanation(.topk),
                doc: OpDoc("The k largest (or smallest) elements along dim, with their indices.",
                           example: ">>> torch.tensor([3., 1., 4., 1., 5.]).topk(2)\ntorch.return_types.topk(\nvalues=tensor([5., 4.]),\nindices=tensor([4, 2]))")) { arguments in
            let (k, dim) = (try arguments.int("k"), try arguments.int("dim"))
            let (largest, sorted) = (try arguments.bool("largest"), try arguments.bool("sorted"))
            return valuesAndIndices("topk", try Autodiff.selectingReduction("TopkBackward0", try arguments.tensor("input"), dim: dim, keepDim: true) {
                try $0.topk(k, dim: dim, largest: largest, sorted: sorted)
            })
        },
        OpEntry("sort", "Tensor input, int dim=-1, bool descending=False, *, bool stable=False", functionAndMethod, family: .sorting,
                explain: OpExplanation(.sort),
                doc: OpDoc("Sorts along dim, returning (values, indices).",
                           example: ">>> torch.tensor([3, 1, 2]).sort(descending=True)\ntorch.return_types.sort(\nvalues=tensor([3, 2, 1]),\nindices=tensor([0, 2, 1]))")) { arguments in
            let (dim, descending, stable) = (try arguments.int("dim"), try arguments.bool("descending"), try arguments.bool("stable"))
            return valuesAndIndices("sort", try Autodiff.selectingReduction("SortBackward0", try arguments.tensor("input"), dim: dim, keepDim: true) {
                try $0.sort(dim: dim, descending: descending, stable: stable)
            })
        },
        OpEntry("argsort", "Tensor input, int dim=-1, bool descending=False, *, bool stable=False", functionAndMethod, family: .sorting,
                explain: OpExplanation(.argsort),
                doc: OpDoc("The indices that would sort the tensor along dim.",
                           example: ">>> torch.tensor([3, 1, 2]).argsort()\ntensor([1, 2, 0])")) { arguments in
            .tensor(try arguments.tensor("input").argsort(dim: try arguments.int("dim"), descending: try arguments.bool("descending"),
                                                          stable: try arguments.bool("stable")))
        },
        OpEntry("unique", "Tensor input, bool sorted=True, bool return_inverse=False, bool return_counts=False, int? dim=None", functionAndMethod,
                family: .sorting, explain: OpExplanation(.unique),
                doc: OpDoc("The distinct values, sorted; optionally where each element maps and how often each occurs.",
                           example: ">>> torch.tensor([2, 1, 2, 3]).unique(return_counts=True)\n(tensor([1, 2, 3]), tensor([1, 2, 1]))")) { arguments in
            let (returnInverse, returnCounts) = (try arguments.bool("return_inverse"), try arguments.bool("return_counts"))
            let input = try arguments.tensor("input"), dim = try arguments.optionalInt("dim")
            let result = try input.unique(sorted: try arguments.bool("sorted"), returnInverse: returnInverse, returnCounts: returnCounts, dim: dim)
            // ATen declares no derivative for unique: its node raises when reached.
            Autodiff.markDerivativeNotImplemented(result.values, inputs: [input], node: dim == nil ? "Unique2Backward0" : "UniqueDimBackward0",
                                                  notImplemented: dim == nil ? "_unique2" : "unique_dim")
            if !returnInverse && !returnCounts { return .tensor(result.values) }
            var items = [result.values]
            if let inverse = result.inverse, returnInverse { items.append(inverse) }
            if let counts = result.counts, returnCounts { items.append(counts) }
            return .tuple(items)
        },
    ]
}
