import TensorEngine

/// Runs a backward pass as PyTorch's engine does: count each node's dependencies, then
/// run ready nodes newest first, summing the gradients that meet at a node's input.
public enum BackwardEngine {
    /// `tensor.backward(gradient, retain_graph=)` over several roots.
    /// With `inputs` (`backward(inputs=[w])`), only those tensors' `.grad` accumulate,
    /// leaves and non-leaves alike.
    public static func backward(_ roots: [Tensor], gradients: [Tensor?], retainGraph: Bool, inputs: [Tensor]? = nil) throws {
        guard let inputs else {
            _ = try run(roots, gradients: gradients, retainGraph: retainGraph, inputs: nil)
            return
        }
        let found = try run(roots, gradients: gradients, retainGraph: retainGraph, inputs: inputs)
        for (input, gradient) in zip(inputs, found) {
            guard let gradient else { continue }
            if input.isLeaf {
                try gradAccumulator(for: input).accumulate(gradient)
            } else {
                try input.addRetainedGradient(gradient)
            }
        }
        AutogradThreadState.current.recordBackwardRoots(roots)
    }

    /// `torch.autograd.grad(outputs, inputs)`: the gradients of `inputs`, leaving every
    /// `.grad` untouched. An input the outputs do not reach gets nil.
    public static func grad(_ roots: [Tensor], gradients: [Tensor?], inputs: [Tensor], retainGraph: Bool) throws -> [Tensor?] {
        try run(roots, gradients: gradients, retainGraph: retainGraph, inputs: inputs)
    }

    private static func run(_ roots: [Tensor], gradients: [Tensor?], retainGraph: Bool, inputs: [Tensor]?) throws -> [Tensor?] {
        var task = GraphTask(retainGraph: retainGraph)
        if let inputs { task.captureInputs(inputs) }
        for (index, root) in roots.enumerated() {
            guard root.requiresGrad else { throw AutogradError.noGradFn(element: index).tensorError }
            let seed = try seedGradient(for: root, given: index < gradients.count ? gradients[index] : nil)
            let target = root.gradFn.map { Edge(node: $0, inputNumber: root.meta?.outputNumber ?? 0) }
                ?? Edge(node: gradAccumulator(for: root), inputNumber: 0)
            task.addRoot(target, gradient: seed)
        }
        if let inputs, inputs.contains(where: { !$0.requiresGrad }) { throw AutogradError.inputNotRequiringGrad.tensorError }
        try GradMode.with(false) { try task.execute() }
        if inputs == nil { AutogradThreadState.current.recordBackwardRoots(roots) }
        return task.capturedGradients
    }

    /// The tensors the most recent `backward()` calls started from (newest last), for
    /// drawing their graphs after a program ran.
    public static var recentRoots: [Tensor] { AutogradThreadState.current.backwardRoots.compactMap(\.tensor) }

    private static func seedGradient(for root: Tensor, given: Tensor?) throws -> Tensor {
        if let given {
            guard given.shape == root.shape else {
                throw AutogradError.gradientShapeMismatch(expected: root.shape, got: given.shape).tensorError
            }
            return given
        }
        guard root.count == 1 else { throw AutogradError.implicitGradForNonScalar.tensorError }
        return try Factory.full(shape: root.shape, value: .int(1), dtype: root.dtype)
    }
}

/// The state of one backward pass.
struct GraphTask {
    let retainGraph: Bool
    private var dependencies: [ObjectIdentifier: Int] = [:]
    private var buffers: [ObjectIdentifier: [Tensor?]] = [:]
    private var ready = ReadyQueue()
    private var roots: [(Edge, Tensor)] = []
    /// For autograd.grad: where each requested input's gradient is read.
    private var captures: [(node: ObjectIdentifier, input: Int)] = []
    private(set) var capturedGradients: [Tensor?] = []
    private var capturing = false

    init(retainGraph: Bool) { self.retainGraph = retainGraph }

    mutating func captureInputs(_ inputs: [Tensor]) {
        capturing = true
        for input in inputs {
            if let node = input.gradFn {
                captures.append((ObjectIdentifier(node), input.meta?.outputNumber ?? 0))
            } else {
                captures.append((ObjectIdentifier(gradAccumulator(for: input)), 0))
            }
        }
        capturedGradients = Array(repeating: nil, count: inputs.count)
    }

    mutating func addRoot(_ edge: Edge, gradient: Tensor) {
        roots.append((edge, gradient))
    }

    mutating func execute() throws {
        countDependencies()
        for (edge, gradient) in roots {
            try deliver(gradient, to: edge)
        }
        while let node = ready.pop() {
            let identity = ObjectIdentifier(node)
            let inputs = try node.runTensorHooks(buffers.removeValue(forKey: identity) ?? [])
            try capture(inputs, at: identity)
            if let accumulator = node as? AccumulateGrad {
                if !capturing, let gradient = inputs.first ?? nil { try accumulator.accumulate(gradient) }
                continue
            }
            try node.storeRetainedGradients(inputs)
            let outputs = try node.apply(inputs)
            if !retainGraph { node.release() }
            for (index, edge) in node.nextEdges.enumerated() {
                guard let edge else { continue }
                let gradient = index < outputs.count ? outputs[index] : nil
                try deliver(gradient.map { try conform($0, to: node.inputMetadata[index]) }, to: edge)
            }
        }
    }

    private mutating func capture(_ inputs: [Tensor?], at identity: ObjectIdentifier) throws {
        for (position, target) in captures.enumerated() where target.node == identity {
            if target.input < inputs.count { capturedGradients[position] = inputs[target.input] }
        }
    }

    /// Adds a gradient into a node's input buffer; the node is ready once every edge
    /// into it has delivered (a nil gradient counts as delivered, and as zero).
    private mutating func deliver(_ gradient: Tensor?, to edge: Edge) throws {
        let identity = ObjectIdentifier(edge.node)
        var buffer = buffers[identity] ?? Array(repeating: nil, count: max(edge.node.outputCount, 1))
        if let gradient {
            if let existing = buffer[edge.inputNumber] {
                buffer[edge.inputNumber] = try binary(.add, .tensor(existing), .tensor(gradient))
            } else {
                buffer[edge.inputNumber] = gradient
            }
        }
        buffers[identity] = buffer
        let remaining = (dependencies[identity] ?? 1) - 1
        dependencies[identity] = remaining
        if remaining <= 0 { ready.push(edge.node) }
    }

    /// Counts how many edges lead into each node reachable from the roots.
    private mutating func countDependencies() {
        var stack = roots.map(\.0.node)
        var seen = Set(stack.map(ObjectIdentifier.init))
        for (edge, _) in roots { dependencies[ObjectIdentifier(edge.node), default: 0] += 1 }
        while let node = stack.popLast() {
            for case let edge? in node.nextEdges {
                let identity = ObjectIdentifier(edge.node)
                dependencies[identity, default: 0] += 1
                if seen.insert(identity).inserted { stack.append(edge.node) }
            }
        }
    }
}

/// Casts a gradient to its input's dtype and reduces a broadcast gradient to its shape,
/// as PyTorch's `validate_outputs` does.
private func conform(_ gradient: Tensor, to metadata: (shape: [Int], dtype: DType)?) throws -> Tensor {
    guard let metadata else { return gradient }
    var result = gradient
    if result.shape != metadata.shape { result = try sumTo(result, metadata.shape) }
    if result.dtype != metadata.dtype { result = try result.to(metadata.dtype) }
    return result
}

/// A max-heap on sequence numbers: the newest node first, accumulators before all.
struct ReadyQueue {
    private var heap: [Node] = []

    mutating func push(_ node: Node) {
        heap.append(node)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].sequenceNumber > heap[parent].sequenceNumber else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Node? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var largest = parent
            if left < heap.count && heap[left].sequenceNumber > heap[largest].sequenceNumber { largest = left }
            if right < heap.count && heap[right].sequenceNumber > heap[largest].sequenceNumber { largest = right }
            if largest == parent { break }
            heap.swapAt(parent, largest)
            parent = largest
        }
        return top
    }
}
