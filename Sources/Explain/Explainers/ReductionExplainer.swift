import Interpreter
import TensorEngine

/// `sum`, `mean`, `max`, `argmax`, `std`, ... over a dim or over everything.
struct ReductionExplainer: OperationExplainer {
    static let verbs: [String: String] = [
        "sum": "sums", "mean": "averages", "prod": "multiplies", "std": "takes the standard deviation of",
        "var": "takes the variance of", "max": "takes the maximum of", "min": "takes the minimum of",
        "amax": "takes the maximum of", "amin": "takes the minimum of", "argmax": "finds the position of the maximum of",
        "argmin": "finds the position of the minimum of", "logsumexp": "takes log(sum(exp(·))) of", "norm": "takes the norm of",
        "any": "checks whether any is True among", "all": "checks whether all are True among", "nansum": "sums (skipping NaN)",
        "nanmean": "averages (skipping NaN)", "median": "takes the median of", "count_nonzero": "counts the non-zero entries of",
        "vector_norm": "takes the vector norm of", "matrix_norm": "takes the matrix norm of",
    ]

    func explain(_ evaluation: Evaluation) -> OperationText? {
        guard let call = evaluation.call, let verb = Self.verbs[call.name], let input = call.input else { return nil }
        let tensor = input.tensor
        let outputShape: String
        switch evaluation.value {
        case let .tensor(output): outputShape = shapeText(output.shape)
        case let .namedTuple(tuple): outputShape = tuple.values.first.flatMap { if case let .tensor(t) = $0 { return shapeText(t.shape) } else { return nil } } ?? "?"
        default: return nil
        }
        let keepdim = call.bool("keepdim") ?? false
        var dims: [Int] = []
        if let (_, value) = call.argument("dim") {
            if let single = intValue(value) { dims = [single] } else if let list = intList(value) { dims = list }
        }
        var text: String
        if dims.isEmpty {
            text = "\(verb) all \(plural(tensor.count, "element")) → one value, shape \(outputShape)"
            if tensor.count == 0 && ["mean", "std", "var"].contains(call.name) {
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
        } else if dims.isEmpty, ["argmax", "argmin"].contains(call.name) {
            text += ": an index into the flattened tensor"
        }
        return OperationText(operation: call.name, text: text)
    }
}
