import Autograd
import TensorEngine

/// `torch.autograd.Variable`, which code written before PyTorch 0.4 still wraps every tensor
/// in. Since the merge of Variable into Tensor, calling it gives a detached alias of the data
/// (the same storage, no history), a leaf that requires grad only when asked, and every
/// tensor counts as an instance of it.
final class AutogradVariableClass: NativeInstanceCheck, NativeCallable {
    var typeName: String { "VariableMeta" }
    func repr() -> String { "<class 'torch.autograd.variable.Variable'>" }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "__name__", "__qualname__": return .string("Variable")
        case "__module__": return .string("torch.autograd.variable")
        default: return nil
        }
    }

    func isInstance(_ value: Value, interpreter: Interpreter) throws -> Bool {
        if case .tensor = value { return true }
        return false
    }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        let bound = try arguments.bind("Variable", ["data", "requires_grad", "volatile"])
        let volatile = try bound.optional("volatile").map { try interpreter.truthy($0) } ?? false
        let requiresGrad = try bound.optional("requires_grad").map { try interpreter.truthy($0) } ?? false
        if volatile {
            guard !requiresGrad else { throw PythonError.valueError("Variable can't be volatile and require_grad at the same time!") }
            interpreter.warn("volatile was removed and now has no effect. Use `with torch.no_grad():` instead.")
        }
        let data: Tensor
        switch bound.values["data"] ?? .none {
        case .none: data = try Tensor.zeros(shape: [0], dtype: .float32)
        case let .tensor(tensor): data = tensor
        case let other: throw PythonError.typeError("Variable data has to be a tensor, but got \(other.typeName)")
        }
        let variable = data.detach()
        if requiresGrad { try variable.setRequiresGrad(true, source: .factory) }
        return .tensor(variable)
    }
}
