import TensorEngine

/// `multilabel_margin_loss`: for each sample, Σ_{j in targets} Σ_{i not in targets}
/// max(0, 1 − x[y_j] + x[i]) / C, where the targets are the class indices before the first −1.
/// Follows LossMultiLabelMargin.cpp: each margin term is computed in the dtype, a sample's
/// terms are summed in double (acc_type) and rounded to the dtype once per sample.
extension Autodiff {
    public static func multilabelMarginLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction) throws -> Tensor {
        let problem = try MultilabelMarginProblem(input, target)
        let round = problem.round
        let classes = Double(problem.classes)
        let sampleSums = (0..<problem.samples).map { sample in
            var total = 0.0
            problem.forEachViolation(sample) { _, _, violation in total += violation }
            return round(total)
        }
        let output: Tensor
        if reduction == .none && input.rank == 2 {
            output = try Tensor(values: sampleSums.map { round($0 / classes) }, shape: [problem.samples]).to(input.dtype)
        } else {
            var total = sampleSums.reduce(0.0, +) / classes
            if reduction == .mean { total /= Double(problem.samples) }
            output = try Tensor(values: [total], shape: []).to(input.dtype)
        }
        return Recorder.record("MultilabelMarginLossBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in
                let step = round(1.0 / (reduction == .mean ? Double(problem.samples) * classes : classes))
                var values = [Double](repeating: 0, count: problem.values.count)
                for sample in 0..<problem.samples {
                    let base = sample * problem.classes
                    problem.forEachViolation(sample) { targetClass, otherClass, _ in
                        values[base + targetClass] = round(values[base + targetClass] - step)
                        values[base + otherClass] = round(values[base + otherClass] + step)
                    }
                }
                let local = try Tensor(values: values, shape: input.shape).to(input.dtype)
                let perSampleGradient = reduction == .none && input.rank == 2 ? try gradient.reshape([problem.samples, 1]) : gradient
                return [try mul(local, perSampleGradient)]
            }
        }
    }
}

/// The checked operands of `multilabel_margin_loss`, read as Doubles.
private struct MultilabelMarginProblem {
    let values: [Double]
    /// Each sample's target classes: its target row up to the first −1.
    let targetClasses: [[Int]]
    let samples: Int, classes: Int
    /// Rounds to the input's dtype, as each step of ATen's loop does.
    let round: (Double) -> Double

    init(_ input: Tensor, _ target: Tensor) throws {
        guard input.rank == 2 && input.shape[1] != 0 || input.rank == 1 && input.shape[0] != 0 || input.rank == 0 else {
            throw TensorError.runtime("Expected non-empty vector or matrix with optional 0-dim batch size, but got: \(formatShape(input.shape))")
        }
        samples = input.rank == 2 ? input.shape[0] : 1
        classes = input.rank == 0 ? 1 : input.shape[input.rank - 1]
        let targetFits = input.rank <= 1 ? target.rank <= 1 && target.count == classes : target.shape == [samples, classes]
        guard targetFits else {
            throw TensorError.runtime("inconsistent target size: \(formatShape(target.shape)) for input of size: \(formatShape(input.shape))")
        }
        guard input.dtype == .float32 || input.dtype == .float64 else { throw TensorError.kernelNotImplemented("multilabel_margin_loss_forward_out_frame", input.dtype) }
        guard target.dtype == .int64 else { throw TensorError.runtime("expected scalar type Long but found \(target.dtype.scalarTypeName)") }
        let indices = target.int64s().map { Int($0) }
        let classCount = classes
        guard indices.allSatisfy({ $0 >= -1 && $0 < classCount }) else { throw TensorError.runtime("argument #2 'target' is out of range") }
        targetClasses = (0..<samples).map { sample in
            Array(indices[(sample * classCount)..<((sample + 1) * classCount)].prefix { $0 >= 0 })
        }
        values = input.doubles()
        round = input.dtype == .float64 ? { $0 } : { Double(Float($0)) }
    }

    /// Calls `body(target class, other class, 1 − x[target] + x[other])` for each positive
    /// margin term of `sample`, in ATen's order; a repeated target class counts each time.
    func forEachViolation(_ sample: Int, _ body: (Int, Int, Double) -> Void) {
        let base = sample * classes
        let isTarget = Set(targetClasses[sample])
        for targetClass in targetClasses[sample] {
            let targetValue = values[base + targetClass]
            for other in 0..<classes where !isTarget.contains(other) {
                let violation = round(round(1 - targetValue) + values[base + other])
                if violation > 0 { body(targetClass, other, violation) }
            }
        }
    }
}
