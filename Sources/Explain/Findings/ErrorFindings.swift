import Diagnostics
import Foundation
import Interpreter
import Ops
import PySyntax
import TensorEngine

/// Turns the exception that stopped the program into an `error` finding on the failing
/// span, with the shapes, ranges and dtypes that explain it.
struct ErrorFindings {
    let tracer: Tracer

    func finding(type: String, message: String, reason: TensorError.Reason?, span: Span?) -> Finding {
        let index = tracer.index
        let span = span ?? Span(0, 0)
        guard let node = index.node(at: span) else {
            return Finding(span: span, "exception", .error, "\(type): \(message)", in: index.source)
        }
        let evaluation = tracer.evaluation(of: node, value: .none)
        let classified = ErrorClassifier(evaluation: evaluation, type: type, message: message, reason: reason).classify()
        var finding = classified ?? Finding("exception", .error, "\(type): \(message)", at: node, in: index)
        if let cause = emptySliceCause(of: evaluation, line: finding.line) { finding.notes.append(cause) }
        return finding
    }

    /// An error whose input is empty because of an earlier `empty-slice` finding says so.
    private func emptySliceCause(of evaluation: Evaluation, line: Int) -> String? {
        let values = SyntaxIndex.children(of: evaluation.expr).compactMap { evaluation.value(of: $0) }
            + (evaluation.call.map { $0.positional.map(\.value) + $0.keywords.map(\.value) } ?? [])
        guard let empty = values.lazy.compactMap({ value -> Tensor? in
            if case let .tensor(tensor) = value, tensor.count == 0 { return tensor }
            return nil
        }).first,
              let slice = tracer.findings.last(where: { $0.code == "empty-slice" && $0.line <= line }) else { return nil }
        return "this error follows from the empty slice on line \(slice.line): an input here is \(TensorSignature(empty)), with no elements"
    }
}

struct ErrorClassifier {
    let evaluation: Evaluation
    let type: String
    let message: String
    /// The engine's account of the error; nil for errors the engine did not raise.
    let reason: TensorError.Reason?

    var index: SyntaxIndex { evaluation.index }
    var expr: Expr { evaluation.expr }

    func classify() -> Finding? {
        switch reason {
        case .viewNotContiguous?: return viewNoncontiguous()
        case .sizeMismatch?, .targetSizeMismatch?: return shapeMismatch()
        case let .dimOutOfRange(low, high, got)?: return dimOutOfRange(low: low, high: high, got: got)
        default: break
        }
        if let call = evaluation.call, case .classEntropy? = call.kind, let finding = targetOutOfRange(call) { return finding }
        switch reason {
        case let .indexOutOfBounds(position, dim, size)?: return indexOutOfBounds(position, dim: dim, size: size)
        case .lookupOutOfRange?, .sequenceIndexOutOfRange?: return Finding("index-out-of-range", .error, message, at: expr, in: index)
        case let reason? where reason.isDtypeProblem: return dtypeMismatch()
        default: return nil
        }
    }

    // MARK: - view-noncontiguous

    private func viewNoncontiguous() -> Finding {
        let call = evaluation.call
        var notes: [String] = []
        if let input = call?.input?.tensor {
            notes.append("the input is \(TensorSignature(input)) with strides \(stridesText(input)); row-major strides would be \(stridesText(input.viewing(View(contiguous: input.shape))))")
            let shape = input.shape
            let strides = input.strides
            for dim in 0..<max(0, input.rank - 1) where shape[dim] > 1 && shape[dim + 1] > 1 {
                let needed = strides[dim + 1] * shape[dim + 1]
                if strides[dim] != needed {
                    notes.append("dims \(dim) and \(dim + 1) are not contiguous: dim \(dim) steps \(strides[dim]) elements, but would need to step \(needed) (= stride \(strides[dim + 1]) × size \(shape[dim + 1]) of dim \(dim + 1)) for a view to merge them without copying")
                    break
                }
            }
        }
        var fix: Finding.Fix?
        var help = "use `.reshape(...)`, which copies only when it must, or `.contiguous().view(...)`"
        if let call, call.kind == .reshape(isView: true), case let .attribute(object, method, _) = call.callee.kind {
            let text = evaluation.text
            let objectText = evaluation.text(of: object)
            if text.hasPrefix(objectText + "." + method + "(") {
                let arguments = String(text.dropFirst(objectText.count + 1 + method.count))
                let replacement = "\(objectText).reshape\(arguments)"
                fix = Finding.Fix(span: expr.span, replacement: replacement)
                help = "write `\(replacement)` (copies only when needed), or `\(objectText).contiguous().view\(arguments)`"
            }
        }
        return Finding("view-noncontiguous", .error, "`view` cannot reshape this tensor: its memory layout is not contiguous",
                       at: expr, in: index, notes: notes, help: help, fix: fix)
    }

    // MARK: - shape-mismatch

    private func shapeMismatch() -> Finding {
        var operands: [(text: String, tensor: Tensor)] = []
        switch expr.kind {
        case let .binary(_, left, right):
            for side in [left, right] { if let tensor = evaluation.tensor(of: side) { operands.append((evaluation.text(of: side), tensor)) } }
        default:
            operands = evaluation.tensorInputs.map { (evaluation.text(of: $0.expr), $0.tensor) }
        }
        guard operands.count >= 2 else {
            return Finding("shape-mismatch", .error, "shapes do not broadcast: \(message)", at: expr, in: index)
        }
        let (a, b) = (operands[0], operands[1])
        let rank = max(a.tensor.rank, b.tensor.rank)
        let padA = Array(repeating: nil, count: rank - a.tensor.rank) + a.tensor.shape.map(Optional.some)
        let padB = Array(repeating: nil, count: rank - b.tensor.rank) + b.tensor.shape.map(Optional.some)
        let clash = (0..<rank).last { position in
            if let x = padA[position], let y = padB[position] { return x != y && x != 1 && y != 1 }
            return false
        }
        let drawing = drawAligned([("`\(a.text)`", padA), ("`\(b.text)`", padB)], mark: clash)
        var notes = ["broadcasting lines shapes up from the right; each pair of sizes must be equal, or one of them 1:\n" + drawing]
        var help: String?
        if let clash, let x = padA[clash], let y = padB[clash] {
            let fromEnd = clash - rank
            help = "at dim \(fromEnd) (from the end) `\(a.text)` has \(x) and `\(b.text)` has \(y): one of them must change to match the other, or to 1"
            if b.tensor.rank < a.tensor.rank || b.tensor.rank == a.tensor.rank {
                var fitting = b.tensor.shape
                fitting[fitting.count + fromEnd] = x
                notes.append("`\(b.text)` would fit with shape \(shapeText(fitting)) (or size 1 at that dim)")
            }
        } else if case .targetSizeMismatch? = reason {
            help = "give the target the same shape as the input"
        }
        return Finding("shape-mismatch", .error, "shapes \(shapeText(a.tensor.shape)) and \(shapeText(b.tensor.shape)) cannot be broadcast together",
                       at: expr, in: index, label: isSizeMismatch ? nil : message, notes: notes, help: help)
    }

    private var isSizeMismatch: Bool {
        if case .sizeMismatch? = reason { return true }
        return false
    }

    /// Shapes right-aligned in columns, with a caret under the clashing column.
    private func drawAligned(_ rows: [(String, [Int?])], mark: Int?) -> String {
        let rank = rows.map(\.1.count).max() ?? 0
        let widths = (0..<rank).map { column in rows.map { $0.1[column].map { String($0).count } ?? 1 }.max() ?? 1 }
        let nameWidth = rows.map(\.0.count).max() ?? 0
        var lines: [String] = []
        for (name, sizes) in rows {
            let cells = (0..<rank).map { column in (sizes[column].map(String.init) ?? "").leftPad(widths[column]) }
            lines.append(name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  [" + cells.joined(separator: "  ") + "]")
        }
        if let mark {
            let before = widths.prefix(mark).reduce(0) { $0 + $1 + 2 }
            lines.append(String(repeating: " ", count: nameWidth + 3 + before) + String(repeating: "^", count: widths[mark]) + " sizes clash here")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - dim and index ranges

    private func dimOutOfRange(low: Int, high: Int, got: Int) -> Finding {
        let rank = high + 1
        let shape = evaluation.call?.input.map { " \(TensorSignature($0.tensor))" } ?? ""
        return Finding("dim-out-of-range", .error, "dim \(got) is out of range for a \(rank)-D tensor\(shape.isEmpty ? "" : ":" + shape)",
                       at: expr, in: index,
                       notes: ["a \(rank)-D tensor has dims 0…\(high), or \(low)…-1 counted from the end"],
                       help: "use a dim between \(low) and \(high)")
    }

    private func indexOutOfBounds(_ position: Int, dim: Int, size: Int) -> Finding {
        Finding("index-out-of-range", .error, "index \(position) is out of range for dim \(dim), which has size \(size)",
                at: expr, in: index,
                notes: [size == 0 ? "dim \(dim) is empty: no index is valid" : "valid indices for dim \(dim) are 0…\(size - 1), or -\(size)…-1 counted from the end"])
    }
}
