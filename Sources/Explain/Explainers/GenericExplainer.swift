import Interpreter
import TensorEngine

/// Everything else: elementwise functions, masks, joins and factories, each in a few
/// words, and a plain "calls f" for the rest.
struct GenericExplainer: OperationExplainer {
    static let elementwise: [String: String] = [
        "exp": "e to the power of every element", "log": "the natural log of every element",
        "sqrt": "the square root of every element", "abs": "the absolute value of every element",
        "sigmoid": "the logistic sigmoid 1/(1+e^−x) of every element: each becomes a value in (0, 1)",
        "relu": "max(x, 0) of every element: negatives become 0", "tanh": "tanh of every element: each becomes a value in (−1, 1)",
        "neg": "negates every element", "log1p": "log(1 + x) of every element", "rsqrt": "1/√x of every element",
        "floor": "rounds every element down", "ceil": "rounds every element up", "round": "rounds every element to the nearest integer",
        "sin": "the sine of every element", "cos": "the cosine of every element", "gelu": "the GELU activation of every element",
        "silu": "x·sigmoid(x) of every element", "softplus": "log(1 + e^x) of every element",
    ]
    static let factories: Set<String> = [
        "zeros", "ones", "full", "empty", "randn", "rand", "randint", "arange", "linspace", "tensor", "eye",
        "zeros_like", "ones_like", "full_like", "randn_like", "rand_like", "empty_like", "as_tensor", "from_numpy",
    ]

    func explain(_ evaluation: Evaluation) -> OperationText? {
        switch evaluation.expr.kind {
        case .call: return call(evaluation)
        case let .attribute(object, name, _):
            guard let input = evaluation.tensor(of: object), let output = evaluation.tensorResult else { return nil }
            if name == "T" || name == "mT" { return OperationText(operation: "transpose", text: "reverses the dims: \(shapeText(input.shape)) → \(shapeText(output.shape)) (a view)") }
            return OperationText(operation: name, text: "`.\(name)`: the same values, \(shapeText(output.shape))")
        default:
            return nil
        }
    }

    private func call(_ evaluation: Evaluation) -> OperationText? {
        guard let call = evaluation.call else { return nil }
        let name = call.name
        let output = evaluation.tensorResult
        if let words = Self.elementwise[name], call.input != nil {
            return OperationText(operation: name, text: words)
        }
        if Self.factories.contains(name), let output {
            return OperationText(operation: name, text: "creates a new \(TensorSignature(output)) tensor")
        }
        switch name {
        case "masked_fill", "masked_fill_":
            guard let mask = call.argument("mask", position: 1), case let .tensor(maskTensor) = mask.value,
                  let fill = call.argument("value", position: 2) else { break }
            let fillText = evaluation.text(of: fill.expr)
            let count = maskTensor.dtype == .bool ? maskTensor.bools().filter { $0 }.count : 0
            return OperationText(operation: name, text: "writes \(fillText) wherever `\(evaluation.text(of: mask.expr))` is True (\(count) of \(maskTensor.count) mask positions, broadcast to the input's shape), and keeps the input elsewhere\(name.hasSuffix("_") ? "; in place" : "")")
        case "where":
            return OperationText(operation: "where", text: "picks from the second argument where the condition is True, and from the third elsewhere")
        case "one_hot":
            guard let output else { break }
            return OperationText(operation: "one_hot", text: "turns each class index into a row of \(output.shape.last ?? 0) zeros with a single 1 at that index: \(TensorSignature(output))")
        case "cat", "concat", "stack":
            guard let output else { break }
            let dim = call.int("dim", position: 1) ?? 0
            return OperationText(operation: name, text: "\(name == "stack" ? "stacks the tensors along a new" : "joins the tensors along the existing") dim \(dim) → \(shapeText(output.shape))")
        case "matmul", "mm", "bmm":
            guard let output, let input = call.input else { break }
            return OperationText(operation: name, text: "matrix product: \(shapeText(input.tensor.shape)) @ … → \(shapeText(output.shape))")
        case "clamp", "clip", "clamp_":
            let low = call.argument("min", position: 1).map { evaluation.text(of: $0.expr) } ?? "-inf"
            let high = call.argument("max", position: 2).map { evaluation.text(of: $0.expr) } ?? "inf"
            return OperationText(operation: "clamp", text: "limits every element to [\(low), \(high)]")
        case "item":
            return OperationText(operation: "item", text: "the single element as a Python number")
        case "gather":
            return OperationText(operation: "gather", text: "picks, along the given dim, the entries at the positions in the index tensor")
        default:
            break
        }
        guard output != nil || !evaluation.tensorInputs.isEmpty else { return nil }
        return OperationText(operation: name.isEmpty ? "call" : name, text: "calls `\(call.calleeText)`")
    }
}
