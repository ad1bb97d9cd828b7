import Interpreter
import PySyntax
import TensorEngine

/// `all-masked-row`: a softmax row whose every entry is -inf gives 0/0 = NaN.
final class AllMaskedRowDetector: PitfallDetector {
    func findings(_ evaluation: Evaluation) -> [Finding] {
        guard let call = evaluation.call, let softmax = SoftmaxCall(call), softmax.input.tensor.count > 0 else { return [] }
        let rows = lines(of: softmax.input.tensor, along: softmax.dim)
        let masked = rows.indices.filter { rows[$0].allSatisfy { $0 == -.infinity } }
        guard let first = masked.first else { return [] }
        let inputText = evaluation.text(of: softmax.input.expr)
        return [Finding("all-masked-row", .warning,
                        "\(plural(masked.count, "row")) of `\(inputText)` \(masked.count == 1 ? "is" : "are") masked entirely, so softmax gives NaN there",
                        at: evaluation.expr, in: evaluation.index,
                        label: "\(masked.count) of \(rows.count) rows along dim \(softmax.dim) are all -inf",
                        notes: ["row \(first) (counting rows along dim \(softmax.dim) in order) is -inf everywhere: exp(-inf) = 0 in every entry, and 0/0 = NaN"],
                        help: "mask with a large negative number instead of -inf, such as -1e9 (or -100, as Swin does) or torch.finfo(x.dtype).min: a fully masked row then gets uniform weights instead of NaN")]
    }
}

/// `implicit-softmax-dim`: softmax without `dim`, where PyTorch guesses (deprecated).
final class ImplicitSoftmaxDimDetector: PitfallDetector {
    /// Softmax modules already flagged where they were built.
    private var flaggedModules: Set<ObjectIdentifier> = []

    func findings(_ evaluation: Evaluation) -> [Finding] {
        guard let call = evaluation.call else { return [] }
        // `nn.Softmax()` built in the explained code: flag the construction.
        if case let .builtin(builtin)? = call.calleeValue, ["Softmax", "LogSoftmax"].contains(builtin.name),
           call.argument("dim") == nil || call.argument("dim")?.value.isNone == true {
            if case let .native(module) = evaluation.value { flaggedModules.insert(ObjectIdentifier(module)) }
            return [finding(evaluation, name: "nn.\(builtin.name)", legacyNote: "PyTorch then guesses the dim from each input's rank when it is applied", fix: nil)]
        }
        guard let softmax = SoftmaxCall(call), !softmax.dimIsExplicit else { return [] }
        if let module = call.moduleObject {
            guard flaggedModules.insert(ObjectIdentifier(module)).inserted else { return [] }
            return [finding(evaluation, name: "`\(call.calleeText)` (\(module.repr()))",
                            legacyNote: "for this \(softmax.input.tensor.rank)-D input PyTorch picked dim \(softmax.dim)", fix: nil)]
        }
        let text = evaluation.text
        let rank = softmax.input.tensor.rank
        let suggested = Self.suggestedDim(softmax, evaluation)
        var fix: Finding.Fix?
        if text.hasSuffix(")") {
            fix = Finding.Fix(span: evaluation.expr.span, replacement: String(text.dropLast()) + ", dim=\(suggested.text))")
        }
        var help: String?
        if let fix, suggested.dim != softmax.dim {
            help = "PyTorch's legacy rule picked dim \(softmax.dim) for this \(rank)-D input; \(suggested.reason), so write e.g. `\(fix.replacement)`"
        } else if let fix, rank >= 4 {
            help = "PyTorch's legacy rule picked dim \(softmax.dim) for this \(rank)-D input: the channels of [N, C, H, W] images, but the heads of [batch, heads, queries, keys] attention scores, which need dim=-1; write the dim you mean, e.g. `\(fix.replacement)` to keep PyTorch's pick"
        }
        return [finding(evaluation, name: "`\(call.name)`",
                        legacyNote: "for this \(rank)-D input PyTorch picked dim \(softmax.dim), with a deprecation warning", fix: fix, help: help)]
    }

    /// The dim to suggest: the legacy pick where it is the last dim (1-D, 2-D), a dim the
    /// code names as the classes, otherwise the last dim of size > 1 for 3-D input (the
    /// classes or vocabulary of [batch, tokens, vocab]); higher ranks keep PyTorch's pick.
    static func suggestedDim(_ softmax: SoftmaxCall, _ evaluation: Evaluation) -> (dim: Int, text: String, reason: String) {
        let tensor = softmax.input.tensor
        let rank = tensor.rank
        let legacy = (softmax.dim, "\(softmax.dim)", "")
        if let labels = evaluation.facts[tensor].dimLabels, labels.count == rank,
           let named = labels.firstIndex(where: { classLabels.contains($0.lowercased()) }) {
            return (named, named == rank - 1 ? "-1" : "\(named)", "the code names dim \(named) `\(labels[named])`")
        }
        guard rank == 3 else { return legacy }
        guard let last = (1..<rank).last(where: { tensor.shape[$0] > 1 }) else { return legacy }
        if last == rank - 1 {
            return (last, "-1", "if this is [batch, tokens, classes] data, dim \(softmax.dim) is the batch and the classes are in the last dim (size \(tensor.shape[last]))")
        }
        return (last, "\(last)", "the last dim has size 1, so the classes are probably in dim \(last) (size \(tensor.shape[last])), not in dim \(softmax.dim)")
    }

    static let classLabels: Set<String> = ["c", "classes", "num_classes", "n_classes", "nc", "vocab", "vocab_size", "v", "labels", "k"]

    private func finding(_ evaluation: Evaluation, name: String, legacyNote: String, fix: Finding.Fix?, help: String? = nil) -> Finding {
        Finding("implicit-softmax-dim", .warning, "\(name) is called without `dim`", at: evaluation.expr, in: evaluation.index,
                notes: [legacyNote + "; the guess is 0 for 0-, 1- and 3-D inputs and 1 otherwise, which is wrong for batched 3-D data"],
                help: help ?? fix.map { "say which dim holds the classes, e.g. `\($0.replacement)`" } ?? "pass `dim=` explicitly: the dim that holds the classes (often -1)",
                fix: fix)
    }
}

/// `softmax-size-one`: softmax over a dim of size 1 is always 1.0 (log_softmax always 0).
final class SoftmaxSizeOneDetector: PitfallDetector {
    func findings(_ evaluation: Evaluation) -> [Finding] {
        guard let call = evaluation.call, let softmax = SoftmaxCall(call), softmax.input.tensor.rank > 0,
              softmax.input.tensor.count > 0, softmax.dimSize == 1 else { return [] }
        let input = softmax.input.tensor
        let larger = input.shape.indices.filter { input.shape[$0] > 1 }
        let suggestion = larger.last.map { " The classes are probably in dim \($0) (size \(input.shape[$0]))." } ?? ""
        return [Finding("softmax-size-one", .warning,
                        "\(softmax.isLog ? "log_softmax" : "softmax") over dim \(softmax.dim), which has size 1: every output is \(softmax.isLog ? "0" : "1.0")",
                        at: evaluation.expr, in: evaluation.index,
                        label: "\(TensorSignature(input)), dim \(softmax.dim) has 1 entry",
                        notes: ["a softmax over one entry normalizes it against itself: e^x / e^x = 1"],
                        help: "softmax over the dim that holds the classes.\(suggestion) For a single yes/no score, use torch.sigmoid instead")]
    }
}
