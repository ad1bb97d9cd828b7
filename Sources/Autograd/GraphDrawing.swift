import TensorEngine

/// Draws a tensor's autograd graph as an indented tree, like torchviz in the terminal:
/// each node with PyTorch's name and its output shape, each leaf as `AccumulateGrad`
/// with the parameter's name. A node reached twice is drawn once and then referred to.
public enum GraphDrawing {
    /// At most this many lines; a graph of a long loop is cut with a count of the rest.
    public static let lineLimit = 120

    public static func draw(_ tensor: Tensor, leafName: (Tensor) -> String?) -> String {
        guard let root = tensor.gradFn else {
            return tensor.requiresGrad ? "a leaf: requires_grad=True, and no op made it, so its graph is itself\n"
                : "no graph: this tensor does not require grad\n"
        }
        var lines: [String] = []
        var seen: Set<ObjectIdentifier> = []
        var omitted = 0
        // (node, the prefix of its line, the prefix of its children's lines), depth first.
        var stack: [(node: Node, label: String, childIndent: String)] = [(root, "", "")]
        while let (node, label, childIndent) = stack.popLast() {
            guard lines.count < lineLimit else {
                omitted += 1
                continue
            }
            let first = seen.insert(ObjectIdentifier(node)).inserted
            lines.append(label + describe(node, leafName: leafName) + (first || node is AccumulateGrad ? "" : "  (drawn above)"))
            guard first else { continue }
            let children = node.nextEdges.compactMap { $0?.node }
            for (index, child) in children.enumerated().reversed() {
                let last = index == children.count - 1
                stack.append((child, childIndent + (last ? "└─ " : "├─ "), childIndent + (last ? "   " : "│  ")))
            }
        }
        if omitted > 0 { lines.append("… \(omitted) more node\(omitted == 1 ? "" : "s") not drawn") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ node: Node, leafName: (Tensor) -> String?) -> String {
        if let accumulator = node as? AccumulateGrad {
            let variable = accumulator.variable
            let name = leafName(variable).map { " \($0)" } ?? ""
            return "AccumulateGrad\(name) \(formatShape(variable.shape))"
        }
        let shapes = node.outputShapes.map(formatShape)
        return node.name + " → " + (shapes.count == 1 ? shapes[0] : "(" + shapes.joined(separator: ", ") + ")")
    }
}
