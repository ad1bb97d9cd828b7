import Foundation
import TensorEngine

/// A tensor a backward formula needs, kept with the version its storage had when it
/// was saved: an in-place write afterwards makes the gradient wrong, and PyTorch refuses.
public final class SavedTensor {
    private var tensor: Tensor?
    private var version: Int
    private let shape: [Int]
    private let dtype: DType
    /// The node that saved the tensor as its own output, which names it in the error
    /// message; a saved input is named by its grad_fn at the time of the error instead.
    private let savingNode: (name: String, output: Int)?

    /// `writtenOnce`: the tensor is an in-place op's target, saved before the op writes its
    /// result there (one version bump); the backward reads that result.
    init(_ tensor: Tensor, savedBy node: Node, isOutput: Bool, writtenOnce: Bool = false) {
        self.tensor = tensor
        version = tensor.storage.version + (writtenOnce ? 1 : 0)
        shape = tensor.shape
        dtype = tensor.dtype
        savingNode = isOutput ? (node.qualifiedName, 0) : nil
    }

    func free() { tensor = nil }

    /// Whether this is `target`'s storage as it is before a write into it.
    func holdsValuesBeforeWrite(into target: Tensor) -> Bool {
        guard let tensor else { return false }
        return tensor.storage === target.storage && tensor.storage.version == version
    }

    /// Keeps a copy of the values, which the coming write will not change.
    func keepCopy() throws {
        guard let tensor else { return }
        let copy = try tensor.clone()
        self.tensor = copy
        version = copy.storage.version
    }

    /// The saved tensor when its storage was written since it was saved: the backward
    /// that needs it will refuse to run.
    var stale: (tensor: Tensor, savedVersion: Int)? {
        guard let tensor, tensor.storage.version != version else { return nil }
        return (tensor, version)
    }

    public func unpack() throws -> Tensor {
        guard let tensor else { throw AutogradError.graphFreed.tensorError }
        let current = tensor.storage.version
        if current != version {
            // PyTorch's SavedVariable keeps a saved input itself and reads its grad_fn when
            // it unpacks: after `y.add_(1)` that is y's new node, AddBackward0.
            let producer = savingNode ?? tensor.gradFn.map { ($0.qualifiedName, tensor.meta?.outputNumber ?? 0) }
            throw AutogradError.modifiedInPlace(
                description: "[\(dtype.legacyTensorTypeName) [\(shape.map(String.init).joined(separator: ", "))]]",
                producer: producer.map { "output \($0.1) of \(forwardName($0.0))" },
                version: current, expected: version).tensorError
        }
        return tensor
    }
}

/// PyTorch's in-place error names the forward op without "Backward": `ExpBackward0` is
/// `Exp`, and an in-place op's second node `EluBackward1` is `Elu1`.
func forwardName(_ nodeName: String) -> String {
    nodeName.replacingOccurrences(of: "Backward0", with: "").replacingOccurrences(of: "Backward", with: "")
}

extension DType {
    /// `torch.FloatTensor` and friends, as autograd's messages name tensors.
    public var legacyTensorTypeName: String {
        switch self {
        case .float32: "torch.FloatTensor"
        case .float64: "torch.DoubleTensor"
        case .float16: "torch.HalfTensor"
        case .bfloat16: "torch.BFloat16Tensor"
        case .int64: "torch.LongTensor"
        case .int32: "torch.IntTensor"
        case .int16: "torch.ShortTensor"
        case .int8: "torch.CharTensor"
        case .uint8: "torch.ByteTensor"
        case .bool: "torch.BoolTensor"
        }
    }
}
