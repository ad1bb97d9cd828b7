import TensorEngine

/// `SubsetRandomSampler(indices)` and `WeightedRandomSampler(weights, num_samples)`: their
/// draws come whole from one `randperm` or `multinomial` per pass, as PyTorch's `__iter__` does.
extension SamplerObject {
    func drawnIndices() -> () throws -> Int? {
        var pending: [Int]?
        return { [self] in
            if pending == nil {
                let source = generator ?? Generator.default
                switch order {
                case let .subset(indices):
                    pending = try source.randperm(indices.count, dtype: .int64).int64s().map { indices[Int($0)] }
                case let .weighted(weights, samples, replacement):
                    pending = try source.multinomial(weights, numSamples: samples, replacement: replacement).int64s().map { Int($0) }
                default:
                    pending = []
                }
            }
            return pending?.isEmpty == false ? pending?.removeFirst() : nil
        }
    }
}

extension Interpreter {
    func makeWeightedSamplerMembers() -> [String: Value] {
        // The base a user's sampler subclasses; DataLoader reads any iterable of indices.
        var members: [String: Value] = ["Sampler": .classObject(ClassObject(name: "Sampler", attributes: [:], bases: []))]
        members["SubsetRandomSampler"] = .builtin(Builtin("SubsetRandomSampler", isOp: false) { interpreter, arguments in
            let bound = try arguments.bind("SubsetRandomSampler", ["indices", "generator"])
            let indices = try interpreter.iterate(try bound.value("indices")).map { try interpreter.pythonIntValue($0) }
            let generator = bound.has("generator") ? try interpreter.generator(bound) : nil
            return .native(SamplerObject(.subset(indices), count: indices.count, generator: generator))
        })
        members["WeightedRandomSampler"] = .builtin(Builtin("WeightedRandomSampler", isOp: false) { interpreter, arguments in
            let bound = try arguments.bind("WeightedRandomSampler", ["weights", "num_samples", "replacement", "generator"])
            let samples = try bound.optional("num_samples").map { try interpreter.pythonIntValue($0) } ?? 0
            guard samples > 0 else {
                throw PythonError.valueError("num_samples should be a positive integer value, but got num_samples=\(samples)")
            }
            // torch.as_tensor(weights, dtype=torch.double): Python floats keep their double value.
            let given = try bound.value("weights")
            let weights: Tensor
            if case .tensor = given {
                weights = try interpreter.tensorArgument(given, function: "WeightedRandomSampler").to(.float64)
            } else if let values = try? interpreter.iterate(given).map({ try interpreter.pythonDouble($0) }) {
                weights = try Tensor(values: values, shape: [values.count])
            } else {
                weights = try interpreter.tensorArgument(given, function: "WeightedRandomSampler").to(.float64)
            }
            guard weights.rank == 1 else {
                let shape = weights.shape.count == 1 ? "(\(weights.shape[0]),)" : "(" + weights.shape.map(String.init).joined(separator: ", ") + ")"
                throw PythonError.valueError("weights should be a 1d sequence but given weights have shape \(shape)")
            }
            let generator = bound.has("generator") ? try interpreter.generator(bound) : nil
            return .native(SamplerObject(.weighted(weights, samples: samples, replacement: try bound.bool("replacement", default: true)),
                                         count: weights.count, generator: generator))
        })
        return members
    }
}
