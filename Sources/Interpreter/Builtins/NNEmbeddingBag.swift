import Autograd
import TensorEngine

/// `F.embedding_bag` and `nn.EmbeddingBag`: functional.py's argument checks in its order
/// and words, then the engine's bag reduction.
struct EmbeddingBagOptions {
    var offsets: Tensor?
    var maxNorm: Value?
    var normType = 2.0
    var scaleGradByFrequency = false
    var mode = "mean"
    var perSampleWeights: Tensor?
    var includeLastOffset = false
    var paddingIndex: Int?
}

extension Interpreter {
    func embeddingBag(_ input: Tensor, weight: Tensor, _ options: EmbeddingBagOptions) throws -> Tensor {
        var (input, offsets, samples) = (input, options.offsets, options.perSampleWeights)
        if let samples, samples.shape != input.shape {
            throw PythonError.valueError(
                "embedding_bag: If per_sample_weights (\(try repr(.size(samples.shape)))) is not None, then it must have the same shape as the input (\(try repr(.size(input.shape))))")
        }
        guard weight.rank == 2 else { throw PythonError.valueError("weight has to be a 2D Tensor, but got Tensor of dimension \(weight.rank)") }
        switch input.rank {
        case 2:
            if offsets != nil {
                throw PythonError.valueError(
                    "if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. However, found offsets of type <class 'torch.Tensor'>")
            }
            let (bags, length) = (input.shape[0], input.shape[1])
            offsets = try Tensor(values: (0..<bags).map { Int64($0 * length) }, shape: [bags]).to(input.dtype)
            input = try Autodiff.reshape(input, [-1])
            samples = try samples.map { try Autodiff.reshape($0, [-1]) }
        case 1:
            guard let given = offsets else { throw PythonError.valueError("offsets has to be a 1D Tensor but got None") }
            guard given.rank == 1 else { throw PythonError.valueError("offsets has to be a 1D Tensor") }
        default:
            throw PythonError.valueError("input has to be 1D or 2D Tensor, but got Tensor of dimension \(input.rank)")
        }
        let mode: EmbeddingBagMode
        switch options.mode {
        case "sum": mode = .sum
        case "mean": mode = .mean
        case "max":
            mode = .max
            if options.scaleGradByFrequency { throw PythonError.valueError("max mode does not support scaling the gradient by the frequency") }
        default: throw PythonError.valueError("mode has to be one of sum, mean or max")
        }
        if let maxNorm = options.maxNorm, !maxNorm.isNone {
            try weight.embeddingRenorm(indices: input, maxNorm: try toDouble(maxNorm, function: "embedding_bag", argument: "max_norm"),
                                       normType: options.normType)
        }
        if samples != nil, mode != .sum {
            throw PythonError.notImplemented(
                "embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='\(options.mode)'). Please open a feature request on GitHub.")
        }
        return try Autodiff.embeddingBag(weight: weight, indices: input, offsets: offsets ?? input, mode: mode,
                                         scaleGradByFrequency: options.scaleGradByFrequency, perSampleWeights: samples,
                                         includeLastOffset: options.includeLastOffset, paddingIndex: options.paddingIndex)
    }

    func embeddingBagMembers() -> (module: Value, functional: [String: Value]) {
        let functional = functionalTable([
            ("embedding_bag", ["input", "weight", "offsets", "max_norm", "norm_type", "scale_grad_by_freq", "mode", "sparse",
                               "per_sample_weights", "include_last_offset", "padding_idx"], { interpreter, bound in
                let weight = try bound.tensor("weight")
                let options = EmbeddingBagOptions(
                    offsets: try bound.optionalTensor("offsets"), maxNorm: bound.optional("max_norm"), normType: try bound.double("norm_type", default: 2),
                    scaleGradByFrequency: try bound.bool("scale_grad_by_freq", default: false), mode: try bound.string("mode", default: "mean"),
                    perSampleWeights: try bound.optionalTensor("per_sample_weights"),
                    includeLastOffset: try bound.bool("include_last_offset", default: false),
                    paddingIndex: try embeddingPaddingIndex(try bound.optionalInt("padding_idx"), rows: weight.shape.first ?? 0))
                return .tensor(try interpreter.embeddingBag(try bound.tensor("input"), weight: weight, options))
            }),
        ])
        let module = Value.builtin(Builtin("EmbeddingBag") { interpreter, arguments in
            let bound = try arguments.bind("EmbeddingBag", ["num_embeddings", "embedding_dim", "max_norm", "norm_type", "scale_grad_by_freq",
                                                            "mode", "sparse", "_weight", "include_last_offset", "padding_idx", "device", "dtype"])
            let (rows, dim) = (try bound.int("num_embeddings"), try bound.int("embedding_dim"))
            let options = EmbeddingBagOptions(
                maxNorm: bound.optional("max_norm"), normType: try bound.double("norm_type", default: 2), scaleGradByFrequency: try bound.bool("scale_grad_by_freq", default: false),
                mode: try bound.string("mode", default: "mean"), includeLastOffset: try bound.bool("include_last_offset", default: false),
                paddingIndex: try embeddingPaddingIndex(try bound.optionalInt("padding_idx"), rows: rows, message: "padding_idx must be within num_embeddings"))
            return .native(try EmbeddingBagModule(
                rows: rows, dim: dim, options: options,
                weight: try bound.optionalTensor("_weight"), dtype: try bound.dtype("dtype") ?? defaultFloatDType))
        })
        return (module, functional)
    }
}

/// `nn.EmbeddingBag`: a `[num_embeddings, embedding_dim]` table drawn from N(0, 1), its
/// padding row zeroed, reduced per bag by `F.embedding_bag` with the layer's options.
final class EmbeddingBagModule: NNModule {
    let rows: Int
    let dim: Int
    let options: EmbeddingBagOptions

    init(rows: Int, dim: Int, options: EmbeddingBagOptions, weight: Tensor?, dtype: DType) throws {
        (self.rows, self.dim, self.options) = (rows, dim, options)
        super.init(name: "EmbeddingBag")
        if let weight {
            guard weight.shape == [rows, dim] else {
                throw PythonError("AssertionError", "Shape of weight does not match num_embeddings and embedding_dim")
            }
            // A new Parameter over the given storage, as `Parameter(_weight)` is.
            parameters = [("weight", weight.detach())]
            return
        }
        guard rows >= 0, dim >= 0 else {
            throw PythonError.runtimeError("Trying to create tensor with negative dimension \(min(rows, dim)): [\(rows), \(dim)]")
        }
        let table = try Tensor.zeros(shape: [rows, dim], dtype: dtype)
        try Generator.default.normal_(initialized(table), mean: 0, std: 1)
        if let row = options.paddingIndex { initialized(try table.select(0, row)).fill(.int(0)) }
        parameters = [("weight", table)]
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? {
        try EmbeddingBagModule(rows: rows, dim: dim, options: options, weight: parameters.first?.tensor, dtype: .float32)
    }

    override func extraRepr() -> String {
        var text = "\(rows), \(dim)"
        if let maxNorm = options.maxNorm, case let .float(value) = maxNorm { text += ", max_norm=\(pythonFloatRepr(value))" }
        if let maxNorm = options.maxNorm, case let .int(value) = maxNorm { text += ", max_norm=\(value)" }
        if options.normType != 2 { text += ", norm_type=\(pythonFloatRepr(options.normType))" }
        if options.scaleGradByFrequency { text += ", scale_grad_by_freq=True" }
        text += ", mode='\(options.mode)'"
        if let padding = options.paddingIndex { text += ", padding_idx=\(padding)" }
        return text
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "num_embeddings": return .int(Int64(rows))
        case "embedding_dim": return .int(Int64(dim))
        case "mode": return .string(options.mode)
        case "padding_idx": return options.paddingIndex.map { .int(Int64($0)) } ?? Value.none
        case "include_last_offset": return .bool(options.includeLastOffset)
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("forward", ["input", "offsets", "per_sample_weights"])
        guard let weight = parameters.first?.tensor else { throw PythonError.attributeError("'EmbeddingBag' object has no attribute 'weight'") }
        var options = self.options
        (options.offsets, options.perSampleWeights) = (try bound.optionalTensor("offsets"), try bound.optionalTensor("per_sample_weights"))
        return .tensor(try interpreter.embeddingBag(try bound.tensor("input"), weight: weight, options))
    }
}
