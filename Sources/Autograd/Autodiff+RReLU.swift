import TensorEngine

extension Autodiff {
    /// `rrelu` (ATen's `rrelu_with_noise`, node RreluWithNoiseBackward0, or ...Backward1 for
    /// the in-place form). Out of training it is leaky ReLU with slope (lower + upper) / 2; in
    /// training each non-positive element is scaled by its own uniform draw in [lower, upper),
    /// and the gradient is scaled by the same noise. `inPlace` records the node of the `_`
    /// form; the caller writes the result into `input`.
    public static func rrelu(_ input: Tensor, lower: Double, upper: Double, training: Bool, inPlace: Bool,
                             generator: Generator) throws -> Tensor {
        guard lower <= upper else { throw TensorError.runtime("Lower bound should be less than or equal to the upper bound") }
        let slope = (lower + upper) / 2
        guard training else {
            return try activation(input, .leakyReLU(negativeSlope: slope), backwardName: "RreluWithNoiseBackward0", inPlace: inPlace)
        }
        let slopes = try generator.rreluNoise(for: input, lower: lower, upper: upper)
        // bfloat16 multiplies in float and keeps the slopes rounded to bfloat16, as ATen stores them.
        let output = try TensorEngine.binary(.multiply, .tensor(try input.to(slopes.dtype)), .tensor(slopes)).to(input.dtype)
        let noise = try slopes.to(input.dtype)
        let kept = try inputToSave(input, inPlace: inPlace)
        return Recorder.record(inPlace ? "RreluWithNoiseBackward1" : "RreluWithNoiseBackward0", inputs: [input], output: output) { node in
            let saved = node.save(kept)
            return { gradient, _ in
                // ATen's backward falls back to leaky ReLU's when the bounds (nearly) coincide.
                guard upper - lower <= 1e-6 else { return [try mul(gradient, noise)] }
                return [try whereSelect(try compare(.greater, try saved.unpack(), 0), .tensor(gradient), .tensor(try mul(gradient, slope)))]
            }
        }
    }
}
