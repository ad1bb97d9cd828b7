import Autograd
import Diagnostics
import Interpreter
import PySyntax
import TensorEngine

/// `inplace-version`: PyTorch's "modified by an inplace operation" error, explained
/// before `backward()` runs into it: which tensor, which backward node saved it, and
/// the write, found as the first in-place write to its variable after it was made.
struct InPlaceVersionExplainer {
    let index: SyntaxIndex
    let producer: (Tensor) -> Expr?

    func findings(roots: [Tensor]) -> [(Finding, Expr?)] {
        GraphWalk.staleSaves(under: roots).prefix(1).compactMap { stale -> (Finding, Expr?)? in
            guard let made = producer(stale.tensor), let name = index.assignedName(of: made) else { return nil }
            let madeLine = index.line(of: made)
            guard let write = firstInPlaceWrite(to: name, after: madeLine) else { return nil }
            let notes = [
                "`\(stale.nodeName)` (the backward of `\(shortened(index.text(of: made)))` on line \(madeLine)) saved `\(name)` at version \(stale.savedVersion) to compute its gradient",
                "`\(name)` has been written since, starting with this write (it is now at version \(stale.tensor.storage.version)), so `backward()` fails with PyTorch's RuntimeError",
            ]
            let finding = Finding(span: write.span, "inplace-version", .error, "this in-place write changes `\(name)`, which the backward pass needs as it was",
                                  in: index.source, notes: notes,
                                  help: "make a new tensor instead (`\(name) = \(name) + ...` rather than `+=` or a `_` method), or write into a `.clone()`")
            return (finding, write.expr)
        }
    }

    /// The first statement after `line` that writes to `name` in place: `name += ...`,
    /// `name[...] = ...` or `name.op_(...)`.
    private func firstInPlaceWrite(to name: String, after line: Int) -> (span: Span, expr: Expr?)? {
        var best: (line: Int, span: Span, expr: Expr?)?
        for statement in index.allStatements {
            let statementLine = index.source.line(of: statement.span.start)
            guard statementLine > line, best.map({ statementLine < $0.line }) ?? true else { continue }
            switch statement.kind {
            case let .augmentedAssign(target, _, _) where isName(target, name):
                best = (statementLine, statement.span, nil)
            case let .assign(targets, _) where targets.contains(where: { isSubscript(of: $0, name) }):
                best = (statementLine, statement.span, nil)
            case let .expression(expr):
                if case let .call(callee, _) = expr.kind, case let .attribute(object, method, _) = callee.kind,
                   method.hasSuffix("_"), !method.hasPrefix("_"), isName(object, name) {
                    best = (statementLine, expr.span, expr)
                }
            default: break
            }
        }
        return best.map { ($0.span, $0.expr) }
    }

    private func isName(_ expr: Expr, _ name: String) -> Bool {
        if case let .name(identifier) = expr.kind { return identifier == name }
        return false
    }

    private func isSubscript(of expr: Expr, _ name: String) -> Bool {
        if case let .subscript(object, _) = expr.kind { return isName(object, name) }
        return false
    }
}
