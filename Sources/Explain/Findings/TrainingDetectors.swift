import Interpreter
import Ops
import PySyntax
import TensorEngine

/// `softmax-before-cross-entropy`: `cross_entropy` given probabilities. It applies
/// log_softmax itself, so the softmax is taken twice.
final class SoftmaxBeforeCrossEntropyDetector: PitfallDetector {
    func findings(_ evaluation: Evaluation) -> [Finding] {
        guard let sides = LossSides(evaluation, where: { kind, _ in kind == .classEntropy(appliesLogSoftmax: true) }),
              case let .softmax(dim)? = evaluation.facts[sides.input.tensor].producer else { return [] }
        let inputText = evaluation.text(of: sides.input.expr)
        let logits = evaluation.facts[sides.input.tensor].logitsText
        var notes = ["`\(inputText)` is a softmax output (dim \(dim)): probabilities in [0, 1]",
                     "cross_entropy applies log_softmax to its input itself, so it takes a softmax of these probabilities: "
                        + "inputs in [0, 1] give nearly uniform predictions, a loss that barely falls, and small gradients"]
        var fix: Finding.Fix?
        if let logits {
            notes.append("cross_entropy expects the logits, `\(logits)`")
            fix = Finding.Fix(span: sides.input.expr.span, replacement: logits)
        }
        return [Finding("softmax-before-cross-entropy", .warning, "cross_entropy is given probabilities, not logits", at: evaluation.expr,
                        in: evaluation.index, notes: notes,
                        help: logits.map { "pass the logits `\($0)` instead of `\(inputText)`" } ?? "pass the logits, before the softmax", fix: fix)]
    }
}

/// `unneeded-clone`: a copy that is never written in place while its source is never
/// changed after it, judged when the program ends (from the storages' version counters).
final class UnneededCloneTracker {
    private struct Clone {
        let expr: Expr
        let sourceText: String
        weak var copy: Storage?
        weak var source: Storage?
        /// Any write at all since the clone, the kernels' own included (`running_mean`
        /// moves inside batch_norm's kernel, which PyTorch's version counter does not see).
        let copyWrites: Int
        let sourceWrites: Int
    }

    private var clones: [Clone] = []

    func record(_ evaluation: Evaluation) {
        guard let call = evaluation.call, call.outOfPlaceKind == .clone, let input = call.input,
              case let .tensor(copy) = evaluation.value, copy !== input.tensor, clones.count < 1024 else { return }
        clones.append(Clone(expr: evaluation.expr, sourceText: evaluation.text(of: input.expr), copy: copy.storage, source: input.tensor.storage,
                            copyWrites: copy.storage.writeCount, sourceWrites: input.tensor.storage.writeCount))
    }

    /// The clones nothing needed, once the program has run.
    func findings(in index: SyntaxIndex) -> [(Finding, Expr)] {
        clones.compactMap { clone in
            guard let copy = clone.copy, let source = clone.source,
                  copy.writeCount == clone.copyWrites, source.writeCount == clone.sourceWrites else { return nil }
            let notes = ["the copy is never written in place, and `\(clone.sourceText)` is never changed in place after it, "
                         + "so reading `\(clone.sourceText)` directly gives the same values and the same gradients"]
            let finding = Finding("unneeded-clone", .info, "this clone is not needed", at: clone.expr, in: index, notes: notes,
                                  help: "use `\(clone.sourceText)` itself: nothing writes to the copy or to `\(clone.sourceText)` afterwards")
            return (finding, clone.expr)
        }
    }
}

/// `kl-div-reduction`: `F.kl_div` or an `nn.KLDivLoss` module with reduction 'mean' (its
/// default, or the legacy `size_average=True`) on distributions over classes: it divides by
/// N·C, not by N. A module is judged where it is applied, whatever line built it.
final class KLDivReductionDetector: PitfallDetector {
    func findings(_ evaluation: Evaluation) -> [Finding] {
        guard let call = evaluation.call else { return [] }
        let input: (expr: Expr, tensor: Tensor)
        let defaultText: String
        let help: String
        if call.kind == .klDivergence, let functionalInput = call.input, call.lossReduction == "mean" {
            input = functionalInput
            defaultText = call.argument("reduction") != nil || call.argument("size_average") != nil ? "" : " (the default)"
            help = "pass reduction='batchmean'"
        } else if let module = call.moduleObject, call.moduleKind == .klDivergence, evaluation.lossModuleReduction(module) == "mean",
                  let first = call.moduleInput, case let .tensor(tensor) = first.value {
            input = (first.expr, tensor)
            defaultText = " (the default of nn.KLDivLoss)"
            help = "build the module as nn.KLDivLoss(reduction='batchmean')"
        } else {
            return []
        }
        guard input.tensor.rank >= 2 else { return [] }
        let batch = input.tensor.shape[0]
        let classes = input.tensor.count / max(batch, 1)
        guard batch > 0, classes > 1 else { return [] }
        let notes = [
            "reduction='mean'\(defaultText) divides the summed KL by every element of `\(evaluation.text(of: input.expr))`: "
                + "\(input.tensor.count) = \(batch) × \(classes), not by the batch size \(batch)",
            "so this term is \(classes)× smaller than the KL divergence per sample; 'batchmean' divides by \(batch), as the math means",
        ]
        return [Finding("kl-div-reduction", .warning, "kl_div averages over classes too: reduction='mean' is not the KL divergence",
                        at: evaluation.expr, in: evaluation.index, notes: notes, help: help)]
    }
}
