import TensorEngine

extension Autodiff {
    /// `F.prelu` (PreluKernelBackward0): x where x > 0, else weight · x, the weight holding
    /// one slope or one per channel (dim 1). Its input gradient is the gradient scaled the
    /// same way; the weight's is Σ x · gradient over the non-positive inputs of its channel.
    public static func prelu(_ input: Tensor, weight: Tensor) throws -> Tensor {
        guard weight.rank <= 1 else {
            throw TensorError.runtime("prelu: Expected `weight` to be a scalar or 1D tensor, but got: ndim = \(weight.rank)")
        }
        let channels = input.rank >= 2 ? input.shape[1] : 1
        guard weight.count == 1 || weight.count == channels else {
            throw TensorError.runtime(
                "Mismatch of parameter numbers and input channel size. Found parameter numbers = \(weight.count) and channel size = \(channels).")
        }
        var slopeShape = [Int](repeating: 1, count: input.rank)
        if weight.count > 1 { slopeShape[1] = channels }
        let slopes = try weight.reshape(slopeShape)
        let positive = try binary(.greater, .tensor(input), .scalar(.int(0)))
        let output = try whereSelect(positive, .tensor(input), .tensor(try binary(.multiply, .tensor(slopes), .tensor(input))))
        let weightShape = weight.shape
        return Recorder.record("PreluKernelBackward0", inputs: [input, weight], output: output) { node in
            let savedInput = node.save(input), savedWeight = node.save(weight)
            return { gradient, node in
                let x = try savedInput.unpack(), slopes = try savedWeight.unpack().reshape(slopeShape)
                let positive = try binary(.greater, .tensor(x), .scalar(.int(0)))
                let inputGradient = node.needsGradient(0)
                    ? try whereSelect(positive, .tensor(gradient), .tensor(try binary(.multiply, .tensor(slopes), .tensor(gradient)))) : nil
                var weightGradient: Tensor?
                if node.needsGradient(1) {
                    let contributions = try whereSelect(positive, .scalar(.int(0)), .tensor(try binary(.multiply, .tensor(x), .tensor(gradient))))
                    weightGradient = try sumTo(contributions, slopeShape).reshape(weightShape)
                }
                return [inputGradient, weightGradient]
            }
        }
    }
}
