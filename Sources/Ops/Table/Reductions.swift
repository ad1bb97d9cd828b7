import Autograd
import TensorEngine

let functionAndMethod: OpVariants = [.function, .method]

extension OpTable {
    static let reductionOps: [OpEntry] = sumsAndMeans + extremeOps + sortingOps

    private static let sumsAndMeans: [OpEntry] = [
        dimsReduction("sum", { try Autodiff.sum($0, dims: $1, keepDim: $2, dtype: $3) }, explain: OpExplanation(.reduction(verb: "sums")), doc: OpDoc("Adds the elements, over all of them or along dim (which then disappears unless keepdim=True).", formula: "out = Σ_i x_i",
                                                      example: ">>> x = torch.tensor([[1., 2.], [3., 4.]])\n>>> x.sum()\ntensor(10.)\n>>> x.sum(dim=0)\ntensor([4., 6.])\n>>> x.sum(dim=1, keepdim=True)\ntensor([[3.],\n        [7.]])")),
        OpEntry("nansum", "Tensor input, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None", functionAndMethod, family: .reduction,
                explain: OpExplanation(.reduction(verb: "sums (skipping NaN)"))) { arguments in
            // NaNs count as zero.
            let input = try arguments.tensor("input")
            let dims = try arguments.dims("dim"), keepDim = try arguments.bool("keepdim"), dtype = try arguments.dtype("dtype")
            guard input.dtype.isFloatingPoint else { return .tensor(try Autodiff.sum(input, dims: dims, keepDim: keepDim, dtype: dtype)) }
            return .tensor(try Autodiff.fused("NansumBackward0", over: [input], saving: [input]) { pieces in
                // Without a gradient to record, the engine's own nansum (PyTorch's summation order).
                guard pieces[0].requiresGrad else { return try pieces[0].nansum(dims: dims, keepDim: keepDim, dtype: dtype) }
                let present = try Autodiff.whereSelect(try Autodiff.unary(.isNaN, pieces[0]), .scalar(.int(0)), .tensor(pieces[0]))
                return try Autodiff.sum(present, dims: dims, keepDim: keepDim, dtype: dtype)
            })
        },
        dimsReduction("mean", { try Autodiff.mean($0, dims: $1, keepDim: $2, dtype: $3) },
                      explain: OpExplanation(.reduction(verb: "averages"), traits: .averages), doc: OpDoc("The average of the elements, over all or along dim; needs a floating-point tensor.", formula: "out = (1/n) Σ_i x_i",
                                                        example: ">>> torch.tensor([[1., 2.], [3., 4.]]).mean(dim=0)\ntensor([2., 3.])"), wholeTakesOut: true),
        OpEntry("prod", "Tensor input, int? dim=None, bool keepdim=False, *, ScalarType? dtype=None", functionAndMethod, family: .reduction,
                explain: OpExplanation(.reduction(verb: "multiplies"))) { arguments in
            .tensor(try Autodiff.prod(try arguments.tensor("input"), dim: try arguments.optionalInt("dim"), keepDim: try arguments.bool("keepdim"),
                                      dtype: try arguments.dtype("dtype")))
        },
        spread("std", verb: "takes the standard deviation of", doc: OpDoc("The standard deviation; by default the unbiased estimate (divides by n - 1).",
                                 formula: "std = sqrt(Σ (x_i - mean)² / (n - correction))",
                                 example: ">>> torch.tensor([1., 2., 3., 4.]).std()\ntensor(1.2910)")),
        spread("var", verb: "takes the variance of", doc: OpDoc("The variance; by default the unbiased estimate (divides by n - 1).",
                                 formula: "var = Σ (x_i - mean)² / (n - correction)",
                                 example: ">>> torch.tensor([1., 2., 3., 4.]).var()\ntensor(1.6667)")),
        spread("std_mean", variants: [.function], verb: "takes the standard deviation and the mean of",
               doc: OpDoc("The standard deviation and the mean, as a tuple, in one call.",
                          example: ">>> torch.std_mean(torch.tensor([1., 2., 3., 4.]))\n(tensor(1.2910), tensor(2.5000))")),
        spread("var_mean", variants: [.function], verb: "takes the variance and the mean of",
               doc: OpDoc("The variance and the mean, as a tuple, in one call.",
                          example: ">>> torch.var_mean(torch.tensor([1., 2., 3., 4.]))\n(tensor(1.6667), tensor(2.5000))")),
        OpEntry("norm", "Tensor input, Scalar? p=2, int[1]? dim=None, bool keepdim=False, ScalarType? dtype=None", functionAndMethod,
                family: .reduction, explain: OpExplanation(.reduction(verb: "takes the norm of")),
                overloads: ["Tensor input, str p, int[1]? dim=None, bool keepdim=False, ScalarType? dtype=None"],
                doc: OpDoc("The vector p-norm (2 by default) of all elements or along dim.", formula: "‖x‖_p = (Σ |x_i|^p)^(1/p)",
                           example: ">>> torch.tensor([3., 4.]).norm()\ntensor(5.)")) { arguments in
            var p = 2.0
            if arguments.overload == 0 {
                let text = try arguments.string("p")
                guard text == "fro" else { throw TensorError.runtime("norm(): unsupported norm type '\(text)'") }
            } else if let explicit = try arguments.optionalFloat("p") {
                p = explicit
            }
            return .tensor(try Autodiff.norm(try arguments.tensor("input"), p: p, dims: try arguments.dims("dim"), keepDim: try arguments.bool("keepdim")))
        },
        OpEntry("frobenius_norm", "Tensor input, int[1] dim, bool keepdim=False", [.function], family: .reduction,
                // No :help entry: its every call prints the deprecation warning, which points
                // users at torch.linalg.vector_norm.
                explain: OpExplanation(.reduction(verb: "takes the 2-norm of"))) { arguments in
            arguments.warnOnce("at::frobenius_norm is deprecated and it is just left for JIT compatibility. It will be removed in a future PyTorch "
                           + "release. Please use `linalg.vector_norm(A, 2., dim, keepdim)` instead (Triggered internally at "
                           + "/__w/pytorch/pytorch/aten/src/ATen/native/LinearAlgebra.cpp:3242.)")
            let dims = try arguments.dims("dim") ?? []
            guard dims.count <= 2 else { throw TensorError.runtime("Expected at most 2 dimensions, but got \(dims.count) dimensions instead.") }
            let input = try arguments.tensor("input")
            guard input.dtype.isFloatingPoint else {
                throw TensorError.notImplemented("norm(): input dtype should be either floating point or complex. Got \(input.dtype.scalarTypeName) instead.")
            }
            return .tensor(try Autodiff.norm(input, p: 2, dims: dims, keepDim: try arguments.bool("keepdim"), nodeName: "NormBackward1"))
        },
        OpEntry("logsumexp", "Tensor input, int[1] dim, bool keepdim=False", functionAndMethod, family: .reduction,
                explain: OpExplanation(.reduction(verb: "takes log(sum(exp(·))) of")),
                doc: OpDoc("log(sum(exp(x))) along dim, without overflow.", formula: "logsumexp(x) = m + log Σ_i exp(x_i - m), m = max(x)",
                           example: ">>> torch.logsumexp(torch.tensor([1000., 1000.]), dim=0)\ntensor(1000.6932)")) { arguments in
            .tensor(try Autodiff.logSumExp(try arguments.tensor("input"), dims: try arguments.dims("dim") ?? [], keepDim: try arguments.bool("keepdim")))
        },
    ]

    /// `sum` and `mean`: over `dim` (one or several), or over everything.
    private static func dimsReduction(_ name: String, _ reduce: @escaping @Sendable (Tensor, [Int]?, Bool, DType?) throws -> Tensor,
                                      explain: OpExplanation, doc: OpDoc, wholeTakesOut: Bool = false) -> OpEntry {
        // PyTorch's two overloads: the whole tensor, or along dims (mean's first also takes out=).
        let whole = "Tensor input, *, torch.dtype dtype = None" + (wholeTakesOut ? ", Tensor out = None" : "")
        let alongDims = "Tensor input, tuple of ints dim, bool keepdim = False, *, torch.dtype dtype = None, Tensor out = None"
        return OpEntry(name, "Tensor input, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None", functionAndMethod, family: .reduction,
                       explain: explain, doc: doc, pythonOverloads: [whole, alongDims]) { arguments in
            .tensor(try reduce(try arguments.tensor("input"), try arguments.dims("dim"), try arguments.bool("keepdim"), try arguments.dtype("dtype")))
        }
    }

    /// `std`, `var` and their `_mean` pairs. `x.std(False)` passes `unbiased` by position:
    /// PyTorch's first overload.
    private static func spread(_ name: String, variants: OpVariants = functionAndMethod, verb: String, doc: OpDoc) -> OpEntry {
        OpEntry(name, "Tensor input, int[1]? dim=None, bool unbiased=True, bool keepdim=False, *, float? correction=None", variants,
                family: .reduction, explain: OpExplanation(.reduction(verb: verb), traits: .averages), overloads: ["Tensor input, bool unbiased"], doc: doc) { arguments in
            let input = try arguments.tensor("input")
            let general = arguments.overload == 1
            var correction = try arguments.bool("unbiased") ? 1.0 : 0.0
            if general, let explicit = try arguments.optionalFloat("correction") { correction = explicit }
            let dims = general ? try arguments.dims("dim") : nil
            let keepDim = general ? try arguments.bool("keepdim") : false
            if input.dtype.isFloatingPoint, try reductionFactor(of: input, dims: dims) - correction <= 0 {
                arguments.warn("\(name)(): degrees of freedom is <= 0. Correction should be strictly less than the reduction factor (input numel "
                               + "divided by output numel). (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/ReduceOps.cpp:1927.)")
            }
            let spread = name.hasPrefix("std")
                ? try Autodiff.standardDeviation(input, dims: dims, correction: correction, keepDim: keepDim)
                : try Autodiff.variance(input, dims: dims, correction: correction, keepDim: keepDim)
            guard name.hasSuffix("_mean") else { return .tensor(spread) }
            let outputs = [spread, try Autodiff.mean(input, dims: dims, keepDim: keepDim, dtype: nil)]
            return .tuple(Autodiff.fused(name.hasPrefix("std") ? "StdMeanBackward0" : "VarMeanBackward0", outputs))
        }
    }

    /// How many elements each output of a reduction over `dims` gathers: ATen's
    /// `input numel / output numel`, and 0 when there is no output.
    private static func reductionFactor(of input: Tensor, dims: [Int]?) throws -> Double {
        let reduced = Set(try (dims.flatMap { $0.isEmpty ? nil : $0 } ?? Array(0..<input.rank)).map { try normalizeDim($0, rank: Swift.max(input.rank, 1)) })
        var outputCount = 1
        for dim in input.shape.indices where !reduced.contains(dim) {
            let (product, overflow) = outputCount.multipliedReportingOverflow(by: input.shape[dim])
            // An output too large to exist: no warning, the reduction itself refuses it.
            if overflow { return .infinity }
            outputCount = product
        }
        return outputCount == 0 ? 0 : Double(input.count / outputCount)
    }
}
