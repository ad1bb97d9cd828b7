import Diagnostics
import Interpreter
import PySyntax
import TensorEngine

/// The pitfalls only a backward pass reveals, judged from the gradients it computed.
struct BackwardFindings {
    let record: BackwardRecord
    let backwardCall: Expr
    let index: SyntaxIndex
    /// The latest value of an expression, to look for empty inputs under a term.
    let value: (Expr) -> Value?

    var source: SourceFile { index.source }
    var backwardLine: Int { source.line(of: backwardCall.span.start) }

    /// `dead-loss-term`: a term added into the loss that sends no gradient anywhere.
    func deadTerms() -> [(Finding, Expr)] {
        guard record.terms.count >= 2 else { return [] }
        return record.terms.filter(\.isDead).map { entry in
            let written = shortened(source.text(of: entry.term.written.span))
            var notes = ["`\(written)` is added into the loss, but `backward()` on line \(backwardLine) gives every parameter "
                + "only the gradient of the other terms: training goes on without this one"]
            let help: String
            if !entry.requiresGrad {
                notes.insert("it does not require grad: nothing it was computed from is tracked by autograd "
                             + "(a constant, a `.detach()`ed tensor, or work done under `torch.no_grad()`)", at: 0)
                help = "compute this term from tensors that require grad, outside `torch.no_grad()` and without `.detach()`"
            } else if let empty = emptyInput(under: entry.term.origin) {
                notes.insert("it is computed from `\(shortened(source.text(of: empty.span)))`, which has no elements, so there is nothing for a gradient to flow through", at: 0)
                help = "fix the indexing that makes `\(shortened(source.text(of: empty.span)))` empty"
            } else {
                notes.insert("its gradient with respect to every parameter is zero", at: 0)
                help = "check that this term depends on the model's outputs"
            }
            let finding = Finding(span: entry.term.origin.span, "dead-loss-term", .warning, "this loss term contributes no gradient",
                                  in: source, notes: notes, help: help)
            return (finding, entry.term.origin)
        }
    }

    /// `nan-gradient`: a gradient that holds NaN or ±inf, reported at the term whose own
    /// gradient is non-finite, or at the backward call.
    func nonFiniteGradients() -> [(Finding, Expr)] {
        let affected = record.leaves.filter { leaf in record.addedGradient(leaf).map { !isAllFinite($0) } ?? false }
        guard !affected.isEmpty else { return [] }
        let names = affected.map { "`\($0.name)`" }.joined(separator: ", ")
        let culprit = record.terms.first { entry in
            entry.gradients?.contains { gradient in gradient.map { !isAllFinite($0) } ?? false } ?? false
        }
        let place = record.nonFiniteOrigin ?? culprit?.term.origin ?? backwardCall
        let notes = ["after `backward()` on line \(backwardLine), the gradient of \(names) holds NaN or ±inf",
                     "an optimizer step with it turns those weights into NaN"]
        let finding = Finding(span: place.span, "nan-gradient", .warning, "the backward pass of this produces a non-finite gradient",
                              in: source, notes: notes, help: "find the op whose backward divides by zero or takes log/sqrt at 0 (a `where` does not stop a NaN gradient from the branch it did not pick)")
        return [(finding, place)]
    }

    /// What `nan-produced` on a loss should add, now that the gradients are known.
    var nanLossNote: String {
        let affected = record.leaves.filter { leaf in record.addedGradient(leaf).map { !isAllFinite($0) } ?? false }
        if affected.isEmpty {
            return "after `backward()` on line \(backwardLine), every gradient is finite: this NaN does not reach any parameter"
        }
        return "after `backward()` on line \(backwardLine), the NaN reaches the gradients of " + affected.map { "`\($0.name)`" }.joined(separator: ", ")
    }

    /// Where emptiness starts under `expr`: the innermost sub-expression with an empty
    /// tensor value whose own inputs are not empty (the slice, not the softmax of it).
    private func emptyInput(under expr: Expr, depth: Int = 0) -> Expr? {
        guard depth < 64 else { return nil }
        for child in childExpressions(of: expr) {
            if case let .tensor(tensor)? = value(child), tensor.count == 0 {
                return emptyInput(under: child, depth: depth + 1) ?? child
            }
            if let deeper = emptyInput(under: child, depth: depth + 1) { return deeper }
        }
        return nil
    }

}

/// The sub-expressions an expression reads directly: `SyntaxIndex.children`, except that a
/// method call reads its receiver (`x` in `x.sqrt()`) rather than the bound method.
func childExpressions(of expr: Expr) -> [Expr] {
    let children = SyntaxIndex.children(of: expr)
    if case let .call(callee, _) = expr.kind, case let .attribute(object, _, _) = callee.kind {
        return [object] + children.dropFirst()
    }
    return children
}
