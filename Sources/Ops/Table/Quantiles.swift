import Autograd
import TensorEngine

/// Order statistics beyond the median: quantiles (optionally skipping NaN) and the mode;
/// and masked_scatter, which like them reads elements in a computed order.
extension OpTable {
    static let quantileOps: [OpEntry] = [
        quantile("quantile", ignoringNaN: false,
                 doc: OpDoc("The q-th quantiles of the values (along dim), interpolating between the two nearest sorted values.",
                            example: ">>> torch.tensor([1., 2., 3., 4.]).quantile(0.5)\ntensor(2.5000)")),
        quantile("nanquantile", ignoringNaN: true,
                 doc: OpDoc("As quantile, skipping NaN: a lane's quantile is NaN only when all of it is NaN.",
                            example: ">>> torch.tensor([1., float('nan'), 3.]).nanquantile(0.5)\ntensor(2.)")),
        OpEntry("mode", "Tensor input, int dim=-1, bool keepdim=False", functionAndMethod, family: .reduction,
                explain: OpExplanation(.reduction(verb: "takes the most frequent value of")),
                doc: OpDoc("The most frequent value along dim (the smallest when several are as frequent) and an index of it.",
                           example: ">>> torch.tensor([1, 2, 2, 3]).mode()\ntorch.return_types.mode(\nvalues=tensor(2),\nindices=tensor(2))")) { arguments in
            let (dim, keepDim) = (try arguments.int("dim"), try arguments.bool("keepdim"))
            return valuesAndIndices("mode", try Autodiff.selectingReduction("ModeBackward0", try arguments.tensor("input"), dim: dim, keepDim: keepDim) {
                try $0.mode(dim: dim, keepDim: keepDim)
            })
        },
        OpEntry("masked_scatter", "Tensor input, Tensor mask, Tensor source", [.method, .function, .inPlace], family: .masking,
                explain: OpExplanation(.elementwise(words: "a copy that takes source's elements, in order, where mask is True")),
                doc: OpDoc("A copy whose positions where mask is True take source's elements, in order (masked_scatter_ writes in place).",
                           example: ">>> torch.zeros(4).masked_scatter(torch.tensor([True, False, True, False]), torch.tensor([1., 2.]))\ntensor([1., 0., 2., 0.])")) { arguments in
            .tensor(try Autodiff.maskedScatter(try arguments.tensor("input"), try arguments.tensor("mask"), try arguments.tensor("source"),
                                               inPlace: arguments.opName.hasSuffix("_")))
        },
    ]

    /// A python-float q is checked before anything else, then made a 0-d tensor of the
    /// input's dtype, as ATen's double overload does.
    private static func quantile(_ name: String, ignoringNaN: Bool, doc: OpDoc) -> OpEntry {
        OpEntry(name, "Tensor input, Tensor|Scalar q, int? dim=None, bool keepdim=False, *, str interpolation='linear'",
                functionAndMethod, family: .reduction, explain: OpExplanation(.reduction(verb: "takes quantiles of")), doc: doc) { arguments in
            let input = try arguments.tensor("input")
            let q: Tensor
            switch try arguments.operand("q") {
            case let .tensor(tensor): q = tensor
            case let .scalar(scalar):
                let level = scalar.doubleValue
                guard level >= 0, level <= 1 else {
                    throw TensorError.runtime("quantile() q must be in the range [0, 1] but got \(cppStreamDouble(level))")
                }
                q = try Factory.full(shape: [], value: .float(level), dtype: input.dtype)
            }
            let mode = try arguments.string("interpolation")
            guard let interpolation = QuantileInterpolation(rawValue: mode) else {
                throw TensorError.runtime("quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but got \(mode)")
            }
            return .tensor(try Autodiff.quantile(input, q, dim: try arguments.optionalInt("dim"), keepDim: try arguments.bool("keepdim"),
                                                 interpolation: interpolation, ignoringNaN: ignoringNaN))
        }
    }
}
