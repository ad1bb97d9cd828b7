import TensorEngine

/// `multi_margin_loss`: for each sample, Σ_{i≠y} max(0, margin − x_y + x_i)^p / C, with
/// ATen's loop order and the dtype's rounding at each step.
extension Autodiff {
    public static func multiMarginLoss(_ input: Tensor, _ target: Tensor, p: Int, margin: Double, weight: Tensor?,
                                       reduction: LossReduction) throws -> Tensor {
        guard p == 1 || p == 2 else { throw TensorError.value("only p == 1 and p == 2 supported") }
        let problem = try MultiMarginProblem(input, target, margin: margin, weight: weight)
        let round: (Double) -> Double = input.dtype == .float32 ? { Double(Float($0)) } : { $0 }
        var perSample: [Double] = []
        for sample in 0..<problem.samples {
            var total = 0.0
            problem.forEachViolation(sample) { _, violation, scale in
                total = round(total + round(round(p == 1 ? violation : violation * violation) * scale))
            }
            perSample.append(round(total / Double(problem.classes)))
        }
        let output: Tensor
        switch reduction {
        case .none: output = try Tensor(values: perSample, shape: input.rank == 2 ? [problem.samples] : []).to(input.dtype)
        case .sum, .mean, .batchMean:
            let total = perSample.reduce(0.0) { round($0 + $1) }
            output = try Tensor(values: [reduction == .sum ? total : round(total / Double(problem.samples))], shape: []).to(input.dtype)
        }
        return Recorder.record("MultiMarginLossBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in
                let step = round(1.0 / Double(problem.classes * (reduction == .mean ? problem.samples : 1)))
                var values = [Double](repeating: 0, count: problem.values.count)
                for sample in 0..<problem.samples {
                    problem.forEachViolation(sample) { index, violation, scale in
                        // Rounded at each step, as ATen accumulates the target's slot in the dtype.
                        let local = round(round(p == 1 ? step : 2 * step * violation) * scale)
                        let targetSlot = sample * problem.classes + problem.targets[sample]
                        values[targetSlot] = round(values[targetSlot] - local)
                        values[sample * problem.classes + index] = local
                    }
                }
                let local = try Tensor(values: values, shape: input.shape).to(input.dtype)
                let perSampleGradient = reduction == .none && input.rank == 2 ? try gradient.reshape([problem.samples, 1]) : gradient
                return [try mul(local, perSampleGradient)]
            }
        }
    }
}

/// The checked operands of `multi_margin_loss`, read as Doubles.
private struct MultiMarginProblem {
    let values: [Double], targets: [Int], weights: [Double]?
    let samples: Int, classes: Int, margin: Double

    init(_ input: Tensor, _ target: Tensor, margin: Double, weight: Tensor?) throws {
        guard input.rank <= 2, input.count > 0 else {
            throw TensorError.runtime("Expected non-empty vector or matrix with optional 0-dim batch size, but got: \(formatTorchSize(input.shape))")
        }
        classes = input.rank == 0 ? 1 : input.shape[input.rank - 1]
        samples = input.rank == 2 ? input.shape[0] : 1
        guard target.count == samples, target.rank <= 1 else {
            throw TensorError.runtime("multi_margin_loss: target tensor should be 1-D with size equal to the number of input samples (batch size). Expected target size [\(samples)], but got \(shapeList(target.shape)). Input has shape \(shapeList(input.shape)).")
        }
        let classCount = classes
        let targetClasses = target.int64s().map { Int($0) }
        guard targetClasses.allSatisfy({ $0 >= 0 && $0 < classCount }) else { throw TensorError.runtime("target out of range") }
        targets = targetClasses
        values = input.doubles()
        weights = weight?.doubles()
        self.margin = margin
    }

    /// Calls `body(class, margin − x_y + x_i, weight of y)` for every class whose margin term is positive.
    func forEachViolation(_ sample: Int, _ body: (Int, Double, Double) -> Void) {
        let base = sample * classes, targetClass = targets[sample]
        for index in 0..<classes where index != targetClass {
            let violation = margin - values[base + targetClass] + values[base + index]
            if violation > 0 { body(index, violation, weights?[targetClass] ?? 1) }
        }
    }
}

private func shapeList(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
