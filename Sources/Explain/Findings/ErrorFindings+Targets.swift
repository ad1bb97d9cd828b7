import Interpreter
import Ops
import PySyntax
import TensorEngine

extension ErrorClassifier {
    /// `target-out-of-range`: a class index ≥ the number of classes, or negative and not
    /// `ignore_index`. When the logits were sliced `[:, a:b]`, class c is column c - a.
    func targetOutOfRange(_ call: CallSite) -> Finding? {
        guard let input = call.input, let target = call.argument("target"),
              case let .tensor(targetTensor) = target.value, !targetTensor.dtype.isFloatingPoint else { return nil }
        let classes = input.tensor.rank >= 2 ? input.tensor.shape[1] : (input.tensor.shape.first ?? 0)
        guard let ignoreIndex = call.int("ignore_index") else { return nil }
        let targets = targetTensor.int64s().map { Int($0) }
        let bad = targets.filter { ($0 >= classes || $0 < 0) && $0 != ignoreIndex }
        guard !bad.isEmpty else { return nil }
        let targetText = evaluation.text(of: target.expr)
        let inputText = evaluation.text(of: input.expr)
        var notes = ["`\(inputText)` is \(TensorSignature(input.tensor)): \(classes) classes, so each target must lie in 0…\(classes - 1) (or be ignore_index = \(ignoreIndex))",
                     "`\(targetText)` holds \(listText(targets)); out of range: \(listText(Array(Set(bad)).sorted()))"]
        var help: String?
        var fix: Finding.Fix?
        if let slice = evaluation.facts[input.tensor].columnSliceStart {
            let shifted = targets.map { $0 - slice.value }
            if shifted.allSatisfy({ ($0 >= 0 && $0 < classes) || $0 == ignoreIndex - slice.value }) {
                let replacement = targetText.contains(" ") ? "(\(targetText)) - \(slice.text)" : "\(targetText) - \(slice.text)"
                notes.append("`\(inputText)` holds columns \(slice.value)… of the logits (sliced `[:, \(slice.text):…]`), so class c sits in column c - \(slice.value)")
                help = "shift the targets into the slice: write `\(replacement)`"
                fix = Finding.Fix(span: target.expr.span, replacement: replacement)
            }
        }
        if help == nil {
            help = bad.allSatisfy({ $0 >= classes }) ? "the model must output at least \((bad.max() ?? 0) + 1) classes, or the labels must be remapped to 0…\(classes - 1)" : "negative targets are only allowed when they equal ignore_index"
        }
        return Finding("target-out-of-range", .error, "target \(bad[0]) is out of range for \(classes) classes", at: expr, in: index,
                       label: "\(TensorSignature(input.tensor)) logits, \(TensorSignature(targetTensor)) targets", notes: notes, help: help, fix: fix)
    }

    /// `dtype-mismatch`: an op that needs a float (or bool) dtype got another.
    func dtypeMismatch() -> Finding {
        guard let call = evaluation.call else {
            return Finding("dtype-mismatch", .error, message, at: expr, in: index)
        }
        var notes: [String] = []
        var fix: Finding.Fix?
        var help: String?
        let text = evaluation.text
        func replacing(_ operand: Expr, with suffix: String) -> Finding.Fix {
            let operandText = evaluation.text(of: operand)
            let offset = operand.span.start - expr.span.start
            let bytes = Array(text.utf8)
            let prefix = String(decoding: bytes.prefix(offset), as: UTF8.self)
            let rest = String(decoding: bytes.dropFirst(offset + operandText.utf8.count), as: UTF8.self)
            let wrapped = operandText.contains(" ") ? "(\(operandText))" : operandText
            return Finding.Fix(span: expr.span, replacement: prefix + wrapped + suffix + rest)
        }
        let summary: String
        if call.kind == .maskedFill, let mask = call.argument("mask"), case let .tensor(maskTensor) = mask.value {
            summary = "`masked_fill` needs a bool mask, but `\(evaluation.text(of: mask.expr))` is \(maskTensor.dtype.rawValue)"
            notes.append("a float mask of 0s and 1s is not read as True/False")
            fix = replacing(mask.expr, with: ".bool()")
        } else if call.kind == .oneHot, let input = call.input {
            summary = "`one_hot` needs int64 class indices, but `\(evaluation.text(of: input.expr))` is \(input.tensor.dtype.rawValue)"
            fix = replacing(input.expr, with: ".long()")
        } else if let input = call.input, !input.tensor.dtype.isFloatingPoint {
            summary = "`\(call.name)` needs a floating-point tensor, but `\(evaluation.text(of: input.expr))` is \(input.tensor.dtype.rawValue)"
            notes.append("integer tensors (e.g. from torch.arange or labels) must be converted before \(call.name)")
            fix = replacing(input.expr, with: ".float()")
        } else {
            summary = "the dtypes do not fit `\(call.name)`: \(message)"
        }
        if let fix { help = "write `\(fix.replacement)`" }
        return Finding("dtype-mismatch", .error, summary, at: expr, in: index, label: message.count < 90 ? message : nil, notes: notes, help: help, fix: fix)
    }
}
