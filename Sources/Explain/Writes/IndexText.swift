import Interpreter
import PySyntax
import TensorEngine

/// A subscript's index written with each slice resolved against the size it met, so the
/// loop variable `h = slice(-4, -2)` on a dim of 8 reads as `4:6`.
enum IndexText {
    /// `[:, 4:6, 0:4, :]`, or nil when a part is not a plain int, slice, None or `...`
    /// (a tensor or list index is described by its source text instead).
    static func resolved(_ parts: [Value], shape: [Int]) -> String? {
        let consuming = parts.filter { value in
            switch value {
            case .none, .ellipsis: return false
            default: return true
            }
        }.count
        var dim = 0
        var texts: [String] = []
        for value in parts {
            switch value {
            case .none:
                texts.append("None")
            case .ellipsis:
                let skipped = max(shape.count - consuming, 0)
                texts += Array(repeating: ":", count: skipped)
                dim += skipped
            case let .slice(start, stop, step):
                guard dim < shape.count else { return nil }
                texts.append(sliceText(start, stop, step, size: shape[dim]))
                dim += 1
            default:
                guard dim < shape.count, case .int = value, let position = intValue(value) else { return nil }
                texts.append(String(position < 0 ? position + shape[dim] : position))
                dim += 1
            }
        }
        // Dims the index leaves out are kept whole: write them out, as `[0]` is `[0, :]`.
        if dim < shape.count { texts += Array(repeating: ":", count: shape.count - dim) }
        return "[" + texts.joined(separator: ", ") + "]"
    }

    /// `:` for a whole dim, else `start:stop` (and `:step`) as the positions it selects.
    private static func sliceText(_ start: Value, _ stop: Value, _ step: Value, size: Int) -> String {
        if start.isNone && stop.isNone && step.isNone { return ":" }
        let description = SliceDescription(start: start, stop: stop, step: step, size: size, dim: 0, rank: 1)
        let picked = description.selected
        let stepText = description.step == 1 ? "" : ":\(description.step)"
        guard let first = picked.first, let last = picked.last else {
            let startValue = intValue(start) ?? 0
            let resolved = min(max(startValue < 0 ? startValue + size : startValue, 0), size)
            return "\(resolved):\(resolved)"
        }
        if first == 0 && last + description.step >= size && description.step == 1 { return ":" }
        return "\(first):\(last + 1)\(stepText)"
    }

    /// The parts of a subscript's index: the items of a tuple index, else the index itself.
    static func parts(of indexExpr: Expr, value: Value) -> (exprs: [Expr], values: [Value]) {
        if case let .tuple(items) = indexExpr.kind, case let .tuple(values) = value, items.count == values.count {
            return (items, values)
        }
        if case let .tuple(values) = value { return (Array(repeating: indexExpr, count: values.count), values) }
        return ([indexExpr], [value])
    }

    /// The one boolean mask a subscript is indexed by (`logits[logits < v]`), if it is that.
    static func lonelyMask(_ values: [Value]) -> Tensor? {
        guard values.count == 1, case let .tensor(mask) = values[0], mask.dtype == .bool else { return nil }
        return mask
    }

    /// Whether an index part is an integer tensor or a list of ints (advanced indexing).
    static func isAdvanced(_ value: Value) -> Bool {
        switch value {
        case let .tensor(tensor): return tensor.dtype != .bool && tensor.rank > 0
        case .list: return true
        default: return false
        }
    }
}
