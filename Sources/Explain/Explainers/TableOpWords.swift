import Interpreter
import Ops
import PySyntax
import TensorEngine

/// Words for the table's ops that no family explainer above covers: activations,
/// comparisons and arithmetic in function form, selections, products and a few losses.
/// Every sentence reads the call's own arguments and values.
struct TableOpExplainer: OperationExplainer {
    typealias Words = @Sendable (CallSite, Evaluation, Tensor, Value) -> String?

    func explain(_ evaluation: Evaluation) -> OperationText? {
        guard let call = evaluation.call, let input = call.input ?? evaluation.tensorInputs.first ?? Self.firstListed(call) else { return nil }
        let name = call.name
        guard let kind = call.outOfPlaceKind else { return nil }
        switch kind {
        case let .comparison(symbol):
            guard let output = evaluation.tensorResult else { return nil }
            let other = call.argument("other") != nil ? otherText(call, evaluation) : "the other operand"
            return OperationText(operation: name, text: "compares `\(evaluation.text(of: input.expr))` \(symbol) \(other) elementwise: "
                                 + "a bool tensor \(shapeText(output.shape)); \(output.bools().filter { $0 }.count) of \(output.count) are True")
        case .elementwiseExtreme:
            guard let output = evaluation.tensorResult else { return nil }
            return OperationText(operation: name, text: "the elementwise \(name) of `\(evaluation.text(of: input.expr))` and "
                                 + "\(otherText(call, evaluation)): \(shapeText(input.tensor.shape)) → \(shapeText(output.shape))")
        case let .arithmetic(verb, symbol):
            guard let output = evaluation.tensorResult else { return nil }
            return OperationText(operation: name, text: "\(verb) elementwise, `\(evaluation.text(of: input.expr))` \(symbol) "
                                 + "\(otherText(call, evaluation)): \(shapeText(input.tensor.shape)) → \(shapeText(output.shape))")
        case .scatter:
            guard let partial = PartialWrite(call, evaluation), let output = evaluation.tensorResult else { return nil }
            // The picture is labelled with the variable the result is assigned to; the words
            // name the op itself (`scatter_`), never that variable.
            let target = evaluation.index.assignedName(of: evaluation.expr) ?? "the result"
            let picture = partial.region.flatMap { $0.picture(of: output, name: target) }
            return OperationText(operation: name, text: "like the in-place `\(name)_`, but into a copy (the input is unchanged): " + partial.text,
                                 pictures: picture.map { [$0] } ?? [])
        default:
            guard let words = Self.words[kind], let text = words(call, evaluation, input.tensor, evaluation.value) else { return nil }
            return OperationText(operation: name, text: text)
        }
    }

    /// The first tensor inside a list argument (`torch.meshgrid([a, b])`).
    private static func firstListed(_ call: CallSite) -> (expr: Expr, tensor: Tensor)? {
        for (expr, value) in call.positional {
            let items: [Value]
            switch value {
            case let .list(list): items = list.items
            case let .tuple(values): items = values
            default: continue
            }
            for item in items { if case let .tensor(tensor) = item { return (expr, tensor) } }
        }
        return nil
    }

    /// The second operand: "`y` [4, 5]" or "`2.0`".
    private func otherText(_ call: CallSite, _ evaluation: Evaluation) -> String {
        guard let other = call.argument("other") else {
            return "the other operand"
        }
        if case let .tensor(tensor) = other.value { return "`\(evaluation.text(of: other.expr))` \(shapeText(tensor.shape))" }
        return StoreWords(evaluation: evaluation).valueText(other.expr, other.value).words
    }

    static let words: [OpKind: Words] = activationWords.merging(selectionWords) { first, _ in first }
        .merging(productWords) { first, _ in first }.merging(MultiOutputWords.words) { first, _ in first }
        .merging(StatisticsWords.words) { first, _ in first }

    static let activationWords: [OpKind: Words] = [
        .dropout(perChannel: false, alpha: false): { call, _, input, _ in DropoutWords(call, input, perChannel: false, alpha: false).text },
        .dropout(perChannel: true, alpha: false): { call, _, input, _ in DropoutWords(call, input, perChannel: true, alpha: false).text },
        .dropout(perChannel: false, alpha: true): { call, _, input, _ in DropoutWords(call, input, perChannel: false, alpha: true).text },
        .dropout(perChannel: true, alpha: true): { call, _, input, _ in DropoutWords(call, input, perChannel: true, alpha: true).text },
        .normalize: { call, _, input, _ in
            let p = call.double("p") ?? 2, dim = call.int("dim") ?? 1
            return "divides every slice along dim \(dim) by its \(p == 2 ? "L2" : "L\(compact(p))") norm, so each has norm 1 "
                + "(norms below eps = \(compact(call.double("eps") ?? 1e-12)) are raised to eps): \(shapeText(input.shape))"
        },
        .layerNorm: { call, _, input, _ in
            guard let shape = call.argument("normalized_shape").flatMap({ intList($0.value) ?? intValue($0.value).map { [$0] } }) else { return nil }
            let groups = input.count / max(shape.reduce(1, *), 1)
            return "normalizes each of the \(groups) slices over the last \(plural(shape.count, "dim")) \(shapeText(shape)) to mean 0 and "
                + "variance 1 (eps = \(compact(call.double("eps") ?? 1e-5))), then applies weight and bias if given"
        },
        .hardtanh: { call, _, _, _ in
            "clamps every element to [min_val, max_val] = [\(compact(call.double("min_val") ?? -1)), \(compact(call.double("max_val") ?? 1))]"
        },
        .threshold: { call, _, input, _ in
            guard let limit = call.double("threshold"), let value = call.double("value") else { return nil }
            let replaced = input.doubles().filter { !($0 > limit) }.count
            return "keeps the elements greater than \(compact(limit)) and replaces the others by \(compact(value)): \(replaced) of \(input.count) replaced"
        },
        .power: { call, evaluation, _, _ in
            guard let exponent = call.argument("exponent") else { return nil }
            if case let .tensor(tensor) = exponent.value {
                return "raises every element to the power in `\(evaluation.text(of: exponent.expr))` \(shapeText(tensor.shape)), elementwise"
            }
            return "raises every element to the power \(StoreWords(evaluation: evaluation).valueText(exponent.expr, exponent.value).words)"
        },
        .triangle(below: true): { call, _, input, output in triangle(call, input, output, below: true) },
        .triangle(below: false): { call, _, input, output in triangle(call, input, output, below: false) },
        .allclose: { call, _, _, output in
            let rtol = call.double("rtol") ?? 1e-5, atol = call.double("atol") ?? 1e-8
            let verdict = (output.isNone ? nil : intValue(output)).map { $0 == 1 ? "True" : "False" } ?? "?"
            return "checks |input − other| ≤ atol + rtol·|other| (atol = \(compact(atol)), rtol = \(compact(rtol))) for every element: \(verdict)"
        },
        .isclose: { call, _, _, output in
            guard case let .tensor(result) = output else { return nil }
            return "checks |input − other| ≤ atol + rtol·|other| elementwise (atol = \(compact(call.double("atol") ?? 1e-8)), "
                + "rtol = \(compact(call.double("rtol") ?? 1e-5))): \(result.bools().filter { $0 }.count) of \(result.count) are True"
        },
    ]

    private static func triangle(_ call: CallSite, _ input: Tensor, _ output: Value, below: Bool) -> String? {
        guard case let .tensor(result) = output else { return nil }
        let diagonal = call.int("diagonal") ?? 0
        let zeroed = zip(input.doubles(), result.doubles()).filter { $0 != 0 && $1 == 0 }.count
        return "keeps the elements on and \(below ? "below" : "above") diagonal \(diagonal) of the last two dims and sets the rest to 0 "
            + "(\(zeroed) nonzero elements became 0): \(shapeText(result.shape))"
    }
}
