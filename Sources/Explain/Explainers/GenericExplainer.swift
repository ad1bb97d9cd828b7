import Interpreter
import PySyntax
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
    /// What a factory fills its tensor with.
    static let fillings: [String: String] = [
        "zeros": "filled with 0", "zeros_like": "filled with 0", "ones": "filled with 1", "ones_like": "filled with 1",
        "full": "every element the fill value", "full_like": "every element the fill value",
        "eye": "1 on the diagonal and 0 elsewhere", "rand": "uniform random values in [0, 1)", "rand_like": "uniform random values in [0, 1)",
        "randn": "standard normal random values", "randn_like": "standard normal random values",
        "randint": "random integers from low up to (not including) high", "arange": "evenly stepped values from start up to (not including) end",
        "linspace": "evenly spaced values from start to end, both included", "empty": "uninitialized", "empty_like": "uninitialized",
        "tensor": "holding a copy of the given data", "as_tensor": "holding the given data",
    ]
    static let factories: Set<String> = [
        "zeros", "ones", "full", "empty", "randn", "rand", "randint", "arange", "linspace", "tensor", "eye",
        "zeros_like", "ones_like", "full_like", "randn_like", "rand_like", "empty_like", "as_tensor", "from_numpy",
    ]

    /// "`v` is a view of `x`: ... changes `x` too", for in-place writes through a view.
    func inPlaceNotes(_ receiver: (expr: Expr, tensor: Tensor), _ evaluation: Evaluation) -> [String] {
        guard let base = evaluation.facts[receiver.tensor].viewOf else { return [] }
        let receiverText = evaluation.text(of: receiver.expr)
        return ["`\(receiverText)` is a view of `\(base)`: they share storage, so this write changes `\(base)` too"]
    }

    func explain(_ evaluation: Evaluation) -> OperationText? {
        switch evaluation.expr.kind {
        case .call: return call(evaluation)
        case let .conditional(condition, then, otherwise):
            guard let flag = evaluation.value(of: condition).flatMap(truthValue) else { return nil }
            let chosen = flag ? then : otherwise
            return OperationText(operation: "conditional", text: "the condition `\(evaluation.text(of: condition))` is \(flag ? "True" : "False"), "
                                 + "so this is `\(evaluation.text(of: chosen))`; the other branch is not evaluated")
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
            let filling = Self.fillings[name].map { ", \($0)" } ?? ""
            return OperationText(operation: name, text: "creates a new \(TensorSignature(output)) tensor\(filling)")
        }
        switch name {
        case "masked_fill", "masked_fill_":
            guard let mask = call.argument("mask"), case let .tensor(maskTensor) = mask.value,
                  let fill = call.argument("value") else { break }
            var fillText = evaluation.text(of: fill.expr)
            if !isNumberLiteral(fillText), let number = doubleValue(fill.value) { fillText = "`\(fillText)` (= \(compact(number)))" }
            let count = maskTensor.dtype == .bool ? maskTensor.bools().filter { $0 }.count : 0
            var coverage = "\(count) of \(maskTensor.count) positions"
            if let input = call.input?.tensor, input.shape != maskTensor.shape, let output, maskTensor.count > 0 {
                let written = count * (output.count / maskTensor.count)
                coverage = "\(count) of \(maskTensor.count) mask positions; the mask \(shapeText(maskTensor.shape)) is broadcast to \(shapeText(output.shape)), so \(written) of \(output.count) elements are written"
            }
            var text = "writes \(fillText) wherever `\(evaluation.text(of: mask.expr))` is True (\(coverage)), and keeps the input elsewhere\(name.hasSuffix("_") ? "; in place" : "")"
            let notes = name.hasSuffix("_") ? call.receiver.map { inPlaceNotes($0, evaluation) } ?? [] : []
            if let input = call.input?.tensor, let number = doubleValue(fill.value), !input.dtype.isFloatingPoint, number != number.rounded() || !number.isFinite {
                text += "; the value is converted to \(input.dtype.rawValue)"
            }
            return OperationText(operation: name, text: text, notes: notes)
        case "where":
            return OperationText(operation: "where", text: "picks from the second argument where the condition is True, and from the third elsewhere")
        case "one_hot":
            guard let output else { break }
            return OperationText(operation: "one_hot", text: "turns each class index into a row of \(output.shape.last ?? 0) zeros with a single 1 at that index: \(TensorSignature(output))")
        case "cat", "concat", "concatenate", "stack":
            guard let output, let first = call.positional.first ?? call.argument("tensors") else { break }
            let items: [Value]
            switch first.value {
            case let .list(list): items = list.items
            case let .tuple(values): items = values
            default: items = []
            }
            let shapes = items.compactMap { item -> String? in if case let .tensor(tensor) = item { return shapeText(tensor.shape) } else { return nil } }
            let dim = call.int("dim") ?? 0
            let resolved = dim < 0 ? dim + output.rank : dim
            let dimText = dim < 0 ? "dim \(dim) (= \(resolved))" : "dim \(dim)"
            let what = shapes.count == items.count && !shapes.isEmpty ? shapes.joined(separator: ", ") : "the tensors"
            if name == "stack" {
                return OperationText(operation: name, text: "stacks \(what) along a new \(dimText) of size \(items.count) → \(shapeText(output.shape))")
            }
            return OperationText(operation: name, text: "joins \(what) end to end along the existing \(dimText) → \(shapeText(output.shape))")
        case "matmul", "mm", "bmm":
            guard let output, let input = call.input, let other = call.argument("other") ?? call.argument("mat2"),
                  case let .tensor(right) = other.value else { break }
            return OperationText(operation: name, text: matmulText(input.tensor.shape, right.shape, output.shape))
        case "clamp", "clip", "clamp_":
            let low = call.argument("min").map { evaluation.text(of: $0.expr) } ?? "-inf"
            let high = call.argument("max").map { evaluation.text(of: $0.expr) } ?? "inf"
            return OperationText(operation: "clamp", text: "limits every element to [\(low), \(high)]")
        case "item":
            return OperationText(operation: "item", text: "the single element as a Python number")
        case "gather":
            guard let input = call.input, let dim = call.int("dim"), let output else { break }
            let rank = input.tensor.rank
            let resolved = dim < 0 ? dim + rank : dim
            guard resolved >= 0, resolved < rank, rank <= 6 else { break }
            let letters = Array("ijklmn".prefix(rank)).map(String.init)
            let outIndex = letters.joined(separator: "][")
            let inIndex = letters.enumerated().map { $0.offset == resolved ? "index[\(outIndex)]" : $0.element }.joined(separator: "][")
            let inputName = evaluation.text(of: input.expr)
            let indexName = call.argument("index").map { " with index = `\(evaluation.text(of: $0.expr))`" } ?? ""
            return OperationText(operation: "gather", text: "picks along dim \(dim): out[\(outIndex)] = \(inputName)[\(inIndex)]\(indexName); the output has the index's shape \(shapeText(output.shape))")
        default:
            break
        }
        guard output != nil || !evaluation.tensorInputs.isEmpty else { return nil }
        return OperationText(operation: name.isEmpty ? "call" : name, text: fallbackText(call, evaluation))
    }

    /// A call no explainer knows: a Python function, a table op by its doc and family, or
    /// another callable, with the shapes that went in and came out.
    private func fallbackText(_ call: CallSite, _ evaluation: Evaluation) -> String {
        let inputs = evaluation.tensorInputs.map { shapeText($0.tensor.shape) }
        let shapes = ": \(inputs.isEmpty ? "no tensor" : inputs.joined(separator: ", ")) → \(resultText(evaluation.value))"
        switch call.calleeValue {
        case .function?:
            return "runs the Python function `\(call.calleeText)`\(shapes) (its own lines are explained where they are part of this file)"
        case .classObject?, .instance?:
            return "calls `\(call.calleeText)`, an object of this program\(shapes)"
        default:
            if let entry = call.op?.entry {
                let summary = entry.doc?.summary ?? "a \(entry.family.rawValue) op"
                return "`\(call.calleeText)`: \(summary.prefix(1).lowercased() + summary.dropFirst())\(shapes)"
            }
            return "calls `\(call.calleeText)`\(shapes)"
        }
    }

    /// `[4, 5]`, `([1, 3, 6], None)`, or the result's type.
    private func resultText(_ value: Value) -> String {
        switch value {
        case let .tensor(tensor): return shapeText(tensor.shape)
        case let .tuple(items): return "(" + items.map(resultText).joined(separator: ", ") + ")"
        case .none: return "None"
        default: return "a \(value.typeName)"
        }
    }
}

/// A condition's truth as Python reads it, for the values conditions usually hold.
private func truthValue(_ value: Value) -> Bool? {
    switch value {
    case let .bool(flag): return flag
    case let .int(number): return number != 0
    case .none: return false
    default: return nil
    }
}
