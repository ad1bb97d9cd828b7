import TensorEngine

/// Where a gradient goes next: input `inputNumber` of `node`.
public struct Edge {
    public let node: Node
    public let inputNumber: Int
}

/// One recorded op of the graph, named as PyTorch names it (`MulBackward0`). It maps the
/// gradients of its outputs to the gradients of its inputs.
public class Node {
    public typealias Backward = (_ gradOutputs: [Tensor?], _ node: Node) throws -> [Tensor?]

    public internal(set) var name: String
    /// One per input of the forward op; nil for inputs that need no gradient.
    public let nextEdges: [Edge?]
    /// The shape and dtype each input had, to which its gradient is reduced and cast.
    let inputMetadata: [(shape: [Int], dtype: DType)?]
    let outputCount: Int
    /// The shape of each output, for drawing the graph.
    public internal(set) var outputShapes: [[Int]]
    /// PyTorch runs ready nodes newest first; this orders them the same way.
    let sequenceNumber: Int
    private var backward: Backward?
    private(set) var saved: [SavedTensor] = []
    /// PyTorch saves a Python number operand as a tensor too, so such a node is freed
    /// after backward like one that saved a tensor.
    var savedScalar = false
    /// A node of a user's `torch.autograd.Function`, whose class Python names with its module.
    public internal(set) var isCustomFunction = false
    /// `register_hook` on this node's outputs, by output number, in registration order.
    var tensorHooks: [Int: [RegisteredHook]] = [:]
    private var retained: [Int: [WeakTensor]] = [:]
    /// `grad_fn.metadata`: a dict the user may fill, kept by the node (the interpreter's object).
    public var userMetadata: AnyObject?

    init(name: String, inputs: [Tensor?], outputCount: Int = 1, sequenceNumber: Int? = nil, backward: Backward?) {
        self.name = name
        self.outputCount = outputCount
        outputShapes = Array(repeating: [], count: outputCount)
        if let sequenceNumber {
            self.sequenceNumber = sequenceNumber
        } else {
            let state = AutogradThreadState.current
            self.sequenceNumber = state.nextSequenceNumber
            state.nextSequenceNumber += 1
        }
        self.backward = backward
        nextEdges = inputs.map { input in input.flatMap { edge(to: $0) } }
        inputMetadata = inputs.map { input in
            guard let input, input.requiresGrad else { return nil }
            return (input.shape, input.dtype)
        }
    }

    /// A node whose edges are given, not derived from input tensors: CopySlices takes the
    /// base's edge plus the edges of the in-place op it wraps.
    init(name: String, edges: [Edge?], inputMetadata: [(shape: [Int], dtype: DType)?], outputCount: Int = 1, backward: @escaping Backward) {
        self.name = name
        self.outputCount = outputCount
        outputShapes = Array(repeating: [], count: outputCount)
        let state = AutogradThreadState.current
        sequenceNumber = state.nextSequenceNumber
        state.nextSequenceNumber += 1
        self.backward = backward
        nextEdges = edges
        self.inputMetadata = inputMetadata
    }

    /// What `grad_fn.name()` returns: the C++ name for the accumulator of a leaf.
    /// The C++ name for the nodes PyTorch writes by hand (the accumulator of a leaf,
    /// CopySlices); the generated `XBackward0` names otherwise.
    public var qualifiedName: String {
        if self is AccumulateGrad { return "torch::autograd::AccumulateGrad" }
        return name == "CopySlices" || name == "CopyBackwards" ? "torch::autograd::" + name : name
    }

    /// `needs_input_grad(i)`: lets a formula skip gradients nobody will read.
    public func needsGradient(_ input: Int) -> Bool { input < nextEdges.count && nextEdges[input] != nil }

    /// Before an in-place op writes into `target`, the node's saved `self` becomes a copy,
    /// as PyTorch's generated code saves `original_self` (`sin_` needs the old values).
    /// Only the first record is `self`: another argument that is the same tensor
    /// (`y.mul_(y)`) stays the live tensor, and its backward refuses the write as PyTorch's does.
    func keepSavedValues(beforeWritingInto target: Tensor) throws {
        try saved.first { $0.holdsValuesBeforeWrite(into: target) }?.keepCopy()
    }

    /// Keeps `tensor` for the backward pass, with its version now.
    public func save(_ tensor: Tensor, isOutput: Bool = false) -> SavedTensor {
        let record = SavedTensor(tensor, savedBy: self, isOutput: isOutput)
        saved.append(record)
        return record
    }

    /// Saves an in-place op's result as PyTorch does: `target` itself, once the op has
    /// written the result into it, so a later in-place write to it is caught.
    public func saveResult(writtenInto target: Tensor) -> SavedTensor {
        let record = SavedTensor(target, savedBy: self, isOutput: true, writtenOnce: true)
        saved.append(record)
        return record
    }

    func retain(_ tensor: Tensor, output: Int) {
        retained[output, default: []].append(WeakTensor(tensor))
    }

    func storeRetainedGradients(_ gradients: [Tensor?]) throws {
        for (output, tensors) in retained {
            guard output < gradients.count, let gradient = gradients[output] else { continue }
            for reference in tensors {
                guard let tensor = reference.tensor else { continue }
                try tensor.addRetainedGradient(gradient)
            }
        }
    }

    /// A graph of 100,000 ops is a chain of 100,000 nodes; freeing it by recursion would
    /// overflow the stack, so a dying node hands what it holds to `NodeReaper`.
    deinit {
        var orphans: [AnyObject] = nextEdges.compactMap { $0?.node }
        orphans.append(contentsOf: saved as [AnyObject])
        if let backward { orphans.append(BackwardBox(backward)) }
        backward = nil
        saved = []
        NodeReaper.retire(orphans)
    }

    func apply(_ gradOutputs: [Tensor?]) throws -> [Tensor?] {
        guard let backward else { throw AutogradError.graphFreed.tensorError }
        return try backward(gradOutputs, self)
    }

    /// Frees what the node saved, as PyTorch does after a backward without retain_graph.
    /// A node that saved nothing can run again, exactly as in PyTorch.
    func release() {
        if saved.isEmpty && !savedScalar { return }
        for record in saved { record.free() }
        backward = nil
    }
}

extension Tensor {
    /// A non-leaf's `.grad` (after `retain_grad()`, or named in `backward(inputs=)`): PyTorch
    /// sums out of place here, so an earlier `.grad` object keeps its value.
    func addRetainedGradient(_ gradient: Tensor) throws {
        grad = try grad.map { try binary(.add, .tensor($0), .tensor(gradient)) } ?? gradient.clone()
    }
}

/// The node behind a leaf that requires grad: it adds incoming gradients into `.grad`.
public final class AccumulateGrad: Node {
    public let variable: Tensor

    init(variable: Tensor) {
        self.variable = variable
        // Leaves run as soon as they are ready, before any other node.
        super.init(name: "AccumulateGrad", inputs: [], sequenceNumber: Int.max, backward: nil)
    }

    func accumulate(_ gradient: Tensor) throws {
        var incoming = gradient
        if gradient.shape != variable.shape {
            // Only after `x.data = y` changed the leaf's shape since the graph was built.
            if isSummable(gradient.shape, to: variable.shape) {
                incoming = try sumTo(gradient, variable.shape)
            } else if !obeysLayoutContract(gradient, variable) {
                // PyTorch's clone_obey_contract: a gradient in the leaf's own layout.
                incoming = try Tensor.zeros(shape: variable.shape, dtype: gradient.dtype)
                try incoming.copy(from: gradient)
            }
        }
        let converted = try incoming.to(variable.dtype)
        if let existing = variable.grad {
            // PyTorch's `variable_grad += new_grad`: in place, so a reference kept to `.grad`
            // (or a tensor assigned to it) sees the sum, and its version counts the op.
            try existing.assignInPlace(try binary(.add, .tensor(existing), .tensor(converted)))
            existing.markWrittenInPlace()
        } else {
            variable.grad = converted === gradient ? try converted.clone() : converted
        }
    }
}

/// Whether summing a gradient of `gradientShape` over broadcast dims gives `shape`.
private func isSummable(_ gradientShape: [Int], to shape: [Int]) -> Bool {
    let leading = gradientShape.count - shape.count
    return leading >= 0 && zip(shape, gradientShape.dropFirst(leading)).allSatisfy { $0 == $1 || $0 == 1 }
}

/// PyTorch's `obeys_layout_contract`: whether a gradient may be stored as it is, because
/// each of its non-singleton dims has the variable's stride there.
private func obeysLayoutContract(_ gradient: Tensor, _ variable: Tensor) -> Bool {
    guard variable.isContiguous else { return gradient.isContiguous }
    return gradient.shape.indices.allSatisfy { index in
        gradient.shape[index] == 1 || (index < variable.rank && gradient.strides[index] == variable.strides[index])
    }
}

/// The edge from an op's input: its grad_fn, or the accumulator of a leaf.
private func edge(to tensor: Tensor) -> Edge? {
    guard let meta = tensor.meta else { return nil }
    // Through `gradFn`, so a view written in place since gets its regenerated history.
    if let node = tensor.gradFn { return Edge(node: node, inputNumber: meta.outputNumber) }
    guard meta.requiresGrad else { return nil }
    return Edge(node: gradAccumulator(for: tensor), inputNumber: 0)
}

func gradAccumulator(for tensor: Tensor) -> AccumulateGrad {
    if let existing = tensor.meta?.gradAccumulator { return existing }
    let created = AccumulateGrad(variable: tensor)
    tensor.meta?.gradAccumulator = created
    return created
}

struct WeakTensor {
    weak var tensor: Tensor?
    init(_ tensor: Tensor) { self.tensor = tensor }
}

/// Frees graphs iteratively, as PyTorch's `deleteNode` does: objects a dying node held
/// are queued and dropped one at a time by the outermost call, never nested.
enum NodeReaper {
    static func retire(_ objects: [AnyObject]) {
        if objects.isEmpty { return }
        let state = AutogradThreadState.current
        state.pending.append(contentsOf: objects)
        if state.draining { return }
        state.draining = true
        while !state.pending.isEmpty { state.pending.removeLast() }
        state.draining = false
    }
}

private final class BackwardBox {
    let body: Node.Backward
    init(_ body: @escaping Node.Backward) { self.body = body }
}
