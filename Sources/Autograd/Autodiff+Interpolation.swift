import TensorEngine

/// `F.interpolate`, recorded under PyTorch's node names (`UpsampleNearest2DBackward0`,
/// `UpsampleTrilinear3DBackward0`, ...).
extension Autodiff {
    public static func interpolate(_ input: Tensor, size: [Int], scaleFactors: [Double]?, mode: InterpolationMode,
                                   alignCorners: Bool) throws -> Tensor {
        let output = try input.interpolated(size: size, scaleFactors: scaleFactors, mode: mode, alignCorners: alignCorners)
        let inputShape = input.shape
        let name = "Upsample\(mode.nodeWord)\(size.count)DBackward0"
        return Recorder.record(name, inputs: [input], output: output) { _ in
            { gradient, _ in
                [try Tensor.interpolationBackward(gradOutput: gradient, inputShape: inputShape, scaleFactors: scaleFactors, mode: mode,
                                                  alignCorners: alignCorners)]
            }
        }
    }
}
