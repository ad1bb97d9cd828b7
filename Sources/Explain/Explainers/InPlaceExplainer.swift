import Interpreter
import PySyntax
import TensorEngine

/// Tensor methods ending in `_` that write into their receiver: which elements they
/// wrote (with counts, and a picture when only some were), what they wrote, and that
/// no new tensor is made.
struct InPlaceExplainer: OperationExplainer {
    /// Whole-tensor arithmetic; X is the first argument.
    static let arithmetic: [String: String] = [
        "add_": "adds {X} to every element of {T}", "sub_": "subtracts {X} from every element of {T}",
        "mul_": "multiplies every element of {T} by {X}", "div_": "divides every element of {T} by {X}",
        "pow_": "raises every element of {T} to the power {X}", "exp_": "replaces every element of {T} by e to its power",
        "neg_": "negates every element of {T}", "relu_": "sets the negative elements of {T} to 0",
        "sigmoid_": "replaces every element of {T} by its sigmoid", "log_": "replaces every element of {T} by its log",
        "sqrt_": "replaces every element of {T} by its square root", "abs_": "replaces every element of {T} by its absolute value",
        "round_": "rounds every element of {T}", "erfinv_": "replaces every element of {T} by its inverse error function",
        "tril_": "zeroes the elements of {T} above the diagonal", "triu_": "zeroes the elements of {T} below the diagonal",
    ]
    static let random: [String: String] = [
        "normal_": "normal", "uniform_": "uniform", "bernoulli_": "Bernoulli", "exponential_": "exponential",
        "random_": "uniform integer", "cauchy_": "Cauchy", "log_normal_": "log-normal", "geometric_": "geometric",
    ]

    func explain(_ evaluation: Evaluation) -> OperationText? {
        guard let call = evaluation.call, call.name.hasSuffix("_"), !call.name.hasPrefix("_"), let receiver = call.receiver,
              evaluation.tensorResult === receiver.tensor else { return nil }
        let target = evaluation.text(of: receiver.expr)
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
        switch call.name {
        case "fill_", "zero_":
            let value = call.name == "zero_" ? "0" : call.positional.first.map { words.valueText($0.expr, $0.value).words } ?? "the value"
            text = "sets \(WrittenRegion.whole(receiver.tensor.shape).countText) of `\(target)` to \(value)"
        case "copy_":
            guard let source = call.positional.first, case let .tensor(sourceTensor) = source.value else { return nil }
            text = "copies `\(evaluation.text(of: source.expr))` \(TensorSignature(sourceTensor)) into `\(target)` element for element"
            if let broadcast = words.broadcastText(source.value, to: receiver.tensor.shape) { text += "; " + broadcast }
            if sourceTensor.dtype != receiver.tensor.dtype { text += "; values are converted to \(receiver.tensor.dtype.rawValue)" }
        case "clamp_", "clip_":
            let low = call.argument("min").map { evaluation.text(of: $0.expr) } ?? "-inf"
            let high = call.argument("max").map { evaluation.text(of: $0.expr) } ?? "inf"
            let given = [call.argument("min"), call.argument("max")].compactMap { $0 }
            let bounds = given.compactMap { doubleValue($0.value) }
            text = "limits every element of `\(target)` to [\(low), \(high)]"
            // Counted only for number bounds: tensor bounds differ from element to element.
            if !bounds.isEmpty, bounds.count == given.count {
                text += ": \(receiver.tensor.doubles().filter { bounds.contains($0) }.count) of \(receiver.tensor.count) now sit at a bound"
            }
        case "requires_grad_":
            let flag = call.positional.first.flatMap { if case let .bool(flag) = $0.value { flag } else { nil } } ?? true
            return OperationText(operation: call.name, text: flag
                ? "marks `\(target)` as requiring grad: autograd records the ops on it from now on; no values change"
                : "stops autograd from recording ops on `\(target)`; no values change")
        case "detach_":
            return OperationText(operation: call.name, text: "cuts `\(target)` from the autograd graph in place; no values change")
        default:
            if let template = Self.arithmetic[call.name] {
                text = template.replacingOccurrences(of: "{T}", with: "`\(target)`")
                    .replacingOccurrences(of: "{X}", with: call.positional.first.map { words.valueText($0.expr, $0.value).words } ?? "")
                if let other = call.positional.first, let broadcast = words.broadcastText(other.value, to: receiver.tensor.shape),
                   case .tensor = other.value {
                    text += "; " + broadcast
                }
            } else if let distribution = Self.random[call.name] {
                text = "overwrites all \(receiver.tensor.count) elements of `\(target)` with \(distribution) random samples"
            } else {
                return nil
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
        switch call.name.hasSuffix("_") ? call.name : call.name + "_" {
        case "masked_fill_":
            guard let mask = call.argument("mask"), case let .tensor(maskTensor) = mask.value, let fill = call.argument("value") else { return nil }
            region = WrittenRegion(shape: shape, mask: maskTensor)
            var text = "writes \(words.valueText(fill.expr, fill.value).words) into \(target) wherever `\(evaluation.text(of: mask.expr))` is True"
            if let region { text += ": \(region.countText)" }
            if maskTensor.shape != shape { text += " (the mask \(shapeText(maskTensor.shape)) is broadcast to \(shapeText(shape)))" }
            self.text = text
        case "index_fill_", "index_add_", "index_copy_":
            // The receiver's own form skips `input`; `torch.index_add(x, ...)` has it first.
            let arguments = call.receiver == nil ? Array(call.positional.dropFirst()) : call.positional
            guard arguments.count >= 3, let dim = intValue(arguments[0].value), case let .tensor(index) = arguments[1].value,
                  shape.count > 0 else { return nil }
            let resolved = dim < 0 ? dim + shape.count : dim
            guard resolved >= 0, resolved < shape.count else { return nil }
            let flatIndex = (try? index.reshape([-1])) ?? index
            let indices = Array(repeating: TensorIndex.slice(start: nil, stop: nil, step: nil), count: resolved) + [.tensor(flatIndex)]
            region = WrittenRegion(shape: shape, indices: indices)
            let picked = listText(flatIndex.int64s().map { Int($0) < 0 ? Int($0) + shape[resolved] : Int($0) })
            let value = words.valueText(arguments[2].expr, arguments[2].value).words
            let verb = call.name.hasPrefix("index_add") ? "adds" : (call.name.hasPrefix("index_copy") ? "copies" : "writes")
            var text = "\(verb) \(value) into the slices of \(target) along dim \(resolved) listed in `\(evaluation.text(of: arguments[1].expr))` = \(picked)"
            if let region { text += ": a region of shape \(shapeText(region.selectionShape)), \(region.countText)" }
            self.text = text
        case "index_put_":
            guard call.positional.count >= 2, case let .tuple(items) = call.positional[0].value else { return nil }
            let indices = items.compactMap { item -> TensorIndex? in if case let .tensor(tensor) = item { return .tensor(tensor) } else { return nil } }
            guard indices.count == items.count else { return nil }
            region = WrittenRegion(shape: shape, indices: indices)
            let flag = call.keywords.first { $0.name == "accumulate" }?.value ?? (call.positional.count > 2 ? call.positional[2].value : .bool(false))
            let accumulate: Bool = { if case .bool(true) = flag { return true } else { return false } }()
            let value = words.valueText(call.positional[1].expr, call.positional[1].value).words
            var text = "\(accumulate ? "adds" : "writes") \(value) at the positions `\(evaluation.text(of: call.positional[0].expr))` picks (advanced indexing)"
            if let region { text += ": \(region.countText) of \(target)" }
            self.text = text
        case "scatter_", "scatter_add_":
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
              let source = call.argument("src") ?? call.keywords.first(where: { $0.name == "value" }).map({ ($0.expr, $0.value) }),
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
        let adds = call.name.hasPrefix("scatter_add")
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
