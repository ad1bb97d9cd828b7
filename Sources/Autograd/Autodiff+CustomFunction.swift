import TensorEngine

extension Autodiff {
    /// A user's `torch.autograd.Function`: `outputs` were computed without grad from
    /// `inputs`; one node named `name` (`GRBackward`) maps their gradients to the inputs'
    /// through `backward`. Outputs listed in `nonDifferentiable` get no history, and an
    /// output that is an input object is replaced by a fresh view of it, as PyTorch does.
    public static func recordCustomFunction(
        name: String, inputs: [Tensor?], outputs: [Tensor], nonDifferentiable: [Tensor],
        backward: @escaping (_ gradOutputs: [Tensor?]) throws -> [Tensor?]
    ) -> [Tensor] {
        let differentiable = outputs.map { output in
            output.dtype.isFloatingPoint && !nonDifferentiable.contains { $0 === output }
        }
        let outputs = outputs.map { output in inputs.contains { $0 === output } ? output.detach() : output }
        guard Recorder.shouldRecord(inputs) else { return outputs }
        let node = Node(name: name, inputs: inputs, outputCount: outputs.count) { gradients, node in
            let gradients = try backward(gradients)
            for (index, gradient) in gradients.enumerated() {
                guard let gradient, let expected = node.inputMetadata[index]?.shape,
                      gradient.shape != expected, (try? checkExpandable(expected, to: gradient.shape)) == nil else { continue }
                throw TensorError.runtime(
                    "Function \(name) returned an invalid gradient at index \(index) - got \(formatShape(gradient.shape)) but expected shape compatible with \(formatShape(expected))")
            }
            return gradients
        }
        node.isCustomFunction = true
        for (index, output) in outputs.enumerated() where differentiable[index] {
            Recorder.attach(node, to: output, output: index)
        }
        return outputs
    }
}
