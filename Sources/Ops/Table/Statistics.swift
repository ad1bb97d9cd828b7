import Autograd
import TensorEngine

/// Statistics over a tensor's values: NaN-skipping medians, covariance and correlation,
/// histograms and counts, sorted-position searches and membership.
extension OpTable {
    static let statisticsOps: [OpEntry] = [
        OpEntry("nanmedian", "Tensor input, int dim, bool keepdim=False", functionAndMethod, family: .reduction, explain: OpExplanation(.reduction(verb: "takes the median (skipping NaN) of")), overloads: ["Tensor input"],
                doc: OpDoc("The median ignoring NaN; with dim, a (values, indices) pair along that dimension.",
                           example: ">>> torch.tensor([1., float('nan'), 3., 2.]).nanmedian()\ntensor(2.)")) { arguments in
            let input = try arguments.tensor("input")
            guard arguments.overload == 1 else { return .tensor(try Autodiff.nanmedian(input)) }
            let (dim, keepDim) = (try arguments.int("dim"), try arguments.bool("keepdim"))
            return valuesAndIndices("nanmedian", try Autodiff.selectingReduction("NanmedianBackward1", input, dim: dim, keepDim: keepDim) {
                try $0.nanmedian(dim: dim, keepDim: keepDim)
            })
        },
        OpEntry("cov", "Tensor input, *, int correction=1, Tensor? fweights=None, Tensor? aweights=None", functionAndMethod, family: .reduction, explain: OpExplanation(.covariance),
                doc: OpDoc("The covariance matrix of the variables in the rows, observed in the columns.",
                           example: ">>> torch.cov(torch.tensor([[0., 1., 2.], [2., 1., 0.]]))\ntensor([[ 1., -1.],\n        [-1.,  1.]])")) { arguments in
            .tensor(try Autodiff.cov(try arguments.tensor("input"), correction: try arguments.int("correction"),
                                     fweights: try arguments.optionalTensor("fweights"), aweights: try arguments.optionalTensor("aweights"),
                                     warn: arguments.warn))
        },
        OpEntry("corrcoef", "Tensor input", functionAndMethod, family: .reduction, explain: OpExplanation(.correlation)) { arguments in
            .tensor(try Autodiff.corrcoef(try arguments.tensor("input"), warn: arguments.warn))
        },
        OpEntry("histc", "Tensor input, int bins=100, Scalar min=0, Scalar max=0", functionAndMethod, family: .reduction, explain: OpExplanation(.histogram),
                doc: OpDoc("Counts the elements in bins equal-width bins over [min, max] (the data's range when both are 0).",
                           example: ">>> torch.histc(torch.tensor([1., 2., 1.]), bins=4, min=0, max=3)\ntensor([0., 2., 1., 0.])")) { arguments in
            .tensor(try arguments.tensor("input").histc(bins: try arguments.int("bins"), min: try arguments.float("min"), max: try arguments.float("max")))
        },
        OpEntry("bincount", "Tensor input, Tensor? weights=None, int minlength=0", functionAndMethod, family: .reduction, explain: OpExplanation(.bincount),
                doc: OpDoc("How often each non-negative integer occurs (or the sum of its weights).",
                           example: ">>> torch.bincount(torch.tensor([0, 1, 1, 3]))\ntensor([1, 2, 0, 1])")) { arguments in
            .tensor(try arguments.tensor("input").bincount(weights: try arguments.optionalTensor("weights"), minlength: try arguments.int("minlength")))
        },
        OpEntry("bucketize", "Tensor|Scalar input, Tensor boundaries, *, bool out_int32=False, bool right=False", [.function], family: .sorting, explain: OpExplanation(.bucketize)) { arguments in
            let boundaries = try arguments.tensor("boundaries")
            guard boundaries.rank == 1 else { throw TensorError.runtime("boundaries tensor must be 1 dimension, but got dim(\(boundaries.rank))") }
            return .tensor(try boundaries.searchSorted(try operandTensor(try arguments.operand("input")), right: try arguments.bool("right"),
                                                       outInt32: try arguments.bool("out_int32"), sorter: nil))
        },
        OpEntry("searchsorted", "Tensor sorted_sequence, Tensor|Scalar input, *, bool out_int32=False, bool right=False, str? side=None, Tensor? sorter=None",
                [.function], family: .sorting, explain: OpExplanation(.searchSorted),
                doc: OpDoc("Where each value would be inserted to keep the sequence sorted (right=True: after equal values).",
                           example: ">>> torch.searchsorted(torch.tensor([1, 3, 5, 7]), torch.tensor([3, 6]))\ntensor([1, 3])")) { arguments in
            let right = try searchRight(side: arguments.has("side") ? try arguments.string("side") : nil, right: try arguments.bool("right"))
            return .tensor(try arguments.tensor("sorted_sequence").searchSorted(try operandTensor(try arguments.operand("input")), right: right,
                                                                                outInt32: try arguments.bool("out_int32"),
                                                                                sorter: try arguments.optionalTensor("sorter")))
        },
        OpEntry("isin", "Tensor|Scalar elements, Tensor|Scalar test_elements, *, bool assume_unique=False, bool invert=False", [.function],
                family: .comparison, explain: OpExplanation(.membership)) { arguments in
            let (elements, test) = (try arguments.operand("elements"), try arguments.operand("test_elements"))
            if case let .scalar(first) = elements, case let .scalar(second) = test {
                throw TensorError(.typeError, "isin() received an invalid combination of arguments - got (\(pythonTypeName(first)), \(pythonTypeName(second))), "
                                  + "but expected one of:")
            }
            return .tensor(try Tensor.isin(try operandTensor(elements), try operandTensor(test), invert: try arguments.bool("invert")))
        },
    ]

    /// searchsorted's `side` and `right`, checked as ATen checks them.
    private static func searchRight(side: String?, right: Bool) throws -> Bool {
        guard let side else { return right }
        guard side == "left" || side == "right" else {
            throw TensorError.runtime("torch.searchsorted(): side can only be 'left' or 'right' but got \(side)")
        }
        guard !right || side == "right" else {
            throw TensorError.runtime("torch.searchsorted(): side and right can't be set to opposites, got side of \(side) while right was True")
        }
        return side == "right"
    }

    private static func pythonTypeName(_ scalar: Scalar) -> String {
        switch scalar {
        case .int: "int"
        case .float: "float"
        case .bool: "bool"
        }
    }

    /// A Python number as the 0-dim tensor PyTorch wraps it in (int64, float64 or bool).
    static func operandTensor(_ operand: Operand) throws -> Tensor {
        switch operand {
        case let .tensor(tensor): return tensor
        case let .scalar(.int(value)): return Tensor(scalar: value)
        case let .scalar(.float(value)): return Tensor(scalar: value)
        case let .scalar(.bool(value)): return Tensor(scalar: value)
        }
    }
}
