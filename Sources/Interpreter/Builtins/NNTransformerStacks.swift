import Autograd
import TensorEngine

/// `nn.TransformerEncoder` / `nn.TransformerDecoder`: `layers`, a ModuleList of deep
/// copies of the given layer (so all start with the same weights, as in PyTorch), and
/// an optional final `norm`.
final class TransformerStackModule: NNModule {
    let isDecoder: Bool

    init(decoder: Bool) {
        isDecoder = decoder
        super.init(name: decoder ? "TransformerDecoder" : "TransformerEncoder")
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { TransformerStackModule(decoder: isDecoder) }

    static func make(_ interpreter: Interpreter, decoder: Bool, _ arguments: CallArguments) throws -> TransformerStackModule {
        let names = decoder ? ["decoder_layer", "num_layers", "norm"] : ["encoder_layer", "num_layers", "norm", "enable_nested_tensor", "mask_check"]
        let bound = try arguments.bind(decoder ? "TransformerDecoder" : "TransformerEncoder", names)
        let layer = try bound.value(names[0]), count = try bound.int("num_layers")
        guard count >= 0 else { throw PythonError.valueError("num_layers must be non-negative") }
        let module = TransformerStackModule(decoder: decoder)
        var clones: [Value] = []
        for _ in 0..<count {
            // A huge num_layers runs until the program's time or memory limit stops it.
            try interpreter.checkInterrupt()
            var memo: [ObjectIdentifier: Value] = [:]
            clones.append(try interpreter.deepCopyModule(layer, memo: &memo))
        }
        module.registry.children.set("layers", .native(try ModuleListModule(modules: clones)))
        module.registry.plainAttributes["num_layers"] = .int(Int64(count))
        let norm = bound.optional("norm") ?? .none
        if try !module.registry.assign("norm", norm) { module.registry.plainAttributes["norm"] = norm }
        guard !decoder else { return module }
        let nested = try bound.bool("enable_nested_tensor", default: true)
        module.registry.plainAttributes["enable_nested_tensor"] = .bool(nested)
        module.registry.plainAttributes["mask_check"] = .bool(try bound.bool("mask_check", default: true))
        let reason = try nestedTensorObstacle(interpreter, layer)
        if nested, let reason {
            interpreter.warn("enable_nested_tensor is True, but self.use_nested_tensor is False because \(reason)")
        }
        module.registry.plainAttributes["use_nested_tensor"] = .bool(nested && reason == nil)
        return module
    }

    private func layers() -> [Value] {
        guard case let .native(list as ModuleListModule)? = registry.lookup("layers") else { return [] }
        return (try? list.iterate()) ?? []
    }

    private func applyNorm(_ interpreter: Interpreter, _ output: Tensor) throws -> Value {
        guard let norm = registry.lookup("norm") ?? registry.plainAttributes["norm"], !norm.isNone else { return .tensor(output) }
        return try interpreter.call(norm, CallArguments([.tensor(output)]))
    }

    private func firstLayerBatchFirst(_ interpreter: Interpreter) throws -> Bool {
        guard let first = layers().first else { return false }
        return try interpreter.truthy(try interpreter.attribute(of: try interpreter.attribute(of: first, "self_attn"), "batch_first"))
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        isDecoder ? try decoderForward(interpreter, arguments) : try encoderForward(interpreter, arguments)
    }

    private func encoderForward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("forward", ["src", "mask", "src_key_padding_mask", "is_causal"])
        let source = try bound.tensor("src")
        let (mask, padding) = try canonicalEncoderMasks(bound, source: source, maskName: "mask", interpreter)
        let batchFirst = try firstLayerBatchFirst(interpreter)
        let sequenceLength = source.rank == 2 ? source.shape[0] : source.shape[batchFirst ? 1 : 0]
        let causal = try detectCausalMask(mask, given: bound.optional("is_causal"), size: sequenceLength, interpreter)
        let zeroPadded = try runsAsNestedTensor(interpreter, source: source, mask: mask, padding: padding)
        if zeroPadded {
            interpreter.warn("The PyTorch API of nested tensors is in prototype stage and will change in the near future. "
                + "We recommend specifying layout=torch.jagged when constructing a nested tensor, as this layout receives active "
                + "development, has better operator coverage, and works with torch.compile. "
                + "(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/NestedTensorImpl.cpp:177.)")
        }
        var output = source
        for layer in layers() {
            let result = try interpreter.call(layer, CallArguments([.tensor(output)], keywords: [
                ("src_mask", mask.map { .tensor($0) } ?? .none), ("is_causal", .bool(causal)),
                ("src_key_padding_mask", padding.map { .tensor($0) } ?? .none)]))
            guard case let .tensor(next) = result else { throw PythonError.typeError("encoder layer did not return a tensor") }
            output = next
        }
        if zeroPadded, let padding {
            // PyTorch packs the unpadded tokens into a nested tensor and pads back with zeros.
            let padded = try TensorEngine.binary(.notEqual, .tensor(padding), .scalar(.float(0)))
            output = try Autodiff.maskedFill(output, try Autodiff.unsqueeze(padded, -1), .scalar(.float(0)))
        }
        return try applyNorm(interpreter, output)
    }

    /// The conditions of TransformerEncoder's sparsity fast path in inference, under which
    /// padded positions come out as zeros.
    private func runsAsNestedTensor(_ interpreter: Interpreter, source: Tensor, mask: Tensor?, padding: Tensor?) throws -> Bool {
        guard case .bool(true)? = registry.plainAttributes["use_nested_tensor"], let first = layers().first,
              let firstRegistry = moduleRegistry(of: first), !firstRegistry.training, source.rank == 3, let padding, mask == nil else { return false }
        let parameters = namedModuleMembers(first, .parameters).map(\.tensor)
        if GradMode.isEnabled && (source.requiresGrad || parameters.contains { $0.requiresGrad }) { return false }
        guard try !interpreter.truthy(registry.plainAttributes["mask_check"] ?? .bool(true)) || isLeftAligned(padding) else { return false }
        return true
    }

    /// Each row keeps a prefix and pads the rest.
    private func isLeftAligned(_ padding: Tensor) throws -> Bool {
        let keep = try TensorEngine.binary(.equal, .tensor(padding), .scalar(.float(0)))
        let kept = keep.scalars().map { $0 == .bool(true) }
        let width = padding.shape.last ?? 0
        guard width > 0 else { return true }
        for row in stride(from: 0, to: kept.count, by: width) {
            let values = Array(kept[row..<row + width])
            // A kept token after a padded one breaks the alignment.
            if zip(values, values.dropFirst()).contains(where: { !$0 && $1 }) { return false }
        }
        return true
    }

    private func decoderForward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let names = ["tgt", "memory", "tgt_mask", "memory_mask", "tgt_key_padding_mask", "memory_key_padding_mask", "tgt_is_causal", "memory_is_causal"]
        let bound = try arguments.bind("forward", names)
        let target = try bound.tensor("tgt")
        let batchFirst = try firstLayerBatchFirst(interpreter)
        let sequenceLength = target.rank == 2 ? target.shape[0] : target.shape[batchFirst ? 1 : 0]
        let causal = try detectCausalMask(try bound.optionalTensor("tgt_mask"), given: bound.optional("tgt_is_causal"), size: sequenceLength, interpreter)
        var keywords = names.dropFirst(2).map { (name: $0, value: bound.optional($0) ?? Value.none) }
        keywords[4].value = .bool(causal)
        keywords[5].value = .bool(try bound.bool("memory_is_causal", default: false))
        var output = target
        for layer in layers() {
            let result = try interpreter.call(layer, CallArguments([.tensor(output), try bound.value("memory")], keywords: Array(keywords)))
            guard case let .tensor(next) = result else { throw PythonError.typeError("decoder layer did not return a tensor") }
            output = next
        }
        return try applyNorm(interpreter, output)
    }
}

/// `_detect_is_causal_mask`: an explicit hint wins; otherwise the mask counts as causal
/// when it equals `generate_square_subsequent_mask(size)` in its own dtype.
func detectCausalMask(_ mask: Tensor?, given: Value?, size: Int, _ interpreter: Interpreter) throws -> Bool {
    if let given, !given.isNone { return try interpreter.truthy(given) }
    guard let mask, mask.shape == [size, size] else { return false }
    let causal = try squareSubsequentMask(size, dtype: mask.dtype)
    return try TensorEngine.binary(.equal, .tensor(mask), .tensor(causal)).all(dims: nil, keepDim: false).item() == .bool(true)
}

/// `nn.Transformer.generate_square_subsequent_mask`: -inf above the diagonal, 0 elsewhere.
func squareSubsequentMask(_ size: Int, dtype: DType) throws -> Tensor {
    guard size >= 0 else { throw PythonError.runtimeError("Trying to create tensor with negative dimension \(size): [\(size), \(size)]") }
    return try Factory.full(shape: [size, size], value: .float(-.infinity), dtype: dtype).triangle(upper: true, diagonal: 1)
}

/// Why `TransformerEncoder.__init__` turns the nested-tensor path off, or nil.
private func nestedTensorObstacle(_ interpreter: Interpreter, _ layer: Value) throws -> String? {
    guard case let .builtin(factory) = try interpreter.libraryMember("torch.nn", "TransformerEncoderLayer"),
          interpreter.isNativeModuleInstance(layer, of: factory) else { return "encoder_layer was not TransformerEncoderLayer" }
    func read(_ path: String) throws -> Value {
        try path.split(separator: ".").reduce(layer) { try interpreter.attribute(of: $0, String($1)) }
    }
    if try interpreter.truthy(try read("norm_first")) { return "encoder_layer.norm_first was True" }
    if try !interpreter.truthy(try read("self_attn.batch_first")) {
        return "encoder_layer.self_attn.batch_first was not True(use batch_first for better inference performance)"
    }
    if try !interpreter.truthy(try read("self_attn._qkv_same_embed_dim")) { return "encoder_layer.self_attn._qkv_same_embed_dim was not True" }
    if try read("self_attn.in_proj_bias").isNone { return "encoder_layer.self_attn was passed bias=False" }
    if try !interpreter.truthy(try read("activation_relu_or_gelu")) { return "encoder_layer.activation_relu_or_gelu was not True" }
    if try interpreter.repr(try read("norm1.eps")) != (try interpreter.repr(try read("norm2.eps"))) {
        return "encoder_layer.norm1.eps was not equal to encoder_layer.norm2.eps"
    }
    if case let .int(heads) = try read("self_attn.num_heads"), heads % 2 == 1 { return "encoder_layer.self_attn.num_heads is odd" }
    return nil
}
