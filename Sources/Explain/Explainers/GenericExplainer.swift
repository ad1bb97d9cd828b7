import Interpreter
import Ops
import PySyntax
import TensorEngine

/// Everything else: elementwise functions, masks, joins and factories, each in a few
/// words, and a plain "calls f" for the rest.
struct GenericExplainer: OperationExplainer {
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
        // `masked_fill_` and `clamp_` share the words of their out-of-place forms.
        switch call.kind {
        case let .elementwise(words)? where call.input != nil && !call.isInPlaceForm:
            return OperationText(operation: name, text: words)
        case let .factory(filling)?:
            guard let output else { break }
            return OperationText(operation: name, text: "creates a new \(TensorSignature(output)) tensor\(filling.map { ", \($0)" } ?? "")")
        case .maskedFill?:
            if let text = maskedFillText(call, evaluation) { return text }
        case .whereSelect? where !call.isInPlaceForm:
            return OperationText(operation: "where", text: "picks from the second argument where the condition is True, and from the third elsewhere")
        case .oneHot?:
            guard let output else { break }
            return OperationText(operation: "one_hot", text: "turns each class index into a row of \(output.shape.last ?? 0) zeros with a single 1 at that index: \(TensorSignature(output))")
        case let .concatenate(newDim)?:
            if let text = joinText(call, output, newDim: newDim) { return text }
        case .matmul?:
            guard let output, let input = call.input, let other = call.argument("other") ?? call.argument("mat2"),
                  case let .tensor(right) = other.value else { break }
            return OperationText(operation: name, text: matmulText(input.tensor.shape, right.shape, output.shape))
        case .clamp?:
            let low = call.argument("min").map { evaluation.text(of: $0.expr) } ?? "-inf"
            let high = call.argument("max").map { evaluation.text(of: $0.expr) } ?? "inf"
            return OperationText(operation: "clamp", text: "limits every element to [\(low), \(high)]")
        case .item?:
            return OperationText(operation: "item", text: "the single element as a Python number")
        case .gather?:
            if let text = gatherText(call, evaluation, output) { return text }
        case .parameter?:
            if let output, let text = SetupCallWords.parameter(call, evaluation, output) { return text }
        case .legacyConstructor?:
            if let output { return SetupCallWords.legacyConstructor(call, output) }
        case let .initializer(writes, random)?:
            if let output, let text = SetupCallWords.initializer(call, evaluation, output, writes: writes, random: random) { return text }
        default:
            break
        }
        guard output != nil || !evaluation.tensorInputs.isEmpty else { return nil }
        return OperationText(operation: name.isEmpty ? "call" : name, text: fallbackText(call, evaluation))
    }

    private func maskedFillText(_ call: CallSite, _ evaluation: Evaluation) -> OperationText? {
        let output = evaluation.tensorResult
        let inPlace = call.isInPlaceForm
        guard let mask = call.argument("mask"), case let .tensor(maskTensor) = mask.value,
              let fill = call.argument("value") else { return nil }
        var fillText = evaluation.text(of: fill.expr)
        if !isNumberLiteral(fillText), let number = doubleValue(fill.value) { fillText = "`\(fillText)` (= \(compact(number)))" }
        let count = maskTensor.dtype == .bool ? maskTensor.bools().filter { $0 }.count : 0
        var coverage = "\(count) of \(maskTensor.count) positions"
        if let input = call.input?.tensor, input.shape != maskTensor.shape, let output, maskTensor.count > 0 {
            let written = count * (output.count / maskTensor.count)
            coverage = "\(count) of \(maskTensor.count) mask positions; the mask \(shapeText(maskTensor.shape)) is broadcast to \(shapeText(output.shape)), so \(written) of \(output.count) elements are written"
        }
        var text = "writes \(fillText) wherever `\(evaluation.text(of: mask.expr))` is True (\(coverage)), and keeps the input elsewhere\(inPlace ? "; in place" : "")"
        let notes = inPlace ? call.writtenTensor.map { inPlaceNotes($0, evaluation) } ?? [] : []
        if let input = call.input?.tensor, let number = doubleValue(fill.value), !input.dtype.isFloatingPoint, number != number.rounded() || !number.isFinite {
            text += "; the value is converted to \(input.dtype.rawValue)"
        }
        return OperationText(operation: call.name, text: text, notes: notes)
    }

    /// `cat` and `stack`: the pieces' shapes and the dim they meet along.
    private func joinText(_ call: CallSite, _ output: Tensor?, newDim: Bool) -> OperationText? {
        guard let output, let first = call.argument("tensors") else { return nil }
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
        if newDim {
            return OperationText(operation: call.name, text: "stacks \(what) along a new \(dimText) of size \(items.count) → \(shapeText(output.shape))")
        }
        return OperationText(operation: call.name, text: "joins \(what) end to end along the existing \(dimText) → \(shapeText(output.shape))")
    }

    private func gatherText(_ call: CallSite, _ evaluation: Evaluation, _ output: Tensor?) -> OperationText? {
        guard let input = call.input, let dim = call.int("dim"), let output else { return nil }
        let rank = input.tensor.rank
        let resolved = dim < 0 ? dim + rank : dim
        guard resolved >= 0, resolved < rank, rank <= 6 else { return nil }
        let letters = Array("ijklmn".prefix(rank)).map(String.init)
        let outIndex = letters.joined(separator: "][")
        let inIndex = letters.enumerated().map { $0.offset == resolved ? "index[\(outIndex)]" : $0.element }.joined(separator: "][")
        let inputName = evaluation.text(of: input.expr)
        let indexName = call.argument("index").map { " with index = `\(evaluation.text(of: $0.expr))`" } ?? ""
        return OperationText(operation: "gather", text: "picks along dim \(dim): out[\(outIndex)] = \(inputName)[\(inIndex)]\(indexName); the output has the index's shape \(shapeText(output.shape))")
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
                // The doc's sentence ends where the shapes begin, without its full stop.
                let family = entry.family.rawValue
                var summary = entry.doc?.summary ?? "\(family.first.map { "aeiou".contains($0) } == true ? "an" : "a") \(family) op"
                if summary.hasSuffix(".") { summary.removeLast() }
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
        default: return ("aeiou".contains(value.typeName.first ?? "x") ? "an " : "a ") + value.typeName
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
