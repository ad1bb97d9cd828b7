import Interpreter
import Ops
import PySyntax
import TensorEngine

/// Tensor methods ending in `_` that write into their receiver: which elements they
/// wrote (with counts, and a picture when only some were), what they wrote, and that
/// no new tensor is made.
struct InPlaceExplainer: OperationExplainer {
    func explain(_ evaluation: Evaluation) -> OperationText? {
        guard let call = evaluation.call, call.isInPlaceForm, let receiver = call.writtenTensor,
              evaluation.tensorResult === receiver.tensor else { return nil }
        let target = evaluation.chainRootText(of: receiver.expr)
        let notes = GenericExplainer().inPlaceNotes(receiver, evaluation)
        let words = StoreWords(evaluation: evaluation)
        if let partial = PartialWrite(call, evaluation) {
            var pictures: [Picture] = []
            if let region = partial.region, !region.isWhole, let picture = region.picture(of: receiver.tensor, name: target) {
                pictures.append(picture)
            }
            return OperationText(operation: call.name, text: partial.text + "; in place", notes: notes + partial.notes, pictures: pictures)
        }
        var text: String
        switch call.kind {
        case let .fill(value)?:
            let value = value ?? call.argument("value").map { words.valueText($0.expr, $0.value).words } ?? "the value"
            text = "sets \(WrittenRegion.whole(receiver.tensor.shape).countText) of `\(target)` to \(value)"
        case .copyInto?:
            guard let source = call.argument("src"), case let .tensor(sourceTensor) = source.value else { return nil }
            text = "copies `\(evaluation.text(of: source.expr))` \(TensorSignature(sourceTensor)) into `\(target)` element for element"
            if let broadcast = words.broadcastText(source.value, to: receiver.tensor.shape) { text += "; " + broadcast }
            if sourceTensor.dtype != receiver.tensor.dtype { text += "; values are converted to \(receiver.tensor.dtype.rawValue)" }
        case .clamp? where call.isInPlaceForm:
            let low = call.argument("min").map { evaluation.text(of: $0.expr) } ?? "-inf"
            let high = call.argument("max").map { evaluation.text(of: $0.expr) } ?? "inf"
            let given = [call.argument("min"), call.argument("max")].compactMap { $0 }
            let bounds = given.compactMap { doubleValue($0.value) }
            text = "limits every element of `\(target)` to [\(low), \(high)]"
            // Counted only for number bounds: tensor bounds differ from element to element.
            if !bounds.isEmpty, bounds.count == given.count {
                text += ": \(receiver.tensor.doubles().filter { bounds.contains($0) }.count) of \(receiver.tensor.count) now sit at a bound"
            }
        case .requiresGrad?:
            let flag = call.argument("requires_grad").flatMap { if case let .bool(flag) = $0.value { flag } else { nil } } ?? true
            return OperationText(operation: call.name, text: flag
                ? "marks `\(target)` as requiring grad: autograd records the ops on it from now on; no values change"
                : "stops autograd from recording ops on `\(target)`; no values change")
        case .detach? where call.isInPlaceForm:
            return OperationText(operation: call.name, text: "cuts `\(target)` from the autograd graph in place; no values change")
        case let .randomFill(distribution)?:
            text = "overwrites all \(receiver.tensor.count) elements of `\(target)` with \(distribution) random samples"
        case let .elementwise(words)? where call.inPlaceWords == nil:
            // The op's own words, about the target: a noun phrase ("the log of every element")
            // is what overwrites it; a verb phrase ("negates every element") acts on its elements.
            if words.contains(" of every element") {
                text = "overwrites `\(target)` with \(words)"
            } else if let range = words.range(of: "every element") {
                text = words.replacingCharacters(in: range, with: "every element of `\(target)`")
            } else {
                text = "overwrites `\(target)` with the result: \(words)"
            }
        default:
            guard let template = call.inPlaceWords else { return nil }
            text = template.replacingOccurrences(of: "{T}", with: "`\(target)`")
                .replacingOccurrences(of: "{X}", with: call.operand.map { words.valueText($0.expr, $0.value).words } ?? "")
            if let other = call.operand, let broadcast = words.broadcastText(other.value, to: receiver.tensor.shape),
               case .tensor = other.value {
                text += "; " + broadcast
            }
        }
        return OperationText(operation: call.name, text: text + ", in place: `\(target)` itself changes", notes: notes)
    }
}

/// `masked_fill_`, `index_fill_` and `scatter_`: writes into part of the receiver.
struct PartialWrite {
    let region: WrittenRegion?
    let text: String
    var notes: [String] = []

    /// For `x.scatter(...)` and `torch.scatter(x, ...)` too: the copy gets the same writes.
    init?(_ call: CallSite, _ evaluation: Evaluation) {
        guard let receiver = call.receiver ?? call.input else { return nil }
        let shape = receiver.tensor.shape
        let target = "`\(evaluation.text(of: receiver.expr))`"
        let words = StoreWords(evaluation: evaluation)
        switch call.kind {
        case .maskedFill?:
            guard let mask = call.argument("mask"), case let .tensor(maskTensor) = mask.value, let fill = call.argument("value") else { return nil }
            region = WrittenRegion(shape: shape, mask: maskTensor)
            var text = "writes \(words.valueText(fill.expr, fill.value).words) into \(target) wherever `\(evaluation.text(of: mask.expr))` is True"
            if let region { text += ": \(region.countText)" }
            if maskTensor.shape != shape { text += " (the mask \(shapeText(maskTensor.shape)) is broadcast to \(shapeText(shape)))" }
            self.text = text
        case let .indexWrite(verb)?:
            guard let dimArgument = call.argument("dim"), let dim = intValue(dimArgument.value), let indexArgument = call.argument("index"),
                  case let .tensor(index) = indexArgument.value, let written = call.argument("value") ?? call.argument("source"),
                  shape.count > 0 else { return nil }
            let resolved = dim < 0 ? dim + shape.count : dim
            guard resolved >= 0, resolved < shape.count else { return nil }
            let flatIndex = (try? index.reshape([-1])) ?? index
            let indices = Array(repeating: TensorIndex.slice(start: nil, stop: nil, step: nil), count: resolved) + [.tensor(flatIndex)]
            region = WrittenRegion(shape: shape, indices: indices)
            let picked = listText(flatIndex.int64s().map { Int($0) < 0 ? Int($0) + shape[resolved] : Int($0) })
            let value = words.valueText(written.expr, written.value).words
            var text = "\(verb) \(value) into the slices of \(target) along dim \(resolved) listed in `\(evaluation.text(of: indexArgument.expr))` = \(picked)"
            if let region { text += ": a region of shape \(shapeText(region.selectionShape)), \(region.countText)" }
            self.text = text
        case .indexPut?:
            guard let positions = call.argument("indices"), let values = call.argument("values"), case let .tuple(items) = positions.value else { return nil }
            let indices = items.compactMap { item -> TensorIndex? in if case let .tensor(tensor) = item { return .tensor(tensor) } else { return nil } }
            guard indices.count == items.count else { return nil }
            region = WrittenRegion(shape: shape, indices: indices)
            let accumulate = call.bool("accumulate") ?? false
            let value = words.valueText(values.expr, values.value).words
            var text = "\(accumulate ? "adds" : "writes") \(value) at the positions `\(evaluation.text(of: positions.expr))` picks (advanced indexing)"
            if let region { text += ": \(region.countText) of \(target)" }
            self.text = text
        case .scatter?:
            guard let (text, region) = Self.scatter(call, evaluation, shape: shape, target: target) else { return nil }
            self.text = text
            self.region = region
        default:
            return nil
        }
    }

    /// `out[i][index[i][j]] = src[i][j]` (for dim 1): one write per entry of `index`.
    private static func scatter(_ call: CallSite, _ evaluation: Evaluation, shape: [Int], target: String) -> (String, WrittenRegion?)? {
        guard let dimArgument = call.argument("dim"), let dim = intValue(dimArgument.value),
              let indexArgument = call.argument("index"), case let .tensor(index) = indexArgument.value,
              let source = call.argument("src") ?? call.argument("value"),
              index.rank == shape.count, index.count <= WrittenRegion.elementLimit else { return nil }
        let resolved = dim < 0 ? dim + shape.count : dim
        guard resolved >= 0, resolved < shape.count else { return nil }
        let letters = Array("ijklmn".prefix(shape.count)).map(String.init)
        guard letters.count == shape.count else { return nil }
        let at = letters.joined(separator: "][")
        let outIndex = letters.enumerated().map { $0.offset == resolved ? "index[\(at)]" : $0.element }.joined(separator: "][")
        let isTensor: Bool = { if case .tensor = source.1 { return true } else { return false } }()
        let sourceWords = StoreWords(evaluation: evaluation).valueText(source.0, source.1)
        let formula = isTensor ? "src[\(at)]" : sourceWords.plain
        let adds = call.kind == .scatter(adds: true)
        let verb = adds ? "+=" : "="
        var positions: [Int] = []
        let values = index.int64s()
        for (flat, value) in values.enumerated() {
            var coordinates = StepBuilder.unravel(flat, index.shape)
            let position = Int(value) < 0 ? Int(value) + shape[resolved] : Int(value)
            guard position >= 0, position < shape[resolved] else { return nil }
            coordinates[resolved] = position
            positions.append(coordinates.enumerated().reduce(0) { $0 * shape[$1.offset] + $1.element })
        }
        let region = WrittenRegion(shape: shape, selectionShape: index.shape, positions: positions)
        let side = shape.count == 2 && shape[0] == shape[1] ? shape[0] : 0
        let diagonal = side > 1 && region.positions == (0..<side).map { $0 * side + $0 }
            ? "; the written positions are exactly the diagonal (i, i)" : ""
        let indexText = "`\(evaluation.text(of: indexArgument.0))` \(TensorSignature(index))"
        let text = "\(adds ? "adds" : "writes") \(sourceWords.words) at one position per entry of \(indexText): "
            + "out[\(outIndex)] \(verb) \(formula), each entry choosing the position along dim \(resolved); "
            + "\(region.countText) of \(target) are written\(diagonal)"
        return (text, region)
    }
}
