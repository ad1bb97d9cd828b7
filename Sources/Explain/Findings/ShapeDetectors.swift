import Interpreter
import Ops
import PySyntax
import TensorEngine

/// `broadcast-outer`: an elementwise op whose output outgrows both inputs because a
/// lower-rank operand met a trailing size-1 dim, e.g. [4, 1] with [4] → [4, 4].
final class BroadcastOuterDetector: PitfallDetector {
    func findings(_ evaluation: Evaluation) -> [Finding] {
        let operands: [(expr: Expr, tensor: Tensor)]
        var symbol = ""
        switch evaluation.expr.kind {
        case let .binary(op, left, right) where op != .matrixMultiply:
            guard let a = evaluation.tensor(of: left), let b = evaluation.tensor(of: right) else { return [] }
            operands = [(left, a), (right, b)]
            symbol = op.rawValue
        case .call:
            guard let sides = LossSides(evaluation, where: { _, traits in traits.contains(.elementwiseLoss) }) else { return [] }
            operands = [sides.input, sides.target]
        default:
            return []
        }
        let (a, b) = (operands[0].tensor, operands[1].tensor)
        guard a.rank >= 1, b.rank >= 1, a.rank != b.rank, let shape = broadcastShape(a.shape, b.shape) else { return [] }
        let count = shape.reduce(1, *)
        guard count > a.count, count > b.count else { return [] }
        let (higher, lower) = a.rank > b.rank ? (operands[0], operands[1]) : (operands[1], operands[0])
        let offset = higher.tensor.rank - lower.tensor.rank
        let clashing = (offset..<higher.tensor.rank).filter { higher.tensor.shape[$0] == 1 && lower.tensor.shape[$0 - offset] > 1 }
        // The classic bug: without its size-1 dim, the larger operand has exactly the
        // smaller one's shape, so elementwise was meant. [4, 1] with [3] is a deliberate outer op.
        var squeezed = higher.tensor.shape
        for position in clashing.reversed() { squeezed.remove(at: position) }
        guard let dim = clashing.last, squeezed.suffix(lower.tensor.rank) == ArraySlice(lower.tensor.shape) else { return [] }
        let higherText = evaluation.text(of: higher.expr)
        let lowerText = evaluation.text(of: lower.expr)
        var fix: Finding.Fix?
        var help = "if you meant elementwise, give both the same shape"
        if dim == higher.tensor.rank - 1, offset == 1, case .binary = evaluation.expr.kind {
            let squeezed = "\(higherText).squeeze(-1)"
            let replacement = higher.expr === operands[0].expr ? "\(squeezed) \(symbol) \(lowerText)" : "\(lowerText) \(symbol) \(squeezed)"
            fix = Finding.Fix(span: evaluation.expr.span, replacement: replacement)
            help = "if you meant elementwise, drop the size-1 dim: `\(replacement)`; if you did mean every pair, make it explicit with `[:, None]` and `[None, :]`"
        } else if case .call = evaluation.expr.kind {
            help = "if you meant elementwise, make the shapes equal, e.g. `\(higherText).squeeze(\(dim))` or `\(lowerText).unsqueeze(\(dim - offset + 1))`"
        }
        return [Finding("broadcast-outer", .warning,
                        "broadcasting makes every pair: \(shapeText(a.shape)) with \(shapeText(b.shape)) gives \(shapeText(shape))",
                        at: evaluation.expr, in: evaluation.index,
                        label: "\(plural(count, "element")) from inputs of \(a.count) and \(b.count)",
                        notes: ["`\(lowerText)` \(shapeText(lower.tensor.shape)) is aligned from the right with `\(higherText)` \(shapeText(higher.tensor.shape)); dim \(dim) of `\(higherText)` has size 1, so it is stretched to \(lower.tensor.shape[dim - offset]) and each entry meets every entry of `\(lowerText)`"],
                        help: help, fix: fix)]
    }
}

/// NumPy broadcasting of two shapes, or nil when they clash.
func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    let paddedA = Array(repeating: 1, count: rank - a.count) + a
    let paddedB = Array(repeating: 1, count: rank - b.count) + b
    var shape: [Int] = []
    for (x, y) in zip(paddedA, paddedB) {
        if x == y || y == 1 { shape.append(x) } else if x == 1 { shape.append(y) } else { return nil }
    }
    return shape
}

/// `floor-division`: `a // b` on Python ints that leaves a remainder, used as a size.
final class FloorDivisionDetector: PitfallDetector {
    /// Variables bound to a lossy `a // b`, waiting to be used as a size.
    private var lossyNames: [String: (expr: Expr, text: String, shortfall: String)] = [:]
    private var reported: Set<ObjectIdentifier> = []

    func findings(_ evaluation: Evaluation) -> [Finding] {
        let expr = evaluation.expr
        if case let .binary(.floorDivide, left, right) = expr.kind,
           let a = evaluation.value(of: left).flatMap(pythonInt), let b = evaluation.value(of: right).flatMap(pythonInt), b != 0 {
            let quotient = Int((Double(a) / Double(b)).rounded(.down))
            let remainder = a - quotient * b
            guard remainder != 0 else { return [] }
            let text = "\(a) // \(b) = \(quotient) drops a remainder of \(remainder)"
            let shortfall = "\(quotient) × \(b) = \(quotient * b), not \(a)"
            if let name = evaluation.index.assignedName(of: expr) { lossyNames[name] = (expr, text, shortfall) }
            guard let call = enclosingShapeCall(expr, evaluation) else { return [] }
            return [finding(expr, text, shortfall, callText: call, evaluation)]
        }
        if case let .name(name) = expr.kind, let pending = lossyNames[name], !reported.contains(ObjectIdentifier(pending.expr)),
           let call = enclosingShapeCall(expr, evaluation) {
            return [finding(pending.expr, pending.text, pending.shortfall, callText: call, evaluation)]
        }
        return []
    }

    private func pythonInt(_ value: Value) -> Int? {
        if case let .int(number) = value { return Int(number) }
        return nil
    }

    private func finding(_ expr: Expr, _ text: String, _ shortfall: String, callText: String, _ evaluation: Evaluation) -> Finding {
        reported.insert(ObjectIdentifier(expr))
        return Finding("floor-division", .warning, "`\(evaluation.text(of: expr))` rounds down: \(text)", at: expr, in: evaluation.index,
                       notes: ["it is used as a size in `\(callText)`; the quotient covers \(shortfall), so the remainder is silently left out"],
                       help: "check that the numerator is a multiple of the divisor (e.g. `assert B_ % nW == 0`), or compute the size from the tensor's shape")
    }

    /// The text of the shape-taking call whose arguments hold `expr`, if any.
    private func enclosingShapeCall(_ expr: Expr, _ evaluation: Evaluation) -> String? {
        var child = expr
        while let parent = evaluation.index.parent(of: child) {
            if case let .call(callee, arguments) = parent.kind, !(callee === child), arguments.contains(where: { $0.value === child }) {
                let name = evaluation.text(of: callee).split(separator: ".").last.map(String.init) ?? ""
                if OpTable.takesSizes(name) { return evaluation.text(of: parent) }
            }
            switch parent.kind {
            case .binary, .tuple, .list, .call, .unary: child = parent
            default: return nil
            }
        }
        return nil
    }
}

/// `mask-value` (info): an additive attention mask that blocks with -100 rather than a
/// much larger negative number.
final class MaskValueDetector: PitfallDetector {
    private var reported = false

    func findings(_ evaluation: Evaluation) -> [Finding] {
        guard !reported, case let .binary(.add, left, right) = evaluation.expr.kind else { return [] }
        for side in [left, right] {
            let text = evaluation.text(of: side)
            guard text.lowercased().contains("mask"), let mask = evaluation.tensor(of: side), mask.dtype.isFloatingPoint else { continue }
            let values = mask.doubles()
            guard values.contains(-100), values.allSatisfy({ $0 == 0 || $0 == -100 }) else { continue }
            reported = true
            return [Finding("mask-value", .info, "the mask blocks positions by adding -100", at: side, in: evaluation.index,
                            notes: ["after softmax, a blocked position's weight is scaled by e^-100 ≈ 3.7e-44 relative to the open positions: negligible, but not exactly 0",
                                    "a row where every position is blocked is shifted by the same -100 everywhere, and softmax ignores a uniform shift: such a row keeps its unmasked weights instead of becoming NaN"])]
        }
        return []
    }
}
