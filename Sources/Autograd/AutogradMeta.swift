import TensorEngine

/// Autograd's record for one tensor, as PyTorch's `AutogradMeta`: whether it requires
/// grad, its accumulated `.grad`, and the node that produced it (`grad_fn`).
final class AutogradMeta: AutogradMetadata {
    var requiresGrad: Bool
    var grad: Tensor?
    var gradFn: Node?
    /// Which output of `gradFn` this tensor is.
    var outputNumber = 0
    var retainsGrad = false
    var isParameter = false
    /// Held weakly, as PyTorch does: the node holds the tensor, not the other way round.
    weak var gradAccumulator: AccumulateGrad?
    /// For a view made by a recorded op, the tensor it is a view of (PyTorch's `_base`):
    /// an in-place write through the view changes the base's history too.
    var viewBase: Tensor?
    /// The version the view's history was recorded at: a write since (through the base
    /// or another view) makes `grad_fn` regenerate it, as PyTorch does.
    var viewVersion = 0
    var viewCreation = ViewCreation.ordinary
    /// `register_hook` on a leaf: run on its gradient before it is accumulated.
    var leafHooks: [RegisteredHook] = []

    init(requiresGrad: Bool, gradFn: Node? = nil, outputNumber: Int = 0) {
        self.requiresGrad = requiresGrad
        self.gradFn = gradFn
        self.outputNumber = outputNumber
    }
}

extension Tensor {
    var meta: AutogradMeta? { autograd as? AutogradMeta }

    private var ensuredMeta: AutogradMeta {
        if let meta { return meta }
        let created = AutogradMeta(requiresGrad: false)
        autograd = created
        return created
    }

    /// `requires_grad`: a leaf asked for it, or the tensor came out of a recorded op.
    public var requiresGrad: Bool {
        guard let meta else { return false }
        if meta.requiresGrad || meta.gradFn != nil { return true }
        return meta.viewCreation == .inNoGradMode && meta.viewBase?.requiresGrad == true
    }

    /// `grad_fn`: the node that made this tensor, nil for leaves. For a view whose
    /// storage was written in place since its history was recorded, PyTorch's regenerated
    /// history (AsStridedBackward0 from the base), so gradients follow the base's new history.
    public var gradFn: Node? {
        guard let meta else { return nil }
        // A view made with grad mode off has no history to regenerate.
        if let base = meta.viewBase, meta.gradFn != nil, meta.viewVersion != storage.version {
            Autodiff.regenerateViewHistory(self, base: base)
        }
        return meta.gradFn
    }

    /// `is_leaf`: every tensor that no recorded op produced.
    public var isLeaf: Bool { meta?.gradFn == nil }

    /// `output_nr`: which output of its node this tensor is (0 for leaves and single outputs).
    public var outputNumber: Int { meta?.outputNumber ?? 0 }

    /// `.grad`: the gradient accumulated by backward passes (leaves, and tensors that
    /// called `retain_grad()`).
    public var grad: Tensor? {
        get { meta?.grad }
        set { ensuredMeta.grad = newValue }
    }

    public var retainsGrad: Bool { meta?.retainsGrad ?? false }

    /// Whether this tensor is an `nn.Parameter` (its repr starts `Parameter containing:`).
    public var isParameter: Bool {
        get { meta?.isParameter ?? false }
        set { ensuredMeta.isParameter = newValue }
    }

    /// Who asked for gradients: PyTorch words the dtype refusal differently for each.
    public enum RequiresGradSource: Sendable {
        /// `x.requires_grad = True`
        case attribute
        /// `x.requires_grad_()`
        case method
        /// `torch.ones(..., requires_grad=True)`, `nn.Parameter(t)`
        case factory
    }

    /// `requires_grad_(flag)` and `x.requires_grad = flag`.
    public func setRequiresGrad(_ flag: Bool, source: RequiresGradSource = .attribute) throws {
        // `requires_grad_()` on a computed tensor is a no-op; only turning it off is refused.
        if !isLeaf && flag && source == .method { return }
        if !isLeaf {
            throw TensorError.runtime(
                "you can only change requires_grad flags of leaf variables."
                    + (flag ? "" : " If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."))
        }
        if flag && !dtype.isFloatingPoint {
            switch source {
            case .attribute: throw TensorError.runtime("only Tensors of floating point and complex dtype can require gradients")
            case .method: throw TensorError.runtime("only Tensors of floating point dtype can require gradients")
            case .factory: throw TensorError.runtime("Only Tensors of floating point and complex dtype can require gradients")
            }
        }
        if flag || meta != nil { ensuredMeta.requiresGrad = flag }
    }

    /// `retain_grad()`: a non-leaf keeps its gradient in `.grad` after backward.
    public func retainGrad() throws {
        guard requiresGrad else {
            throw TensorError.runtime("can't retain_grad on Tensor that has requires_grad=False")
        }
        if isLeaf { return }
        ensuredMeta.retainsGrad = true
        meta?.gradFn?.retain(self, output: meta?.outputNumber ?? 0)
    }

    /// The suffix PyTorch's repr adds for autograd: `grad_fn=<MulBackward0>` or
    /// `requires_grad=True`.
    public var autogradReprSuffixes: [String] {
        if let node = gradFn { return ["grad_fn=<\(node.name)>"] }
        return requiresGrad ? ["requires_grad=True"] : []
    }

    /// `detach_()`: cuts this tensor itself from the graph; it becomes a leaf.
    public func detachInPlace() {
        guard let meta else { return }
        meta.gradFn = nil
        meta.requiresGrad = false
        meta.outputNumber = 0
    }
}
