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
