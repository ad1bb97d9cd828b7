import Autograd
import TensorEngine

/// `nn.ConvTranspose1d` / `2d` / `3d` and `F.conv_transpose1d` / `2d` / `3d`.
extension Interpreter {
    func transposedConvolutionModuleMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for (name, spatialRank) in [("ConvTranspose1d", 1), ("ConvTranspose2d", 2), ("ConvTranspose3d", 3)] {
            members[name] = .builtin(Builtin(name) { _, arguments in
                let bound = try arguments.bind(name, ["in_channels", "out_channels", "kernel_size", "stride", "padding", "output_padding",
                                                      "groups", "bias", "dilation", "padding_mode", "device", "dtype"])
                func ints(_ argument: String, default fallback: Int) throws -> [Int] {
                    try spatialArgument(bound, argument, count: spatialRank, default: fallback)
                }
                let (inChannels, outChannels, groups) = try convolutionChannels(bound)
                let paddingMode = try bound.string("padding_mode", default: "zeros")
                guard paddingMode == "zeros" else { throw PythonError.valueError("Only \"zeros\" padding mode is supported for \(name)") }
                return .native(try ConvolutionModule(
                    name: name, inChannels: inChannels, outChannels: outChannels,
                    kernelSize: try spatialInts(try bound.value("kernel_size"), count: spatialRank, function: name, argument: "kernel_size"),
                    stride: try ints("stride", default: 1), padding: .explicit(try ints("padding", default: 0)),
                    dilation: try ints("dilation", default: 1), groups: groups, bias: try bound.bool("bias", default: true),
                    paddingMode: paddingMode, outputPadding: try ints("output_padding", default: 0),
                    dtype: try bound.dtype("dtype") ?? defaultFloatDType))
            })
        }
        return members
    }

    func functionalTransposedConvolutionMembers() -> [String: Value] {
        var entries: [(String, [String], FunctionalBody)] = []
        for spatialRank in [1, 2, 3] {
            let name = "conv_transpose\(spatialRank)d"
            entries.append((name, ["input", "weight", "bias", "stride", "padding", "output_padding", "groups", "dilation"], { interpreter, bound in
                func ints(_ argument: String, default fallback: Int) throws -> [Int] {
                    try spatialArgument(bound, argument, count: spatialRank, default: fallback)
                }
                let padding = try ints("padding", default: 0)
                let geometry = ConvolutionGeometry(stride: try ints("stride", default: 1), paddingBefore: padding, paddingAfter: padding,
                                                   dilation: try ints("dilation", default: 1), groups: try bound.int("groups", default: 1))
                return .tensor(try interpreter.transposedConvolve(
                    try bound.tensor("input"), weight: try bound.tensor("weight"), bias: try bound.optionalTensor("bias"),
                    geometry: geometry, outputPadding: try ints("output_padding", default: 0), name: name))
            }))
        }
        return functionalTable(entries)
    }

    /// A transposed convolution after the input-rank check PyTorch makes first.
    func transposedConvolve(_ input: Tensor, weight: Tensor, bias: Tensor?, geometry: ConvolutionGeometry,
                            outputPadding: [Int], name: String) throws -> Tensor {
        try checkConvolutionInputRank(input, spatialRank: geometry.stride.count, name: name)
        return try Autodiff.transposedConvolution(input, weight: weight, bias: bias, geometry: geometry, outputPadding: outputPadding)
    }
}
