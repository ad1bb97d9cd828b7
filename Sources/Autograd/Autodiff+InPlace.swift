import TensorEngine

extension Autodiff {
    /// An in-place op (`add_`, `mul_`, `x += y`, `clamp_`): computes the differentiable
    /// out-of-place result, writes it into `target` (bumping its version) and moves
    /// `target`'s history to the new node, as PyTorch's `rebase_history` does.
    public static func inPlace(_ target: Tensor, _ compute: (Tensor) throws -> Tensor) throws -> Tensor {
        try checkViewRebase(target)
        if GradMode.isEnabled && target.isLeaf && target.requiresGrad { throw AutogradError.leafInPlace.tensorError }
        if GradMode.isEnabled, let base = target.meta?.viewBase { return try inPlace(view: target, of: base, compute) }
        let result = try compute(target)
        if GradMode.isEnabled, result.storage !== target.storage, let node = result.gradFn { try node.keepSavedValues(beforeWritingInto: target) }
        try target.assignInPlace(result)
        target.markWrittenInPlace()
        if GradMode.isEnabled, let node = result.gradFn {
            Recorder.attach(node, to: target, output: result.meta?.outputNumber ?? 0)
        }
        return target
    }

    /// Writes an already computed result into `target`, as `inPlace` does.
    public static func assignResult(_ target: Tensor, _ result: Tensor) throws {
        _ = try inPlace(target) { _ in result }
    }

    /// A write that ignores autograd (`fill_`, `zero_`, `copy_`, `x[i] = v`, the `nn.init`
    /// functions): refused on a leaf that requires grad while grad mode is on.
    public static func checkWritable(_ target: Tensor) throws {
        try checkViewRebase(target)
        if GradMode.isEnabled && target.isLeaf && target.requiresGrad { throw AutogradError.leafInPlace.tensorError }
    }
}

extension Autodiff {
    /// `x[indices] = value`. When a gradient flows through the write, the target's new
    /// node (PyTorch's `CopySlices`) sends the written positions' gradient to `value`
    /// and the rest to the target's old history.
    public static func setItem(_ target: Tensor, _ indices: [TensorIndex], value: Operand) throws {
        // Basic indices write through a view of the target, which the refusal names.
        let advanced = indices.contains { if case .tensor = $0 { return true } else { return false } }
        // The subscript's form is not known here; one slice is taken as `x[a:b]`.
        let oneSlice = indices.count == 1 && { if case .slice = indices[0] { true } else { false } }()
        let viewName = advanced ? nil : basicIndexName(indices, input: target, bareSlice: oneSlice)
        try checkViewRebase(target, writtenNode: viewName.flatMap { $0 == "AliasBackward0" ? nil : ($0, 0) })
        if GradMode.isEnabled && target.isLeaf && target.requiresGrad {
            // Basic indexing that narrows (`a[0] = v`, `a[0:1] = v`) writes through a view of
            // the leaf; advanced indices and whole-tensor slices write to the leaf itself.
            let narrows = indices.contains { index in
                switch index {
                case .integer: return true
                case let .slice(start, stop, step): return start != nil || stop != nil || (step != nil && step != 1)
                default: return false
                }
            }
            throw (narrows && !advanced ? AutogradError.leafViewInPlace : AutogradError.leafInPlace).tensorError
        }
        let valueTensor = value.tensorValue
        guard Recorder.shouldRecord([target, valueTensor]) else {
            try target.setItem(indices, value: value)
            target.markWrittenInPlace()
            return
        }
        try target.setItem(indices, value: value)
        target.markWrittenInPlace()
        // A number value is not an input of the node, except of index_put_, which wraps it as a tensor.
        let name = setItemNodeName(indices, numberValue: valueTensor == nil)
        let inputs = valueTensor != nil || name == "IndexPutBackward0" ? [target, valueTensor] : [target]
        _ = Recorder.record(name, inputs: inputs, output: target) { _ in
            { gradient, node in
                var gradTarget: Tensor?
                if node.needsGradient(0) {
                    let copy = try gradient.clone()
                    try copy.setItem(indices, value: .scalar(.int(0)))
                    gradTarget = copy
                }
                return [gradTarget, node.needsGradient(1) ? try gradient.getItem(indices) : nil]
            }
        }
    }
}

extension Autodiff {
    /// An in-place op through a view (`y[0:2].mul_(3)`), as PyTorch's `rebase_history`
    /// does for views: the base's history becomes a CopySlices node that sends the
    /// written region's gradient through the op and the rest to the base's old history,
    /// and the view's own history is regenerated from the base (AsStridedBackward0).
    static func inPlace(view target: Tensor, of base: Tensor, _ compute: (Tensor) throws -> Tensor) throws -> Tensor {
        if base.isLeaf && base.requiresGrad { throw AutogradError.leafViewInPlace.tensorError }
        let result = try compute(target)
        if result.storage !== target.storage, let node = result.gradFn { try node.keepSavedValues(beforeWritingInto: target) }
        try target.assignInPlace(result)
        target.markWrittenInPlace()
        guard let operation = result.gradFn else { return target }
        let region = RegionOfStorage(base: base, view: target)
        // PyTorch's CopySlices: the base's old history, plus the wrapped op's other inputs.
        // Its backward runs the op's backward on the region and writes the gradient for
        // the view's old values back into that region.
        let baseEdge = base.gradFn.map { Edge(node: $0, inputNumber: base.meta?.outputNumber ?? 0) }
        let copySlices = Node(name: "CopySlices", edges: [baseEdge] + operation.nextEdges.dropFirst(),
                              inputMetadata: [(base.shape, base.dtype)] + operation.inputMetadata.dropFirst()) { gradients, _ in
            guard let gradient = gradients.first ?? nil else { return [] }
            let (whole, part) = try region.layout(gradient)
            let operationGradients = try operation.apply([try part.clone()])
            if let selfGradient = operationGradients.first ?? nil { try part.copy(from: selfGradient) } else { try part.fill(.int(0)) }
            return [whole] + operationGradients.dropFirst()
        }
        Recorder.attach(copySlices, to: base, output: 0)
        regenerateViewHistory(target, base: base)
        return target
    }

    /// A view's history after its storage was written in place: AsStridedBackward0 from
    /// the base's current history, which places the view's gradient where the view lies.
    /// Recorded whatever the grad mode, as PyTorch regenerates it when `grad_fn` is read.
    static func regenerateViewHistory(_ view: Tensor, base: Tensor) {
        let region = RegionOfStorage(base: base, view: view)
        view.meta?.viewBase = nil
        GradMode.with(true) {
            _ = Recorder.record("AsStridedBackward0", inputs: [base], output: view) { _ in
                { gradient, _ in
                    let (whole, part) = try region.layout(try Tensor.zeros(shape: base.shape, dtype: gradient.dtype))
                    try part.copy(from: gradient)
                    return [whole]
                }
            }
        }
        view.meta?.viewBase = base
        view.meta?.viewVersion = view.storage.version
    }
}

/// Where a view sits in its base's storage, to lay a gradient of the base's shape out in
/// memory the same way and find the view's elements in it (PyTorch's as_strided).
private struct RegionOfStorage {
    let baseView: View
    let targetView: View
    let elementCount: Int

    init(base: Tensor, view: Tensor) {
        baseView = base.view
        targetView = view.view
        elementCount = base.storage.byteCount / max(base.dtype.itemSize, 1)
    }

    /// `gradient` copied into fresh storage with the base's layout, and the view's part of it.
    func layout(_ gradient: Tensor) throws -> (whole: Tensor, part: Tensor) {
        let storage = try Tensor.zeros(shape: [elementCount], dtype: gradient.dtype)
        let whole = storage.viewing(baseView)
        try whole.copy(from: gradient)
        return (whole, storage.viewing(targetView))
    }
}

/// The node PyTorch's `__setitem__` records. With a number value, one tensor index beside
/// only full slices becomes `masked_fill_` (a mask) or `index_fill_`; otherwise a tensor index
/// becomes `index_put_`, and basic indices a write through a view (CopySlices).
private func setItemNodeName(_ indices: [TensorIndex], numberValue: Bool) -> String {
    var tensorIndices: [Tensor] = [], othersAreWhole = true
    for index in indices {
        switch index {
        case let .tensor(tensor) where tensor.rank > 0: tensorIndices.append(tensor)
        case .slice(nil, nil, nil), .ellipsis: break
        default: othersAreWhole = false
        }
    }
    guard !tensorIndices.isEmpty else { return "CopySlices" }
    if numberValue, tensorIndices.count == 1, othersAreWhole {
        return tensorIndices[0].dtype == .bool || tensorIndices[0].dtype == .uint8 ? "MaskedFillBackward0" : "IndexFillBackward0"
    }
    return othersAreWhole || !numberValue ? "IndexPutBackward0" : "CopySlices"
}

extension Autodiff {
    /// An in-place view op (`y.t_()`, `y.unsqueeze_(0)`): `target` takes the view `computed`
    /// of itself. In the graph its history moves to the view's node, renamed to PyTorch's
    /// in-place overload (`TBackward1`); a leaf that requires grad is refused, as in PyTorch.
    public static func takeView(_ target: Tensor, from computed: Tensor) throws {
        if GradMode.isEnabled && target.isLeaf && target.requiresGrad { throw AutogradError.leafInPlace.tensorError }
        // The view op's node, read before the write below would make `computed` look
        // written since its history was recorded.
        let node = computed.meta?.gradFn
        target.view = computed.view
        target.markWrittenInPlace()
        guard GradMode.isEnabled, let node, node !== target.meta?.gradFn else { return }
        node.name = inPlaceViewNodeNames[node.name] ?? node.name
        Recorder.attach(node, to: target, output: computed.meta?.outputNumber ?? 0)
        target.meta?.viewVersion = target.storage.version
    }

    /// PyTorch's node for each view op's in-place overload.
    private static let inPlaceViewNodeNames = [
        "TBackward0": "TBackward1", "TransposeBackward0": "TransposeBackward1", "UnsqueezeBackward0": "UnsqueezeBackward1",
        "SqueezeBackward0": "SqueezeBackward3", "SqueezeBackward1": "SqueezeBackward4", "SqueezeBackward2": "SqueezeBackward5",
        "AsStridedBackward0": "AsStridedBackward1",
    ]
}

extension Autodiff {
    /// `x.resize_(*size)`: refused for a tensor that requires grad, in or out of grad
    /// mode, as PyTorch refuses it; otherwise one in-place op on `target`.
    public static func resize(_ target: Tensor, to shape: [Int]) throws -> Tensor {
        if target.requiresGrad { throw TensorError.runtime("cannot resize variables that require grad") }
        try target.resize(to: shape)
        target.markWrittenInPlace()
        return target
    }
}
