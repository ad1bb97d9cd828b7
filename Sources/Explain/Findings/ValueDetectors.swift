import Interpreter
import Ops
import PySyntax
import TensorEngine

/// `empty-slice`: slicing that yields zero elements from a tensor that had some. A
/// boolean mask that matches nothing is data, not a typo, so it is left alone.
final class EmptySliceDetector: PitfallDetector {
    static func containsSlice(_ index: Expr) -> Bool {
        if case .slice = index.kind { return true }
        if case let .tuple(parts) = index.kind { return parts.contains { if case .slice = $0.kind { return true } else { return false } } }
        return false
    }

    func findings(_ evaluation: Evaluation) -> [Finding] {
        guard case let .subscript(container, indexExpr) = evaluation.expr.kind,
              let base = evaluation.tensor(of: container), base.count > 0,
              let output = evaluation.tensorResult, output.count == 0, Self.containsSlice(indexExpr) else { return [] }
        let containerText = evaluation.text(of: container)
        var notes: [String] = []
        if let words = IndexingExplainer().explain(evaluation) { notes.append("`[\(evaluation.text(of: indexExpr))]` is \(words.text)") }
        var help: String?
        var fix: Finding.Fix?
        // `x[:a:b]` on a matrix is almost always a typo for `x[:, a:b]`: the first colon
        // was meant as a comma.
        if case let .slice(nil, upper?, step?) = indexExpr.kind, base.rank >= 2,
           let stop = evaluation.value(of: upper).flatMap(intValue), let stepValue = evaluation.value(of: step).flatMap(intValue) {
            let replacement = "\(containerText)[:, \(evaluation.text(of: upper)):\(evaluation.text(of: step))]"
            let columns = SliceDescription(start: .int(Int64(stop)), stop: .int(Int64(stepValue)), step: .none, size: base.shape[1], dim: 1, rank: base.rank).selected
            let what = stop == 0 ? "the first \(plural(columns.count, "column"))" : "columns \(listText(columns))"
            help = "to take \(what) of every row, write `\(replacement)`"
            fix = Finding.Fix(span: evaluation.expr.span, replacement: replacement)
        }
        var message = "this slice selects no elements"
        if base.rank == output.rank, let dim = (0..<base.rank).first(where: { output.shape[$0] == 0 && base.shape[$0] > 0 }) {
            message = base.rank == 2 ? "this slice selects no \(dim == 0 ? "rows" : "columns")" : "this slice selects nothing along dim \(dim)"
        }
        return [Finding("empty-slice", .warning, message, at: evaluation.expr, in: evaluation.index,
                        label: "\(TensorSignature(base)) -> \(TensorSignature(output))", notes: notes, help: help, fix: fix)]
    }
}

/// `nan-produced`: a result holds NaN although none of its inputs did; says which op and why.
final class NaNProducedDetector: PitfallDetector {
    func findings(_ evaluation: Evaluation) -> [Finding] {
        switch evaluation.expr.kind {
        case .call, .binary, .unary: break
        default: return []
        }
        guard holdsNaN(evaluation.value) else { return [] }
        let childValues = SyntaxIndex.children(of: evaluation.expr).compactMap { evaluation.value(of: $0) }
        let argumentValues: [Value] = evaluation.call.map { $0.positional.map(\.value) + $0.keywords.map(\.value) } ?? []
        guard !(childValues + argumentValues).contains(where: holdsNaN) else { return [] }
        if let call = evaluation.call, let softmax = SoftmaxCall(call),
           lines(of: softmax.input.tensor, along: softmax.dim).contains(where: { $0.allSatisfy { $0 == -.infinity } }) {
            return [] // all-masked-row explains this one
        }
        let (what, why) = reason(evaluation)
        var help: String?
        if evaluation.tensorInputs.contains(where: { $0.tensor.count == 0 }) {
            help = "the input is empty: fix the indexing that made it so, and the NaN goes away"
        }
        return [Finding("nan-produced", .warning, "\(what) is NaN", at: evaluation.expr, in: evaluation.index,
                        label: "NaN from NaN-free inputs", notes: [why], help: help)]
    }

    private func reason(_ evaluation: Evaluation) -> (String, String) {
        let inputs = evaluation.tensorInputs
        if let call = evaluation.call {
            let isLoss = call.kind?.isExplainedLoss ?? false
            let subject = isLoss ? "this loss" : "the result of `\(call.name)`"
            if let empty = inputs.first(where: { $0.tensor.count == 0 }) {
                return (subject, "`\(call.name)` averages over 0 elements (`\(evaluation.text(of: empty.expr))` is \(TensorSignature(empty.tensor))), and the mean of nothing is 0/0 = NaN")
            }
            if let lowest = call.isInPlaceForm ? nil : call.traits.domainStart, let input = call.input {
                let negatives = input.tensor.doubles().filter { $0 < lowest }.count
                if negatives > 0 {
                    return (subject, "`\(call.name)` of a negative number is NaN, and `\(evaluation.text(of: input.expr))` holds \(plural(negatives, "negative value"))")
                }
            }
            if let infinite = inputs.first(where: { $0.tensor.doubles().contains { $0.isInfinite } }) {
                let text = evaluation.text(of: infinite.expr)
                if (call.kind ?? call.moduleKind) == .klDivergence, infinite.tensor.doubles().contains(-.infinity) {
                    return (subject, "`\(text)` holds -inf (the log of a 0 probability), and KL computes target · (log target − input): "
                        + "where the target is 0 too, that is 0 · (−inf) = NaN")
                }
                return (subject, "`\(text)` holds ±inf, and `\(call.name)` combines infinities into NaN (inf − inf, 0 · inf or inf / inf)")
            }
            return (subject, "`\(call.name)` produced NaN from inputs that held none")
        }
        if case let .binary(op, left, right) = evaluation.expr.kind, case let .tensor(output) = evaluation.value,
           let leftValue = evaluation.value(of: left), let rightValue = evaluation.value(of: right),
           let position = output.doubles().firstIndex(where: \.isNaN) {
            // Name the first NaN element and the two numbers that made it.
            let index = StepBuilder.unravel(position, output.shape)
            let a = element(leftValue, at: index, outputShape: output.shape)
            let b = element(rightValue, at: index, outputShape: output.shape)
            let at = output.rank == 0 ? "" : "at [\(index.map(String.init).joined(separator: ", "))]: "
            let subject = op == .divide || op == .floorDivide ? "the quotient" : (op == .multiply ? "the product" : "the result")
            return (subject, "\(at)\(a.map(compact) ?? "?") \(op.rawValue) \(b.map(compact) ?? "?") is NaN")
        }
        return ("the result", "this operation produced NaN from inputs that held none")
    }

    /// The element of a broadcast operand that meets output element `index`.
    private func element(_ value: Value, at index: [Int], outputShape: [Int]) -> Double? {
        guard case let .tensor(tensor) = value else { return doubleValue(value) }
        let offset = index.count - tensor.rank
        guard offset >= 0 else { return nil }
        var flat = 0
        for dim in 0..<tensor.rank {
            let size = tensor.shape[dim]
            flat = flat * size + (size == 1 ? 0 : index[dim + offset])
        }
        let values = tensor.doubles()
        return flat < values.count ? values[flat] : nil
    }
}

/// A variable becomes NaN because a variable it reads already was, e.g. the total loss
/// after a NaN distillation loss. It is reported under the catalogue's `nan-produced`
/// code, since a reader (and any tool matching codes) looks for NaN losses by that
/// code; the message says the NaN was carried in rather than made here.
final class NaNPropagatedDetector: PitfallDetector {
    func findings(_ evaluation: Evaluation) -> [Finding] {
        guard let name = evaluation.index.assignedName(of: evaluation.expr), holdsNaN(evaluation.value) else { return [] }
        guard let source = nanLeaf(evaluation.expr, evaluation) else { return [] }
        let sourceText = evaluation.text(of: source)
        var notes: [String] = []
        if case let .tensor(tensor)? = evaluation.value(of: source), let bound = evaluation.facts[tensor].boundName {
            notes.append("`\(sourceText)` became NaN on line \(bound.line)")
        }
        notes.append("NaN carries into the arithmetic that reads it, as here; a NaN loss does not by itself mean NaN gradients (a mean over zero elements sends no gradient back), so check `.grad` after `backward()`")
        return [Finding("nan-produced", .warning, "`\(name)` is NaN because `\(sourceText)` is NaN", at: evaluation.expr, in: evaluation.index,
                        label: "NaN carried in from `\(sourceText)`", notes: notes, help: "fix the first NaN; this one follows from it")]
    }

    /// The first variable read in `expr` whose value holds NaN.
    private func nanLeaf(_ expr: Expr, _ evaluation: Evaluation) -> Expr? {
        switch expr.kind {
        case .name, .attribute:
            if let value = evaluation.value(of: expr), holdsNaN(value) { return expr }
            if case let .attribute(object, _, _) = expr.kind { return nanLeaf(object, evaluation) }
            return nil
        default:
            for child in SyntaxIndex.children(of: expr) { if let leaf = nanLeaf(child, evaluation) { return leaf } }
            return nil
        }
    }
}
