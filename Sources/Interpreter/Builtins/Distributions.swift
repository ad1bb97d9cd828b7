import Autograd
import TensorEngine

/// `torch.distributions`: `Categorical`, computed as PyTorch's
/// `torch/distributions/categorical.py` does, so values, gradients and samples match.
extension Interpreter {
    func makeDistributionsNamespace() -> Namespace {
        let distributions = Namespace(name: "torch.distributions")
        let categorical = Builtin("Categorical") { interpreter, arguments in
            let bound = try arguments.bind("Categorical", ["probs", "logits", "validate_args"])
            let probs = bound.optional("probs").flatMap { $0.isNone ? nil : $0 }
            let logits = bound.optional("logits").flatMap { $0.isNone ? nil : $0 }
            guard (probs == nil) != (logits == nil) else {
                throw PythonError.valueError("Either `probs` or `logits` must be specified, but not both.")
            }
            let validate = try bound.optional("validate_args").map { try interpreter.truthy($0) } ?? true
            if let probs {
                return .native(try CategoricalDistribution(probs: try interpreter.tensorArgument(probs, function: "Categorical"), validate: validate, interpreter: interpreter))
            }
            return .native(try CategoricalDistribution(logits: try interpreter.tensorArgument(logits ?? .none, function: "Categorical"), validate: validate))
        }
        distributions.members["Categorical"] = .builtin(categorical)
        distributions.members["categorical"] = .module(Namespace(name: "torch.distributions.categorical", members: ["Categorical": .builtin(categorical)]))
        return distributions
    }
}

/// One `Categorical(probs=...)` or `Categorical(logits=...)`. The parameter not given
/// is computed on first use, and from then on the repr lists it too, as PyTorch's
/// lazy properties do.
final class CategoricalDistribution: NativeObject {
    private var storedProbs: Tensor?
    private var storedLogits: Tensor?
    let validate: Bool

    init(probs: Tensor, validate: Bool, interpreter: Interpreter) throws {
        guard probs.rank >= 1 else { throw PythonError.valueError("`probs` parameter must be at least one-dimensional.") }
        let total = try Autodiff.sum(probs, dims: [-1], keepDim: true)
        let normalized = try Autodiff.binary(.divide, .tensor(probs), .tensor(total))
        self.validate = validate
        storedProbs = normalized
        if validate, !(try Self.isSimplex(normalized)) {
            throw PythonError.valueError("Expected parameter probs (Tensor of shape \(Self.pythonShape(normalized.shape))) of distribution \(repr()) "
                + "to satisfy the constraint Simplex(), but found invalid values:\n" + (try interpreter.repr(.tensor(normalized))))
        }
    }

    init(logits: Tensor, validate: Bool) throws {
        guard logits.rank >= 1 else { throw PythonError.valueError("`logits` parameter must be at least one-dimensional.") }
        let normalizer = try Autodiff.logSumExp(logits, dims: [-1], keepDim: true)
        storedLogits = try Autodiff.binary(.subtract, .tensor(logits), .tensor(normalizer))
        self.validate = validate
    }

    var typeName: String { "Categorical" }

    func repr() -> String {
        var parts: [String] = []
        if let storedProbs { parts.append("probs: torch.Size([\(storedProbs.shape.map(String.init).joined(separator: ", "))])") }
        if let storedLogits { parts.append("logits: torch.Size([\(storedLogits.shape.map(String.init).joined(separator: ", "))])") }
        return "Categorical(" + parts.joined(separator: ", ") + ")"
    }

    /// `probs`, from the logits by a softmax when they were given.
    func probs() throws -> Tensor {
        if let storedProbs { return storedProbs }
        let computed = try Autodiff.softmax(try logits(), dim: -1)
        storedProbs = computed
        return computed
    }

    /// `logits`, from the probabilities by the log of the probabilities clamped to
    /// [eps, 1 - eps] when they were given (PyTorch's `probs_to_logits`).
    func logits() throws -> Tensor {
        if let storedLogits { return storedLogits }
        let probs = try probs()
        let eps = probs.dtype.floatLimits?.eps ?? Double(Float.ulpOfOne)
        let clamped = try Autodiff.clamp(probs, min: .scalar(.float(eps)), max: .scalar(.float(1 - eps)))
        let computed = try Autodiff.unary(.log, clamped)
        storedLogits = computed
        return computed
    }

    var eventCount: Int { (storedProbs ?? storedLogits)?.shape.last ?? 0 }
    var batchShape: [Int] { Array(((storedProbs ?? storedLogits)?.shape ?? []).dropLast()) }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "probs": return .tensor(try probs())
        case "logits": return .tensor(try logits())
        case "batch_shape": return .size(batchShape)
        case "event_shape": return .size([])
        case "param_shape": return .size(batchShape + [eventCount])
        case "mode": return .tensor(try probs().argmax(dim: -1, keepDim: false))
        case "mean", "variance":
            return .tensor(try Factory.full(shape: batchShape, value: .float(.nan), dtype: try probs().dtype))
        case "entropy": return method(name) { distribution, arguments in
            _ = try arguments.bind("entropy", [])
            return .tensor(try distribution.entropy())
        }
        case "log_prob": return method(name) { distribution, arguments in
            let value = try arguments.bind("log_prob", ["value"]).tensor("value")
            return .tensor(try distribution.logProbability(value, interpreter: interpreter))
        }
        case "sample": return method(name) { distribution, arguments in
            let bound = try arguments.bind("sample", ["sample_shape"])
            let shape = try bound.optional("sample_shape").map { try toIntList($0, function: "sample", argument: "sample_shape") } ?? []
            return .tensor(try distribution.sample(shape))
        }
        case "enumerate_support": return method(name) { distribution, _ in
            .tensor(try Factory.arange(start: .int(0), end: .int(Int64(distribution.eventCount)), step: .int(1), dtype: .int64))
        }
        default: return nil
        }
    }

    private func method(_ name: String, _ body: @escaping (CategoricalDistribution, CallArguments) throws -> Value) -> Value {
        .builtin(Builtin(name) { [self] _, arguments in try body(self, arguments) })
    }

    /// −Σ p·log p, with −∞ logits clamped to the dtype's lowest value so that 0·log 0 is 0.
    func entropy() throws -> Tensor {
        let logits = try logits()
        let lowest = -(logits.dtype.floatLimits?.max ?? Double(Float.greatestFiniteMagnitude))
        let clamped = try Autodiff.clamp(logits, min: .scalar(.float(lowest)), max: nil)
        let terms = try Autodiff.binary(.multiply, .tensor(clamped), .tensor(try probs()))
        return try Autodiff.unary(.negate, try Autodiff.sum(terms, dims: [-1], keepDim: false))
    }

    func logProbability(_ value: Tensor, interpreter: Interpreter) throws -> Tensor {
        // The sample is validated before the logits are derived, so the error's repr
        // lists only the parameter given, as PyTorch's does.
        if validate {
            let values = value.doubles()
            if values.contains(where: { $0 < 0 || $0 > Double(eventCount - 1) || $0 != $0.rounded() }) {
                throw PythonError.valueError("Expected value argument (Tensor of shape \(Self.pythonShape(value.shape))) to be within the support "
                    + "(IntegerInterval(lower_bound=0, upper_bound=\(eventCount - 1))) of the distribution \(repr()), but found invalid values:\n"
                    + (try interpreter.repr(.tensor(value))))
            }
        }
        let logits = try logits()
        let index = try Autodiff.unsqueeze(try value.to(.int64), -1)
        let shape = try broadcastShapes(index.shape, logits.shape)
        let expandedIndex = try index.expand(Array(shape.dropLast()) + [1])
        let expandedLogits = try Autodiff.expand(logits, shape)
        return try Autodiff.squeeze(try Autodiff.gather(expandedLogits, dim: -1, index: expandedIndex.contiguous()), [-1])
    }

    /// Draws as PyTorch does: one `multinomial` call with replacement over the
    /// probabilities as rows, transposed, then shaped `sample_shape + batch_shape`.
    func sample(_ sampleShape: [Int]) throws -> Tensor {
        let probs = try probs()
        let rows = try probs.reshape([-1, eventCount])
        guard sampleShape.allSatisfy({ $0 >= 0 }) else {
            throw PythonError.runtimeError("Trying to create tensor with negative dimension \(sampleShape.first { $0 < 0 } ?? -1): \(sampleShape)")
        }
        var count = 1
        for size in sampleShape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { throw PythonError.runtimeError("sample(): sample_shape \(sampleShape) has too many elements") }
            count = product
        }
        let samples = try Generator.default.multinomial(rows, numSamples: count, replacement: true)
        return try samples.t().contiguous().reshape(sampleShape + batchShape)
    }

    static func isSimplex(_ probs: Tensor) throws -> Bool {
        let values = probs.doubles()
        let width = probs.shape.last ?? 0
        guard width > 0 else { return true }
        for start in stride(from: 0, to: values.count, by: width) {
            let row = values[start..<(start + width)]
            if row.contains(where: { !($0 >= 0) }) || Swift.abs(row.reduce(0, +) - 1) >= 1e-6 { return false }
        }
        return true
    }

    /// `(2,)` or `(2, 3)`: a shape as a Python tuple.
    static func pythonShape(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
