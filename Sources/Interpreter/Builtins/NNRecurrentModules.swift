import Glibc
import Autograd
import TensorEngine

/// What `nn.RNN`, `nn.LSTM` and `nn.GRU` are built from (`RNNBase.__init__`).
struct RecurrentConfiguration {
    var cell: RecurrentCell
    var inputSize: Int
    var hiddenSize: Int
    var layers = 1
    var bias = true
    var batchFirst = false
    var dropout = 0.0
    var bidirectional = false
    var projectionSize = 0

    var directions: Int { bidirectional ? 2 : 1 }
    /// The size of h: the projection's when an LSTM projects.
    var outputSize: Int { projectionSize > 0 ? projectionSize : hiddenSize }

    /// PyTorch computes the gate rows and a deeper layer's input width as int64 and
    /// hands them to `torch.empty`, whose parser refuses a size past int64.
    func checkSizesFitInt64() throws {
        let (_, gateOverflow) = cell.gateCount.multipliedReportingOverflow(by: hiddenSize)
        let (_, inputOverflow) = outputSize.multipliedReportingOverflow(by: directions)
        if gateOverflow || (inputOverflow && layers > 1) { throw PythonError.emptySizeOverflow }
    }

    /// Refuses, before the layout list is built, parameters the memory limit could not
    /// hold: `num_layers=2**63-1` would otherwise grow that list until the machine ran out.
    func checkParametersFitMemory(itemSize: Int) throws {
        // Saturating arithmetic: a total past int64 is refused like any other too-large one.
        func times(_ a: Int, _ b: Int) -> Int { let (value, overflow) = a.multipliedReportingOverflow(by: b); return overflow ? .max : value }
        func plus(_ a: Int, _ b: Int) -> Int { let (value, overflow) = a.addingReportingOverflow(b); return overflow ? .max : value }
        let gateSize = times(cell.gateCount, hiddenSize)
        let shared = plus(times(gateSize, plus(outputSize, bias ? 2 : 0)), times(projectionSize, hiddenSize))
        let first = plus(times(gateSize, inputSize), shared)
        let deeper = plus(times(gateSize, times(outputSize, directions)), shared)
        let total = times(directions, plus(first, times(layers - 1, deeper)))
        try ensureAllocatable(elements: total, itemSize: itemSize)
    }

    /// `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, `weight_hr_l0`, then
    /// `_reverse`, then the next layer, with their shapes, in PyTorch's registration order.
    var parameterLayout: [(name: String, shape: [Int])] {
        let gateSize = cell.gateCount * hiddenSize
        var layout: [(name: String, shape: [Int])] = []
        for layer in 0..<layers {
            for direction in 0..<directions {
                let suffix = "l\(layer)" + (direction == 1 ? "_reverse" : "")
                let layerInput = layer == 0 ? inputSize : outputSize * directions
                layout += [("weight_ih_\(suffix)", [gateSize, layerInput]), ("weight_hh_\(suffix)", [gateSize, outputSize])]
                if bias { layout += [("bias_ih_\(suffix)", [gateSize]), ("bias_hh_\(suffix)", [gateSize])] }
                if projectionSize > 0 { layout.append(("weight_hr_\(suffix)", [projectionSize, hiddenSize])) }
            }
        }
        return layout
    }
}

/// `nn.RNN`, `nn.LSTM`, `nn.GRU`: parameters drawn by `reset_parameters` (each uniform in
/// ±1/√hidden_size, in registration order); forward returns `(output, h_n)` or
/// `(output, (h_n, c_n))`.
final class RecurrentModule: NNModule {
    let configuration: RecurrentConfiguration

    /// A module without parameters, for `copy.deepcopy` to fill.
    private init(copying other: RecurrentModule) {
        configuration = other.configuration
        super.init(name: other.name)
    }

    init(name: String, configuration: RecurrentConfiguration, dtype: DType) throws {
        self.configuration = configuration
        super.init(name: name)
        try configuration.checkSizesFitInt64()
        try configuration.checkParametersFitMemory(itemSize: dtype.itemSize)
        let bound = 1 / Glibc.sqrt(Double(configuration.hiddenSize))
        parameters = try configuration.parameterLayout.map { ($0.name, try Tensor.zeros(shape: $0.shape, dtype: dtype)) }
        for (_, tensor) in parameters { try Generator.default.uniform_(initialized(tensor), from: -bound, to: bound) }
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { RecurrentModule(copying: self) }

    override func extraRepr() -> String {
        let c = configuration
        var text = "\(c.inputSize), \(c.hiddenSize)"
        if c.projectionSize != 0 { text += ", proj_size=\(c.projectionSize)" }
        if c.layers != 1 { text += ", num_layers=\(c.layers)" }
        if !c.bias { text += ", bias=False" }
        if c.batchFirst { text += ", batch_first=True" }
        if c.dropout != 0 { text += ", dropout=\(pythonFloatRepr(c.dropout))" }
        if c.bidirectional { text += ", bidirectional=True" }
        return text
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        let c = configuration
        switch attribute {
        case "input_size": return .int(Int64(c.inputSize))
        case "hidden_size": return .int(Int64(c.hiddenSize))
        case "num_layers": return .int(Int64(c.layers))
        case "bias": return .bool(c.bias)
        case "batch_first": return .bool(c.batchFirst)
        case "dropout": return .float(c.dropout)
        case "bidirectional": return .bool(c.bidirectional)
        case "proj_size": return .int(Int64(c.projectionSize))
        case "mode": return .string(modeName)
        case "nonlinearity" where name == "RNN": return .string(c.cell == .relu ? "relu" : "tanh")
        case "_flat_weights_names": return .list(ListStorage(c.parameterLayout.map { .string($0.name) }))
        case "_flat_weights", "all_weights":
            let weights = try c.parameterLayout.map { try registeredTensor($0.name) }.map { Value.tensor($0) }
            guard attribute == "all_weights" else { return .list(ListStorage(weights)) }
            let perDirection = weights.count / (c.layers * c.directions)
            return .list(ListStorage(stride(from: 0, to: weights.count, by: perDirection).map {
                .list(ListStorage(Array(weights[$0..<$0 + perDirection])))
            }))
        case "flatten_parameters":
            return .builtin(Builtin(attribute, owner: name) { _, _ in .none })
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }

    private var modeName: String {
        switch configuration.cell {
        case .lstm: "LSTM"
        case .gru: "GRU"
        case .tanh: "RNN_TANH"
        case .relu: "RNN_RELU"
        }
    }

    /// A parameter by name, as reassigned by the user (`rnn.weight_hh_l0 = ...`).
    private func registeredTensor(_ parameterName: String) throws -> Tensor {
        guard case let .tensor(tensor)? = registry.lookup(parameterName) ?? registry.plainAttributes[parameterName] else {
            throw PythonError.attributeError("'\(name)' object has no attribute '\(parameterName)'")
        }
        return tensor
    }

    private func layerWeights() throws -> [[RecurrentWeights]] {
        let c = configuration
        return try (0..<c.layers).map { layer in
            try (0..<c.directions).map { direction in
                let suffix = "l\(layer)" + (direction == 1 ? "_reverse" : "")
                return RecurrentWeights(
                    inputWeight: try registeredTensor("weight_ih_\(suffix)"), hiddenWeight: try registeredTensor("weight_hh_\(suffix)"),
                    inputBias: c.bias ? try registeredTensor("bias_ih_\(suffix)") : nil,
                    hiddenBias: c.bias ? try registeredTensor("bias_hh_\(suffix)") : nil,
                    projection: c.projectionSize > 0 ? try registeredTensor("weight_hr_\(suffix)") : nil)
            }
        }
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("forward", ["input", "hx"])
        if case let .native(packed as PackedSequence)? = bound.optional("input") { return try forwardPacked(packed, hx: bound.optional("hx")) }
        var input = try bound.tensor("input")
        let c = configuration
        guard input.rank == 2 || input.rank == 3 else {
            throw PythonError.valueError("\(name): Expected input to be 2D or 3D, got \(input.rank)D\(name == "RNN" ? " tensor" : "") instead")
        }
        let weights = try layerWeights()
        if input.dtype != weights[0][0].inputWeight.dtype {
            let weightType = weights[0][0].inputWeight.dtype.torchName, inputType = input.dtype.torchName
            throw PythonError.valueError("RNN input dtype (\(inputType)) does not match weight dtype (\(weightType)). "
                + "Convert input: input.to(\(weightType)), or convert model: model.to(\(inputType))")
        }
        if c.projectionSize > 0 && input.dtype == .float32 {
            interpreter.warn("LSTM with projections is not supported with oneDNN. Using default implementation. "
                + "(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/RNN.cpp:1603.)")
        }
        let batched = input.rank == 3
        if !batched { input = try Autodiff.unsqueeze(input, c.batchFirst ? 0 : 1) }
        if c.batchFirst { input = try Autodiff.transpose(input, 0, 1) }
        guard input.shape[2] == c.inputSize else {
            throw PythonError.runtimeError("input.size(-1) must be equal to input_size. Expected \(c.inputSize), got \(input.shape[2])")
        }
        let states = try initialStates(bound.optional("hx"), batchSize: input.shape[1], batched: batched, dtype: input.dtype)
        let dropout = training && c.dropout > 0 ? (p: c.dropout, generator: Generator.default) : nil
        let result = try Autodiff.recurrentStack(c.cell, input: input, states: states, weights: weights, dropout: dropout)
        var output = result.output
        if c.batchFirst { output = try Autodiff.transpose(output, 0, 1) }
        if !batched { output = try Autodiff.squeeze(output, [c.batchFirst ? 0 : 1]) }
        return .tuple([.tensor(output), try finalStateValue(result.states, batched: batched, order: nil)])
    }

    /// `h_n`, or `(h_n, c_n)` for an LSTM, stacked from the per-layer states; `order`
    /// puts a packed batch back in the caller's order.
    private func finalStateValue(_ states: [RecurrentState], batched: Bool, order: Tensor?) throws -> Value {
        func stacked(_ parts: [Tensor]) throws -> Value {
            var tensor = try Autodiff.stack(parts, dim: 0)
            if let order { tensor = try Autodiff.indexSelect(tensor, dim: 1, index: order) }
            return .tensor(batched ? tensor : try Autodiff.squeeze(tensor, [1]))
        }
        let hidden = try stacked(states.map(\.hidden))
        guard configuration.cell == .lstm else { return hidden }
        return .tuple([hidden, try stacked(states.compactMap(\.cell))])
    }

    /// A `PackedSequence` input: the sequences run to their own lengths, the initial state
    /// is taken in the packed (sorted) order, and the final state is given back unsorted.
    private func forwardPacked(_ packed: PackedSequence, hx: Value?) throws -> Value {
        let weights = try layerWeights()
        let batch = packed.batchSizes.first ?? 0
        guard packed.data.rank == 2, packed.data.shape[1] == configuration.inputSize else {
            throw PythonError.runtimeError("input.size(-1) must be equal to input_size. Expected \(configuration.inputSize), got \(packed.data.shape.last ?? 0)")
        }
        var states = try initialStates(hx, batchSize: batch, batched: true, dtype: packed.data.dtype)
        if let sorted = packed.sortedIndices {
            states = try states.map { state in
                RecurrentState(hidden: try Autodiff.indexSelect(state.hidden, dim: 0, index: sorted),
                               cell: try state.cell.map { try Autodiff.indexSelect($0, dim: 0, index: sorted) })
            }
        }
        let dropout = training && configuration.dropout > 0 ? (p: configuration.dropout, generator: Generator.default) : nil
        let result = try Autodiff.recurrentPackedStack(configuration.cell, data: packed.data, batchSizes: packed.batchSizes, states: states,
                                                       weights: weights, dropout: dropout)
        return .tuple([.native(packed.replacingData(result.output)),
                       try finalStateValue(result.states, batched: true, order: packed.unsortedIndices)])
    }

    /// `hx` checked against the expected `(layers * directions, N, H)` and split per layer
    /// and direction; zeros when it is None.
    private func initialStates(_ given: Value?, batchSize: Int, batched: Bool, dtype: DType) throws -> [RecurrentState] {
        let c = configuration
        let count = c.layers * c.directions
        let hiddenShape = [count, batchSize, c.outputSize], cellShape = [count, batchSize, c.hiddenSize]
        var hidden: Tensor, cellState: Tensor?
        switch given {
        case nil, .none?:
            hidden = try Tensor.zeros(shape: hiddenShape, dtype: dtype)
            cellState = c.cell == .lstm ? try Tensor.zeros(shape: cellShape, dtype: dtype) : nil
        case let .tuple(pair)? where c.cell == .lstm && pair.count == 2:
            guard case let .tensor(h) = pair[0], case let .tensor(cx) = pair[1] else { throw PythonError.typeError("LSTM: hx must be a tuple of two tensors") }
            let expectedRank = batched ? 3 : 2
            if h.rank != expectedRank || cx.rank != expectedRank {
                throw PythonError.runtimeError(batched
                    ? "For batched 3-D input, hx and cx should also be 3-D but got (\(h.rank)-D, \(cx.rank)-D) tensors"
                    : "For unbatched 2-D input, hx and cx should also be 2-D but got (\(h.rank)-D, \(cx.rank)-D) tensors")
            }
            (hidden, cellState) = batched ? (h, cx) : (try Autodiff.unsqueeze(h, 1), try Autodiff.unsqueeze(cx, 1))
            try checkShape(hidden, hiddenShape, "Expected hidden[0] size")
            try checkShape(cellState!, cellShape, "Expected hidden[1] size")
        case let .tensor(h)? where c.cell != .lstm:
            let expectedRank = batched ? 3 : 2
            if h.rank != expectedRank {
                throw PythonError.runtimeError(batched ? "For batched 3-D input, hx should also be 3-D but got \(h.rank)-D tensor"
                                                       : "For unbatched 2-D input, hx should also be 2-D but got \(h.rank)-D tensor")
            }
            hidden = batched ? h : try Autodiff.unsqueeze(h, 1)
            try checkShape(hidden, hiddenShape, "Expected hidden size")
        default:
            throw PythonError.typeError(c.cell == .lstm ? "LSTM: hx must be a tuple (h_0, c_0) of tensors"
                                                        : "\(name): hx must be a tensor")
        }
        return try (0..<count).map { index in
            RecurrentState(hidden: try Autodiff.select(hidden, 0, index), cell: try cellState.map { try Autodiff.select($0, 0, index) })
        }
    }

    private func checkShape(_ tensor: Tensor, _ expected: [Int], _ message: String) throws {
        guard tensor.shape != expected else { return }
        let expectedText = "(" + expected.map(String.init).joined(separator: ", ") + ")"
        throw PythonError.runtimeError("\(message) \(expectedText), got [\(tensor.shape.map(String.init).joined(separator: ", "))]")
    }
}

extension PythonError {
    /// `torch.empty`'s refusal of a size past int64, which a layer computing its weight's
    /// rows (`4 * hidden_size`, `3 * embed_dim`) hands it.
    static var emptySizeOverflow: PythonError {
        .typeError("empty(): argument 'size' failed to unpack the object at pos 1 with error \"Overflow when unpacking long long")
    }
}
