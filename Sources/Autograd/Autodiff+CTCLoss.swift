import TensorEngine

/// `torch.ctc_loss` as ATen composes it: `_ctc_loss`'s per-entry losses (recorded as
/// `CtcLossBackward0`), zeroed where infinite with `zero_infinity`, then reduced: 'mean'
/// divides each by its target length (at least 1) and averages, 'sum' adds them.
extension Autodiff {
    public static func ctcLoss(_ logProbs: Tensor, targets: Tensor, inputLengths: [Int], targetLengths: [Int], blank: Int,
                               reduction: LossReduction, zeroInfinity: Bool) throws -> Tensor {
        let batched = logProbs.rank == 3
        let input = batched ? logProbs : try unsqueeze(logProbs, 1)
        let problem = try CTCProblem(logProbs: input, targets: batched ? targets : try unsqueeze(targets, 0), inputLengths: inputLengths,
                                     targetLengths: targetLengths, blank: blank)
        let losses = try problem.losses(input)
        var result = Recorder.record("CtcLossBackward0", inputs: [input], output: losses) { node in
            let savedInput = node.save(input)
            return { gradient, _ in
                let perEntry = try gradient.to(.float64).contiguous().elements(as: Double.self)
                return [try problem.gradient(try savedInput.unpack(), gradLosses: perEntry, zeroInfinity: zeroInfinity)]
            }
        }
        if zeroInfinity {
            let infinite = try binary(.equal, .tensor(result), .scalar(.float(.infinity)))
            result = try whereSelect(infinite, .scalar(.float(0)), .tensor(result))
        }
        switch reduction {
        case .mean, .batchMean:
            let lengths = try Tensor(values: targetLengths.map { Double(max($0, 1)) }, shape: [targetLengths.count]).to(result.dtype)
            return try mean(try binary(.divide, .tensor(result), .tensor(lengths)), dims: nil, keepDim: false)
        case .sum:
            return try sum(result, dims: nil, keepDim: false)
        case .none:
            return batched ? result : try squeeze(result, [0])
        }
    }
}
