import TensorEngine

/// `np.random.randint`, `permutation`, `shuffle` and `choice`: integers and orders,
/// drawn in numpy's legacy sequence.
extension Interpreter {
    func numpyRandomIntegers(_ state: NumPyRandomState, _ bound: BoundArguments) throws -> Value {
        var low = try pythonInt(try bound.value("low"))
        let high: Int64
        if let given = bound.optional("high"), !given.isNone {
            high = try pythonInt(given)
        } else {
            (low, high) = (0, low)
        }
        guard low < high else { throw PythonError.valueError("low >= high") }
        let dtype = try bound.optional("dtype").flatMap { try numpyDType($0) } ?? .int64
        guard dtype == .int64 || dtype == .int32 else { throw PythonError.typeError("Unsupported dtype \(numpyName(dtype)) for randint") }
        if dtype == .int32, low < Int64(Int32.min) || high > Int64(Int32.max) + 1 {
            throw PythonError.valueError(low < Int64(Int32.min) ? "low is out of bounds for int32" : "high is out of bounds for int32")
        }
        // high − low − 1 as numpy computes it, in unsigned 64-bit arithmetic.
        let range = UInt64(bitPattern: high &- low) &- 1
        let draw = { Int64(bitPattern: UInt64(bitPattern: low) &+ state.bounded(range)) }
        guard let shape = try numpySize(bound.optional("size")) else { return .int(draw()) }
        let values = try numpyDrawnArray(shape, draw)
        return .native(NDArray(tensor: dtype == .int64 ? values : try values.to(dtype)))
    }

    func numpyPermutation(_ state: NumPyRandomState, _ value: Value) throws -> Value {
        if case let .int(count) = value {
            guard count >= 0 else { throw PythonError.valueError("negative dimensions are not allowed") }
            let order = try shuffledOrder(state, Int(count))
            return .native(NDArray(tensor: try Tensor(values: order.map(Int64.init), shape: [order.count])))
        }
        let tensor = try numpyArray(value, dtype: nil)
        guard tensor.rank >= 1 else { throw PythonError.indexError("x must be an integer or at least 1-dimensional") }
        let order = try shuffledOrder(state, tensor.shape[0])
        return .native(NDArray(tensor: try tensor.indexSelect(dim: 0, index: try Tensor(values: order.map(Int64.init), shape: [order.count]))))
    }

    func numpyShuffle(_ state: NumPyRandomState, _ value: Value) throws {
        switch value {
        case let .list(list):
            for (position, other) in state.shuffleSwaps(list.items.count) { list.items.swapAt(position, other) }
        case let .native(array as NDArray):
            guard array.tensor.rank >= 1 else { throw PythonError.typeError("object of type 'numpy.ndarray' has no len()") }
            let order = try shuffledOrder(state, array.tensor.shape[0])
            let rows = try array.tensor.indexSelect(dim: 0, index: try Tensor(values: order.map(Int64.init), shape: [order.count]))
            try array.tensor.copy(from: rows)
        default:
            throw PythonError.typeError("np.random.shuffle takes a list or an ndarray in TensorTutor, not \(value.typeName)")
        }
    }

    func numpyChoice(_ state: NumPyRandomState, _ bound: BoundArguments) throws -> Value {
        let source = try bound.value("a")
        let population: Tensor?
        let count: Int
        if case let .int(size) = source {
            (population, count) = (nil, Int(size))
        } else {
            let tensor = try numpyArray(source, dtype: nil)
            guard tensor.rank == 1 else { throw PythonError.valueError("a must be 1-dimensional") }
            (population, count) = (tensor, tensor.shape[0])
        }
        let shape = try numpySize(bound.optional("size"))
        let wanted = shape.map { $0.reduce(1, *) } ?? 1
        if count <= 0, wanted != 0 {
            throw PythonError.valueError(population == nil ? "a must be greater than 0 unless no samples are taken" : "'a' cannot be empty unless no samples are taken")
        }
        let probabilities = try bound.optional("p").flatMap { $0.isNone ? nil : try numpyArray($0, dtype: .float64).doubles() }
        if let probabilities { try checkChoiceProbabilities(probabilities, count: count) }
        let indices: [Int64]
        if try bound.bool("replace", default: true) {
            if let probabilities {
                // numpy's inverse-CDF draw: the first cdf entry above a uniform sample.
                var total = 0.0
                let cumulative = probabilities.map { total += $0; return total }
                let cdf = cumulative.map { $0 / total }
                indices = (0..<wanted).map { _ in
                    let sample = state.double()
                    return Int64(cdf.firstIndex { $0 > sample } ?? cdf.count)
                }
            } else {
                indices = (0..<wanted).map { _ in Int64(state.bounded(UInt64(count - 1))) }
            }
        } else {
            guard probabilities == nil else { throw PythonError.notImplemented("np.random.choice with replace=False and p= is not in TensorTutor's numpy subset") }
            guard wanted <= count else { throw PythonError.valueError("Cannot take a larger sample than population when 'replace=False'") }
            indices = Array(try shuffledOrder(state, count).prefix(wanted)).map(Int64.init)
        }
        let index = try Tensor(values: indices, shape: shape ?? [])
        guard let population else { return shape == nil ? .int(indices[0]) : .native(NDArray(tensor: index)) }
        let picked = try population.indexSelect(dim: 0, index: try index.reshape([indices.count])).reshape(shape ?? [])
        return numpyResult(picked)
    }

    private func checkChoiceProbabilities(_ probabilities: [Double], count: Int) throws {
        guard probabilities.count == count else { throw PythonError.valueError("'a' and 'p' must have same size") }
        guard !probabilities.contains(where: { !$0.isFinite }) else { throw PythonError.valueError("probabilities contain NaN") }
        guard !probabilities.contains(where: { $0 < 0 }) else { throw PythonError.valueError("probabilities are not non-negative") }
        guard abs(probabilities.reduce(0, +) - 1) <= Double.ulpOfOne.squareRoot() else {
            throw PythonError.valueError("probabilities do not sum to 1")
        }
    }

    /// 0..<count in the order numpy's shuffle leaves `arange(count)`.
    private func shuffledOrder(_ state: NumPyRandomState, _ count: Int) throws -> [Int] {
        try ensureAllocatable(elements: count, itemSize: 8)
        var order = Array(0..<count)
        for (position, other) in state.shuffleSwaps(count) { order.swapAt(position, other) }
        return order
    }
}
