import TensorEngine

/// The differentiable ops: each runs the engine's forward op and, when an input requires
/// grad and grad mode is on, records the node with its backward formula (PyTorch's
/// `derivatives.yaml`, one extension file per op family). The interpreter calls these
/// instead of the engine for every op a gradient can flow through.
public enum Autodiff {}

extension Autodiff {
    /// Gives `output` a node that raises if a backward pass reaches it: the op that made
    /// it has no backward formula here yet, and a silently missing gradient would be a
    /// wrong answer.
    public static func markNotDifferentiable(_ output: Tensor, inputs: [Tensor], name: String) {
        _ = Recorder.record("NotImplemented", inputs: inputs, output: output) { _ in
            { _, _ in throw AutogradError.notDifferentiable(name).tensorError }
        }
    }
}

extension Autodiff {
    /// Gives `output` the node PyTorch gives an op whose derivative ATen declares
    /// `not_implemented` (`floor_divide`, `heaviside`): `NotImplemented`, which raises
    /// PyTorch's error when a backward pass reaches it.
    public static func markDerivativeNotImplemented(_ output: Tensor, inputs: [Tensor?], aten name: String) {
        _ = Recorder.record("NotImplemented", inputs: inputs, output: output) { _ in
            { _, _ in throw TensorError.runtime("derivative for aten::\(name) is not implemented") }
        }
    }

    /// The same for ops whose generated node exists but whose formula is ATen's
    /// `not_implemented("_unique2")`: a NotImplementedError when reached.
    public static func markDerivativeNotImplemented(_ output: Tensor, inputs: [Tensor?], node: String, notImplemented name: String) {
        _ = Recorder.record(node, inputs: inputs, output: output) { _ in
            { _, _ in throw TensorError(.notImplementedError, "the derivative for '\(name)' is not implemented.") }
        }
    }
}
