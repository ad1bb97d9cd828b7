import Interpreter
import Ops
import PySyntax
import TensorEngine

/// Movement ops: `view`, `reshape`, `permute`, `transpose`, `unsqueeze`, `squeeze`,
/// `flatten`, `expand`. Dims are named when the code names them (view arguments, a
/// trailing `# nH, N, N` comment).
struct ShapeExplainer: OperationExplainer {
    func explain(_ evaluation: Evaluation) -> OperationText? {
        guard let call = evaluation.call, let kind = call.outOfPlaceKind, let input = call.input, let output = evaluation.tensorResult else { return nil }
        let facts = evaluation.facts
        let inputShape = labelledShape(input.tensor, facts[input.tensor].dimLabels)
        let outputShape = labelledShape(output, facts[output].dimLabels)
        switch kind {
        case let .reshape(isView):
            var text = "\(isView ? "views" : "reshapes") \(shapeText(input.tensor.shape)) as \(shapeText(output.shape)): the same \(plural(output.count, "element")) in row-major order"
            if let requested = call.integerList, let inferred = requested.firstIndex(of: -1) {
                let known = requested.enumerated().filter { $0.offset != inferred }.map(\.element).reduce(1, *)
                text += "; -1 in dim \(inferred) is inferred as \(output.shape[inferred]) (\(input.tensor.count) / \(known))"
            }
            var notes: [String] = []
            if inputShape != shapeText(input.tensor.shape) || outputShape != shapeText(output.shape) {
                notes.append("by name: \(inputShape) → \(outputShape)")
            }
            if !isView {
                notes.append(output.sharesStorage(with: input.tensor)
                    ? "reshape could return a view here: the input's strides allow it"
                    : "reshape had to copy: the input's strides \(stridesText(input.tensor)) cannot be viewed as \(shapeText(output.shape))")
            }
            return OperationText(operation: call.name, text: text, notes: notes)
        case .permute:
            guard let order = call.integerList else { return nil }
            let normalized = order.map { $0 < 0 ? $0 + input.tensor.rank : $0 }
            return OperationText(operation: "permute", text: permuteText(normalized, input: input.tensor, labels: facts[input.tensor].dimLabels) + ": \(inputShape) → \(outputShape)",
                                 notes: ["no data moves: permute only reorders the strides, \(stridesText(input.tensor)) → \(stridesText(output))" + (output.isContiguous ? "; the result happens to be contiguous" : ", so the result is not contiguous")])
        case .transpose:
            // `t()` has no dims to give: it is transpose(0, 1).
            let first = call.int("dim0") ?? 0
            let second = call.int("dim1") ?? 1
            return OperationText(operation: "transpose", text: "swaps dims \(first) and \(second): \(inputShape) → \(outputShape) (a view with swapped strides)")
        case .unsqueeze:
            guard let dim = call.int("dim") else { return nil }
            let position = dim < 0 ? dim + output.rank : dim
            return OperationText(operation: "unsqueeze", text: "inserts a dim of size 1 at position \(position): \(shapeText(input.tensor.shape)) → \(shapeText(output.shape))\(broadcastPurpose(position, output))")
        case .squeeze:
            return OperationText(operation: "squeeze", text: input.tensor.shape == output.shape
                ? "removes nothing: no selected dim has size 1, so the shape stays \(shapeText(output.shape))"
                : "removes size-1 dims: \(shapeText(input.tensor.shape)) → \(shapeText(output.shape))")
        case .flatten:
            return OperationText(operation: "flatten", text: "merges dims into one: \(shapeText(input.tensor.shape)) → \(shapeText(output.shape))")
        case .expand:
            return OperationText(operation: "expand", text: "repeats size-1 dims without copying (stride 0): \(shapeText(input.tensor.shape)) → \(shapeText(output.shape))")
        default:
            return nil
        }
    }

    private func labelledShape(_ tensor: Tensor, _ labels: [String]?) -> String {
        guard let labels, labels.count == tensor.rank else { return shapeText(tensor.shape) }
        return "[" + labels.joined(separator: ", ") + "]"
    }

    /// "moves dim 2 (nH) to the front", or the full mapping for other orders.
    func permuteText(_ order: [Int], input: Tensor, labels: [String]?) -> String {
        func name(_ dim: Int) -> String {
            if let labels, dim < labels.count, Int(labels[dim]) == nil { return "dim \(dim) (\(labels[dim]))" }
            return "dim \(dim)"
        }
        if order == Array(0..<order.count) { return "keeps every dim in place" }
        if let first = order.first, first != 0, Array(order.dropFirst()) == (0..<order.count).filter({ $0 != first }) {
            return "moves \(name(first)) to the front"
        }
        if let last = order.last, last != order.count - 1, Array(order.dropLast()) == (0..<order.count).filter({ $0 != last }) {
            return "moves \(name(last)) to the end"
        }
        return "reorders the dims: new dim i is old dim order[i] = " + order.map(String.init).joined(separator: ", ")
    }

    private func broadcastPurpose(_ position: Int, _ output: Tensor) -> String {
        position == 0 ? ", so it can broadcast over a leading batch dim" : ""
    }
}

func stridesText(_ tensor: Tensor) -> String { "(" + tensor.strides.map(String.init).joined(separator: ", ") + ")" }

/// `contiguous`, `clone`, `detach`, `to`, `float`, `long`: copy or no-op, and why.
struct CopyExplainer: OperationExplainer {
    func explain(_ evaluation: Evaluation) -> OperationText? {
        guard let call = evaluation.call, let kind = call.outOfPlaceKind, let input = call.receiver, let output = evaluation.tensorResult else { return nil }
        let same = output === input.tensor
        switch kind {
        case .contiguous:
            if same {
                return OperationText(operation: "contiguous", text: "no-op: the input is already contiguous (strides \(stridesText(input.tensor)) are row-major for \(shapeText(input.tensor.shape))), so it is returned as is")
            }
            return OperationText(operation: "contiguous", text: "copies into a fresh row-major buffer: the input's strides \(stridesText(input.tensor)) are not row-major for \(shapeText(input.tensor.shape)) (e.g. after a permute, a transpose or a strided slice); the copy has strides \(stridesText(output))")
        case .clone:
            return OperationText(operation: "clone", text: "copies the \(plural(output.count, "element")) into new storage: later in-place writes to one do not affect the other")
        case .detach:
            return OperationText(operation: "detach", text: "the same values, cut from the autograd graph; it shares storage with the input")
        case .conversion:
            if same { return OperationText(operation: call.name, text: "no-op: the tensor already has dtype \(output.dtype.rawValue) on the CPU, so `\(call.name)` returns it unchanged") }
            return OperationText(operation: call.name, text: "converts \(input.tensor.dtype.rawValue) → \(output.dtype.rawValue) into a new tensor")
        default:
            return nil
        }
    }
}
