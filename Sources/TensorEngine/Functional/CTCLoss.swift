import Foundation

/// Connectionist temporal classification (`_ctc_loss`): for each batch entry, the negative
/// log-likelihood of its target under the per-step label distributions log_probs
/// (T, N, C), summed over every alignment by the forward (α) recursion on the target
/// with blanks between and around its labels; the gradient adds the backward (β)
/// recursion. Computed in double, as LossCTC.cpp's log-space sums, then rounded.
public struct CTCProblem: Sendable {
    public let inputLengths: [Int]
    public let targetLengths: [Int]
    public let blank: Int
    /// Each batch entry's labels.
    let targets: [[Int]]

    /// `targets` is (N, S) padded or 1-d concatenated; lengths as given. Checks follow
    /// ctc_loss_allocate_outputs.
    public init(logProbs: Tensor, targets: Tensor, inputLengths: [Int], targetLengths: [Int], blank: Int) throws {
        let (steps, batch, labels) = (logProbs.shape[0], logProbs.shape[1], logProbs.shape[2])
        guard blank >= 0, blank < labels else { throw TensorError.runtime("blank must be in label range") }
        guard inputLengths.count == batch else { throw TensorError.runtime("input_lengths must be of size batch_size") }
        guard targetLengths.count == batch else { throw TensorError.runtime("target_lengths must be of size batch_size") }
        let flat = try targets.to(.int64).contiguous().elements(as: Int64.self).map { Int($0) }
        var labelsPerEntry: [[Int]] = []
        if targets.rank == 1 {
            var position = 0
            for length in targetLengths {
                guard length >= 0, position + length <= flat.count else {
                    throw TensorError.runtime("Expected tensor to have size at least \(targetLengths.reduce(0, +)) at dimension 1, but got size \(flat.count) for argument #2 'targets' (while checking arguments for ctc_loss_allocate_outputs)")
                }
                labelsPerEntry.append(Array(flat[position..<(position + length)]))
                position += length
            }
        } else {
            let width = targets.rank == 2 ? targets.shape[1] : 0
            for (entry, length) in targetLengths.enumerated() {
                guard length >= 0, length <= width else {
                    throw TensorError.runtime("Expected tensor to have size at least \(targetLengths.max() ?? 0) at dimension 1, but got size \(width) for argument #2 'targets' (while checking arguments for ctc_loss_allocate_outputs)")
                }
                labelsPerEntry.append(Array(flat[(entry * width)..<(entry * width + length)]))
            }
        }
        for length in inputLengths where length > steps || length < 0 {
            throw TensorError.runtime("Expected input_lengths to have value at most \(steps), but got value \(length) (while checking arguments for ctc_loss_allocate_outputs)")
        }
        for labelsOfEntry in labelsPerEntry {
            if let bad = labelsOfEntry.first(where: { $0 < 0 || $0 >= labels }) {
                throw TensorError.index("index \(bad) is out of bounds for dimension 0 with size \(labels)")
            }
        }
        (self.inputLengths, self.targetLengths, self.blank, self.targets) = (inputLengths, targetLengths, blank, labelsPerEntry)
    }

    /// The target with blanks around every label: blank, l1, blank, l2, ..., blank.
    private func extended(_ entry: Int) -> [Int] {
        var result = [blank]
        for label in targets[entry] { result += [label, blank] }
        return result
    }

    /// log(Σ exp(values)), -inf when all are -inf.
    private func logSumExp(_ values: [Double]) -> Double {
        var peak = values.max() ?? -.infinity
        if peak == -.infinity { peak = 0 }
        return log(values.reduce(0) { $0 + exp($1 - peak) }) + peak
    }

    /// α over (time, extended position) for one entry; `lp(t, c)` reads log_probs.
    private func alphas(_ entry: Int, _ lp: (Int, Int) -> Double) -> [[Double]] {
        let path = extended(entry), steps = inputLengths[entry]
        var alpha = [[Double]](repeating: [Double](repeating: -.infinity, count: path.count), count: max(steps, 1))
        guard steps > 0 else { return alpha }
        alpha[0][0] = lp(0, blank)
        if path.count > 1 { alpha[0][1] = lp(0, path[1]) }
        for t in 1..<steps {
            for s in path.indices {
                let skip = s > 1 && path[s - 2] != path[s] ? alpha[t - 1][s - 2] : -.infinity
                let values = [alpha[t - 1][s], s > 0 ? alpha[t - 1][s - 1] : -.infinity, skip]
                alpha[t][s] = logSumExp(values) + lp(t, path[s])
            }
        }
        return alpha
    }

    /// β, the same recursion from the end.
    private func betas(_ entry: Int, _ lp: (Int, Int) -> Double) -> [[Double]] {
        let path = extended(entry), steps = inputLengths[entry], last = path.count - 1
        var beta = [[Double]](repeating: [Double](repeating: -.infinity, count: path.count), count: max(steps, 1))
        guard steps > 0 else { return beta }
        beta[steps - 1][last] = lp(steps - 1, blank)
        if last > 0 { beta[steps - 1][last - 1] = lp(steps - 1, path[last - 1]) }
        for t in stride(from: steps - 2, through: 0, by: -1) {
            for s in path.indices {
                let skip = s < last - 1 && path[s + 2] != path[s] ? beta[t + 1][s + 2] : -.infinity
                let values = [beta[t + 1][s], s < last ? beta[t + 1][s + 1] : -.infinity, skip]
                beta[t][s] = logSumExp(values) + lp(t, path[s])
            }
        }
        return beta
    }

    private func negativeLogLikelihood(_ entry: Int, _ alpha: [[Double]]) -> Double {
        let last = 2 * targets[entry].count, steps = inputLengths[entry]
        guard steps > 0 else { return last == 0 ? 0 : .infinity }
        return -logSumExp([alpha[steps - 1][last], last > 0 ? alpha[steps - 1][last - 1] : -.infinity])
    }

    /// Per-entry losses [N] of log_probs (T, N, C).
    public func losses(_ logProbs: Tensor) throws -> Tensor {
        let (values, batch, labels) = (try logProbs.to(.float64).contiguous().elements(as: Double.self), logProbs.shape[1], logProbs.shape[2])
        let result = (0..<batch).map { entry in
            negativeLogLikelihood(entry, alphas(entry) { t, c in values[(t * batch + entry) * labels + c] })
        }
        return try Tensor(values: result, shape: [batch]).to(logProbs.dtype)
    }

    /// The gradient of Σ gradLosses[b] · loss[b] for log_probs; entries whose loss is
    /// infinite get zero with `zeroInfinity`.
    public func gradient(_ logProbs: Tensor, gradLosses: [Double], zeroInfinity: Bool) throws -> Tensor {
        let (steps, batch, labels) = (logProbs.shape[0], logProbs.shape[1], logProbs.shape[2])
        let values = try logProbs.to(.float64).contiguous().elements(as: Double.self)
        var result = [Double](repeating: 0, count: values.count)
        for entry in 0..<batch where inputLengths[entry] > 0 {
            let lp: (Int, Int) -> Double = { t, c in values[(t * batch + entry) * labels + c] }
            let alpha = alphas(entry, lp), beta = betas(entry, lp), path = extended(entry)
            let nll = negativeLogLikelihood(entry, alpha)
            if zeroInfinity, nll == .infinity { continue }
            for t in 0..<min(inputLengths[entry], steps) {
                var collected = [Double](repeating: -.infinity, count: labels)
                for s in path.indices {
                    collected[path[s]] = logSumExp([collected[path[s]], alpha[t][s] + beta[t][s]])
                }
                for c in 0..<labels {
                    let logProb = lp(t, c)
                    result[(t * batch + entry) * labels + c] = (exp(logProb) - exp(collected[c] + nll - logProb)) * gradLosses[entry]
                }
            }
        }
        return try Tensor(values: result, shape: logProbs.shape).to(logProbs.dtype)
    }
}
