import TensorEngine

extension Autodiff {
    /// `composite` (built from recorded ops) under the single name PyTorch's own kernel
    /// records (`CdistBackward0`), so `grad_fn` prints as in PyTorch: a pass-through node
    /// over the composite's graph, sharing its storage.
    public static func named(_ name: String, _ composite: Tensor) -> Tensor {
        Recorder.record(name, inputs: [composite], output: composite.detach()) { _ in
            { gradient, _ in [gradient] }
        }
    }
}
