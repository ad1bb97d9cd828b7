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

    /// A tensor a node saved whose storage was written in place afterwards.
    public struct StaleSave {
        public let nodeName: String
        public let tensor: Tensor
        public let savedVersion: Int
    }

    /// The saved tensors under `roots` that an in-place write made stale, found before
    /// `backward()` runs into them.
    public static func staleSaves(under roots: [Tensor]) -> [StaleSave] {
        var found: [StaleSave] = []
        var seen: Set<ObjectIdentifier> = []
        var stack: [Node] = roots.compactMap(\.gradFn)
        while let node = stack.popLast(), found.count < 16 {
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            for record in node.saved {
                if let (tensor, version) = record.stale { found.append(StaleSave(nodeName: node.name, tensor: tensor, savedVersion: version)) }
            }
            stack.append(contentsOf: node.nextEdges.compactMap { $0?.node })
        }
        return found
    }
}
