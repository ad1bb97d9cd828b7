import Foundation
import Interpreter
import TensorEngine

/// `softmax` and `log_softmax` in every spelling, with the dim named by its role and
/// bars of the first row's probabilities (before and after a temperature).
struct SoftmaxExplainer: OperationExplainer {
    func explain(_ evaluation: Evaluation) -> OperationText? {
        guard let call = evaluation.call, let softmax = SoftmaxCall(call), let output = evaluation.tensorResult else { return nil }
        let input = softmax.input.tensor
        let inputName = evaluation.text(of: softmax.input.expr)
        let isAttention = inputName.lowercased().contains("attn") || inputName.lowercased().contains("attention")
        let dimName = Self.dimRole(rank: input.rank, dim: softmax.dim, isAttention: isAttention)
        let rowCount = input.rank == 0 ? 1 : input.count / max(softmax.dimSize, 1)
        let rowWord = isAttention ? "attention row" : (input.rank == 2 && softmax.dim == 1 ? "row" : "slice along dim \(softmax.dim)")
        var text: String
        if input.count == 0 {
            text = "there is nothing to normalize: the input \(TensorSignature(input)) has no elements, so the result is empty too"
        } else if softmax.isLog {
            text = "each \(rowWord) becomes log-probabilities over the \(softmax.dimSize) \(dimName) of dim \(softmax.dim): log(softmax), so exp of each \(rowWord) sums to 1"
        } else {
            text = "each \(rowWord) becomes \(isAttention ? "weights" : "probabilities") summing to 1, over the \(softmax.dimSize) \(dimName) of dim \(softmax.dim)"
        }
        if input.count > 0 && rowCount > 1 { text += "; there are \(rowCount) of them" }
        var notes: [String] = []
        if softmax.isModule, let module = call.moduleObject {
            notes.append("`\(call.calleeText)` is the module \(module.repr()), applied to `\(inputName)`")
        }
        if !softmax.dimIsExplicit {
            notes.append("no dim was given, so PyTorch picks dim \(softmax.dim) for a \(input.rank)-D input (a deprecated guess)")
        }
        let fact = evaluation.facts[input]
        if let temperature = fact.temperature {
            notes.append("the logits were divided by the temperature \(temperature.phrase) first")
            notes += Self.writeNotes(fact, input: input, dim: softmax.dim)
        }
        return OperationText(operation: softmax.isLog ? "log_softmax" : "softmax", text: text, notes: notes,
                             pictures: pictures(softmax, output: output, isAttention: isAttention, fact: fact))
    }

    static func dimRole(rank: Int, dim: Int, isAttention: Bool) -> String {
        if isAttention { return "keys" }
        if rank == 2 && dim == 1 { return "classes" }
        return "entries"
    }

    private func pictures(_ softmax: SoftmaxCall, output: Tensor, isAttention: Bool, fact: TensorFacts.Fact) -> [Picture] {
        guard output.count > 0, softmax.dimSize >= 2 else { return [] }
        if isAttention || output.rank >= 3 {
            guard output.rank >= 2, softmax.dim == output.rank - 1, output.shape[output.rank - 1] <= Heatmap.maxSide else { return [] }
            let rows = output.shape[output.rank - 2]
            let columns = output.shape[output.rank - 1]
            let values = output.doubles()
            let matrix = (0..<rows).map { row in (0..<columns).map { values[row * columns + $0] } }
            let prefix = String(repeating: "0, ", count: output.rank - 2)
            return [.heatmap(title: "heatmap of the weights [\(prefix)…, …] (rows: queries, columns: keys):", matrix: matrix)]
        }
        guard softmax.dimSize <= 16 else { return [] }
        var after = lines(of: output, along: softmax.dim, limit: 1)[0]
        if softmax.isLog { after = after.map { exp($0) } }
        let labels = (0..<after.count).map { "\(softmax.dim == 1 && output.rank == 2 ? "class" : "entry") \($0)" }
        let rowName = output.rank == 2 && softmax.dim == 1 ? "row 0" : "the first slice"
        if let temperature = fact.temperature, let logits = fact.logitsBeforeTemperature, logits.shape == softmax.input.tensor.shape {
            let rawRow = lines(of: logits, along: softmax.dim, limit: 1)[0]
            let before = Self.softmax(rawRow)
            let tempered = Self.softmax(rawRow.map { $0 / temperature.value })
            let changed = zip(tempered, after).contains { abs($0 - $1) > 5e-4 }
            if changed, let write = fact.writes.last {
                // The temperature alone gives `tempered`; what differs was made by the write.
                return [.bars(title: "probabilities of \(rowName): T=1, with \(temperature.phrase), and after the write on line \(write.line):",
                              labels: labels, series: [("T=1", before), ("T=\(temperature.valueText)", tempered), ("line \(write.line)", after)])]
            }
            return [.bars(title: "probabilities of \(rowName), without and with the temperature \(temperature.phrase):",
                          labels: labels, series: [("T=1", before), ("T=\(temperature.valueText)", changed ? tempered : after)])]
        }
        return [.bars(title: "probabilities of \(rowName):", labels: labels, series: [("p", after)])]
    }

    /// What the stores into the logits after the temperature did to row 0: the entries
    /// they set to -inf get probability 0 from the store, not from the temperature.
    static func writeNotes(_ fact: TensorFacts.Fact, input: Tensor, dim: Int) -> [String] {
        guard let write = fact.writes.last, input.rank >= 1, input.count > 0 else { return [] }
        let row = lines(of: input, along: dim, limit: 1)[0]
        let unit = input.rank == 2 && dim == 1 ? "class" : "entry"
        let masked = row.indices.filter { row[$0] == -.infinity }
        var text = "then line \(write.line) wrote into them (`\(write.source)`): \(write.region.countText)"
        if !masked.isEmpty {
            text += "; in row 0 it set \(unit == "class" ? "classes" : "entries") \(listText(masked)) to -inf, so their probability is 0"
            text += " because of that write, not because of the temperature"
        }
        return [text]
    }

    static func softmax(_ row: [Double]) -> [Double] {
        guard let peak = row.max(), peak.isFinite else { return row.map { _ in .nan } }
        let exps = row.map { exp($0 - peak) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }
}
