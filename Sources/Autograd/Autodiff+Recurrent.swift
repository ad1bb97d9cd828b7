import TensorEngine

/// The cell a recurrent layer repeats, with PyTorch's gate order: LSTM (input, forget,
/// cell, output), GRU (reset, update, new), and the Elman cell with tanh or ReLU.
public enum RecurrentCell: Sendable {
    case tanh, relu, lstm, gru

    /// How many gate blocks `weight_ih`/`weight_hh` stack on their first dimension.
    public var gateCount: Int {
        switch self {
        case .lstm: 4
        case .gru: 3
        case .tanh, .relu: 1
        }
    }
}

/// One direction of one layer: `weight_ih`, `weight_hh`, the two biases and the LSTM
/// projection `weight_hr`.
public struct RecurrentWeights {
    public let inputWeight: Tensor
    public let hiddenWeight: Tensor
    public let inputBias: Tensor?
    public let hiddenBias: Tensor?
    public let projection: Tensor?

    public init(inputWeight: Tensor, hiddenWeight: Tensor, inputBias: Tensor?, hiddenBias: Tensor?, projection: Tensor?) {
        (self.inputWeight, self.hiddenWeight, self.inputBias, self.hiddenBias, self.projection)
            = (inputWeight, hiddenWeight, inputBias, hiddenBias, projection)
    }
}

/// The state a cell carries from step to step: h, and c for an LSTM.
public struct RecurrentState {
    public var hidden: Tensor
    public var cell: Tensor?

    public init(hidden: Tensor, cell: Tensor?) {
        self.hidden = hidden
        self.cell = cell
    }
}

/// Recurrent layers as ATen's `FullLayer` runs them on the CPU, composed of recorded ops
/// so that backward follows: the input projection of the whole sequence first, then one
/// cell step per time step.
extension Autodiff {
    /// One cell step, given the input's share of the gates (`x W_ih^T + b_ih`).
    public static func recurrentStep(_ cell: RecurrentCell, inputGates: Tensor, state: RecurrentState,
                                     weights: RecurrentWeights) throws -> RecurrentState {
        let hiddenGates = try linear(state.hidden, weight: weights.hiddenWeight, bias: weights.hiddenBias)
        switch cell {
        case .tanh, .relu:
            let sum = try binary(.add, .tensor(hiddenGates), .tensor(inputGates))
            return RecurrentState(hidden: try unary(cell == .tanh ? .tanh : .relu, sum), cell: nil)
        case .lstm:
            guard let previousCell = state.cell else { throw TensorError.runtime("lstm: the cell state is missing") }
            let gates = try chunk(try binary(.add, .tensor(hiddenGates), .tensor(inputGates)), 4, dim: 1)
            let inputGate = try unary(.sigmoid, gates[0]), forgetGate = try unary(.sigmoid, gates[1])
            let cellGate = try unary(.tanh, gates[2]), outputGate = try unary(.sigmoid, gates[3])
            let newCell = try binary(.add, .tensor(try binary(.multiply, .tensor(forgetGate), .tensor(previousCell))),
                                     .tensor(try binary(.multiply, .tensor(inputGate), .tensor(cellGate))))
            var newHidden = try binary(.multiply, .tensor(outputGate), .tensor(try unary(.tanh, newCell)))
            if let projection = weights.projection { newHidden = try linear(newHidden, weight: projection, bias: nil) }
            return RecurrentState(hidden: newHidden, cell: newCell)
        case .gru:
            let inputParts = try chunk(inputGates, 3, dim: 1), hiddenParts = try chunk(hiddenGates, 3, dim: 1)
            let resetGate = try unary(.sigmoid, try binary(.add, .tensor(hiddenParts[0]), .tensor(inputParts[0])))
            let updateGate = try unary(.sigmoid, try binary(.add, .tensor(hiddenParts[1]), .tensor(inputParts[1])))
            let gatedHidden = try binary(.multiply, .tensor(hiddenParts[2]), .tensor(resetGate))
            let newGate = try unary(.tanh, try binary(.add, .tensor(inputParts[2]), .tensor(gatedHidden)))
            let difference = try binary(.subtract, .tensor(state.hidden), .tensor(newGate))
            let blended = try binary(.add, .tensor(try binary(.multiply, .tensor(difference), .tensor(updateGate))), .tensor(newGate))
            return RecurrentState(hidden: blended, cell: nil)
        }
    }

    /// One direction of one layer over a `[L, N, H_in]` sequence: the outputs stacked to
    /// `[L, N, H_out]` in time order, and the final state. A reversed layer reads the
    /// sequence from its end and stores each output at its own time step.
    public static func recurrentLayer(_ cell: RecurrentCell, input: Tensor, state: RecurrentState,
                                      weights: RecurrentWeights, reverse: Bool) throws -> (output: Tensor, state: RecurrentState) {
        let projected = try linear(input, weight: weights.inputWeight, bias: weights.inputBias)
        let steps = try unbind(projected, 0)
        guard !steps.isEmpty else { throw TensorError.runtime("Expected sequence length to be larger than 0 in RNN") }
        var current = state
        var outputs: [Tensor] = []
        for step in (reverse ? Array(steps.reversed()) : steps) {
            current = try recurrentStep(cell, inputGates: step, state: current, weights: weights)
            outputs.append(current.hidden)
        }
        return (try stack(reverse ? outputs.reversed() : outputs, dim: 0), current)
    }

    /// A stack of layers (`_VF.lstm`/`gru`/`rnn_tanh`): `weights[layer][direction]` and
    /// `states[layer * directions + direction]`; between layers, dropout in training.
    public static func recurrentStack(_ cell: RecurrentCell, input: Tensor, states: [RecurrentState],
                                      weights: [[RecurrentWeights]], dropout: (p: Double, generator: Generator)?)
        throws -> (output: Tensor, states: [RecurrentState]) {
        try stackLayers(input: input, states: states, weights: weights, dropout: dropout) { layerInput, state, layerWeights, reverse in
            try recurrentLayer(cell, input: layerInput, state: state, weights: layerWeights, reverse: reverse)
        }
    }

    /// Runs each layer's directions on the previous layer's output (the directions joined
    /// on the last dim), with dropout on what passes between layers.
    static func stackLayers(input: Tensor, states: [RecurrentState], weights: [[RecurrentWeights]], dropout: (p: Double, generator: Generator)?,
                            runLayer: (Tensor, RecurrentState, RecurrentWeights, Bool) throws -> (output: Tensor, state: RecurrentState))
        throws -> (output: Tensor, states: [RecurrentState]) {
        var layerInput = input
        var finalStates: [RecurrentState] = []
        for (layer, directions) in weights.enumerated() {
            var directionOutputs: [Tensor] = []
            for (direction, directionWeights) in directions.enumerated() {
                let result = try runLayer(layerInput, states[layer * directions.count + direction], directionWeights, direction == 1)
                directionOutputs.append(result.output)
                finalStates.append(result.state)
            }
            layerInput = directionOutputs.count == 1 ? directionOutputs[0] : try concatenate(directionOutputs, dim: -1)
            if let dropout, dropout.p != 0, layer < weights.count - 1 {
                layerInput = try self.dropout(layerInput, p: dropout.p, generator: dropout.generator)
            }
        }
        return (layerInput, finalStates)
    }
}
