/// `multi_margin_loss` and its gradient as ATen's CPU kernels compute them: every step in
/// the input's dtype (z = (margin − x_y) + x_i, then z or z², times the target's weight,
/// summed over the classes and divided by their count), and the batch's mean or sum in
/// double. Rounding once from a double z, as this was first written, differed from
/// PyTorch in the last bit of most losses.
public struct MultiMarginLoss: Sendable {
    public let p: Int
    public let margin: Double
    public let reduction: LossReduction

    public init(p: Int, margin: Double, reduction: LossReduction) throws {
        guard p == 1 || p == 2 else { throw TensorError.value("only p == 1 and p == 2 supported") }
        self.p = p
        self.margin = margin
        self.reduction = reduction
    }

    /// The loss of `input` (C or N×C) against class indices `target`, weighted per class.
    public func loss(_ input: Tensor, target: Tensor, weight: Tensor?) throws -> Tensor {
        let operands = try MultiMarginOperands(input, target, weight: weight)
        switch input.dtype {
        case .float32: return try loss(operands, Float.self)
        case .float64: return try loss(operands, Double.self)
        default: throw TensorError.kernelNotImplemented("multi_margin_loss_cpu_kernel", input.dtype)
        }
    }

    /// ∂loss/∂input for an upstream gradient of the loss's shape.
    public func gradient(_ upstream: Tensor, input: Tensor, target: Tensor, weight: Tensor?) throws -> Tensor {
        let operands = try MultiMarginOperands(input, target, weight: weight)
        let local: Tensor
        switch input.dtype {
        case .float32: local = try localGradient(operands, Float.self)
        case .float64: local = try localGradient(operands, Double.self)
        default: throw TensorError.kernelNotImplemented("multi_margin_loss_backward_cpu_kernel", input.dtype)
        }
        // Each row is scaled by its own upstream value, or all by the one scalar.
        let perSample = reduction == .none && input.rank == 2 ? try upstream.reshape([operands.samples, 1]) : upstream
        return try binary(.multiply, .tensor(local), .tensor(perSample))
    }

    private func loss<T: BinaryFloatingPoint & TensorElement>(_ operands: MultiMarginOperands, _: T.Type) throws -> Tensor {
        let weights: [T]? = operands.weight?.elements(as: T.self)
        var perSample = [T](repeating: 0, count: operands.samples)
        operands.forEachViolation(margin: T(margin)) { sample, targetClass, _, z in
            var term = p == 1 ? z : z * z
            if let weights { term *= weights[targetClass] }
            perSample[sample] += term
        }
        let classes = T(operands.classes)
        // One loss per sample whenever the target has a dim, even for a 1-D input.
        if reduction == .none && operands.targetHasDim {
            return try Tensor(values: perSample.map { Double($0 / classes) }, shape: [operands.samples]).to(operands.input.dtype)
        }
        var total = 0.0
        for value in perSample { total += Double(value / classes) }
        if reduction == .mean { total /= Double(operands.samples) }
        return try Tensor(values: [total], shape: []).to(operands.input.dtype)
    }

    private func localGradient<T: BinaryFloatingPoint & TensorElement>(_ operands: MultiMarginOperands, _: T.Type) throws -> Tensor {
        let weights: [T]? = operands.weight?.elements(as: T.self)
        let classes = operands.classes
        let step = T(1.0 / Double(reduction == .mean ? operands.samples * classes : classes))
        var gradient = [T](repeating: 0, count: operands.input.count)
        operands.forEachViolation(margin: T(margin)) { sample, targetClass, index, z in
            var term = p == 1 ? step : 2 * step * z
            if let weights { term *= weights[targetClass] }
            gradient[sample * classes + targetClass] -= term
            gradient[sample * classes + index] = term
        }
        return try Tensor(values: gradient.map { Double($0) }, shape: operands.input.shape).to(operands.input.dtype)
    }
}

/// The checked operands: a C or N×C input, N class indices, an optional weight per class.
private struct MultiMarginOperands {
    let input: Tensor, weight: Tensor?
    let targets: [Int]
    let samples: Int, classes: Int
    let targetHasDim: Bool

    init(_ input: Tensor, _ target: Tensor, weight: Tensor?) throws {
        guard input.rank <= 2, input.count > 0 else {
            throw TensorError.runtime("Expected non-empty vector or matrix with optional 0-dim batch size, but got: \(formatTorchSize(input.shape))")
        }
        classes = input.rank == 0 ? 1 : input.shape[input.rank - 1]
        samples = input.rank == 2 ? input.shape[0] : 1
        guard target.count == samples, target.rank <= 1 else {
            throw TensorError.runtime("multi_margin_loss: target tensor should be 1-D with size equal to the number of input samples (batch size). Expected target size [\(samples)], but got \(formatShapeList(target.shape)). Input has shape \(formatShapeList(input.shape)).")
        }
        let classCount = classes
        let targetClasses = target.int64s().map { Int($0) }
        guard targetClasses.allSatisfy({ $0 >= 0 && $0 < classCount }) else { throw TensorError.runtime("target out of range") }
        targets = targetClasses
        targetHasDim = target.rank > 0
        self.input = input
        self.weight = weight
    }
}

extension MultiMarginOperands {
    /// Calls `body(sample, target class, class, z)` for every other class whose
    /// z = (margin − x_target) + x_class, rounded in `T` at each step, is positive.
    @inline(__always)
    func forEachViolation<T: BinaryFloatingPoint & TensorElement>(margin: T, _ body: (Int, Int, Int, T) -> Void) {
        let values: [T] = input.elements(as: T.self)
        for sample in 0..<samples {
            let row = sample * classes, targetClass = targets[sample]
            let targetValue = values[row + targetClass]
            for index in 0..<classes where index != targetClass {
                let z = margin - targetValue + values[row + index]
                if z > 0 { body(sample, targetClass, index, z) }
            }
        }
    }
}

private func formatShapeList(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
