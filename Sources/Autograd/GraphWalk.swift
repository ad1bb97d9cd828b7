import TensorEngine

/// Questions about a recorded graph, asked without running it: which leaves a tensor's
/// graph reaches. The explainer uses them to name the parameters a loss trains.
public enum GraphWalk {
    /// The leaves that require grad under `roots`, in the order a depth-first walk meets them.
    /// A root that is itself such a leaf counts.
    public static func leaves(of roots: [Tensor]) -> [Tensor] {
        var leaves: [Tensor] = []
        var seen: Set<ObjectIdentifier> = []
        var stack: [Node] = roots.compactMap(\.gradFn).reversed()
        for root in roots where root.gradFn == nil && root.requiresGrad && seen.insert(ObjectIdentifier(root)).inserted {
            leaves.append(root)
        }
        while let node = stack.popLast() {
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            if let accumulator = node as? AccumulateGrad {
                if seen.insert(ObjectIdentifier(accumulator.variable)).inserted { leaves.append(accumulator.variable) }
                continue
            }
            stack.append(contentsOf: node.nextEdges.compactMap { $0?.node }.reversed())
        }
        return leaves
    }

    /// How many op nodes (leaves excluded) the graph under `root` holds.
    public static func nodeCount(of root: Tensor) -> Int {
        var seen: Set<ObjectIdentifier> = []
        var stack: [Node] = root.gradFn.map { [$0] } ?? []
        var count = 0
        while let node = stack.popLast() {
            guard seen.insert(ObjectIdentifier(node)).inserted, !(node is AccumulateGrad) else { continue }
            count += 1
            stack.append(contentsOf: node.nextEdges.compactMap { $0?.node })
        }
        return count
    }
}
