import TensorEngine

extension Autodiff {
    /// `torch.embedding_bag` (EmbeddingBagBackward0): gradients reach the weight table and
    /// the per-sample weights, never the indices.
    public static func embeddingBag(weight: Tensor, indices: Tensor, offsets: Tensor, mode: EmbeddingBagMode, scaleGradByFrequency: Bool,
                                    perSampleWeights: Tensor?, includeLastOffset: Bool, paddingIndex: Int?) throws -> Tensor {
        var plan = try Tensor.embeddingBagPlan(indices: indices, offsets: offsets, rows: weight.shape[0], mode: mode,
                                               includeLastOffset: includeLastOffset, paddingIndex: paddingIndex)
        let output = try weight.embeddingBag(&plan, perSampleWeights: perSampleWeights)
        let (finalPlan, weightShape) = (plan, weight.shape)
        return Recorder.record("EmbeddingBagBackward0", inputs: [weight, perSampleWeights], output: output) { node in
            let savedWeight = node.needsGradient(1) ? node.save(weight) : nil
            let savedSamples = perSampleWeights.map { node.save($0) }
            return { gradient, _ in
                let gradients = try Tensor.embeddingBagBackward(
                    gradOutput: gradient, weightShape: weightShape, plan: finalPlan, perSampleWeights: try savedSamples?.unpack(),
                    weight: try savedWeight?.unpack(), scaleByFrequency: scaleGradByFrequency)
                return [gradients.weight, gradients.perSampleWeights]
            }
        }
    }
}
