import TensorEngine

/// `multi_margin_loss`: for each sample, Σ_{i≠y} max(0, margin − x_y + x_i)^p / C, with
/// ATen's loop order and the dtype's rounding at each step (the engine's kernels).
extension Autodiff {
    public static func multiMarginLoss(_ input: Tensor, _ target: Tensor, p: Int, margin: Double, weight: Tensor?,
                                       reduction: LossReduction) throws -> Tensor {
        let loss = try MultiMarginLoss(p: p, margin: margin, reduction: reduction)
        let output = try loss.loss(input, target: target, weight: weight)
        return Recorder.record("MultiMarginLossBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try loss.gradient(gradient, input: input, target: target, weight: weight)] }
        }
    }
}
