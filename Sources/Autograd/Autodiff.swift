import TensorEngine

/// The differentiable ops: each runs the engine's forward op and, when an input requires
/// grad and grad mode is on, records the node with its backward formula (PyTorch's
/// `derivatives.yaml`, one extension file per op family). The interpreter calls these
/// instead of the engine for every op a gradient can flow through.
public enum Autodiff {}
