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
        // A list of ints indexes like an int64 tensor (`v[:, [-1]]`): advanced indexing too.
        let values = parts.map { part -> Value in
            let value = evaluation.value(of: part) ?? .none
            if case .list = value, let ints = intList(value), let tensor = try? Tensor(values: ints.map { Int64($0) }, shape: [ints.count]) {
                return .tensor(tensor)
            }
            return value
        }
        let consuming = values.filter { value in
            switch value {
            case .none, .ellipsis: return false
            case let .tensor(tensor) where tensor.dtype == .bool: return true
            default: return true
            }
        }.count
        let tensorParts = values.filter { if case let .tensor(tensor) = $0 { return tensor.dtype != .bool } else { return false } }.count
        let intParts = values.filter { if case .tensor = $0 { return false } else { return intValue($0) != nil } }.count
        if tensorParts >= 1, tensorParts + intParts >= 2, let paired = pairedIndexing(parts, values, base: base, evaluation) {
            return paired
        }
        var clauses: [String] = []
        var notes: [String] = []
        var dim = 0
        var operation = "index"
        let containerName = evaluation.text(of: container)
        for (partIndex, (part, value)) in zip(parts, values).enumerated() {
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
                operation = indexTensor.dtype == .bool ? "mask" : "advanced index"
                clauses.append(tensorIndexText(indexTensor, dim: dim, base: base, baseName: containerName, indexText: evaluation.text(of: part)))
                let onlySlicesBefore = values.prefix(partIndex).allSatisfy { if case .slice = $0 { return true } else { return false } }
                if let output = evaluation.tensorResult, indexTensor.dtype != .bool, onlySlicesBefore {
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

    /// `t[rows, cols]` with several index tensors (or ints): they are broadcast together
    /// and paired elementwise, so element j is `t[rows[j], cols[j]]`, not a product.
    private func pairedIndexing(_ parts: [Expr], _ values: [Value], base: Tensor, _ evaluation: Evaluation) -> OperationText? {
        var indexShapes: [[Int]] = []
        for value in values {
            switch value {
            case let .tensor(tensor) where tensor.dtype != .bool: indexShapes.append(tensor.shape)
            case .tensor: return nil
            default:
                guard intValue(value) != nil else { return nil }  // slices, None, … between them: not described here
                indexShapes.append([])
            }
        }
        var combined: [Int]? = indexShapes[0]
        for next in indexShapes.dropFirst() { combined = combined.flatMap { broadcastShape($0, next) } }
        guard values.count <= base.rank, let shape = combined, let output = evaluation.tensorResult else { return nil }
        let name = evaluation.text(of: evaluation.expr).prefix(while: { $0 != "[" })
        let count = shape.reduce(1, *)
        var examples: [String] = []
        for position in 0..<min(count, 4) {
            let at = StepBuilder.unravel(position, shape)
            let coordinates = values.map { value -> String in
                guard case let .tensor(tensor) = value else { return String(intValue(value) ?? 0) }
                let offset = at.count - tensor.rank
                var flat = 0
                for dim in 0..<tensor.rank { flat = flat * tensor.shape[dim] + (tensor.shape[dim] == 1 ? 0 : at[dim + offset]) }
                return String(tensor.int64s()[flat])
            }
            let rest = values.count < base.rank ? ", :" : ""
            let label = shape.isEmpty ? "" : "[" + at.map(String.init).joined(separator: ", ") + "]"
            examples.append("\(label) ← \(name)[\(coordinates.joined(separator: ", "))\(rest)]")
        }
        let more = count > examples.count ? ", …" : ""
        let kept = values.count < base.rank ? "; dims \(values.count)… are kept whole for each pick" : ""
        let text = "advanced indexing on dims 0–\(values.count - 1): the \(values.count) indices are broadcast together to shape \(shapeText(shape)) and paired elementwise, so each output entry picks one position, not every combination\(kept) → \(shapeText(output.shape))"
        return OperationText(operation: "advanced index", text: text, notes: ["the first outputs: " + examples.joined(separator: ", ") + more + "; the result is a new tensor (advanced indexing copies)"])
    }

    private func dimRange(_ first: Int, _ last: Int) -> String { first == last ? "dim \(first)" : "dims \(first)–\(last)" }

    private func tensorIndexText(_ index: Tensor, dim: Int, base: Tensor, baseName: String, indexText: String) -> String {
        if index.dtype == .bool {
            let kept = index.bools().filter { $0 }.count
            return "a boolean mask: keeps the \(kept) of \(index.count) positions where `\(indexText)` is True"
        }
        let unit = dim == 0 && base.rank >= 2 ? "rows" : (dim == 1 && base.rank == 2 ? "columns" : "entries")
        let picked = index.count == 1 ? "1 \(unit == "entries" ? "entry" : String(unit.dropLast()))" : "\(index.count) \(unit)"
        var text = "advanced (integer-tensor) indexing on dim \(dim): picks \(picked) of `\(baseName)` (\(base.shape[dim]) \(unit) in all), the positions held in `\(indexText)` \(TensorSignature(index))"
        if index.rank == 1 && index.count == 1 { text += "; unlike an int index, a one-item list or tensor keeps dim \(dim) (size 1)" }
        return text
    }

    /// "output 0 ← row 24 of table, output 1 ← row 23, …" for the first few outputs.
    private func gatherOrigins(_ index: Tensor, dim: Int, base: Tensor, output: Tensor, baseName: String) -> String {
        let positions = index.int64s().prefix(4).map { Int($0) }
        let unit = dim == 0 && base.rank >= 2 ? "row" : (dim == 1 && base.rank == 2 ? "column" : "entry")
        let size = base.shape[dim]
        let pairs = positions.enumerated().map { offset, position -> String in
            let resolved = position < 0 ? position + size : position
            // The output position this pick fills: the index tensor's own position, after
            // the dims kept whole before `dim`.
            let within = index.rank <= 1 ? [offset] : StepBuilder.unravel(offset, index.shape)
            let label = Array(repeating: ":", count: dim) + within.map(String.init)
            var text = "[\(label.joined(separator: ", "))] ← \(unit) \(resolved)"
            if dim == 0, base.rank == 2, resolved >= 0, resolved < size {
                let row = lines(of: base.viewing(base.view), along: 1, limit: resolved + 1)
                if resolved < row.count { text += " " + shapeText2(row[resolved]) }
            }
            return text
        }
        let more = index.count > positions.count ? ", …" : ""
        return "the first outputs come from `\(baseName)`: " + pairs.joined(separator: ", ") + more + "; the result is a new tensor (advanced indexing copies)"
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
