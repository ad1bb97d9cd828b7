import TensorEngine

/// Autograd's errors, each rendered to PyTorch's exception type and message in one place.
public enum AutogradError {
    case graphFreed
    case noGradFn(element: Int)
    case implicitGradForNonScalar
    case inputNotRequiringGrad
    case leafInPlace
    /// An in-place write through a view (`a[0] = 5`, `a.view(2).add_(1)`) of such a leaf.
    case leafViewInPlace
    case modifiedInPlace(description: String, producer: String?, version: Int, expected: Int)
    case gradientShapeMismatch(expected: [Int], got: [Int])
    case notDifferentiable(String)

    public var tensorError: TensorError {
        switch self {
        case .graphFreed:
            return .runtime("Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.")
        case let .noGradFn(element):
            return .runtime("element \(element) of tensors does not require grad and does not have a grad_fn")
        case .implicitGradForNonScalar:
            return .runtime("grad can be implicitly created only for scalar outputs")
        case .inputNotRequiringGrad:
            return .runtime("One of the differentiated Tensors does not require grad")
        case .leafInPlace:
            return .runtime("a leaf Variable that requires grad is being used in an in-place operation.")
        case .leafViewInPlace:
            return .runtime("a view of a leaf Variable that requires grad is being used in an in-place operation.")
        case let .modifiedInPlace(description, producer, version, expected):
            let origin = producer.map { ", which is \($0)," } ?? ""
            return .runtime("one of the variables needed for gradient computation has been modified by an inplace operation: \(description)\(origin) is at version \(version); expected version \(expected) instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")
        case let .gradientShapeMismatch(expected, got):
            return .runtime("Mismatch in shape: grad_output[0] has a shape of torch.Size(\(formatSizeList(got))) and output[0] has a shape of torch.Size(\(formatSizeList(expected))).")
        case let .notDifferentiable(name):
            return .notImplemented("the derivative for '\(name)' is not implemented in TensorTutor yet; this op runs forward only.")
        }
    }
}

private func formatSizeList(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
