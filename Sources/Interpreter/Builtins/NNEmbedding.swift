import Autograd
import TensorEngine

/// What `nn.Embedding` passes to `F.embedding` on every call, besides the table.
struct EmbeddingLookup {
    var paddingIndex: Int?
    /// Kept as given, because the repr prints it as Python does (`max_norm=1` or `1.0`).
    var maxNorm: Value?
    var normType = 2.0
    var scaleGradByFrequency = false

    /// `F.embedding`: renormalises the rows `input` names when `max_norm` is set, then looks them up.
    func apply(_ input: Tensor, weight: Tensor) throws -> Tensor {
        if let maxNorm {
            try weight.embeddingRenorm(indices: input, maxNorm: try toDouble(maxNorm, function: "embedding", argument: "max_norm"),
                                       normType: normType)
        }
        return try Autodiff.embedding(input, weight: weight, paddingIndex: paddingIndex, scaleGradByFrequency: scaleGradByFrequency)
    }

    /// Embedding's `extra_repr` after the sizes.
    var reprSuffix: String {
        var text = paddingIndex.map { ", padding_idx=\($0)" } ?? ""
        if case let .float(value)? = maxNorm { text += ", max_norm=\(pythonFloatRepr(value))" }
        if case let .int(value)? = maxNorm { text += ", max_norm=\(value)" }
        if normType != 2 { text += ", norm_type=\(pythonFloatRepr(normType))" }
        if scaleGradByFrequency { text += ", scale_grad_by_freq=True" }
        return text
    }
}

/// `nn.Embedding`: weight drawn by `normal_` on the default generator, with the padding row
/// zeroed afterwards, or a given `_weight` wrapped as a Parameter over the same storage.
final class EmbeddingModule: NNModule {
    let count: Int
    let dimension: Int
    let lookup: EmbeddingLookup

    init(count: Int, dimension: Int, lookup: EmbeddingLookup, weight: Tensor?, freeze: Bool, dtype: DType) throws {
        self.count = count
        self.dimension = dimension
        self.lookup = lookup
        super.init(name: "Embedding")
        let table: Tensor
        if let weight {
            guard weight.shape == [count, dimension] else {
                throw PythonError("AssertionError", "Shape of weight does not match num_embeddings and embedding_dim")
            }
            table = weight.detach()
        } else {
            table = try Tensor.zeros(shape: [count, dimension], dtype: dtype)
            try Generator.default.normal_(initialized(table), mean: 0, std: 1)
            if let row = lookup.paddingIndex { initialized(try Autodiff.select(table, 0, row)).fill(.int(0)) }
        }
        table.isParameter = true
        if !freeze { try table.setRequiresGrad(true) }
        parameters.append(("weight", table))
    }

    /// Given the current table as its weight, the copy draws nothing from the generator.
    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? {
        try EmbeddingModule(count: count, dimension: dimension, lookup: lookup, weight: parameters[0].tensor,
                            freeze: !parameters[0].tensor.requiresGrad, dtype: parameters[0].tensor.dtype)
    }

    override func extraRepr() -> String { "\(count), \(dimension)" + lookup.reprSuffix }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "num_embeddings": return .int(Int64(count))
        case "embedding_dim": return .int(Int64(dimension))
        case "padding_idx": return lookup.paddingIndex.map { .int(Int64($0)) } ?? Value.none
        case "max_norm": return lookup.maxNorm ?? Value.none
        case "norm_type": return .float(lookup.normType)
        case "scale_grad_by_freq": return .bool(lookup.scaleGradByFrequency)
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        .tensor(try lookup.apply(try arguments.bind("forward", ["input"]).tensor("input"), weight: parameters[0].tensor))
    }
}

extension Interpreter {
    /// The `nn.Embedding` class.
    func embeddingClassBuiltin() -> Value {
        .builtin(Builtin("Embedding") { _, arguments in
            let bound = try arguments.bind("Embedding", ["num_embeddings", "embedding_dim", "padding_idx", "max_norm", "norm_type",
                                                         "scale_grad_by_freq", "sparse", "_weight", "_freeze", "device", "dtype"])
            let count = try bound.int("num_embeddings")
            let lookup = EmbeddingLookup(
                paddingIndex: try embeddingPaddingIndex(try bound.optionalInt("padding_idx"), rows: count), maxNorm: bound.optional("max_norm"),
                normType: try bound.double("norm_type", default: 2), scaleGradByFrequency: try bound.bool("scale_grad_by_freq", default: false))
            return .native(try EmbeddingModule(
                count: count, dimension: try bound.int("embedding_dim"), lookup: lookup, weight: try bound.optionalTensor("_weight"),
                freeze: try bound.bool("_freeze", default: false), dtype: try bound.dtype("dtype") ?? defaultFloatDType))
        })
    }

    /// `nn.Embedding.from_pretrained` and `nn.EmbeddingBag.from_pretrained`: the class built
    /// over the given table, frozen unless `freeze=False`.
    func embeddingFromPretrained(_ factory: Builtin) -> Value {
        let isBag = factory.name == "EmbeddingBag"
        let options = isBag
            ? ["embeddings", "freeze", "max_norm", "norm_type", "scale_grad_by_freq", "mode", "sparse", "include_last_offset", "padding_idx"]
            : ["embeddings", "freeze", "padding_idx", "max_norm", "norm_type", "scale_grad_by_freq", "sparse"]
        return .builtin(Builtin("from_pretrained") { interpreter, arguments in
            let bound = try arguments.bind("from_pretrained", options)
            let embeddings = try bound.tensor("embeddings")
            guard embeddings.rank == 2 else { throw PythonError("AssertionError", "Embeddings parameter is expected to be 2-dimensional") }
            let freeze = try bound.bool("freeze", default: true)
            var keywords: [(name: String, value: Value)] = [
                ("num_embeddings", .int(Int64(embeddings.shape[0]))), ("embedding_dim", .int(Int64(embeddings.shape[1]))),
                ("_weight", .tensor(embeddings)),
            ]
            if !isBag { keywords.append(("_freeze", .bool(freeze))) }
            for name in options.dropFirst(2) { if let value = bound.optional(name) { keywords.append((name, value)) } }
            let module = try interpreter.call(.builtin(factory), CallArguments(keywords: keywords))
            if isBag, case let .native(bag as NNModule) = module, let weight = bag.parameters.first?.tensor {
                try weight.setRequiresGrad(!freeze)
            }
            return module
        })
    }
}
