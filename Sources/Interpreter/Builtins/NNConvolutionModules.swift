import Glibc
import Autograd
import TensorEngine

/// How a convolution's `padding` argument was given: numbers, or 'same' / 'valid'.
enum ConvolutionPadding: Equatable {
    case explicit([Int])
    case same
    case valid

    /// Padding before and after each spatial dim. 'same' pads dilation·(k − 1) in total,
    /// the odd element after, as PyTorch's `_convolution_mode` does.
    func geometry(kernel: [Int], stride: [Int], dilation: [Int], groups: Int) throws -> ConvolutionGeometry {
        var before = [Int](repeating: 0, count: kernel.count), after = before
        switch self {
        case let .explicit(padding):
            before = padding
            after = padding
        case .same:
            guard stride.allSatisfy({ $0 == 1 }) else {
                throw PythonError.runtimeError("padding='same' is not supported for strided convolutions")
            }
            for dim in kernel.indices {
                let total = dilation[dim] * (kernel[dim] - 1)
                before[dim] = total / 2
                after[dim] = total - total / 2
            }
        case .valid:
            break
        }
        return ConvolutionGeometry(stride: stride, paddingBefore: before, paddingAfter: after, dilation: dilation, groups: groups)
    }

    var reprText: String {
        switch self {
        case let .explicit(padding): spatialTupleRepr(padding)
        case .same: "same"
        case .valid: "valid"
        }
    }
}

/// `(3, 3)` or `(3,)`, as Python prints a tuple of ints.
func spatialTupleRepr(_ values: [Int]) -> String {
    "(" + values.map(String.init).joined(separator: ", ") + (values.count == 1 ? ",)" : ")")
}

/// An int or a sequence of `count` ints (PyTorch's `_pair`/`_single` and its C++ check).
func spatialInts(_ value: Value, count: Int, function: String, argument: String) throws -> [Int] {
    let values = try toIntList(value, function: function, argument: argument)
    if values.count == 1 { return Array(repeating: values[0], count: count) }
    guard values.count == count else {
        throw PythonError.runtimeError(
            "expected \(argument) to be a single integer value or a list of \(count) values to match the convolution dimensions, but got \(argument)=\(formatShape(values))")
    }
    return values
}

/// An int-or-tuple argument of a convolution call, `fallback` when absent.
func spatialArgument(_ bound: BoundArguments, _ argument: String, count: Int, default fallback: Int) throws -> [Int] {
    try spatialInts(bound.optional(argument) ?? .int(Int64(fallback)), count: count, function: bound.function, argument: argument)
}

/// in_channels, out_channels and groups of a Conv or ConvTranspose constructor, checked
/// as `_ConvNd.__init__` checks them.
func convolutionChannels(_ bound: BoundArguments) throws -> (input: Int, output: Int, groups: Int) {
    let (inChannels, outChannels) = (try bound.int("in_channels"), try bound.int("out_channels"))
    let groups = try bound.int("groups", default: 1)
    guard groups > 0 else { throw PythonError.valueError("groups must be a positive integer") }
    guard inChannels % groups == 0 else { throw PythonError.valueError("in_channels must be divisible by groups") }
    guard outChannels % groups == 0 else { throw PythonError.valueError("out_channels must be divisible by groups") }
    return (inChannels, outChannels, groups)
}

/// The rank check `F.conv*` make before anything else: unbatched or batched input.
func checkConvolutionInputRank(_ input: Tensor, spatialRank: Int, name: String) throws {
    guard input.rank == spatialRank + 1 || input.rank == spatialRank + 2 else {
        throw PythonError.runtimeError(
            "Expected \(spatialRank + 1)D (unbatched) or \(spatialRank + 2)D (batched) input to \(name), but got input of size: \(formatShape(input.shape))")
    }
}

/// Reads a convolution's padding argument: an int, a sequence, 'same' or 'valid'.
func convolutionPadding(_ value: Value?, count: Int, function: String) throws -> ConvolutionPadding {
    guard let value else { return .explicit(Array(repeating: 0, count: count)) }
    if case let .string(mode) = value {
        switch mode {
        case "same": return .same
        case "valid": return .valid
        default:
            throw PythonError.runtimeError("Invalid padding string: '\(mode)'")
        }
    }
    return .explicit(try spatialInts(value, count: count, function: function, argument: "padding"))
}

/// `nn.Conv1d` / `nn.Conv2d`, and with an `outputPadding` `nn.ConvTranspose1d` / `2d`,
/// initialized as `reset_parameters` does.
final class ConvolutionModule: NNModule {
    let inChannels: Int
    let outChannels: Int
    let kernelSize: [Int]
    let stride: [Int]
    let padding: ConvolutionPadding
    let dilation: [Int]
    let groups: Int
    let paddingMode: String
    /// Set for a transposed convolution, whose weight is `[in, out / groups, *kernel]`.
    let outputPadding: [Int]?

    init(name: String, inChannels: Int, outChannels: Int, kernelSize: [Int], stride: [Int], padding: ConvolutionPadding,
         dilation: [Int], groups: Int, bias: Bool, paddingMode: String, outputPadding: [Int]? = nil, dtype: DType) throws {
        (self.inChannels, self.outChannels, self.kernelSize, self.stride) = (inChannels, outChannels, kernelSize, stride)
        (self.padding, self.dilation, self.groups, self.paddingMode) = (padding, dilation, groups, paddingMode)
        self.outputPadding = outputPadding
        super.init(name: name)
        try checkWindowMagnitudes([[inChannels, outChannels, groups], kernelSize, stride, dilation, outputPadding ?? []])
        let weightShape = (outputPadding == nil ? [outChannels, inChannels / groups] : [inChannels, outChannels / groups]) + kernelSize
        parameters = try defaultInitializedParameters(
            weightShape: weightShape, fanIn: weightShape[1] * kernelSize.reduce(1, *), biasCount: bias ? outChannels : nil, dtype: dtype)
    }

    private var bias: Tensor? { parameters.count > 1 ? parameters[1].tensor : nil }

    /// The same configuration with nothing registered or drawn, for `copy.deepcopy` to fill.
    private init(copying other: ConvolutionModule) {
        (inChannels, outChannels, kernelSize, stride) = (other.inChannels, other.outChannels, other.kernelSize, other.stride)
        (padding, dilation, groups, paddingMode, outputPadding) = (other.padding, other.dilation, other.groups, other.paddingMode, other.outputPadding)
        super.init(name: other.name)
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { ConvolutionModule(copying: self) }

    /// PyTorch's `_ConvNd.extra_repr`: settings left at their defaults are omitted.
    override func extraRepr() -> String {
        var text = "\(inChannels), \(outChannels), kernel_size=\(spatialTupleRepr(kernelSize)), stride=\(spatialTupleRepr(stride))"
        if padding != .explicit(Array(repeating: 0, count: kernelSize.count)) { text += ", padding=\(padding.reprText)" }
        if dilation.contains(where: { $0 != 1 }) { text += ", dilation=\(spatialTupleRepr(dilation))" }
        if let outputPadding, outputPadding.contains(where: { $0 != 0 }) { text += ", output_padding=\(spatialTupleRepr(outputPadding))" }
        if groups != 1 { text += ", groups=\(groups)" }
        if bias == nil { text += ", bias=False" }
        if paddingMode != "zeros" { text += ", padding_mode=\(paddingMode)" }
        return text
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func tuple(_ values: [Int]) -> Value { .tuple(values.map { .int(Int64($0)) }) }
        switch attribute {
        case "in_channels": return .int(Int64(inChannels))
        case "out_channels": return .int(Int64(outChannels))
        case "kernel_size": return tuple(kernelSize)
        case "stride": return tuple(stride)
        case "dilation": return tuple(dilation)
        case "groups": return .int(Int64(groups))
        case "padding_mode": return .string(paddingMode)
        case "transposed": return .bool(outputPadding != nil)
        case "output_padding": return tuple(outputPadding ?? kernelSize.map { _ in 0 })
        case "padding":
            if case let .explicit(values) = padding { return tuple(values) }
            return .string(padding.reprText)
        case "bias" where bias == nil: return Value.none
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        var input = try arguments.bind("forward", ["input"]).tensor("input")
        var geometry = try padding.geometry(kernel: kernelSize, stride: stride, dilation: dilation, groups: groups)
        if let outputPadding {
            return .tensor(try interpreter.transposedConvolve(input, weight: parameters[0].tensor, bias: bias, geometry: geometry,
                                                              outputPadding: outputPadding, name: "conv_transpose\(kernelSize.count)d"))
        }
        if paddingMode != "zeros" {
            // As `_conv_forward`: pad by the mode first, then convolve without padding.
            input = try paddedByMode(input, before: geometry.paddingBefore, after: geometry.paddingAfter, mode: paddingMode)
            geometry.paddingBefore = geometry.paddingBefore.map { _ in 0 }
            geometry.paddingAfter = geometry.paddingAfter.map { _ in 0 }
        }
        return .tensor(try interpreter.convolve(input, weight: parameters[0].tensor, bias: bias, geometry: geometry, name: name.lowercased()))
    }
}

/// Pads the trailing spatial dims by 'reflect', 'replicate' or 'circular' as `F.pad` does;
/// its pairs run from the last dim backwards.
private func paddedByMode(_ input: Tensor, before: [Int], after: [Int], mode: String) throws -> Tensor {
    guard let paddingMode = PaddingMode(rawValue: mode) else { throw PythonError.notImplemented("Unrecognised padding mode \(mode)") }
    let pads = zip(before, after).reversed().flatMap { [$0.0, $0.1] }
    return try Autodiff.modePadded(input, pads, mode: paddingMode)
}

/// The `reset_parameters` of Linear and Conv layers, drawing from `Generator.default` in
/// PyTorch's order: `kaiming_uniform_(weight, a=sqrt(5))`, i.e. U(−b, b) with
/// b = √3 · gain / √fan_in and gain = √(2 / (1 + a²)) in torch.nn.init's arithmetic,
/// then the bias from U(−1/√fan_in, 1/√fan_in).
func defaultInitializedParameters(weightShape: [Int], fanIn: Int, biasCount: Int?, dtype: DType) throws -> [(name: String, tensor: Tensor)] {
    let weight = try Tensor.zeros(shape: weightShape, dtype: dtype)
    if fanIn > 0 {
        let a = Glibc.sqrt(5.0)
        let gain = Glibc.sqrt(2.0 / (1 + a * a))
        let std = gain / Glibc.sqrt(Double(fanIn))
        let bound = Glibc.sqrt(3.0) * std
        try Generator.default.uniform_(initialized(weight), from: -bound, to: bound)
    }
    guard let biasCount else { return [("weight", weight)] }
    let biasTensor = try Tensor.zeros(shape: [biasCount], dtype: dtype)
    let biasBound = fanIn > 0 ? 1 / Glibc.sqrt(Double(fanIn)) : 0
    try Generator.default.uniform_(initialized(biasTensor), from: -biasBound, to: biasBound)
    return [("weight", weight), ("bias", biasTensor)]
}

extension Interpreter {
    /// A convolution after the rank check `F.conv1d`/`F.conv2d` make before anything else.
    func convolve(_ input: Tensor, weight: Tensor, bias: Tensor?, geometry: ConvolutionGeometry, name: String) throws -> Tensor {
        try checkConvolutionInputRank(input, spatialRank: geometry.stride.count, name: name)
        if geometry.paddingBefore != geometry.paddingAfter {
            warnOncePerProgram(
                "Using padding='same' with even kernel lengths and odd dilation may require a zero-padded copy of the input be created (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/Convolution.cpp:1135.)")
        }
        return try Autodiff.convolution(input, weight: weight, bias: bias, geometry: geometry)
    }

    /// PyTorch's TORCH_WARN_ONCE: shown the first time in a program, wherever that is.
    func warnOncePerProgram(_ message: String) {
        guard shownWarnings.insert("once:" + message).inserted else { return }
        warn(message)
    }
}

extension Interpreter {
    func convolutionModuleMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for (name, spatialRank) in [("Conv1d", 1), ("Conv2d", 2), ("Conv3d", 3)] {
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                let bound = try arguments.bind(name, ["in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation",
                                                      "groups", "bias", "padding_mode", "device", "dtype"])
                func ints(_ argument: String, default fallback: Int) throws -> [Int] {
                    try spatialArgument(bound, argument, count: spatialRank, default: fallback)
                }
                let (inChannels, outChannels, groups) = try convolutionChannels(bound)
                let paddingMode = try bound.string("padding_mode", default: "zeros")
                guard ["zeros", "reflect", "replicate", "circular"].contains(paddingMode) else {
                    throw PythonError.valueError(
                        "padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='\(paddingMode)'")
                }
                return .native(try ConvolutionModule(
                    name: name, inChannels: inChannels, outChannels: outChannels,
                    kernelSize: try spatialInts(try bound.value("kernel_size"), count: spatialRank, function: name, argument: "kernel_size"),
                    stride: try ints("stride", default: 1),
                    padding: try convolutionPadding(bound.optional("padding"), count: spatialRank, function: name),
                    dilation: try ints("dilation", default: 1), groups: groups, bias: try bound.bool("bias", default: true),
                    paddingMode: paddingMode, dtype: try bound.dtype("dtype") ?? defaultFloatDType))
            })
        }
        return members
    }

    func functionalConvolutionMembers() -> [String: Value] {
        var entries: [(String, [String], FunctionalBody)] = []
        for (name, spatialRank) in [("conv1d", 1), ("conv2d", 2), ("conv3d", 3)] {
            entries.append((name, ["input", "weight", "bias", "stride", "padding", "dilation", "groups"], { interpreter, bound in
                let weight = try bound.tensor("weight")
                try checkConvolutionParameterCounts(bound, weight: weight, spatialRank: spatialRank)
                func ints(_ argument: String) throws -> [Int] {
                    try spatialInts(bound.optional(argument) ?? .int(1), count: spatialRank, function: name, argument: argument)
                }
                let padding = try convolutionPadding(bound.optional("padding"), count: spatialRank, function: name)
                // A weight of the wrong rank is reported by the convolution's own check.
                let kernel = weight.rank == spatialRank + 2 ? Array(weight.shape.dropFirst(2)) : Array(repeating: 1, count: spatialRank)
                let geometry = try padding.geometry(kernel: kernel, stride: try ints("stride"),
                                                    dilation: try ints("dilation"), groups: try bound.int("groups", default: 1))
                return .tensor(try interpreter.convolve(try bound.tensor("input"), weight: weight, bias: try bound.optionalTensor("bias"),
                                            geometry: geometry, name: name))
            }))
        }
        return functionalTable(entries)
    }
}
