import Interpreter
import TensorEngine

/// The losses: what each computes from its input and target, and how it reduces.
struct LossExplainer: OperationExplainer {
    func explain(_ evaluation: Evaluation) -> OperationText? {
        if let module = klModuleText(evaluation) { return module }
        guard let call = evaluation.call, let kind = call.kind, kind.isExplainedLoss, let input = call.input else { return nil }
        let target = call.argument("target")
        let targetTensor: Tensor? = { if case let .tensor(tensor)? = target?.value { return tensor } else { return nil } }()
        let inputName = "`\(evaluation.text(of: input.expr))`"
        let targetName = target.map { "`\(evaluation.text(of: $0.expr))`" } ?? "the target"
        guard let reduction = call.lossReduction else { return nil }
        let count = input.tensor.count
        var text: String
        var notes: [String] = []
        switch kind {
        case .classEntropy:
            let classEntropy = ClassEntropyText(call: call, input: input.tensor, inputName: inputName, target: targetTensor,
                                                targetName: targetName, reduction: reduction, evaluation: evaluation)
            text = classEntropy.text
            notes += classEntropy.notes
        case let .binaryEntropy(logits):
            text = "binary cross-entropy: treats each of the \(plural(count, "entry")) of \(inputName) as an independent yes/no \(logits ? "logit (a sigmoid is applied inside)" : "probability") and scores it against \(targetName): −[t·log p + (1−t)·log(1−p)]"
            text += reductionText(reduction, items: count, unit: "element")
        case .klDivergence:
            text = klText(input: input.tensor, inputName: inputName, targetName: targetName, logTarget: call.bool("log_target") ?? false,
                          reduction: reduction)
        default:
            let kind: String = if case let .pointwiseLoss(differences) = kind { call.filling(differences) } else { "differences" }
            text = "\(kind) between \(inputName) and \(targetName), elementwise"
            text += reductionText(reduction, items: count, unit: "element")
        }
        if count == 0 && reduction == "mean" {
            notes.append("there are no elements to average, so the mean is 0/0 = nan")
        }
        return OperationText(operation: call.name, text: text, notes: notes)
    }

    /// `nn.KLDivLoss` applied: the same words as `F.kl_div`, with the module's reduction.
    func klModuleText(_ evaluation: Evaluation) -> OperationText? {
        guard let call = evaluation.call, let module = call.moduleObject, call.moduleKind == .klDivergence,
              let (inputExpr, inputValue) = call.moduleInput, case let .tensor(input) = inputValue, let target = call.moduleTarget,
              let reduction = evaluation.lossModuleReduction(module) else { return nil }
        let logTarget: Bool = { if case let .bool(flag)? = evaluation.nativeAttribute(module, "log_target") { return flag } else { return false } }()
        let text = klText(input: input, inputName: "`\(evaluation.text(of: inputExpr))`",
                          targetName: "`\(evaluation.text(of: target.expr))`", logTarget: logTarget, reduction: reduction)
        return OperationText(operation: "KLDivLoss", text: "applies `\(call.calleeText)`, an nn.KLDivLoss with reduction='\(reduction)': " + text)
    }

    private func klText(input: Tensor, inputName: String, targetName: String, logTarget: Bool, reduction: String) -> String {
        var text = "KL divergence: reads \(inputName) as log-probabilities and \(targetName) as \(logTarget ? "log-probabilities" : "probabilities"), and sums target·(log target − input)"
        switch reduction {
        case "batchmean": text += ", divided by the batch size \(input.shape.first ?? 1) (reduction='batchmean': the true KL per sample)"
        case "mean": text += ", divided by the number of elements \(input.count) (reduction='mean' averages over classes too, which is not the KL; 'batchmean' is)"
        default: text += reductionText(reduction, items: input.count, unit: "element")
        }
        return text
    }

    private func reductionText(_ reduction: String, items: Int, unit: String) -> String {
        switch reduction {
        case "mean": return "; averaged over the \(plural(items, unit)) (reduction='mean')"
        case "sum": return "; summed over the \(plural(items, unit)) (reduction='sum')"
        case "none": return "; one value per \(unit) (reduction='none')"
        default: return " (reduction='\(reduction)')"
        }
    }
}

/// Calls of `nn` modules such as `self.net(x)` for an `nn.Linear`.
struct ModuleCallExplainer: OperationExplainer {
    func explain(_ evaluation: Evaluation) -> OperationText? {
        guard let call = evaluation.call, let module = call.moduleObject, let output = evaluation.tensorResult else { return nil }
        let input = call.moduleInput.flatMap { if case let .tensor(tensor) = $0.value { return tensor } else { return nil } }
        let shapes = input.map { "\(shapeText($0.shape)) → \(shapeText(output.shape))" } ?? shapeText(output.shape)
        if call.moduleKind == .linear {
            return OperationText(operation: "Linear", text: "applies `\(call.calleeText)` = \(module.repr()): x @ weight.T + bias, \(shapes)")
        }
        return OperationText(operation: module.typeName, text: "applies `\(call.calleeText)` = \(module.repr()): \(shapes)")
    }
}

/// `cross_entropy` and `nll_loss`, with what PyTorch really averages over: rows whose
/// target is `ignore_index` are skipped, a `weight`ed mean divides by the sum of the
/// target weights, and `label_smoothing` mixes each target with the uniform distribution.
struct ClassEntropyText {
    var text = ""
    var notes: [String] = []

    init(call: CallSite, input: Tensor, inputName: String, target: Tensor?, targetName: String, reduction: String, evaluation: Evaluation) {
        let isCrossEntropy = call.kind == .classEntropy(appliesLogSoftmax: true)
        let classes = input.rank >= 2 ? input.shape[1] : (input.shape.first ?? 0)
        let classDim = input.rank >= 2 ? 1 : 0
        let items = input.rank >= 2 ? (classes > 0 ? input.count / classes : 0) : 1
        let unit = input.rank <= 2 ? "row" : "position"
        let weightArgument = call.argument("weight")
        let weight: Tensor? = { if case let .tensor(tensor)? = weightArgument?.value { return tensor } else { return nil } }()
        let weightName = weightArgument.map { "`\(evaluation.text(of: $0.expr))`" } ?? "the weight"
        let smoothing = isCrossEntropy ? (call.double("label_smoothing") ?? 0) : 0
        let explicitIgnore = call.argument("ignore_index").flatMap { intValue($0.value) }
        // The declared default (-100) when the call leaves it out; no index matches Int.min.
        let ignoreIndex = call.int("ignore_index") ?? Int.min
        let name = isCrossEntropy ? "cross-entropy" : "NLL"
        let first = isCrossEntropy
            ? "log_softmax of \(inputName) over its \(classes) classes (dim \(classDim)), then"
            : "with \(inputName) read as log-probabilities over \(classes) classes (dim \(classDim)),"
        let epsilon = compact(smoothing)
        if let target, target.dtype.isFloatingPoint {
            // Probability targets: no ignore_index; the mean divides by the number of rows.
            let term = weight != nil ? "−Σ_c \(weightName)[c]·target_c·log p_c" : "−Σ_c target_c·log p_c"
            text = "\(name) with soft targets: \(first) \(term) per \(unit), against the class probabilities in \(targetName)"
            if smoothing > 0 {
                text += "; label_smoothing=\(epsilon) first mixes each target with the uniform distribution: (1 − \(epsilon))·target + \(epsilon)/\(classes)"
            }
            text += Self.reductionText(reduction, counted: items, unit: unit, qualifier: "")
            if explicitIgnore != nil { notes.append("ignore_index applies only to class-index targets; with probability targets no \(unit) is skipped") }
            return
        }
        text = "\(name): \(first) the negative log-probability of each \(unit)'s target class from \(targetName)"
        if smoothing > 0 {
            text += "; label_smoothing=\(epsilon) mixes each one-hot target with the uniform distribution: (1 − \(epsilon))·one-hot + \(epsilon)/\(classes) on every class, so every class's log-probability counts a little"
        }
        let targets = target.map { $0.int64s().map { Int($0) } } ?? []
        let ignored = targets.filter { $0 == ignoreIndex }.count
        let counted = targets.isEmpty ? items : targets.count - ignored
        if weight != nil {
            text += smoothing > 0
                ? "; \(weightName) weighs each class's term: the −log p of class c is multiplied by \(weightName)[c]"
                : "; each \(unit)'s loss is multiplied by the weight of its target class, \(weightName)[target]"
        }
        let qualifier = ignored > 0 ? " whose target is not ignore_index (\(ignoreIndex))" : ""
        if reduction == "mean", let weight, !targets.isEmpty {
            let weights = weight.doubles()
            let total = targets.filter { $0 != ignoreIndex && $0 >= 0 && $0 < weights.count }.map { weights[$0] }.reduce(0, +)
            text += "; a weighted mean (reduction='mean'): the weighted losses of the \(plural(counted, unit))\(qualifier) are summed and divided by the sum of their target weights, \(compact(total)), not by \(counted)"
        } else {
            text += Self.reductionText(reduction, counted: counted, unit: unit, qualifier: qualifier)
        }
        if ignored > 0 {
            let which = explicitIgnore == nil ? "the default ignore_index" : "ignore_index"
            notes.append("\(plural(ignored, unit)) of \(targets.count) \(ignored == 1 ? "has" : "have") target \(ignoreIndex), \(which): \(ignored == 1 ? "it is" : "they are") skipped, adding nothing to the loss\(reduction == "mean" ? " and not counting in the mean" : "")\(reduction == "none" ? " (a loss of 0 there)" : "")")
            if counted == 0 && reduction == "mean" {
                notes.append("every \(unit) is ignored, so the mean is 0/0 = nan")
            }
        }
        if !targets.isEmpty {
            notes.append("each target must be a class index in 0…\(classes - 1); a target equal to ignore_index (\(ignoreIndex)) skips its \(unit)")
        }
    }

    static func reductionText(_ reduction: String, counted: Int, unit: String, qualifier: String) -> String {
        switch reduction {
        case "mean": return "; averaged over the \(plural(counted, unit))\(qualifier) (reduction='mean')"
        case "sum": return "; summed over the \(plural(counted, unit))\(qualifier) (reduction='sum')"
        case "none": return "; one value per \(unit) (reduction='none')"
        default: return " (reduction='\(reduction)')"
        }
    }
}
