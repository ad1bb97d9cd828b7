import Interpreter
import Ops
import TensorEngine

/// Words for statistics, searches, running extremes and matrix builders: each sentence
/// reads the call's own arguments and result.
enum StatisticsWords {
    static let words: [OpKind: TableOpExplainer.Words] = statistics.merging(builders) { first, _ in first }

    private static let statistics: [OpKind: TableOpExplainer.Words] = [
        .covariance: { call, _, input, output in
            guard case let .tensor(result) = output else { return nil }
            let variables = input.rank < 2 ? 1 : input.shape[0], observations = input.shape.last ?? 1
            let weighted = call.argument("fweights") != nil || call.argument("aweights") != nil ? ", weighted" : ""
            return "the covariance of \(plural(variables, "variable")) (rows) over \(plural(observations, "observation")) (columns)\(weighted), "
                + "divided by N − \(call.int("correction") ?? 1): \(shapeText(result.shape))"
        },
        .correlation: { _, _, input, output in
            guard case let .tensor(result) = output else { return nil }
            return "the Pearson correlation of each pair of the \(plural(input.rank < 2 ? 1 : input.shape[0], "row")): covariance divided by "
                + "both standard deviations, clipped to [−1, 1]: \(shapeText(result.shape))"
        },
        .histogram: { call, _, input, output in
            guard case let .tensor(result) = output else { return nil }
            let (low, high) = (call.double("min") ?? 0, call.double("max") ?? 0)
            let range = low == high ? "the data's own range" : "[\(compact(low)), \(compact(high))]"
            let counted = Int(result.doubles().reduce(0, +))
            return "counts the \(input.count) elements in \(result.count) equal bins over \(range): \(counted) fell inside"
        },
        .bincount: { call, _, input, output in
            guard case let .tensor(result) = output else { return nil }
            let what = call.argument("weights").map { $0.value.isNone } == false ? "sums the weights of" : "counts"
            return "\(what) each value 0…\(max(result.count - 1, 0)) among the \(input.count) integers: \(TensorSignature(result))"
        },
        .searchSorted: { call, _, input, output in
            guard case let .tensor(result) = output else { return nil }
            let side = (call.bool("right") ?? false) || call.string("side") == "right" ? "after" : "before"
            return "for each of the \(result.count) values, the index in the sorted \(shapeText(input.shape)) sequence where it would go "
                + "(\(side) equal entries): \(TensorSignature(result))"
        },
        .bucketize: { call, _, _, output in
            guard case let .tensor(result) = output else { return nil }
            let side = (call.bool("right") ?? false) ? "boundaries[i-1] ≤ x < boundaries[i]" : "boundaries[i-1] < x ≤ boundaries[i]"
            return "the bucket index i of each of the \(result.count) values, with \(side): \(TensorSignature(result))"
        },
        .membership: { call, _, _, output in
            guard case let .tensor(result) = output else { return nil }
            let hits = result.bools().filter { $0 }.count
            let test = (call.bool("invert") ?? false) ? "is not in" : "is in"
            return "checks whether each element \(test) test_elements: a bool tensor \(shapeText(result.shape)); \(hits) of \(result.count) are True"
        },
        .runningExtreme(noun: "maximum"): { call, _, input, output in runningText(call, input, output, "maximum") },
        .runningExtreme(noun: "minimum"): { call, _, input, output in runningText(call, input, output, "minimum") },
        .logCumSumExp: { call, _, input, _ in
            guard let dim = call.int("dim") else { return nil }
            return "a running log(Σ exp(x)) along dim \(dim): each output element is the log-sum-exp of the inputs up to it, "
                + "\(shapeText(input.shape))"
        },
    ]

    private static let builders: [OpKind: TableOpExplainer.Words] = [
        .diagflat: { call, _, input, output in
            guard case let .tensor(result) = output else { return nil }
            return "puts the \(input.count) elements, flattened, on diagonal \(call.int("offset") ?? 0) of a zero matrix: \(shapeText(result.shape))"
        },
        .blockDiagonal: { _, evaluation, _, output in
            guard case let .tensor(result) = output else { return nil }
            return "places the \(plural(evaluation.tensorInputs.count, "block")) along the diagonal, zeros elsewhere: \(shapeText(result.shape))"
        },
        .kroneckerProduct: { _, evaluation, input, output in
            guard case let .tensor(result) = output, let other = evaluation.tensorInputs.dropFirst().first?.tensor else { return nil }
            return "the Kronecker product: each element of the \(shapeText(input.shape)) input scales a copy of the \(shapeText(other.shape)) "
                + "other, laid out in blocks: \(shapeText(result.shape))"
        },
        .vandermonde: { call, _, input, output in
            guard case let .tensor(result) = output else { return nil }
            let order = (call.bool("increasing") ?? false) ? "1, x, x², …" : "…, x², x, 1"
            return "the Vandermonde matrix of the \(input.count) values: columns \(order) (\(plural(result.shape.last ?? 0, "column"))), "
                + "\(TensorSignature(result))"
        },
        .renorm: { call, _, input, _ in
            guard let dim = call.int("dim"), let maxnorm = call.double("maxnorm") else { return nil }
            return "rescales each slice along dim \(dim) whose \(compact(call.double("p") ?? 2))-norm exceeds \(compact(maxnorm)) down to that norm; "
                + "the others are unchanged: \(shapeText(input.shape))"
        },
    ]

    private static func runningText(_ call: CallSite, _ input: Tensor, _ output: Value, _ extreme: String) -> String? {
        guard let dim = call.int("dim"), let shapes = MultiOutputWords.pieceShapes(output), shapes.count == 2 else { return nil }
        return "the running \(extreme) along dim \(dim) and where it was last reached: values \(shapes[0]) and indices \(shapes[1])"
            + " (from \(shapeText(input.shape)))"
    }
}
