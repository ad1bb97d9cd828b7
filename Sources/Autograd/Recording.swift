import TensorEngine

/// Attaches the graph to ops' results: the one place where a forward op becomes a node.
enum Recorder {
    /// Whether an op on `inputs` must record a node.
    static func shouldRecord(_ inputs: [Tensor?]) -> Bool {
        inputs.contains { $0?.requiresGrad == true } && GradMode.isEnabled
    }

    /// `record` for inputs that are all present. Passing `[Tensor]` where `[Tensor?]` is
    /// declared converts the array through a dynamic cast per element, which cost a small
    /// `torch.cat` a tenth of its time even when nothing is recorded.
    static func record(
        _ name: String, inputs: [Tensor], output: Tensor,
        _ makeBackward: (Node) -> (_ gradOutput: Tensor, _ node: Node) throws -> [Tensor?]
    ) -> Tensor {
        // One input may still need its view marked when nothing is recorded: the general path does that.
        guard inputs.count == 1 || (GradMode.isEnabled && inputs.contains(where: \.requiresGrad)) else { return output }
        return record(name, inputs: inputs.map { Optional($0) }, output: output, makeBackward)
    }

    /// Records `output = op(inputs)` as node `name`. `makeBackward` runs only when the
    /// graph is recorded, so it can save tensors on the node it is given.
    static func record(
        _ name: String, inputs: [Tensor?], output: Tensor,
        _ makeBackward: (Node) -> (_ gradOutput: Tensor, _ node: Node) throws -> [Tensor?]
    ) -> Tensor {
        guard shouldRecord(inputs), output.dtype.isFloatingPoint else {
            if inputs.count == 1 { markViewMadeWithoutGrad(output, of: inputs[0]) }
            return output
        }
        var formula: ((Tensor, Node) throws -> [Tensor?])?
        let node = Node(name: name, inputs: inputs) { gradients, node in
            guard let gradient = gradients.first ?? nil, let formula else { return [] }
            return try formula(gradient, node)
        }
        formula = makeBackward(node)
        attach(node, to: output, output: 0)
        // A view of its one input: remember the base, for in-place writes through it.
        if inputs.count == 1, let input = inputs[0], output !== input, output.sharesStorage(with: input) {
            output.meta?.viewBase = input.meta?.viewBase ?? input
            output.meta?.viewVersion = output.storage.version
            // A view of a view keeps how its base view was made, as PyTorch propagates it.
            if input.meta?.viewBase != nil { output.meta?.viewCreation = input.meta?.viewCreation ?? .ordinary }
        }
        return output
    }

    /// Records an op with several outputs (split, max with indices): one node, one
    /// gradient slot per output; a missing gradient is nil.
    static func recordMany(
        _ name: String, inputs: [Tensor?], outputs: [Tensor],
        _ makeBackward: (Node) -> (_ gradOutputs: [Tensor?], _ node: Node) throws -> [Tensor?]
    ) -> [Tensor] {
        guard shouldRecord(inputs) else { return outputs }
        var formula: (([Tensor?], Node) throws -> [Tensor?])?
        let node = Node(name: name, inputs: inputs, outputCount: outputs.count) { gradients, node in
            guard let formula else { return [] }
            return try formula(gradients, node)
        }
        formula = makeBackward(node)
        for (index, output) in outputs.enumerated() where output.dtype.isFloatingPoint {
            attach(node, to: output, output: index)
        }
        if inputs.count == 1 { markViewsOfOneOutput(outputs, of: inputs[0]) }
        return outputs
    }

    static func attach(_ node: Node, to tensor: Tensor, output: Int) {
        if output < node.outputShapes.count { node.outputShapes[output] = tensor.shape }
        if let meta = tensor.meta {
            meta.gradFn = node
            meta.outputNumber = output
            meta.requiresGrad = true
        } else {
            tensor.autograd = AutogradMeta(requiresGrad: true, gradFn: node, outputNumber: output)
        }
    }
}
