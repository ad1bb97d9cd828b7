import TensorEngine

extension Autodiff {
    /// An in-place op (`add_`, `mul_`, `x += y`, `clamp_`): computes the differentiable
    /// out-of-place result, writes it into `target` (bumping its version) and moves
    /// `target`'s history to the new node, as PyTorch's `rebase_history` does.
    public static func inPlace(_ target: Tensor, _ compute: (Tensor) throws -> Tensor) throws -> Tensor {
        if GradMode.isEnabled && target.isLeaf && target.requiresGrad { throw AutogradError.leafInPlace.tensorError }
        let result = try compute(target)
        try target.assignInPlace(result)
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
        if GradMode.isEnabled && target.isLeaf && target.requiresGrad { throw AutogradError.leafInPlace.tensorError }
    }
}

extension Autodiff {
    /// `x[indices] = value`. When a gradient flows through the write, the target's new
    /// node (PyTorch's `CopySlices`) sends the written positions' gradient to `value`
    /// and the rest to the target's old history.
    public static func setItem(_ target: Tensor, _ indices: [TensorIndex], value: Operand) throws {
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
            let advanced = indices.contains { if case .tensor = $0 { return true } else { return false } }
            throw (narrows && !advanced ? AutogradError.leafViewInPlace : AutogradError.leafInPlace).tensorError
        }
        let valueTensor = value.tensorValue
        guard Recorder.shouldRecord([target, valueTensor]) else {
            try target.setItem(indices, value: value)
            return
        }
        try target.setItem(indices, value: value)
        _ = Recorder.record("CopySlices", inputs: [target, valueTensor], output: target) { _ in
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
