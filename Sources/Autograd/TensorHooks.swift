import TensorEngine

/// A gradient hook (`tensor.register_hook(fn)`): it sees the gradient with respect to
/// its tensor and may return a replacement, or nil to keep it.
public typealias GradientHook = (Tensor) throws -> Tensor?

/// One registered hook, with the identity its `RemovableHandle` removes it by.
final class RegisteredHook {
    let body: GradientHook
    init(_ body: @escaping GradientHook) { self.body = body }
}

extension Tensor {
    /// `register_hook(fn)`: on a leaf, the hook runs before the gradient is accumulated
    /// into `.grad`; on an op's result, before that op's backward. Returns what removes it.
    public func registerHook(_ hook: @escaping GradientHook) throws -> () -> Void {
        guard requiresGrad, let meta else {
            throw TensorError.runtime("cannot register a hook on a tensor that doesn't require gradient")
        }
        let registered = RegisteredHook(hook)
        if let node = gradFn {
            let output = meta.outputNumber
            node.tensorHooks[output, default: []].append(registered)
            return { [weak node] in node?.tensorHooks[output]?.removeAll { $0 === registered } }
        }
        meta.leafHooks.append(registered)
        return { [weak meta] in meta?.leafHooks.removeAll { $0 === registered } }
    }
}

extension Node {
    /// The gradients arriving at this node after its tensors' hooks ran, in registration
    /// order; before retained gradients are stored, so `.grad` sees the hooks' result.
    func runTensorHooks(_ gradients: [Tensor?]) throws -> [Tensor?] {
        let hooksByOutput: [Int: [RegisteredHook]]
        if let accumulator = self as? AccumulateGrad {
            guard let hooks = accumulator.variable.meta?.leafHooks, !hooks.isEmpty else { return gradients }
            hooksByOutput = [0: hooks]
        } else {
            guard !tensorHooks.isEmpty else { return gradients }
            hooksByOutput = tensorHooks
        }
        var result = gradients
        for (output, hooks) in hooksByOutput where output < result.count {
            for hook in hooks {
                guard let gradient = result[output] else { break }
                if let replacement = try hook.body(gradient) { result[output] = replacement }
            }
        }
        return result
    }
}
