import Interpreter
import Ops
import TensorEngine

/// Ops that return several tensors (or none): each piece's shape is shown.
enum MultiOutputWords {
    static let words: [OpKind: TableOpExplainer.Words] = [
        .topk: { call, _, input, output in
            guard let k = call.int("k"), let dim = call.int("dim"), let shapes = pieceShapes(output), shapes.count == 2 else { return nil }
            let largest = call.bool("largest") ?? true
            return "the \(k) \(largest ? "largest" : "smallest") values along dim \(dim) (size \(size(input, dim))) and their positions: "
                + "values \(shapes[0]) and indices \(shapes[1])\((call.bool("sorted") ?? true) ? ", \(largest ? "largest" : "smallest") first" : "")"
        },
        .sort: { call, _, input, output in
            guard let dim = call.int("dim"), let shapes = pieceShapes(output), shapes.count == 2 else { return nil }
            let order = (call.bool("descending") ?? false) ? "descending" : "ascending"
            return "sorts along dim \(dim) (size \(size(input, dim))), \(order): values \(shapes[0]) and indices \(shapes[1]), "
                + "the position each value came from"
        },
        .argsort: { call, _, input, output in
            guard let dim = call.int("dim"), case let .tensor(result) = output else { return nil }
            let order = (call.bool("descending") ?? false) ? "descending" : "ascending"
            return "the positions that would sort dim \(dim) (size \(size(input, dim))) \(order): \(TensorSignature(result))"
        },
        .chunk: { call, _, input, output in
            guard let dim = call.int("dim"), let shapes = pieceShapes(output) else { return nil }
            let asked = call.int("chunks") ?? shapes.count
            let fewer = shapes.count < asked ? " (fewer than the \(asked) asked for: chunks are ceil(\(size(input, dim)) / \(asked)) long)" : ""
            return "cuts dim \(dim) (size \(size(input, dim))) into \(shapes.count) pieces\(fewer): \(shapes.joined(separator: ", ")) (views)"
        },
        .split: { call, _, input, output in
            guard let dim = call.int("dim"), let shapes = pieceShapes(output) else { return nil }
            // `torch.split` names it split_size_or_sections, `Tensor.split` split_size.
            let sizes = (call.argument("split_size_or_sections") ?? call.argument("split_size")).map(\.value)
            let how = sizes.flatMap(intValue).map { "pieces of \($0) (the last may be shorter)" } ?? "the given section sizes"
            return "cuts dim \(dim) (size \(size(input, dim))) into \(how): \(shapes.count) tensors \(shapes.joined(separator: ", ")) (views)"
        },
        .unbind: { call, _, input, output in
            guard let shapes = pieceShapes(output) else { return nil }
            let dim = call.int("dim") ?? 0
            return "removes dim \(dim) and returns its \(shapes.count) slices: \(shapes.count) tensors of shape \(shapes.first ?? "[]") (views)"
        },
        .meshgrid: { call, _, _, output in
            guard let shapes = pieceShapes(output), let first = shapes.first else { return nil }
            let indexing = call.string("indexing") ?? "ij"
            return "makes \(shapes.count) coordinate grids of shape \(first) (indexing='\(indexing)'): grid k repeats input k along the other dims"
        },
        .unique: { call, _, input, output in
            let shapes = pieceShapes(output) ?? { if case let .tensor(tensor) = output { return [shapeText(tensor.shape)] } else { return [] } }()
            guard let first = shapes.first else { return nil }
            var text = "the distinct values of the \(shapeText(input.shape)) input\((call.bool("sorted") ?? true) ? ", sorted" : ""): \(first)"
            if shapes.count > 1 { text += "; also " + shapes.dropFirst().joined(separator: " and ") + " (inverse indices and/or counts)" }
            return text
        },
        .size: { call, evaluation, input, output in
            guard let dim = call.argument("dim").flatMap({ intValue($0.value) }), let number = intValue(output) else {
                return "the shape of `\(evaluation.text(of: call.input!.expr))`: torch.Size(\(shapeText(input.shape)))"
            }
            return "the size of dim \(dim) of `\(evaluation.text(of: call.input!.expr))` \(shapeText(input.shape)): \(number)"
        },
        .dimCount: { _, _, input, _ in "the number of dims: \(input.rank) (shape \(shapeText(input.shape)))" },
        .elementCount: { _, _, input, _ in "the number of elements: \(input.count) (shape \(shapeText(input.shape)))" },
    ]

    /// The shapes of a tuple or list of tensors, in order.
    static func pieceShapes(_ value: Value) -> [String]? {
        let items: [Value]
        switch value {
        case let .tuple(values): items = values
        case let .namedTuple(tuple): items = tuple.values
        case let .list(list): items = list.items
        default: return nil
        }
        let shapes = items.compactMap { item -> String? in if case let .tensor(tensor) = item { return shapeText(tensor.shape) } else { return nil } }
        return shapes.count == items.count && !shapes.isEmpty ? shapes : nil
    }

    private static func size(_ tensor: Tensor, _ dim: Int) -> Int {
        let resolved = dim < 0 ? dim + tensor.rank : dim
        return resolved >= 0 && resolved < tensor.rank ? tensor.shape[resolved] : 0
    }
}
