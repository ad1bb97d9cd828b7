import TensorEngine

/// `max_unpool2d`, recorded as `MaxUnpool2DBackward0`; the indices get no gradient.
extension Autodiff {
    public static func maxUnpool2d(_ input: Tensor, indices: Tensor, outputSize: [Int]) throws -> Tensor {
        let output = try Tensor.maxUnpool2d(input, indices: indices, outputSize: outputSize)
        return Recorder.record("MaxUnpool2DBackward0", inputs: [input], output: output) { node in
            let savedIndices = node.save(indices)
            return { gradient, _ in
                [try Tensor.maxUnpool2dBackward(gradOutput: gradient, indices: try savedIndices.unpack())]
            }
        }
    }
}
