import Interpreter
import PySyntax
import TensorEngine

/// `x[...]`: slices with their start, stop and step and the rows they select; integer
/// picks; `None`; and gathers by an index tensor, showing where the first outputs came from.
struct IndexingExplainer: OperationExplainer {
    func explain(_ evaluation: Evaluation) -> OperationText? {
        guard case let .subscript(container, indexExpr) = evaluation.expr.kind,
              let base = evaluation.tensor(of: container) else { return nil }
        let parts: [Expr]
        if case let .tuple(items) = indexExpr.kind { parts = items } else { parts = [indexExpr] }
        let values = parts.map { evaluation.value(of: $0) ?? .none }
        let consuming = values.filter { value in
            switch value {
            case .none, .ellipsis: return false
            case let .tensor(tensor) where tensor.dtype == .bool: return true
            default: return true
            }
        }.count
        var clauses: [String] = []
        var notes: [String] = []
        var dim = 0
        var operation = "index"
        let containerName = evaluation.text(of: container)
        for (part, value) in zip(parts, values) {
            switch value {
            case .none:
                clauses.append("None inserts a new dim of size 1")
            case .ellipsis:
                let skipped = base.rank - consuming
                if skipped > 0 { clauses.append("… keeps \(dimRange(dim, dim + skipped - 1)) whole") }
                dim += skipped
            case let .slice(start, stop, step):
                guard dim < base.rank else { return nil }
                operation = "slice"
                clauses.append(SliceDescription(start: start, stop: stop, step: step, size: base.shape[dim], dim: dim, rank: base.rank).text(lone: parts.count == 1))
                dim += 1
            case let .tensor(indexTensor):
                guard dim < base.rank else { return nil }
                operation = indexTensor.dtype == .bool ? "mask" : "gather"
                clauses.append(tensorIndexText(indexTensor, dim: dim, base: base, baseName: containerName, indexText: evaluation.text(of: part)))
                if let output = evaluation.tensorResult, indexTensor.dtype != .bool {
                    notes.append(gatherOrigins(indexTensor, dim: dim, base: base, output: output, baseName: containerName))
                }
                dim += indexTensor.dtype == .bool ? indexTensor.rank : 1
            default:
                guard dim < base.rank, let position = intValue(value) else { return nil }
                let size = base.shape[dim]
                let resolved = position < 0 ? position + size : position
                let which = position < 0 ? "index \(position) (= \(resolved), counted from the end)" : "index \(position)"
                clauses.append("takes \(which) of dim \(dim) (size \(size)); that dim disappears")
                dim += 1
            }
        }
        if dim < base.rank { clauses.append("\(dimRange(dim, base.rank - 1)) kept whole") }
        if operation == "slice", clauses.count > 1, parts.count == 1 { clauses[0] = "one " + clauses[0] }
        if operation == "index", consuming == 0 { operation = "unsqueeze" }
        return OperationText(operation: operation, text: clauses.joined(separator: "; "), notes: notes)
    }

    private func dimRange(_ first: Int, _ last: Int) -> String { first == last ? "dim \(first)" : "dims \(first)–\(last)" }

    private func tensorIndexText(_ index: Tensor, dim: Int, base: Tensor, baseName: String, indexText: String) -> String {
        if index.dtype == .bool {
            let kept = index.bools().filter { $0 }.count
            return "a boolean mask: keeps the \(kept) of \(index.count) positions where `\(indexText)` is True"
        }
        let unit = dim == 0 && base.rank >= 2 ? "rows" : "entries"
        return "a gather on dim \(dim): looks up \(index.count) \(unit) of `\(baseName)` (\(base.shape[dim]) \(unit) in all) at the positions held in `\(indexText)` \(TensorSignature(index))"
    }

    /// "output 0 ← row 24 of table, output 1 ← row 23, …" for the first few outputs.
    private func gatherOrigins(_ index: Tensor, dim: Int, base: Tensor, output: Tensor, baseName: String) -> String {
        let positions = index.int64s().prefix(4).map { Int($0) }
        let unit = dim == 0 && base.rank >= 2 ? "row" : "entry"
        let size = base.shape[dim]
        let pairs = positions.enumerated().map { offset, position -> String in
            let resolved = position < 0 ? position + size : position
            var text = "[\(offset)] ← \(unit) \(resolved)"
            if dim == 0, base.rank == 2, resolved >= 0, resolved < size {
                let row = lines(of: base.viewing(base.view), along: 1, limit: resolved + 1)
                if resolved < row.count { text += " " + shapeText2(row[resolved]) }
            }
            return text
        }
        let more = index.count > positions.count ? ", …" : ""
        return "the first outputs come from `\(baseName)`: " + pairs.joined(separator: ", ") + more + "; the result is a new tensor (a gather copies)"
    }

    private func shapeText2(_ values: [Double]) -> String {
        "(" + values.prefix(4).map(compact).joined(separator: ", ") + (values.count > 4 ? ", …" : "") + ")"
    }
}

/// One Python slice on one dim, resolved the way Python resolves it.
struct SliceDescription {
    let startGiven: Int?
    let stopGiven: Int?
    let stepGiven: Int?
    let size: Int
    let dim: Int
    let rank: Int

    init(start: Value, stop: Value, step: Value, size: Int, dim: Int, rank: Int) {
        startGiven = intValue(start)
        stopGiven = intValue(stop)
        stepGiven = intValue(step)
        self.size = size
        self.dim = dim
        self.rank = rank
    }

    var step: Int { stepGiven ?? 1 }

    /// The selected indices, as `range(*slice.indices(size))`.
    var selected: [Int] {
        guard step > 0 else { return [] }
        func clamp(_ value: Int?, _ fallback: Int) -> Int {
            guard let value else { return fallback }
            let resolved = value < 0 ? value + size : value
            return min(max(resolved, 0), size)
        }
        let start = clamp(startGiven, 0)
        let stop = clamp(stopGiven, size)
        return start < stop ? Array(stride(from: start, to: stop, by: step)) : []
    }

    var unit: String {
        if rank == 2 { return dim == 0 ? "rows" : "columns" }
        return "indices"
    }

    func text(lone: Bool) -> String {
        if startGiven == nil && stopGiven == nil && stepGiven == nil { return "dim \(dim) kept whole" }
        let start = startGiven.map(String.init) ?? "0 (default)"
        let stop = stopGiven.map(String.init) ?? "\(size) (default: the end)"
        let stepText = stepGiven.map(String.init) ?? "1 (default)"
        let picked = selected
        let selection = picked.isEmpty ? "selects \(unit) [] (none)" : "selects \(unit) \(listText(picked)) (\(picked.count) of \(size))"
        return "slice on dim \(dim): start \(start), stop \(stop), step \(stepText) → \(selection)"
    }
}
