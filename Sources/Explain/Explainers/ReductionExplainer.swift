import Interpreter
import Ops
import TensorEngine

/// `sum`, `mean`, `max`, `argmax`, `std`, ... over a dim or over everything.
struct ReductionExplainer: OperationExplainer {
    func explain(_ evaluation: Evaluation) -> OperationText? {
        guard let call = evaluation.call, case let .reduction(verb)? = call.outOfPlaceKind, let input = call.input else { return nil }
        let tensor = input.tensor
        let output: Tensor?
        switch evaluation.value {
        case let .tensor(tensor): output = tensor
        case let .namedTuple(tuple): output = tuple.values.first.flatMap { if case let .tensor(t) = $0 { return t } else { return nil } }
        default: return nil
        }
        let outputShape = output.map { shapeText($0.shape) } ?? "?"
        var dims: [Int] = []
        if let (_, value) = call.argument("dim") {
            if let single = intValue(value) { dims = [single] } else if let list = intList(value) { dims = list }
        }
        // The shapes decide, so the words stay true however keepdim was spelled.
        let keepdim = output.map { !dims.isEmpty && tensor.rank > 0 && $0.rank == tensor.rank } ?? (call.bool("keepdim") ?? false)
        var text: String
        if dims.isEmpty {
            text = "\(verb) all \(plural(tensor.count, "element")) → one value, shape \(outputShape)"
            if tensor.count == 0 && call.traits.contains(.averages) {
                text += "; with no elements this is 0/0 = nan"
            }
        } else {
            let names = dims.map { dim -> String in
                let resolved = dim < 0 ? dim + tensor.rank : dim
                let size = resolved >= 0 && resolved < tensor.rank ? tensor.shape[resolved] : 0
                return "dim \(dim) (size \(size))"
            }
            let overVerb = verb.hasSuffix(" of") ? String(verb.dropLast(3)) : (verb.hasSuffix(" among") ? String(verb.dropLast(6)) : verb)
            text = "\(overVerb) over \(names.joined(separator: " and ")): \(shapeText(tensor.shape)) → \(outputShape)"
            if dims.count == 1 {
                text += keepdim ? " (keepdim=True keeps the reduced dim as size 1)" : " (the reduced dim disappears)"
            } else {
                text += keepdim ? " (keepdim=True keeps the reduced dims as size 1)" : " (the reduced dims disappear)"
            }
        }
        if case .namedTuple = evaluation.value {
            text += "; returns a (values, indices) pair, both \(outputShape): the results and their positions along the reduced dim"
        } else if dims.isEmpty, call.traits.contains(.flatIndex) {
            text += ": an index into the flattened tensor"
        }
        return OperationText(operation: call.name, text: text)
    }
}
