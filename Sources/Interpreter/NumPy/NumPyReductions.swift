import Glibc
import TensorEngine

/// The numpy functions that are also ndarray methods (`np.sum(a)` and `a.sum()`), each
/// taking the array first.
// Immutable after its one-time initialisation and read-only from then on; its closures
// capture only constants. `nonisolated(unsafe)` states that for Swift 6's checker.
nonisolated(unsafe) let numpyMethodFunctions: [String: Builtin.Body] = [
    "sum": { interpreter, arguments in try interpreter.numpyReduce("sum", arguments) },
    "mean": { interpreter, arguments in try interpreter.numpyReduce("mean", arguments) },
    "max": { interpreter, arguments in try interpreter.numpyReduce("max", arguments) },
    "min": { interpreter, arguments in try interpreter.numpyReduce("min", arguments) },
    "any": { interpreter, arguments in try interpreter.numpyReduce("any", arguments) },
    "prod": { interpreter, arguments in try interpreter.numpyReduce("prod", arguments) },
    "std": { interpreter, arguments in try interpreter.numpySpread("std", arguments) },
    "var": { interpreter, arguments in try interpreter.numpySpread("var", arguments) },
    "all": { interpreter, arguments in try interpreter.numpyReduce("all", arguments) },
    "argmax": { interpreter, arguments in try interpreter.numpyArgExtreme("argmax", arguments) },
    "argmin": { interpreter, arguments in try interpreter.numpyArgExtreme("argmin", arguments) },
    "cumsum": { interpreter, arguments in
        let bound = try arguments.bind("cumsum", ["a", "axis", "dtype"])
        var tensor = try interpreter.numpyArray(try bound.value("a"), dtype: try interpreter.numpyDType(bound.optional("dtype") ?? .none))
        if tensor.dtype == .bool || (tensor.dtype.isIntegral && tensor.dtype != .int64 && tensor.dtype != .uint8) { tensor = try tensor.to(.int64) }
        guard let axis = try bound.optionalInt("axis") else { return numpyResult(try tensor.reshape([tensor.count]).cumsum(dim: 0)) }
        return numpyResult(try tensor.cumsum(dim: axis))
    },
    "round": { interpreter, arguments in try interpreter.numpyRound(arguments) },
    "clip": { interpreter, arguments in
        let bound = try arguments.bind("clip", ["a", "a_min", "a_max"])
        let tensor = try interpreter.numpyArray(try bound.value("a"), dtype: nil)
        var dtype = tensor.dtype
        let limits = try ["a_min", "a_max"].map { name -> Scalar? in
            guard let value = bound.optional(name), !value.isNone else { return nil }
            let scalar = try interpreter.numpyArray(value, dtype: nil).item()
            dtype = numpyWeakPromote(dtype, scalar)
            return scalar
        }
        let source = tensor.dtype == dtype ? tensor : try tensor.to(dtype)
        return numpyResult(try source.clamp(min: limits[0].map { .scalar($0) }, max: limits[1].map { .scalar($0) }))
    },
]

extension Interpreter {
    /// `np.sum(a, axis=None, keepdims=False)` and the other whole-or-axis reductions.
    func numpyReduce(_ name: String, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind(name, ["a", "axis", "dtype", "out", "keepdims"])
        var tensor = try numpyArray(try bound.value("a"), dtype: nil)
        let keepDims = try bound.bool("keepdims", default: false)
        let axes = try bound.optional("axis").flatMap { $0.isNone ? nil : try numpyShape($0) }
        switch name {
        case "sum":
            if let total = try NumPySummation.sum(tensor, axes: axes, keepDims: keepDims) { return numpyResult(total) }
            if tensor.dtype == .bool || (tensor.dtype.isIntegral && tensor.dtype != .uint8) { tensor = try tensor.to(.int64) }
            return numpyResult(try tensor.sum(dims: axes, keepDim: keepDims))
        case "prod":
            if tensor.dtype == .bool || (tensor.dtype.isIntegral && tensor.dtype != .uint8) { tensor = try tensor.to(.int64) }
            let flat = axes == nil ? try tensor.reshape([tensor.count]) : tensor
            guard let axes, axes.count <= 1 else { return numpyResult(try flat.prod(dim: 0, keepDim: false)) }
            return numpyResult(try flat.prod(dim: axes[0], keepDim: keepDims))
        case "mean":
            if !tensor.dtype.isFloatingPoint { tensor = try tensor.to(.float64) }
            // numpy's mean is its sum divided by the count, in the array's float type.
            guard let total = try NumPySummation.sum(tensor, axes: axes, keepDims: keepDims) else {
                return numpyResult(try tensor.mean(dims: axes, keepDim: keepDims))
            }
            let count = max(tensor.count, 1) / max(total.count, 1)
            return numpyResult(try binary(.divide, .tensor(total), .tensor(try Tensor.zeros(shape: [], dtype: total.dtype).filled(with: .int(Int64(count))))))
        case "any", "all":
            return numpyResult(name == "any" ? try tensor.any(dims: axes, keepDim: keepDims) : try tensor.all(dims: axes, keepDim: keepDims))
        default:
            guard tensor.count > 0 else {
                throw PythonError.valueError("zero-size array to reduction operation \(name == "max" ? "maximum" : "minimum") which has no identity")
            }
            let dims = axes ?? Array(0..<tensor.rank)
            return numpyResult(name == "max" ? try tensor.amax(dims: dims, keepDim: keepDims) : try tensor.amin(dims: dims, keepDim: keepDims))
        }
    }

    /// `np.std(a, axis=None, ddof=0)` and `np.var`: numpy divides by n - ddof, n by default.
    func numpySpread(_ name: String, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind(name, ["a", "axis", "dtype", "out", "ddof", "keepdims"])
        var tensor = try numpyArray(try bound.value("a"), dtype: nil)
        if !tensor.dtype.isFloatingPoint { tensor = try tensor.to(.float64) }
        let axes = try bound.optional("axis").flatMap { $0.isNone ? nil : try numpyShape($0) }
        let ddof = try bound.double("ddof", default: 0)
        let keepDims = try bound.bool("keepdims", default: false)
        // numpy's `_var`: the mean, the squared deviations, their sum over n - ddof, each
        // step rounded as numpy rounds it.
        guard let total = try NumPySummation.sum(tensor, axes: axes, keepDims: true),
              let count = Optional(Double(tensor.count / max(total.count, 1))) else {
            return numpyResult(name == "std" ? try tensor.standardDeviation(dims: axes, correction: ddof, keepDim: keepDims)
                : try tensor.variance(dims: axes, correction: ddof, keepDim: keepDims))
        }
        let mean = try binary(.divide, .tensor(total), .scalar(.float(count)))
        let deviation = try binary(.subtract, .tensor(tensor), .tensor(mean))
        let squares = try binary(.multiply, .tensor(deviation), .tensor(deviation))
        guard let squareSum = try NumPySummation.sum(squares, axes: axes, keepDims: keepDims) else { return .none }
        let variance = try binary(.divide, .tensor(squareSum), .scalar(.float(Swift.max(count - ddof, 0))))
        return numpyResult(name == "std" ? try variance.unary(.sqrt) : variance)
    }

    /// `np.argmax(a, axis=None)`: a flat index without an axis.
    func numpyArgExtreme(_ name: String, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind(name, ["a", "axis", "out", "keepdims"])
        let tensor = try numpyArray(try bound.value("a"), dtype: nil)
        guard tensor.count > 0 else { throw PythonError.valueError("attempt to get \(name) of an empty sequence") }
        let axis = try bound.optionalInt("axis")
        let keepDims = try bound.bool("keepdims", default: false)
        return numpyResult(name == "argmax" ? try tensor.argmax(dim: axis, keepDim: keepDims) : try tensor.argmin(dim: axis, keepDim: keepDims))
    }

    /// `np.round(a, decimals)`: scale, round half to even, scale back, as numpy does.
    func numpyRound(_ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("round", ["a", "decimals", "out"])
        let tensor = try numpyArray(try bound.value("a"), dtype: nil)
        let decimals = try bound.int("decimals", default: 0)
        guard tensor.dtype.isFloatingPoint else { return numpyResult(tensor) }
        let scale = Glibc.pow(10.0, Double(Swift.abs(decimals)))
        let isFloat32 = tensor.dtype != .float64
        let rounded = tensor.doubles().map { value -> Double in
            if isFloat32 {
                let factor = Float(scale)
                let scaled = decimals >= 0 ? Float(value) * factor : Float(value) / factor
                return Double(decimals >= 0 ? scaled.rounded(.toNearestOrEven) / factor : scaled.rounded(.toNearestOrEven) * factor)
            }
            let scaled = decimals >= 0 ? value * scale : value / scale
            return decimals >= 0 ? scaled.rounded(.toNearestOrEven) / scale : scaled.rounded(.toNearestOrEven) * scale
        }
        return numpyResult(try Tensor(values: rounded, shape: tensor.shape).to(tensor.dtype))
    }
}
