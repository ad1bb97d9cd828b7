import Interpreter
import TensorEngine

/// The losses: what each computes from its input and target, and how it reduces.
struct LossExplainer: OperationExplainer {
    static let names: Set<String> = [
        "cross_entropy", "nll_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits",
        "kl_div", "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss",
    ]

    func explain(_ evaluation: Evaluation) -> OperationText? {
        guard let call = evaluation.call, Self.names.contains(call.name), let input = call.input else { return nil }
        let target = call.argument("target", position: 1)
        let targetTensor: Tensor? = { if case let .tensor(tensor)? = target?.value { return tensor } else { return nil } }()
        let inputName = "`\(evaluation.text(of: input.expr))`"
        let targetName = target.map { "`\(evaluation.text(of: $0.expr))`" } ?? "the target"
        let reduction = call.argument("reduction", position: 99).flatMap { if case let .string(text) = $0.value { return text } else { return nil } } ?? "mean"
        let count = input.tensor.count
        var text: String
        var notes: [String] = []
        switch call.name {
        case "cross_entropy", "nll_loss":
            let classes = input.tensor.rank >= 2 ? input.tensor.shape[1] : (input.tensor.shape.first ?? 0)
            let rows = input.tensor.rank >= 2 ? input.tensor.shape[0] : 1
            let first = call.name == "cross_entropy" ? "log_softmax of \(inputName) over its \(classes) classes (dim \(input.tensor.rank >= 2 ? 1 : 0)), then" : "with \(inputName) read as log-probabilities over \(classes) classes,"
            if let targetTensor, targetTensor.dtype.isFloatingPoint {
                text = "\(call.name == "cross_entropy" ? "cross-entropy" : "NLL") with soft targets: \(first) −Σ target·log p per row, against the class probabilities in \(targetName)"
            } else {
                text = "\(call.name == "cross_entropy" ? "cross-entropy" : "NLL"): \(first) the negative log-probability of each row's target class from \(targetName)"
                if let targetTensor, targetTensor.count > 0 {
                    let values = targetTensor.int64s()
                    notes.append("targets \(listText(values.map { Int($0) })) must lie in 0…\(classes - 1), one per row")
                }
            }
            text += reductionText(reduction, items: rows, unit: "row")
        case "binary_cross_entropy", "binary_cross_entropy_with_logits":
            let logits = call.name.hasSuffix("logits")
            text = "binary cross-entropy: treats each of the \(plural(count, "entry")) of \(inputName) as an independent yes/no \(logits ? "logit (a sigmoid is applied inside)" : "probability") and scores it against \(targetName): −[t·log p + (1−t)·log(1−p)]"
            text += reductionText(reduction, items: count, unit: "element")
        case "kl_div":
            let logTarget = call.argument("log_target", position: 99).map { if case .bool(true) = $0.value { return true } else { return false } } ?? false
            text = "KL divergence: reads \(inputName) as log-probabilities and \(targetName) as \(logTarget ? "log-probabilities" : "probabilities"), and sums target·(log target − input)"
            switch reduction {
            case "batchmean": text += ", divided by the batch size \(input.tensor.shape.first ?? 1) (reduction='batchmean': the true KL per sample)"
            case "mean": text += ", divided by the number of elements \(count) (reduction='mean' averages over classes too, which is not the KL; 'batchmean' is)"
            default: text += reductionText(reduction, items: count, unit: "element")
            }
        default:
            let kind = call.name == "mse_loss" ? "squared differences" : (call.name == "l1_loss" ? "absolute differences" : "smooth-L1 differences")
            text = "\(kind) between \(inputName) and \(targetName), elementwise"
            text += reductionText(reduction, items: count, unit: "element")
        }
        if count == 0 && reduction == "mean" {
            notes.append("there are no elements to average, so the mean is 0/0 = nan")
        }
        return OperationText(operation: call.name, text: text, notes: notes)
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
        let input = call.positional.first.flatMap { if case let .tensor(tensor) = $0.value { return tensor } else { return nil } }
        let shapes = input.map { "\(shapeText($0.shape)) → \(shapeText(output.shape))" } ?? shapeText(output.shape)
        if module.typeName == "Linear" {
            return OperationText(operation: "Linear", text: "applies `\(call.calleeText)` = \(module.repr()): x @ weight.T + bias, \(shapes)")
        }
        return OperationText(operation: module.typeName, text: "applies `\(call.calleeText)` = \(module.repr()): \(shapes)")
    }
}
