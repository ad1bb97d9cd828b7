import Interpreter
import PySyntax
import TensorEngine

/// One statement's store into a tensor, `x[i] = v`, `x[i] += v` or `x += v`, in words:
/// which elements it wrote (the region, with counts and shape) and what it wrote there.
struct StoreDescription {
    let container: Tensor
    let containerText: String
    let region: WrittenRegion?
    /// The index resolved against the sizes, `[:, 4:6, 0:4, :]`, or where a mask is True.
    let placeText: String
    /// What was written, short: `0`, `-inf`, `float32[4, 3]`, `+= 1`.
    let writtenText: String
    let sentence: String
    let notes: [String]
    let valueTensor: Tensor?
    let operation: String

    /// "run 2: [:, 0:4, 4:6, :] ← 1 (16 elements)", for a loop's summary.
    var runText: String {
        let count = region.map { " (\(plural($0.count, "element")))" } ?? ""
        return "\(placeText) ← \(writtenText)\(count)"
    }

    /// Describes the store into `target` (already done), or nil when no tensor was written.
    init?(target: Expr, stored: Value, evaluation: Evaluation, indices: (Value) -> [TensorIndex]?, numbered: NumberedTensors) {
        guard let statement = evaluation.index.statement(of: target) else { return nil }
        var augmented: (op: BinaryOperator, operand: Expr)?
        var rightSide: Expr?
        switch statement.kind {
        case let .assign(_, value): rightSide = value
        case let .augmentedAssign(_, op, value): augmented = (op, value)
        default: return nil
        }
        let writer = StoreWords(evaluation: evaluation)
        switch target.kind {
        case let .subscript(containerExpr, indexExpr):
            guard let container = evaluation.tensor(of: containerExpr), let indexValue = evaluation.value(of: indexExpr) else { return nil }
            self.container = container
            containerText = evaluation.text(of: containerExpr)
            let (partExprs, parts) = IndexText.parts(of: indexExpr, value: indexValue)
            region = indices(indexValue).flatMap { WrittenRegion(shape: container.shape, indices: $0, numbered: numbered) }
            let place = writer.place(container: containerText, parts: parts, partExprs: partExprs, shape: container.shape, region: region)
            placeText = place.short
            var notes = place.notes
            if let (op, operandExpr) = augmented {
                let operand = writer.operandText(operandExpr)
                writtenText = "\(op.rawValue)= \(operand.plain)"
                var sentence = writer.augmentedSentence(op, operand: operand.words, place: place.long) + place.details
                if let operandTensor = evaluation.tensor(of: operandExpr),
                   let broadcast = writer.broadcastText(.tensor(operandTensor), to: region?.selectionShape) {
                    sentence += "; " + broadcast
                }
                self.sentence = sentence
                valueTensor = evaluation.tensor(of: operandExpr)
                operation = "in-place \(op.rawValue)="
            } else {
                guard let rightSide else { return nil }
                let value = writer.valueText(rightSide, stored)
                writtenText = value.plain
                var sentence = "writes \(value.words) into \(place.long)\(place.details)"
                if let broadcast = writer.broadcastText(stored, to: region?.selectionShape) { sentence += "; " + broadcast }
                self.sentence = sentence
                valueTensor = evaluation.tensor(of: rightSide)
                operation = IndexText.lonelyMask(parts) != nil ? "masked write" : "subscript write"
            }
            notes += writer.viewNotes(container, containerText)
            self.notes = notes
        case .name, .attribute:
            guard let (op, operandExpr) = augmented, case let .tensor(tensor) = stored else { return nil }
            container = tensor
            containerText = evaluation.text(of: target)
            region = WrittenRegion.whole(tensor.shape)
            placeText = "every element"
            let operand = writer.operandText(operandExpr)
            writtenText = "\(op.rawValue)= \(operand.plain)"
            var sentence = writer.augmentedSentence(op, operand: operand.words, place: "every element of `\(containerText)`")
                + " (\(plural(tensor.count, "element")))"
            if let operandTensor = evaluation.tensor(of: operandExpr), let broadcast = writer.broadcastText(.tensor(operandTensor), to: tensor.shape) {
                sentence += "; " + broadcast
            }
            self.sentence = sentence
            valueTensor = evaluation.tensor(of: operandExpr)
            operation = "in-place \(op.rawValue)="
            notes = writer.viewNotes(tensor, containerText)
        default:
            return nil
        }
    }
}

/// The phrases a store's description is made of.
struct StoreWords {
    let evaluation: Evaluation

    /// Where the store lands: `short` for a loop's list, `long` for the sentence, and
    /// `details` (shape and counts) to follow the sentence.
    func place(container: String, parts: [Value], partExprs: [Expr], shape: [Int], region: WrittenRegion?)
        -> (short: String, long: String, details: String, notes: [String]) {
        if let mask = IndexText.lonelyMask(parts) {
            let maskText = evaluation.text(of: partExprs[0])
            let short = "where `\(maskText)` is True"
            let details = region.map { ": \($0.countText) (a boolean mask \(shapeText(mask.shape)))" } ?? ""
            return (short, "`\(container)` \(short)", details, [])
        }
        let written = "`\(evaluation.text(of: evaluation.expr))`"
        let details = region.map { ": a region of shape \(shapeText($0.selectionShape)), \($0.countText)" } ?? ""
        if let resolved = IndexText.resolved(parts, shape: shape) {
            let sameText = "\(container)\(resolved)" == evaluation.text(of: evaluation.expr)
            return (resolved, sameText ? written : "\(written) = `\(container)\(resolved)`", details, [])
        }
        let advanced = zip(partExprs, parts).filter { IndexText.isAdvanced($0.1) }.map { "`\(evaluation.text(of: $0.0))`" }
        var notes: [String] = []
        if !advanced.isEmpty {
            let verb = advanced.count == 1 ? "picks" : "pick"
            notes.append("advanced (integer-tensor) indexing: \(advanced.joined(separator: ", ")) \(verb) the positions written, and the write goes into `\(container)` itself")
        }
        let short = evaluation.text(of: evaluation.expr).dropFirst(container.count)
        return (String(short), written, details, notes)
    }

    /// A right-hand side: `0`, "`cnt` (= 0)", "`old_onehots` float32[4, 3]".
    func valueText(_ expr: Expr, _ value: Value) -> (plain: String, words: String) {
        let source = evaluation.text(of: expr)
        if case let .tensor(tensor) = value {
            if tensor.rank == 0, let number = tensor.doubles().first { return (compact(number), "`\(source)` (= \(compact(number)))") }
            return (TensorSignature(tensor).description, "`\(source)` \(TensorSignature(tensor))")
        }
        if let number = doubleValue(value) {
            if isNumberLiteral(source) { return (source, source) }
            return (compact(number), "`\(source)` (= \(compact(number)))")
        }
        return (source, "`\(source)`")
    }

    func operandText(_ expr: Expr) -> (plain: String, words: String) {
        valueText(expr, evaluation.value(of: expr) ?? .none)
    }

    func augmentedSentence(_ op: BinaryOperator, operand: String, place: String) -> String {
        switch op {
        case .add: return "adds \(operand) to \(place)"
        case .subtract: return "subtracts \(operand) from \(place)"
        case .multiply: return "multiplies \(place) by \(operand)"
        case .divide: return "divides \(place) by \(operand)"
        case .floorDivide: return "floor-divides \(place) by \(operand)"
        case .power: return "raises \(place) to the power \(operand)"
        default: return "applies `\(op.rawValue)=` \(operand) to \(place)"
        }
    }

    /// "`x` [3] is broadcast to [4, 3] (repeated along dim 0)", or "the one value goes to
    /// all 16 positions", or nil when the value already has the region's shape.
    func broadcastText(_ value: Value, to shape: [Int]?) -> String? {
        guard let shape else { return nil }
        let count = shape.reduce(1, *)
        guard case let .tensor(tensor) = value else {
            return count > 1 && doubleValue(value) != nil ? "the one value goes to all \(count) positions" : nil
        }
        if tensor.shape == shape { return nil }
        if tensor.count == 1 { return count > 1 ? "its one value goes to all \(count) positions" : nil }
        let padded = Array(repeating: 1, count: max(shape.count - tensor.rank, 0)) + tensor.shape
        let repeated = shape.indices.filter { $0 < padded.count && padded[$0] == 1 && shape[$0] > 1 }
        guard padded.count == shape.count, !repeated.isEmpty else { return nil }
        let dims = repeated.map(String.init).joined(separator: ", ")
        return "the value \(shapeText(tensor.shape)) is broadcast to \(shapeText(shape)): repeated along dim\(repeated.count > 1 ? "s" : "") \(dims)"
    }

    func viewNotes(_ container: Tensor, _ containerText: String) -> [String] {
        guard let base = evaluation.facts[container].viewOf, base != containerText else { return [] }
        return ["`\(containerText)` is a view of `\(base)`: they share storage, so this write changes `\(base)` too"]
    }
}
