import Autograd
import TensorEngine

/// `nn.Transformer`: an encoder (layers plus a final LayerNorm) and a decoder, built as
/// PyTorch builds them, then `_reset_parameters`: xavier_uniform_ on every parameter with
/// more than one dimension, in `parameters()` order.
final class TransformerModule: NNModule {
    init() { super.init(name: "Transformer") }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { TransformerModule() }

    static func make(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> TransformerModule {
        let bound = try arguments.bind("Transformer", ["d_model", "nhead", "num_encoder_layers", "num_decoder_layers", "dim_feedforward", "dropout",
                                                       "activation", "custom_encoder", "custom_decoder", "layer_norm_eps", "batch_first",
                                                       "norm_first", "bias", "device", "dtype"])
        let configuration = try transformerLayerConfiguration(bound, dModel: try bound.int("d_model", default: 512),
                                                              heads: try bound.int("nhead", default: 8))
        let activation = try bound.optional("activation") ?? interpreter.libraryMember("torch.nn.functional", "relu")
        let module = TransformerModule()
        for (part, isDecoder) in [("encoder", false), ("decoder", true)] {
            if let custom = bound.optional("custom_\(part)"), !custom.isNone {
                _ = try module.registry.assign(part, custom)
                continue
            }
            let layer = try TransformerLayerModule(interpreter, decoder: isDecoder, configuration: configuration, activation: activation)
            let norm = try interpreter.makeLayer("LayerNorm", [.int(Int64(configuration.dModel))],
                                                 [("eps", .float(configuration.layerNormEps)), ("bias", .bool(configuration.bias)),
                                                  ("dtype", .dtype(configuration.dtype))])
            let count = try bound.int(isDecoder ? "num_decoder_layers" : "num_encoder_layers", default: 6)
            let stack = try interpreter.makeLayer(isDecoder ? "TransformerDecoder" : "TransformerEncoder", [.native(layer), .int(Int64(count)), norm])
            module.registry.children.set(part, stack)
        }
        for (_, parameter) in namedModuleMembers(.native(module), .parameters) where parameter.rank > 1 {
            try interpreter.initialize("xavier_uniform_", parameter)
        }
        module.registry.plainAttributes["d_model"] = .int(Int64(configuration.dModel))
        module.registry.plainAttributes["nhead"] = .int(Int64(configuration.heads))
        module.registry.plainAttributes["batch_first"] = .bool(configuration.batchFirst)
        return module
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        if attribute == "generate_square_subsequent_mask" { return generateSquareSubsequentMaskBuiltin() }
        return try super.attribute(attribute, interpreter: interpreter)
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let names = ["src", "tgt", "src_mask", "tgt_mask", "memory_mask", "src_key_padding_mask", "tgt_key_padding_mask",
                     "memory_key_padding_mask", "src_is_causal", "tgt_is_causal", "memory_is_causal"]
        let bound = try arguments.bind("forward", names)
        let source = try bound.tensor("src"), target = try bound.tensor("tgt")
        let batchFirst = try interpreter.truthy(registry.plainAttributes["batch_first"] ?? .bool(false))
        if source.rank == 3, source.shape[batchFirst ? 0 : 1] != target.shape[batchFirst ? 0 : 1] {
            throw PythonError.runtimeError("the batch number of src and tgt must be equal")
        }
        let dModel = try interpreter.pythonInt(registry.plainAttributes["d_model"] ?? .int(0))
        guard Int64(source.shape.last ?? -1) == dModel, Int64(target.shape.last ?? -1) == dModel else {
            throw PythonError.runtimeError("the feature number of src and tgt must be equal to d_model")
        }
        func option(_ name: String) -> Value { bound.optional(name) ?? .none }
        guard let encoder = registry.lookup("encoder"), let decoder = registry.lookup("decoder") else {
            throw PythonError.attributeError("'Transformer' object has no attribute 'encoder'")
        }
        let memory = try interpreter.call(encoder, CallArguments([.tensor(source)], keywords: [
            ("mask", option("src_mask")), ("src_key_padding_mask", option("src_key_padding_mask")), ("is_causal", option("src_is_causal"))]))
        return try interpreter.call(decoder, CallArguments([.tensor(target), memory], keywords: [
            ("tgt_mask", option("tgt_mask")), ("memory_mask", option("memory_mask")), ("tgt_key_padding_mask", option("tgt_key_padding_mask")),
            ("memory_key_padding_mask", option("memory_key_padding_mask")), ("tgt_is_causal", option("tgt_is_causal")),
            ("memory_is_causal", bound.optional("memory_is_causal") ?? .bool(false))]))
    }
}

/// `Transformer.generate_square_subsequent_mask(sz, device=None, dtype=None)`.
func generateSquareSubsequentMaskBuiltin() -> Value {
    .builtin(Builtin("generate_square_subsequent_mask") { _, arguments in
        let bound = try arguments.bind("generate_square_subsequent_mask", ["sz", "device", "dtype"])
        return .tensor(try squareSubsequentMask(try bound.int("sz"), dtype: try bound.dtype("dtype") ?? defaultFloatDType))
    })
}

/// The arguments `TransformerEncoderLayer`, `TransformerDecoderLayer` and `Transformer` share.
private func transformerLayerConfiguration(_ bound: BoundArguments, dModel: Int, heads: Int) throws -> TransformerLayerConfiguration {
    var configuration = TransformerLayerConfiguration(dModel: dModel, heads: heads)
    configuration.feedForward = try bound.int("dim_feedforward", default: 2048)
    configuration.dropout = try bound.double("dropout", default: 0.1)
    configuration.layerNormEps = try bound.double("layer_norm_eps", default: 1e-5)
    configuration.batchFirst = try bound.bool("batch_first", default: false)
    configuration.normFirst = try bound.bool("norm_first", default: false)
    configuration.bias = try bound.bool("bias", default: true)
    configuration.dtype = try bound.dtype("dtype") ?? defaultFloatDType
    return configuration
}

extension Interpreter {
    func transformerModuleMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for (name, isDecoder) in [("TransformerEncoderLayer", false), ("TransformerDecoderLayer", true)] {
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                let bound = try arguments.bind(name, ["d_model", "nhead", "dim_feedforward", "dropout", "activation", "layer_norm_eps",
                                                      "batch_first", "norm_first", "bias", "device", "dtype"])
                let configuration = try transformerLayerConfiguration(bound, dModel: try bound.int("d_model"), heads: try bound.int("nhead"))
                let activation = try bound.optional("activation") ?? interpreter.libraryMember("torch.nn.functional", "relu")
                return .native(try TransformerLayerModule(interpreter, decoder: isDecoder, configuration: configuration, activation: activation))
            })
        }
        for (name, isDecoder) in [("TransformerEncoder", false), ("TransformerDecoder", true)] {
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                .native(try TransformerStackModule.make(interpreter, decoder: isDecoder, arguments))
            })
        }
        members["Transformer"] = .builtin(Builtin("Transformer") { interpreter, arguments in
            .native(try TransformerModule.make(interpreter, arguments))
        })
        return members
    }

    /// Class attributes of built-in layers read from the class itself
    /// (`nn.Transformer.generate_square_subsequent_mask(4)`).
    func nativeModuleClassAttribute(_ factory: Builtin, _ name: String) -> Value? {
        guard nativeModuleFactory(.builtin(factory)) != nil else { return nil }
        if factory.name == "Transformer" && name == "generate_square_subsequent_mask" { return generateSquareSubsequentMaskBuiltin() }
        if ["Embedding", "EmbeddingBag"].contains(factory.name) && name == "from_pretrained" { return embeddingFromPretrained(factory) }
        return nil
    }
}
