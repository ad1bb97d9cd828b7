import TensorEngine

/// One parameter's optimizer state, as `optimizer.state[p]` and `state_dict()` list it.
public protocol OptimizerParameterState: AnyObject {
    /// The state's entries in the order PyTorch inserts them; `step` is PyTorch's float32
    /// scalar tensor.
    var entries: [(name: String, value: Tensor)] { get }
}

/// The `step` entry as PyTorch keeps it: a float32 scalar tensor.
func stepEntry(_ step: Double) -> (name: String, value: Tensor) { ("step", Tensor(scalar: Float(step))) }

extension OptimizerMath {
    /// SGD's state: the momentum buffer, once momentum has run.
    public final class MomentumState: OptimizerParameterState {
        public let buffer: Tensor
        public init(buffer: Tensor) { self.buffer = buffer }
        public var entries: [(name: String, value: Tensor)] { [("momentum_buffer", buffer)] }
    }
}

extension OptimizerMath.AdamState: OptimizerParameterState {
    public var entries: [(name: String, value: Tensor)] {
        [stepEntry(step), ("exp_avg", expAvg), ("exp_avg_sq", expAvgSq)] + (maxExpAvgSq.map { [("max_exp_avg_sq", $0)] } ?? [])
    }
}

extension OptimizerMath.AdadeltaState: OptimizerParameterState {
    public var entries: [(name: String, value: Tensor)] { [stepEntry(step), ("square_avg", squareAvg), ("acc_delta", accDelta)] }
}
