import TensorEngine

extension Autodiff {
    /// `F.unfold` (Im2ColBackward0): the gradient of extracting blocks is folding them back,
    /// summing where blocks overlap.
    public static func unfoldBlocks(_ input: Tensor, _ blocks: SlidingBlocks) throws -> Tensor {
        let output = try input.slidingBlocks(blocks)
        let imageSize = Array(input.shape.suffix(2))
        return Recorder.record("Im2ColBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.foldedBlocks(outputSize: imageSize, blocks)] }
        }
    }

    /// `F.fold` (Col2ImBackward0): the gradient of summing blocks onto an image is reading
    /// every block back out of the image's gradient.
    public static func foldBlocks(_ input: Tensor, outputSize: [Int], _ blocks: SlidingBlocks) throws -> Tensor {
        let output = try input.foldedBlocks(outputSize: outputSize, blocks)
        return Recorder.record("Col2ImBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.slidingBlocks(blocks)] }
        }
    }
}
