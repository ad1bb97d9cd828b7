import Interpreter
import Ops
import TensorEngine

/// Selections, copies that move elements, and products, in words.
extension TableOpExplainer {
    static let selectionWords: [OpKind: Words] = [
        .indexSelect: { call, evaluation, input, output in
            guard let dim = call.int("dim"), let index = call.argument("index"), case let .tensor(indexTensor) = index.value,
                  case let .tensor(result) = output else { return nil }
            return "picks the slices along dim \(dim) at `\(evaluation.text(of: index.expr))` = \(listText(indexTensor.int64s().map { Int($0) })): "
                + "\(shapeText(input.shape)) → \(shapeText(result.shape)) (a copy)"
        },
        .maskedSelect: { call, evaluation, input, output in
            guard let mask = call.argument("mask"), case let .tensor(result) = output else { return nil }
            return "the \(result.count) elements of `\(evaluation.text(of: call.input!.expr))` where `\(evaluation.text(of: mask.expr))` is True, "
                + "in row-major order, as a 1-D tensor \(shapeText(result.shape)) (from \(shapeText(input.shape)))"
        },
        .takeAlongDim: { call, evaluation, input, output in
            guard let dim = call.int("dim"), let indices = call.argument("indices"), case let .tensor(result) = output else { return nil }
            return "picks along dim \(dim) at the positions in `\(evaluation.text(of: indices.expr))`, as `gather` does: "
                + "\(shapeText(input.shape)) → \(shapeText(result.shape))"
        },
        .nonzero: { call, _, input, output in
            if case let .tensor(result) = output {
                return "the coordinates of the \(plural(result.shape.first ?? 0, "nonzero element")), one row of \(plural(input.rank, "coordinate")) per element: \(shapeText(result.shape))"
            }
            return "the coordinates of the nonzero elements as a tuple of \(input.rank) 1-D tensors, one per dim (as_tuple=True)"
        },
        .indexWrite(verb: "adds"): { call, evaluation, input, _ in
            guard let dim = call.int("dim"), let index = call.argument("index"), case let .tensor(indexTensor) = index.value,
                  let source = call.argument("source") else { return nil }
            let alpha = call.double("alpha") ?? 1
            return "a copy of the input with `\(evaluation.text(of: source.expr))`\(alpha == 1 ? "" : " × \(compact(alpha))") added into the "
                + "slices along dim \(dim) at \(listText(indexTensor.int64s().map { Int($0) })): \(shapeText(input.shape))"
        },
        .tile: { call, _, input, output in
            guard let counts = call.integerList, case let .tensor(result) = output else { return nil }
            let padded = Array(repeating: 1, count: max(counts.count - input.rank, 0)) + input.shape
            let parts = zip(padded, counts).enumerated().map { "dim \($0.offset) \($0.element.1)×" }
            return "tiles the input \(parts.joined(separator: ", ")): \(shapeText(input.shape)) → \(shapeText(result.shape)) (a copy, unlike expand)"
        },
        .roll: { call, _, input, _ in
            guard let shifts = call.argument("shifts").flatMap({ intList($0.value) ?? intValue($0.value).map { [$0] } }) else { return nil }
            let dims = call.argument("dims").flatMap { intList($0.value) ?? intValue($0.value).map { [$0] } }
            guard let dims else { return "shifts the flattened elements by \(shifts[0]), wrapping around, then restores \(shapeText(input.shape))" }
            let parts = zip(shifts, dims).map { "along dim \($0.1) by \($0.0)" }
            return "shifts the elements \(parts.joined(separator: " and ")), wrapping around at the ends: \(shapeText(input.shape)) (a copy)"
        },
        .flip: { call, _, input, _ in
            guard let dims = call.argument("dims").flatMap({ intList($0.value) ?? intValue($0.value).map { [$0] } }) else { return nil }
            return "reverses the order along \(dims.count == 1 ? "dim" : "dims") \(dims.map(String.init).joined(separator: ", ")): "
                + "\(shapeText(input.shape)) (a copy)"
        },
        .scan(noun: "sum"): { call, _, input, _ in scanText(call, input, noun: "sum") },
        .scan(noun: "product"): { call, _, input, _ in scanText(call, input, noun: "product") },
        .multinomial: { call, evaluation, input, output in
            guard case let .tensor(result) = output else { return nil }
            let samples = call.int("num_samples") ?? result.shape.last ?? 1
            let replacement = call.bool("replacement") ?? false
            let rows = input.rank == 2 ? "per row of `\(evaluation.text(of: call.input!.expr))` (\(input.shape[0]) rows)" : "from `\(evaluation.text(of: call.input!.expr))`"
            return "draws \(plural(samples, "category index")) \(rows), each row's \(input.shape.last ?? 0) values read as weights, "
                + "\(replacement ? "with" : "without") replacement: \(shapeText(input.shape)) → \(TensorSignature(result)) (random)"
        },
    ]

    static let productWords: [OpKind: Words] = [
        .outer: { _, _, input, output in
            guard case let .tensor(result) = output else { return nil }
            return "every product a[i]·b[j] of two vectors: \(shapeText(input.shape)) and \(shapeText([result.shape.last ?? 0])) → \(shapeText(result.shape))"
        },
        .dot: { _, _, input, _ in "the sum of the elementwise products of two \(shapeText(input.shape)) vectors: one number" },
        .solve: { _, _, input, output in
            guard case let .tensor(result) = output else { return nil }
            return "solves A X = B for X with A \(shapeText(input.shape)), as A⁻¹B without forming the inverse: → \(shapeText(result.shape))"
        },
        .einsum: { call, _, _, output in
            guard case let .string(equation)? = call.argument("equation")?.value, case let .tensor(result) = output else { return nil }
            let sides = equation.replacingOccurrences(of: " ", with: "").components(separatedBy: "->")
            let shapes = call.positional.compactMap { if case let .tensor(tensor) = $0.value { return shapeText(tensor.shape) } else { return nil } }
            var text = "einsum '\(equation)': \(shapes.joined(separator: ", ")) → \(shapeText(result.shape))"
            if sides.count == 2 {
                let summed = Set(sides[0].filter(\.isLetter)).subtracting(sides[1]).sorted()
                let letters = summed.map { "\($0)" }.joined(separator: ", ")
                if summed.count == 1 { text += "; \(letters) appears in the inputs but not the output, so it is summed over" }
                if summed.count > 1 { text += "; \(letters) appear in the inputs but not the output, so they are summed over" }
            }
            return text
        },
        .linear: { call, evaluation, input, output in
            guard let weight = call.argument("weight"), case let .tensor(weightTensor) = weight.value, case let .tensor(result) = output else { return nil }
            let hasBias = call.argument("bias").map { !$0.value.isNone } ?? false
            return "x @ weight.T\(hasBias ? " + bias" : ""): \(shapeText(input.shape)) @ \(shapeText(weightTensor.shape.reversed())) → \(shapeText(result.shape))"
        },
        .marginRankingLoss: { call, _, input, _ in
            "max(0, −target·(input1 − input2) + margin) per element (margin = \(compact(call.double("margin") ?? 0)))"
                + lossReductionText(call, count: input.count, unit: "element")
        },
        .cosineEmbeddingLoss: { call, _, input, _ in
            "per row: 1 − cos(input1, input2) where the target is 1, max(0, cos − margin) where it is −1 (margin = \(compact(call.double("margin") ?? 0)))"
                + lossReductionText(call, count: input.shape.first ?? 1, unit: "row")
        },
    ]

    private static func scanText(_ call: CallSite, _ input: Tensor, noun: String) -> String? {
        guard let dim = call.int("dim") else { return nil }
        return "a running \(noun) along dim \(dim): each output element is the \(noun) of the input elements up to it along that dim, \(shapeText(input.shape))"
    }

    private static func lossReductionText(_ call: CallSite, count: Int, unit: String) -> String {
        switch call.lossReduction ?? "mean" {
        case "mean": return "; averaged over the \(plural(count, unit)) (reduction='mean')"
        case "sum": return "; summed over the \(plural(count, unit)) (reduction='sum')"
        default: return "; one value per \(unit) (reduction='none')"
        }
    }
}
