import Autograd
import TensorEngine

/// What `nn.TransformerEncoderLayer` and `nn.TransformerDecoderLayer` are built from.
struct TransformerLayerConfiguration {
    var dModel: Int
    var heads: Int
    var feedForward = 2048
    var dropout = 0.1
    var layerNormEps = 1e-5
    var batchFirst = false
    var normFirst = false
    var bias = true
    var dtype: DType = .float32
}

/// `nn.TransformerEncoderLayer` / `nn.TransformerDecoderLayer`: children built in
/// PyTorch's order (self_attn, [multihead_attn,] linear1, dropout, linear2, norms,
/// dropouts), so the seeded draws and the repr match. Forward reads each child by name,
/// so a replaced child takes part. It always runs the math path; PyTorch's inference
/// fast path computes the same values.
final class TransformerLayerModule: NNModule {
    let isDecoder: Bool
    let configuration: TransformerLayerConfiguration

    private init(copying other: TransformerLayerModule) {
        (isDecoder, configuration) = (other.isDecoder, other.configuration)
        super.init(name: other.name)
    }

    init(_ interpreter: Interpreter, decoder: Bool, configuration c: TransformerLayerConfiguration, activation: Value) throws {
        (isDecoder, configuration) = (decoder, c)
        super.init(name: decoder ? "TransformerDecoderLayer" : "TransformerEncoderLayer")
        let dtype: [(name: String, value: Value)] = [("dtype", .dtype(c.dtype))]
        func attention() throws -> Value {
            try interpreter.makeLayer("MultiheadAttention", [.int(Int64(c.dModel)), .int(Int64(c.heads))],
                                      [("dropout", .float(c.dropout)), ("bias", .bool(c.bias)), ("batch_first", .bool(c.batchFirst))] + dtype)
        }
        func add(_ name: String, _ module: Value) { registry.children.set(name, module) }
        add("self_attn", try attention())
        if decoder { add("multihead_attn", try attention()) }
        add("linear1", try interpreter.makeLayer("Linear", [.int(Int64(c.dModel)), .int(Int64(c.feedForward))], [("bias", .bool(c.bias))] + dtype))
        add("dropout", try interpreter.makeLayer("Dropout", [.float(c.dropout)]))
        add("linear2", try interpreter.makeLayer("Linear", [.int(Int64(c.feedForward)), .int(Int64(c.dModel))], [("bias", .bool(c.bias))] + dtype))
        for index in 1...(decoder ? 3 : 2) {
            add("norm\(index)", try interpreter.makeLayer("LayerNorm", [.int(Int64(c.dModel))],
                                                         [("eps", .float(c.layerNormEps)), ("bias", .bool(c.bias))] + dtype))
        }
        for index in 1...(decoder ? 3 : 2) { add("dropout\(index)", try interpreter.makeLayer("Dropout", [.float(c.dropout)])) }
        let function = try resolvedActivation(interpreter, activation)
        if !decoder {
            registry.plainAttributes["activation_relu_or_gelu"] = .int(try activationKind(interpreter, function))
        }
        if try !registry.assign("activation", function) { registry.plainAttributes["activation"] = function }
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { TransformerLayerModule(copying: self) }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        if attribute == "norm_first" { return .bool(configuration.normFirst) }
        return try super.attribute(attribute, interpreter: interpreter)
    }

    /// Runs the child (or activation function) registered under `name`.
    func run(_ interpreter: Interpreter, _ name: String, _ positional: [Value], _ keywords: [(name: String, value: Value)] = []) throws -> Tensor {
        guard let member = registry.lookup(name) ?? registry.plainAttributes[name] else {
            throw PythonError.attributeError("'\(self.name)' object has no attribute '\(name)'")
        }
        var result = try interpreter.call(member, CallArguments(positional, keywords: keywords))
        if case let .tuple(items) = result, let first = items.first { result = first }
        guard case let .tensor(tensor) = result else { throw PythonError.typeError("\(name) did not return a tensor") }
        return tensor
    }

    private func attend(_ interpreter: Interpreter, _ child: String, _ x: Tensor, _ memory: Tensor, mask: Value, padding: Value,
                        causal: Bool, dropout: String) throws -> Tensor {
        let attended = try run(interpreter, child, [.tensor(x), .tensor(memory), .tensor(memory)],
                               [("attn_mask", mask), ("key_padding_mask", padding), ("need_weights", .bool(false)), ("is_causal", .bool(causal))])
        return try run(interpreter, dropout, [.tensor(attended)])
    }

    private func feedForward(_ interpreter: Interpreter, _ x: Tensor) throws -> Tensor {
        let hidden = try run(interpreter, "dropout", [.tensor(try run(interpreter, "activation", [.tensor(try run(interpreter, "linear1", [.tensor(x)]))]))])
        return try run(interpreter, isDecoder ? "dropout3" : "dropout2", [.tensor(try run(interpreter, "linear2", [.tensor(hidden)]))])
    }

    /// One residual block: `x + f(norm(x))` with norm_first, else `norm(x + f(x))`.
    private func residual(_ interpreter: Interpreter, _ x: Tensor, norm: String, _ body: (Tensor) throws -> Tensor) throws -> Tensor {
        if configuration.normFirst {
            return try Autodiff.binary(.add, .tensor(x), .tensor(try body(try run(interpreter, norm, [.tensor(x)]))))
        }
        return try run(interpreter, norm, [.tensor(try Autodiff.binary(.add, .tensor(x), .tensor(try body(x))))])
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        isDecoder ? try decoderForward(interpreter, arguments) : try encoderForward(interpreter, arguments)
    }

    private func encoderForward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("forward", ["src", "src_mask", "src_key_padding_mask", "is_causal"])
        let source = try bound.tensor("src")
        let (mask, padding) = try canonicalEncoderMasks(bound, source: source, maskName: "src_mask", interpreter)
        let (maskValue, paddingValue) = (mask.map { Value.tensor($0) } ?? .none, padding.map { Value.tensor($0) } ?? .none)
        let causal = try bound.bool("is_causal", default: false)
        var x = try residual(interpreter, source, norm: "norm1") {
            try attend(interpreter, "self_attn", $0, $0, mask: maskValue, padding: paddingValue, causal: causal, dropout: "dropout1")
        }
        x = try residual(interpreter, x, norm: "norm2") { try feedForward(interpreter, $0) }
        return .tensor(x)
    }

    private func decoderForward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("forward", ["tgt", "memory", "tgt_mask", "memory_mask", "tgt_key_padding_mask",
                                                   "memory_key_padding_mask", "tgt_is_causal", "memory_is_causal"])
        let memory = try bound.tensor("memory")
        func option(_ name: String) -> Value { bound.optional(name) ?? .none }
        var x = try residual(interpreter, try bound.tensor("tgt"), norm: "norm1") {
            try attend(interpreter, "self_attn", $0, $0, mask: option("tgt_mask"), padding: option("tgt_key_padding_mask"),
                       causal: try bound.bool("tgt_is_causal", default: false), dropout: "dropout1")
        }
        x = try residual(interpreter, x, norm: "norm2") {
            try attend(interpreter, "multihead_attn", $0, memory, mask: option("memory_mask"), padding: option("memory_key_padding_mask"),
                       causal: try bound.bool("memory_is_causal", default: false), dropout: "dropout2")
        }
        x = try residual(interpreter, x, norm: "norm3") { try feedForward(interpreter, $0) }
        return .tensor(x)
    }
}

/// `_get_activation_fn`: "relu" and "gelu" name `F.relu` and `F.gelu`; anything callable
/// is used as given.
private func resolvedActivation(_ interpreter: Interpreter, _ activation: Value) throws -> Value {
    guard case let .string(name) = activation else { return activation }
    guard name == "relu" || name == "gelu" else { throw PythonError.runtimeError("activation should be relu/gelu, not \(name)") }
    return try interpreter.libraryMember("torch.nn.functional", name)
}

/// `activation_relu_or_gelu`: 1 for F.relu or an nn.ReLU, 2 for F.gelu or an nn.GELU, else 0.
private func activationKind(_ interpreter: Interpreter, _ activation: Value) throws -> Int64 {
    for (kind, function, layer) in [(Int64(1), "relu", "ReLU"), (2, "gelu", "GELU")] {
        if case let .builtin(given) = activation, case let .builtin(known) = try interpreter.libraryMember("torch.nn.functional", function),
           given === known { return kind }
        if case let .builtin(factory) = try interpreter.libraryMember("torch.nn", layer),
           interpreter.isNativeModuleInstance(activation, of: factory) { return kind }
    }
    return 0
}
