import TensorEngine

/// How a view came to be, as PyTorch's `CreationMeta`: it decides whether an in-place
/// write through the view can be recorded, since the view's history is then rebuilt from
/// its base.
enum ViewCreation {
    case ordinary
    /// One of several views an op returned (`unbind`, `split`, `chunk`): there is no one
    /// node to rebuild it from, so in-place writes are refused.
    case multipleOutputs
    /// Made while grad mode was off, from a tensor that requires grad: it reports
    /// `requires_grad=True` through its base, yet has no history of its own.
    case inNoGradMode
}

extension Recorder {
    /// A view taken with grad mode off (`with torch.no_grad(): y = x[0]`) of a tensor that
    /// requires grad: PyTorch still links it to its base, so it prints `requires_grad=True`
    /// and refuses an in-place write once grad mode is back on.
    static func markViewMadeWithoutGrad(_ output: Tensor, of input: Tensor?) {
        guard !GradMode.isEnabled, let input, input.requiresGrad, output !== input, output.sharesStorage(with: input) else { return }
        let meta = AutogradMeta(requiresGrad: false)
        meta.viewBase = input.meta?.viewBase ?? input
        meta.viewCreation = .inNoGradMode
        output.autograd = meta
    }

    /// The pieces of `unbind`, `split` and `chunk` of a tensor are views of it.
    static func markViewsOfOneOutput(_ outputs: [Tensor], of input: Tensor?) {
        guard let input else { return }
        for output in outputs where output !== input && output.sharesStorage(with: input) {
            output.meta?.viewBase = input.meta?.viewBase ?? input
            output.meta?.viewCreation = .multipleOutputs
            output.meta?.viewVersion = output.storage.version
        }
    }
}

extension Autodiff {
    /// PyTorch's `handle_view_on_rebase`: an in-place write with grad mode on through a
    /// view whose history cannot be rebuilt. `writtenNode` names the view written
    /// (`y[0][0] = 1` writes a select of `y[0]`); by default the target itself.
    static func checkViewRebase(_ target: Tensor, writtenNode: (name: String, output: Int)? = nil) throws {
        guard GradMode.isEnabled, let meta = target.meta, meta.viewBase != nil, target.requiresGrad else { return }
        switch meta.viewCreation {
        case .ordinary: return
        case .multipleOutputs:
            let node = writtenNode ?? (meta.gradFn?.name ?? "", meta.outputNumber)
            throw TensorError.runtime(
                "Output \(node.output) of \(forwardName(node.name)) is a view and is being modified inplace. This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.")
        case .inNoGradMode:
            throw TensorError.runtime(
                "A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).")
        }
    }
}
