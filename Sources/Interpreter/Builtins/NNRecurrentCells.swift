import Glibc
import Autograd
import TensorEngine

/// `nn.RNNCell`, `nn.LSTMCell`, `nn.GRUCell`: one step of the matching layer, with the
/// parameters `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh` drawn as the layers draw theirs.
final class RecurrentCellModule: NNModule {
    let cell: RecurrentCell
    let inputSize: Int
    let hiddenSize: Int
    let bias: Bool

    init(name: String, cell: RecurrentCell, inputSize: Int, hiddenSize: Int, bias: Bool, dtype: DType?, drawWeights: Bool = true) throws {
        (self.cell, self.inputSize, self.hiddenSize, self.bias) = (cell, inputSize, hiddenSize, bias)
        super.init(name: name)
        guard let dtype, drawWeights else { return }
        try RecurrentConfiguration(cell: cell, inputSize: inputSize, hiddenSize: hiddenSize).checkSizesFitInt64()
        let gateSize = cell.gateCount * hiddenSize
        var layout: [(String, [Int])] = [("weight_ih", [gateSize, inputSize]), ("weight_hh", [gateSize, hiddenSize])]
        if bias { layout += [("bias_ih", [gateSize]), ("bias_hh", [gateSize])] }
        parameters = try layout.map { ($0.0, try Tensor.zeros(shape: $0.1, dtype: dtype)) }
        let bound = hiddenSize > 0 ? 1 / Glibc.sqrt(Double(hiddenSize)) : 0
        for (_, tensor) in parameters { try Generator.default.uniform_(initialized(tensor), from: -bound, to: bound) }
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? {
        try RecurrentCellModule(name: name, cell: cell, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, dtype: nil, drawWeights: false)
    }

    override func extraRepr() -> String {
        "\(inputSize), \(hiddenSize)" + (bias ? "" : ", bias=False") + (cell == .relu ? ", nonlinearity=relu" : "")
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "input_size": return .int(Int64(inputSize))
        case "hidden_size": return .int(Int64(hiddenSize))
        case "bias": return .bool(bias)
        case "nonlinearity" where name == "RNNCell": return .string(cell == .relu ? "relu" : "tanh")
        case "bias_ih", "bias_hh" where !bias: return Value.none
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }

    private func weight(_ parameterName: String) throws -> Tensor? {
        switch registry.lookup(parameterName) ?? registry.plainAttributes[parameterName] {
        case let .tensor(tensor)?: return tensor
        default: return nil
        }
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("forward", ["input", "hx"])
        var input = try bound.tensor("input")
        guard input.rank == 1 || input.rank == 2 else {
            throw PythonError.valueError("\(name): Expected input to be 1D or 2D, got \(input.rank)D instead")
        }
        let batched = input.rank == 2
        if !batched { input = try Autodiff.unsqueeze(input, 0) }
        guard let inputWeight = try weight("weight_ih"), let hiddenWeight = try weight("weight_hh") else {
            throw PythonError.attributeError("'\(name)' object has no attribute 'weight_ih'")
        }
        let weights = RecurrentWeights(inputWeight: inputWeight, hiddenWeight: hiddenWeight, inputBias: try weight("bias_ih"),
                                       hiddenBias: try weight("bias_hh"), projection: nil)
        let state = try initialState(bound.optional("hx"), batchSize: input.shape[0], batched: batched, dtype: input.dtype)
        let inputGates = try Autodiff.linear(input, weight: inputWeight, bias: weights.inputBias)
        let next = try Autodiff.recurrentStep(cell, inputGates: inputGates, state: state, weights: weights)
        func result(_ tensor: Tensor) throws -> Value { .tensor(batched ? tensor : try Autodiff.squeeze(tensor, [0])) }
        guard cell == .lstm, let nextCell = next.cell else { return try result(next.hidden) }
        return .tuple([try result(next.hidden), try result(nextCell)])
    }

    private func initialState(_ given: Value?, batchSize: Int, batched: Bool, dtype: DType) throws -> RecurrentState {
        func prepared(_ tensor: Tensor, _ label: String) throws -> Tensor {
            guard tensor.rank == 1 || tensor.rank == 2 else {
                throw PythonError.valueError("\(name): Expected \(label) to be 1D or 2D, got \(tensor.rank)D instead")
            }
            return batched ? tensor : try Autodiff.unsqueeze(tensor, 0)
        }
        switch given {
        case nil, .none?:
            let zeros = try Tensor.zeros(shape: [batchSize, hiddenSize], dtype: dtype)
            return RecurrentState(hidden: zeros, cell: cell == .lstm ? try Tensor.zeros(shape: [batchSize, hiddenSize], dtype: dtype) : nil)
        case let .tuple(pair)? where cell == .lstm && pair.count == 2:
            guard case let .tensor(h) = pair[0], case let .tensor(c) = pair[1] else { throw PythonError.typeError("LSTMCell: hx must be a tuple of two tensors") }
            return RecurrentState(hidden: try prepared(h, "hx[0]"), cell: try prepared(c, "hx[1]"))
        case let .tensor(h)? where cell != .lstm:
            return RecurrentState(hidden: try prepared(h, "hidden"), cell: nil)
        default:
            throw PythonError.typeError(cell == .lstm ? "LSTMCell: hx must be a tuple (h_0, c_0) of tensors" : "\(name): hx must be a tensor")
        }
    }
}

extension Interpreter {
    /// `nn.RNN`, `nn.LSTM`, `nn.GRU` and their cells, for `makeNNMembers`.
    func recurrentModuleMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for name in ["RNN", "LSTM", "GRU"] {
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                var parameterNames = ["input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "proj_size",
                                      "device", "dtype"]
                if name == "RNN" { parameterNames.insert("nonlinearity", at: 3) }
                if name != "LSTM", arguments.keywords.contains(where: { $0.name == "proj_size" }) {
                    throw PythonError.valueError("proj_size argument is only supported for LSTM, not RNN or GRU")
                }
                let bound = try arguments.bind(name, parameterNames)
                let configuration = try recurrentConfiguration(name, bound)
                if configuration.dropout > 0, configuration.layers == 1, let given = bound.optional("dropout") {
                    interpreter.warn("dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects "
                        + "num_layers greater than 1, but got dropout=\(try interpreter.repr(given)) and num_layers=1")
                }
                return .native(try RecurrentModule(name: name, configuration: configuration,
                                                   dtype: try bound.dtype("dtype") ?? defaultFloatDType))
            })
        }
        for (name, cell) in [("LSTMCell", RecurrentCell.lstm), ("GRUCell", .gru), ("RNNCell", .tanh)] {
            members[name] = .builtin(Builtin(name) { _, arguments in
                let bound = try arguments.bind(name, name == "RNNCell" ? ["input_size", "hidden_size", "bias", "nonlinearity", "device", "dtype"]
                                                                        : ["input_size", "hidden_size", "bias", "device", "dtype"])
                var chosen = cell
                if name == "RNNCell" {
                    switch try bound.string("nonlinearity", default: "tanh") {
                    case "tanh": chosen = .tanh
                    case "relu": chosen = .relu
                    case let other: throw PythonError.runtimeError("Unknown nonlinearity: \(other)")
                    }
                }
                return .native(try RecurrentCellModule(name: name, cell: chosen, inputSize: try bound.int("input_size"),
                                                       hiddenSize: try bound.int("hidden_size"), bias: try bound.bool("bias", default: true),
                                                       dtype: try bound.dtype("dtype") ?? defaultFloatDType))
            })
        }
        return members
    }
}

/// `RNNBase.__init__`'s checks, with its messages and its warning about dropout on one layer.
private func recurrentConfiguration(_ name: String, _ bound: BoundArguments) throws -> RecurrentConfiguration {
    var cell = RecurrentCell.lstm
    switch name {
    case "GRU": cell = .gru
    case "RNN":
        switch try bound.string("nonlinearity", default: "tanh") {
        case "tanh": cell = .tanh
        case "relu": cell = .relu
        case let other: throw PythonError.valueError("Unknown nonlinearity '\(other)'. Select from 'tanh' or 'relu'.")
        }
    default: break
    }
    var configuration = RecurrentConfiguration(cell: cell, inputSize: try bound.int("input_size"), hiddenSize: try bound.int("hidden_size"))
    configuration.layers = try bound.int("num_layers", default: 1)
    configuration.bias = try bound.bool("bias", default: true)
    configuration.batchFirst = try bound.bool("batch_first", default: false)
    configuration.dropout = try bound.double("dropout", default: 0)
    configuration.bidirectional = try bound.bool("bidirectional", default: false)
    configuration.projectionSize = try bound.int("proj_size", default: 0)
    guard (0...1).contains(configuration.dropout) else {
        throw PythonError.valueError("dropout should be a number in range [0, 1] representing the probability of an element being zeroed")
    }
    guard configuration.inputSize > 0 else { throw PythonError.valueError("input_size must be greater than zero") }
    guard configuration.hiddenSize > 0 else { throw PythonError.valueError("hidden_size must be greater than zero") }
    guard configuration.layers > 0 else { throw PythonError.valueError("num_layers must be greater than zero") }
    guard configuration.projectionSize >= 0 else {
        throw PythonError.valueError("proj_size should be a positive integer or zero to disable projections")
    }
    guard configuration.projectionSize < configuration.hiddenSize else { throw PythonError.valueError("proj_size has to be smaller than hidden_size") }
    return configuration
}
