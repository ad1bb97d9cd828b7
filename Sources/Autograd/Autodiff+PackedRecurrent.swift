import TensorEngine

/// Recurrent layers over a packed batch (`PackedSequence`): `data` holds the time steps
/// one after another, step t holding the first `batchSizes[t]` sequences (longest
/// first). As ATen's `PackedLayer`, a sequence that has ended keeps its last state, and
/// the reversed direction starts each sequence at its own last step.
extension Autodiff {
    public static func recurrentPackedLayer(_ cell: RecurrentCell, data: Tensor, batchSizes: [Int], state: RecurrentState,
                                            weights: RecurrentWeights, reverse: Bool) throws -> (output: Tensor, state: RecurrentState) {
        let projected = try linear(data, weight: weights.inputWeight, bias: weights.inputBias)
        var offsets: [Int] = []
        var total = 0
        for size in batchSizes {
            offsets.append(total)
            total += size
        }
        func rows(_ tensor: Tensor?, _ start: Int, _ end: Int) throws -> Tensor? {
            try tensor.map { try narrow($0, 0, start: start, length: end - start) }
        }
        func joined(_ parts: [Tensor?]) throws -> Tensor? {
            let present = parts.compactMap { $0 }
            guard present.count == parts.count, !present.isEmpty else { return nil }
            return present.count == 1 ? present[0] : try concatenate(present, dim: 0)
        }
        var outputs: [Tensor] = []
        if !reverse {
            var current = state
            var finished: [RecurrentState] = []
            var active = batchSizes.first ?? 0
            for (step, size) in batchSizes.enumerated() {
                if size < active {
                    finished.append(RecurrentState(hidden: try rows(current.hidden, size, active)!, cell: try rows(current.cell, size, active)))
                    current = RecurrentState(hidden: try rows(current.hidden, 0, size)!, cell: try rows(current.cell, 0, size))
                    active = size
                }
                let gates = try narrow(projected, 0, start: offsets[step], length: size)
                current = try recurrentStep(cell, inputGates: gates, state: current, weights: weights)
                outputs.append(current.hidden)
            }
            let ordered = [current] + finished.reversed()
            let hidden = try joined(ordered.map(\.hidden))!
            return (try concatenate(outputs, dim: 0), RecurrentState(hidden: hidden, cell: try joined(ordered.map(\.cell))))
        }
        var active = batchSizes.last ?? 0
        var current = RecurrentState(hidden: try rows(state.hidden, 0, active)!, cell: try rows(state.cell, 0, active))
        for step in batchSizes.indices.reversed() {
            let size = batchSizes[step]
            if size > active {
                current = RecurrentState(hidden: try joined([current.hidden, try rows(state.hidden, active, size)])!,
                                         cell: try joined([current.cell, try rows(state.cell, active, size)]))
                active = size
            }
            let gates = try narrow(projected, 0, start: offsets[step], length: size)
            current = try recurrentStep(cell, inputGates: gates, state: current, weights: weights)
            outputs.append(current.hidden)
        }
        return (try concatenate(outputs.reversed(), dim: 0), current)
    }

    /// `_VF.lstm`/`gru`/`rnn_*` on packed data: as `recurrentStack`, layer by layer.
    public static func recurrentPackedStack(_ cell: RecurrentCell, data: Tensor, batchSizes: [Int], states: [RecurrentState],
                                            weights: [[RecurrentWeights]], dropout: (p: Double, generator: Generator)?)
        throws -> (output: Tensor, states: [RecurrentState]) {
        try stackLayers(input: data, states: states, weights: weights, dropout: dropout) { layerInput, state, layerWeights, reverse in
            try recurrentPackedLayer(cell, data: layerInput, batchSizes: batchSizes, state: state, weights: layerWeights, reverse: reverse)
        }
    }
}
