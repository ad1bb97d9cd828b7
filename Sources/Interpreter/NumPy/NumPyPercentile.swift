import TensorEngine

/// `np.percentile`, `np.quantile` (method 'linear', numpy's default) and `np.isin`: what
/// evaluation code reports score spreads and class-membership masks with.
// Immutable after its one-time initialisation and read-only from then on; its closures
// capture only constants. `nonisolated(unsafe)` states that for Swift 6's checker.
nonisolated(unsafe) let numpyPercentileFunctions: [String: Builtin.Body] = [
    "percentile": { interpreter, arguments in try interpreter.numpyQuantile("percentile", arguments, scale: 100) },
    "quantile": { interpreter, arguments in try interpreter.numpyQuantile("quantile", arguments, scale: 1) },
    "isin": { interpreter, arguments in
        let bound = try arguments.bind("isin", ["element", "test_elements", "assume_unique", "invert", "kind"])
        let element = try interpreter.numpyArray(try bound.value("element"), dtype: nil)
        let tests = Set(try interpreter.numpyArray(try bound.value("test_elements"), dtype: nil).doubles())
        let invert = try bound.bool("invert", default: false)
        let flags = element.doubles().map { Int64(tests.contains($0) != invert ? 1 : 0) }
        // A 0-d element gives a 0-d array, not a scalar: np.isin(3, [3]) is array(True).
        return .native(NDArray(tensor: try Tensor(values: flags, shape: element.shape).to(.bool)))
    },
]

extension Interpreter {
    /// numpy's `_quantile` for method 'linear': each lane sorted, the virtual index (n − 1)·q
    /// split into a floor and a weight, and `_lerp` from whichever end is nearer. A Python
    /// number q is a weak scalar, so a float32 array interpolates (and answers) in float32;
    /// levels given as a list or array make it float64. A lane holding NaN gives NaN. The
    /// levels' own shape comes first in the result.
    func numpyQuantile(_ name: String, _ arguments: CallArguments, scale: Double) throws -> Value {
        let bound = try arguments.bind(name, ["a", "q", "axis", "out", "overwrite_input", "method", "keepdims"])
        let method = try bound.string("method", default: "linear")
        guard method == "linear" else {
            throw PythonError.notImplemented("np.\(name) with method='\(method)' is not in TensorTutor's numpy subset; only 'linear' is")
        }
        var tensor = try numpyArray(try bound.value("a"), dtype: nil)
        let isWeakLevel: Bool = switch try bound.value("q") { case .int, .float: true; default: false }
        let levelsArray = try numpyArray(try bound.value("q"), dtype: .float64)
        let levels = levelsArray.doubles().map { $0 / scale }
        guard levels.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw PythonError.valueError(scale == 100 ? "Percentiles must be in the range [0, 100]" : "Quantiles must be in the range [0, 1]")
        }
        let keepDims = try bound.bool("keepdims", default: false)
        var outputShape: [Int]
        if let axisValue = bound.optional("axis"), !axisValue.isNone {
            let axis = try NumPySummation.normalizedAxis(try pythonIntValue(axisValue), rank: tensor.rank)
            outputShape = tensor.shape
            if keepDims { outputShape[axis] = 1 } else { outputShape.remove(at: axis) }
            tensor = try tensor.movedim([axis], [tensor.rank - 1])
        } else {
            outputShape = keepDims ? Array(repeating: 1, count: tensor.rank) : []
            tensor = try tensor.reshape([tensor.count])
        }
        let length = tensor.shape.last ?? 1
        guard length > 0 else { throw PythonError.indexError("index -1 is out of bounds for axis 0 with size 0") }
        let values = try tensor.contiguousCopy().doubles()
        let lanes = stride(from: 0, to: values.count, by: length).map { Array(values[$0..<($0 + length)]).sorted { $0 < $1 || (!$0.isNaN && $1.isNaN) } }
        let isFloat32 = tensor.dtype == .float32
        let results = levels.flatMap { level in lanes.map { numpyLinearQuantile($0, level, isFloat32: isFloat32, weakLevel: isWeakLevel) } }
        let result = try Tensor(values: results, shape: levelsArray.shape + outputShape)
        return numpyResult(try result.to(isFloat32 && isWeakLevel ? .float32 : .float64))
    }
}

/// One lane's quantile, as numpy's `_get_indexes`, `_get_gamma` and `_lerp` compute it.
private func numpyLinearQuantile(_ sorted: [Double], _ level: Double, isFloat32: Bool, weakLevel: Bool) -> Double {
    let count = sorted.count
    if sorted.contains(where: \.isNaN) { return .nan }
    let virtualIndex = Double(count - 1) * level
    var previous = virtualIndex.rounded(.down)
    var next = previous + 1
    if virtualIndex >= Double(count - 1) { (previous, next) = (Double(count - 1), Double(count - 1)) }
    if virtualIndex < 0 { (previous, next) = (0, 0) }
    // numpy measures the weight from the index it read, which is the last one above bounds.
    let gamma = virtualIndex - (virtualIndex >= Double(count - 1) ? -1 : previous)
    let (low, high) = (sorted[Int(previous)], sorted[Int(next)])
    if isFloat32 && weakLevel {
        // The weight stays a Python float: 1 − t is taken in double, then each product in float32.
        let (a, b) = (Float(low), Float(high))
        let difference = b - a
        return Double(gamma >= 0.5 ? b - difference * Float(1 - gamma) : a + difference * Float(gamma))
    }
    // A float32 array's b − a is a float32 difference even when the weight is float64.
    let difference = isFloat32 ? Double(Float(high) - Float(low)) : high - low
    return gamma >= 0.5 ? high - difference * (1 - gamma) : low + difference * gamma
}
