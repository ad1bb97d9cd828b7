import Autograd
import Interpreter
import Ops
import TensorEngine

/// Words for what model code calls while it sets its weights up (the table's
/// `modelSetupOps`): `nn.Parameter`, the `nn.init` initializers and the legacy typed
/// constructors. `type_as` is a conversion and gets the conversion's words.
enum SetupCallWords {
    static func parameter(_ call: CallSite, _ evaluation: Evaluation, _ output: Tensor) -> OperationText? {
        guard let data = call.argument("data"), case let .tensor(input) = data.value else { return nil }
        let sharing = input.sharesStorage(with: output) ? "the same storage and values" : "the same values"
        return OperationText(
            operation: "Parameter",
            text: "wraps `\(evaluation.text(of: data.expr))` as an `nn.Parameter` \(TensorSignature(output)): \(sharing), with "
                + "requires_grad=\(output.requiresGrad ? "True" : "False"); a module that holds it as an attribute lists it in "
                + "`parameters()`, so an optimizer updates it")
    }

    static func legacyConstructor(_ call: CallSite, _ output: Tensor) -> OperationText {
        let fromData = call.positional.count == 1 && {
            switch call.positional[0].value {
            case .list, .tuple, .tensor: return true
            default: return false
            }
        }()
        let filling = fromData ? "holding a copy of the given data" : "of the given sizes, its values uninitialised (whatever the memory held)"
        return OperationText(operation: call.name, text: "the legacy constructor `\(call.calleeText)`: a new \(TensorSignature(output)) tensor \(filling)")
    }

    /// `nn.init.zeros_(w)` and the rest: what was written into `w`, in place.
    static func initializer(_ call: CallSite, _ evaluation: Evaluation, _ output: Tensor, writes: String, random: Bool) -> OperationText? {
        guard let target = call.argument("tensor"), case let .tensor(tensor) = target.value, tensor === output else { return nil }
        var words = writes
        for parameter in (call.op?.entry.signature.parameters ?? []) where words.contains("{\(parameter.name)}") {
            let value = call.argument(parameter.name).map { evaluation.text(of: $0.expr) } ?? parameter.defaultText ?? "?"
            words = words.replacingOccurrences(of: "{\(parameter.name)}", with: value)
        }
        let all = "all \(plural(output.count, "element")) of `\(evaluation.text(of: target.expr))` \(TensorSignature(output))"
        var text = random ? "overwrites \(all) with \(words)" : "sets \(all) to \(words)"
        let values = output.doubles().filter(\.isFinite)
        if random, let low = values.min(), let high = values.max() {
            text += "; they now lie in [\(compact(low)), \(compact(high))]"
        }
        return OperationText(operation: call.name, text: "`\(call.calleeText)`: \(text), in place")
    }
}
