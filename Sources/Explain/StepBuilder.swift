import Diagnostics
import Interpreter
import PySyntax
import TensorEngine

/// The words for one operation, from one family's explainer.
struct OperationText {
    var operation: String
    var text: String
    var notes: [String] = []
    var pictures: [Picture] = []
}

/// One explainer per operation family. Each returns nil for nodes it does not know,
/// and the registry asks them in order.
protocol OperationExplainer {
    func explain(_ evaluation: Evaluation) -> OperationText?
}

struct ExplainerRegistry {
    let families: [OperationExplainer]

    init(families: [OperationExplainer]) {
        self.families = families
    }

    init(backwardLog: BackwardLog = BackwardLog()) {
        self.init(families: [
            BackwardExplainer(log: backwardLog), InPlaceExplainer(), SoftmaxExplainer(), LossExplainer(), IndexingExplainer(), ShapeExplainer(), CopyExplainer(),
            ReductionExplainer(), ArithmeticExplainer(), ModuleCallExplainer(), TableOpExplainer(), GenericExplainer(),
        ])
    }

    func explain(_ evaluation: Evaluation) -> OperationText? {
        for family in families { if let text = family.explain(evaluation) { return text } }
        return nil
    }
}

/// Assembles a `Step`: the family's words plus what every step shows (shapes, view or
/// copy, aliasing, preview, heatmaps of named masks and index tables).
enum StepBuilder {
    /// `words`, when given, are the step's text whatever the node is (an optimizer's
    /// `step()`, which touches no tensor argument but updates weights).
    static func step(for evaluation: Evaluation, registry: ExplainerRegistry, words given: OperationText? = nil) -> Step {
        let source = evaluation.index.source
        let span = evaluation.expr.span
        let line = source.line(of: span.start)
        let lastLine = source.line(of: max(span.start, span.end - 1))
        let endColumn = lastLine == line ? source.column(of: span.end) : source.lineText(line).count + 1
        let inputs = evaluation.tensorInputs
        let output = evaluation.tensorResult
        let trivial = given == nil && isTrivial(evaluation)
        let words = given ?? (trivial ? nil : registry.explain(evaluation))
        var pictures = words?.pictures ?? []
        if !trivial { pictures += namedTensorHeatmaps(evaluation) }
        let aliased = output.flatMap { result in inputs.first { $0.tensor.sharesStorage(with: result) } }
        return Step(
            number: 0, span: span, line: line, column: source.column(of: span.start), endColumn: endColumn,
            source: source.text(of: span), operation: unqualified(words?.operation ?? kindName(evaluation.expr)),
            text: words?.text ?? "", notes: (words?.notes ?? []) + (trivial ? [] : relativeIndexNotes(evaluation)),
            inputs: inputs.map { TensorSignature($0.tensor) }, output: output.map(TensorSignature.init),
            scalarResult: output == nil ? ValuePreview.preview(evaluation.value, interpreter: nil) : nil,
            isView: aliased != nil, returnsInput: aliased.map { $0.tensor === output } ?? false, aliasing: aliased.map { aliasingText(evaluation, $0, output!) },
            preview: output.map(ValuePreview.preview), pictures: pictures, isTrivial: trivial, evaluations: 1)
    }

    /// Names, literals, attribute lookups and non-tensor plumbing are recorded but not
    /// shown: only operations that touch tensors, and integer division, deserve a step.
    static func isTrivial(_ evaluation: Evaluation) -> Bool {
        switch evaluation.expr.kind {
        case .name, .int, .float, .string, .bool, .none, .ellipsis, .slice, .lambda, .formattedString, .starred:
            return true
        case .binary(.floorDivide, _, _):
            return false
        case let .attribute(object, name, _):
            return !(evaluation.tensor(of: object) != nil && ["T", "mT", "H", "mH", "data"].contains(name))
        case let .compare(_, comparisons) where comparisons.allSatisfy({ $0.0 == .is || $0.0 == .isNot }):
            return true
        case .call:
            // `torch.meshgrid([a, b])`: tensors in a list in, a tuple of tensors out.
            return evaluation.tensorResult == nil && evaluation.tensorInputs.isEmpty && MultiOutputWords.pieceShapes(evaluation.value) == nil
                && !(evaluation.call?.positional ?? []).contains { MultiOutputWords.pieceShapes($0.value) != nil }
        case .subscript, .binary, .unary, .compare:
            return evaluation.tensorResult == nil && evaluation.tensorInputs.isEmpty
        default:
            return evaluation.tensorResult == nil
        }
    }

    /// The meaning of a relative position index, the first time one is made or used.
    private static func relativeIndexNotes(_ evaluation: Evaluation) -> [String] {
        let candidates = (evaluation.tensorResult.map { [$0] } ?? []) + evaluation.tensorInputs.map(\.tensor)
        for tensor in candidates where !evaluation.facts[tensor].relativeIndexChecked {
            evaluation.facts.update(tensor) { $0.relativeIndexChecked = true }
            if let index = RelativePositionIndex(tensor) { return index.notes }
        }
        return []
    }

    static func kindName(_ expr: Expr) -> String {
        switch expr.kind {
        case .name: "name"
        case .int, .float, .string, .bool, .none: "literal"
        case .attribute: "attribute"
        case .call: "call"
        case .subscript: "index"
        case .binary: "arithmetic"
        case .tuple, .list: "sequence"
        default: "expression"
        }
    }

    private static func aliasingText(_ evaluation: Evaluation, _ input: (expr: Expr, tensor: Tensor), _ output: Tensor) -> String {
        let name = "`\(evaluation.chainRootText(of: input.expr))`"
        if input.tensor === output { return "returns \(name) itself: no new tensor, no copy" }
        return "a view of \(name): it shares its storage, so writing to one changes the other"
    }

    /// Heatmaps of 2-D slices of tensors whose names say they are masks or position
    /// indices, the first time such a tensor is an operand.
    private static func namedTensorHeatmaps(_ evaluation: Evaluation) -> [Picture] {
        var pictures: [Picture] = []
        let rebound = evaluation.index.assignedName(of: evaluation.expr)
        for (expr, tensor) in evaluation.tensorInputs {
            switch expr.kind {
            case .name, .attribute:
                let name = evaluation.text(of: expr)
                // `mask = mask.view(...)`: after this line the name holds the result, and the
                // step shows the result's value, so draw (and index) the result.
                if name == rebound, let result = evaluation.tensorResult, result !== tensor {
                    let drawn = heatmaps(of: result, named: name, evaluation)
                    if !drawn.isEmpty { evaluation.facts.update(tensor) { $0.heatmapShown = true } }
                    pictures += drawn
                } else {
                    pictures += heatmaps(of: tensor, named: name, evaluation)
                }
            default: continue
            }
        }
        return pictures
    }

    private static func heatmaps(of tensor: Tensor, named name: String, _ evaluation: Evaluation) -> [Picture] {
        let lowered = name.lowercased()
        guard ["mask", "index", "indices"].contains(where: lowered.contains), tensor.rank >= 2,
              tensor.shape.suffix(2).allSatisfy({ $0 >= 2 }), !evaluation.facts[tensor].heatmapShown else { return [] }
        evaluation.facts.update(tensor) { $0.heatmapShown = true }
        let rows = tensor.shape[tensor.rank - 2]
        let columns = tensor.shape[tensor.rank - 1]
        let values = tensor.doubles()
        let leading = tensor.shape.dropLast(2)
        let sliceCount = leading.reduce(1, *)
        var pictures: [Picture] = []
        for sliceIndex in 0..<min(sliceCount, 2) {
            let base = sliceIndex * rows * columns
            let matrix = (0..<rows).map { row in (0..<columns).map { values[base + row * columns + $0] } }
            var label = name
            if !leading.isEmpty { label += "[" + unravel(sliceIndex, Array(leading)).map(String.init).joined(separator: ", ") + "]" }
            pictures.append(.heatmap(title: "heatmap of \(label) (\(rows)×\(columns)):", matrix: matrix))
        }
        return pictures
    }

    static func unravel(_ flat: Int, _ shape: [Int]) -> [Int] {
        var remainder = flat
        var indices = Array(repeating: 0, count: shape.count)
        for dim in stride(from: shape.count - 1, through: 0, by: -1) {
            indices[dim] = remainder % shape[dim]
            remainder /= shape[dim]
        }
        return indices
    }
}

/// A step's title names the op as other steps do (`kl_div`, `alpha_dropout`), also for the
/// builtins bound under a qualified name (`torch.kl_div`) to keep them apart from `F.`'s.
private func unqualified(_ operation: String) -> String {
    guard operation.hasPrefix("torch."), !operation.contains(" ") else { return operation }
    return operation.split(separator: ".").last.map(String.init) ?? operation
}
