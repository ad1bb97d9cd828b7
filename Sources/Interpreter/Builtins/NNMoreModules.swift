import Glibc
import Autograd
import TensorEngine

/// `nn.PixelShuffle`, `nn.PixelUnshuffle`, `nn.Softmax2d`, `nn.Bilinear` and `F.bilinear`,
/// with the upsampling layers and `nn.EmbeddingBag`, for `layerModuleMembers`.
extension Interpreter {
    func moreLayerModuleMembers() -> [String: Value] {
        var members = upsamplingModuleMembers()
        members["EmbeddingBag"] = embeddingBagMembers().module
        members.merge(simpleLayerModuleMembers()) { _, new in new }
        members.merge(unpoolAndPowerPoolModuleMembers()) { _, new in new }
        members.merge(channelShuffleModuleMembers()) { _, new in new }
        for (name, argument, inverse) in [("PixelShuffle", "upscale_factor", false), ("PixelUnshuffle", "downscale_factor", true)] {
            members[name] = .builtin(Builtin(name) { _, arguments in
                let factor = try arguments.bind(name, [argument]).int(argument)
                return .native(FunctionModule(name: name, description: "\(argument)=\(factor)") { _, input in
                    .tensor(try Autodiff.pixelShuffle(input, factor: factor, inverse: inverse))
                })
            })
        }
        members["Softmax2d"] = .builtin(Builtin("Softmax2d") { _, arguments in
            _ = try arguments.bind("Softmax2d", [])
            return .native(FunctionModule(name: "Softmax2d") { _, input in
                guard input.rank == 3 || input.rank == 4 else {
                    throw PythonError.valueError("Softmax2d: expected input to be 3D or 4D, got \(input.rank)D instead")
                }
                return .tensor(try Autodiff.softmax(input, dim: -3))
            })
        })
        members["Bilinear"] = .builtin(Builtin("Bilinear") { _, arguments in
            let bound = try arguments.bind("Bilinear", ["in1_features", "in2_features", "out_features", "bias", "device", "dtype"])
            return .native(try BilinearModule(
                inputs: (try bound.int("in1_features"), try bound.int("in2_features")), outputs: try bound.int("out_features"),
                bias: try bound.bool("bias", default: true), dtype: try bound.dtype("dtype") ?? defaultFloatDType))
        })
        return members
    }

    func functionalMoreMembers() -> [String: Value] {
        var members = functionalUpsamplingMembers().merging(embeddingBagMembers().functional) { _, new in new }
        members.merge(functionalSimpleMembers()) { _, new in new }
        members.merge(functionalGridMembers()) { _, new in new }
        members.merge(functionalUnpoolAndPowerPoolMembers()) { _, new in new }
        members.merge(functionalChannelShuffleMembers()) { _, new in new }
        members.merge(functionalCTCLossMembers()) { _, new in new }
        members.merge(functionalTable([
            ("bilinear", ["input1", "input2", "weight", "bias"], { _, bound in
                .tensor(try Autodiff.bilinear(try bound.tensor("input1"), try bound.tensor("input2"), weight: try bound.tensor("weight"),
                                              bias: try bound.optionalTensor("bias")))
            }),
        ])) { _, new in new }
        return members
    }
}

/// `nn.Bilinear(in1_features, in2_features, out_features, bias=True)`. `reset_parameters`
/// draws the weight `[out, in1, in2]`, then the bias, from U(−1/√in1, 1/√in1).
final class BilinearModule: NNModule {
    let inputs: (Int, Int)
    let outputs: Int

    init(inputs: (Int, Int), outputs: Int, bias: Bool, dtype: DType) throws {
        (self.inputs, self.outputs) = (inputs, outputs)
        super.init(name: "Bilinear")
        guard inputs.0 >= 0, inputs.1 >= 0, outputs >= 0 else {
            throw PythonError.runtimeError(
                "Trying to create tensor with negative dimension \([outputs, inputs.0, inputs.1].first { $0 < 0 } ?? 0): [\(outputs), \(inputs.0), \(inputs.1)]")
        }
        let weight = try Tensor.zeros(shape: [outputs, inputs.0, inputs.1], dtype: dtype)
        let biasTensor = bias ? try Tensor.zeros(shape: [outputs], dtype: dtype) : nil
        // PyTorch divides by √in1 even when it is 0 (an empty weight draws nothing).
        let bound = 1 / Glibc.sqrt(Double(inputs.0))
        if weight.count > 0 { try Generator.default.uniform_(weight, from: -bound, to: bound) }
        if let biasTensor, biasTensor.count > 0 { try Generator.default.uniform_(biasTensor, from: -bound, to: bound) }
        initialized(weight)
        if let biasTensor { initialized(biasTensor) }
        parameters = [("weight", weight)] + (biasTensor.map { [("bias", $0)] } ?? [])
    }

    private init(copying other: BilinearModule) {
        (inputs, outputs) = (other.inputs, other.outputs)
        super.init(name: other.name)
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { BilinearModule(copying: self) }

    private var bias: Tensor? { registry.parameters.item("bias") ?? nil }

    override func extraRepr() -> String {
        "in1_features=\(inputs.0), in2_features=\(inputs.1), out_features=\(outputs), bias=\(bias != nil ? "True" : "False")"
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "in1_features": return .int(Int64(inputs.0))
        case "in2_features": return .int(Int64(inputs.1))
        case "out_features": return .int(Int64(outputs))
        case "bias" where bias == nil: return Value.none
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("forward", ["input1", "input2"])
        guard let weight = registry.parameters.item("weight") ?? nil else { throw PythonError.attributeError("'Bilinear' object has no attribute 'weight'") }
        return .tensor(try Autodiff.bilinear(try bound.tensor("input1"), try bound.tensor("input2"), weight: weight, bias: bias))
    }
}

/// ATen's `_convolution` expands stride, padding and dilation to the weight's spatial rank
/// before anything else checks shapes, so a weight of the wrong rank is first reported as
/// a list of the wrong length. `F.conv*` has already widened a single int to its own rank.
func checkConvolutionParameterCounts(_ bound: BoundArguments, weight: Tensor, spatialRank: Int) throws {
    guard weight.rank != spatialRank + 2 else { return }
    guard weight.rank >= 3 else { throw PythonError.runtimeError("weight should have at least three dimensions") }
    if case .string = bound.optional("padding") ?? Value.none { return }
    for (argument, fallback) in [("stride", 1), ("padding", 0), ("dilation", 1)] {
        let given = bound.optional(argument) ?? .int(Int64(fallback))
        var values = try toIntList(given, function: bound.function, argument: argument)
        if case .int = given { values = Array(repeating: values[0], count: spatialRank) }
        if values.count != 1, values.count != weight.rank - 2 {
            throw PythonError.runtimeError(
                "expected \(argument) to be a single integer value or a list of \(weight.rank - 2) values to match the convolution dimensions, but got \(argument)=\(formatShape(values))")
        }
    }
}
