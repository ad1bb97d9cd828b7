import Glibc
import TensorEngine

/// `import numpy as np`: the subset real training scripts use, on the engine's tensors.
extension Interpreter {
    func makeNumPyModule() -> Value {
        var members: [String: Value] = [
            "pi": .float(Double.pi), "e": .float(M_E), "inf": .float(.infinity), "nan": .float(.nan), "newaxis": .none,
            "ndarray": .native(NumPyArrayType()),
        ]
        for dtype in [DType.float64, .float32, .float16, .int64, .int32, .int16, .int8, .uint8] {
            members[numpyName(dtype)] = .native(NumPyScalarType(dtype))
        }
        members["bool_"] = .native(NumPyScalarType(.bool))
        members["True_"] = .native(NumPyScalar(.bool(true), dtype: .bool))
        members["False_"] = .native(NumPyScalar(.bool(false), dtype: .bool))
        members["double"] = members["float64"]
        for (name, body) in numpyMethodFunctions { members[name] = stdlibFunction(name, body) }
        members["around"] = members["round"]
        members["amax"] = members["max"]
        members["amin"] = members["min"]
        for (name, body) in numpyCreationFunctions { members[name] = stdlibFunction(name, body) }
        for (name, body) in numpyCombiningFunctions { members[name] = stdlibFunction(name, body) }
        for (name, body) in numpyOrderingFunctions { members[name] = stdlibFunction(name, body) }
        for (name, body) in numpyArithmeticUfuncs { members[name] = stdlibFunction(name, body) }
        for (name, op) in numpyUnaryFunctions {
            members[name] = stdlibFunction(name) { interpreter, arguments in
                var tensor = try interpreter.numpyArray(try arguments.bind(name, ["x"]).value("x"), dtype: nil)
                let keepsType = [UnaryOp.abs, .negate, .sign, .square, .isNaN, .isInf, .isFinite].contains(op)
                if !keepsType && !tensor.dtype.isFloatingPoint { tensor = try tensor.to(.float64) }
                if let function = numpyLibmFunctions[name], tensor.dtype == .float64 || tensor.dtype == .float32 {
                    let result = try numpyLibm(tensor, function)
                    interpreter.numpyWarnFloatErrors(name, inputs: [tensor], result: result)
                    return numpyResult(result)
                }
                return numpyResult(try tensor.unary(op))
            }
        }
        members["absolute"] = members["abs"]
        members["random"] = makeNumPyRandomModule()
        members["linalg"] = makeNumPyLinalgModule()
        for (name, body) in numpyTilingFunctions { members[name] = stdlibFunction(name, body) }
        for (name, body) in numpyPercentileFunctions { members[name] = stdlibFunction(name, body) }
        members.merge(makeNumPyTypeInfoMembers()) { _, info in info }
        members["dtype"] = stdlibFunction("dtype") { interpreter, arguments in
            let value = try arguments.bind("dtype", ["dtype"]).value("dtype")
            return .native(NumPyDType(try interpreter.numpyDType(value) ?? .float64))
        }
        return .module(Namespace(name: "numpy", members: members))
    }
}

private let numpyUnaryFunctions: [String: UnaryOp] = [
    "sqrt": .sqrt, "exp": .exp, "log": .log, "log2": .log2, "log10": .log10, "log1p": .log1p, "expm1": .expm1,
    "sin": .sin, "cos": .cos, "tan": .tan, "tanh": .tanh, "arctan": .atan, "abs": .abs, "sign": .sign,
    "square": .square, "floor": .floor, "ceil": .ceil, "isnan": .isNaN, "isinf": .isInf, "isfinite": .isFinite, "negative": .negate,
]

/// numpy computes float64 sin and cos with the C library (and most other functions to
/// within its last bit), so they go through libm rather than the engine's vector kernels.
private // Immutable after its one-time initialisation and read-only from then on; its closures
// capture only constants. `nonisolated(unsafe)` states that for Swift 6's checker.
nonisolated(unsafe) let numpyLibmFunctions: [String: (Double) -> Double] = [
    "sqrt": { Glibc.sqrt($0) }, "exp": { Glibc.exp($0) }, "log": { Glibc.log($0) }, "log2": { Glibc.log2($0) },
    "log10": { Glibc.log10($0) }, "log1p": { Glibc.log1p($0) }, "expm1": { Glibc.expm1($0) }, "sin": { Glibc.sin($0) },
    "cos": { Glibc.cos($0) }, "tan": { Glibc.tan($0) }, "tanh": { Glibc.tanh($0) }, "arctan": { Glibc.atan($0) },
]

/// `function` on every element; float32 values are computed in double and rounded once.
private func numpyLibm(_ tensor: Tensor, _ function: (Double) -> Double) throws -> Tensor {
    let results = tensor.doubles().map(function)
    return try Tensor(values: results, shape: tensor.shape).to(tensor.dtype)
}

/// Functions that make arrays.
private // Immutable after its one-time initialisation and read-only from then on; its closures
// capture only constants. `nonisolated(unsafe)` states that for Swift 6's checker.
nonisolated(unsafe) let numpyCreationFunctions: [String: Builtin.Body] = [
    "array": { interpreter, arguments in
        let bound = try arguments.bind("array", ["object", "dtype", "*", "copy"])
        let tensor = try interpreter.numpyArray(try bound.value("object"), dtype: try interpreter.numpyDType(bound.optional("dtype") ?? .none))
        return .native(NDArray(tensor: try tensor.contiguousCopy()))
    },
    "asarray": { interpreter, arguments in
        let bound = try arguments.bind("asarray", ["a", "dtype"])
        return .native(NDArray(tensor: try interpreter.numpyArray(try bound.value("a"), dtype: try interpreter.numpyDType(bound.optional("dtype") ?? .none))))
    },
    "zeros": { interpreter, arguments in try interpreter.numpyFilled("zeros", arguments, fill: .int(0)) },
    "ones": { interpreter, arguments in try interpreter.numpyFilled("ones", arguments, fill: .int(1)) },
    "empty": { interpreter, arguments in try interpreter.numpyFilled("empty", arguments, fill: .int(0)) },
    "full": { interpreter, arguments in
        let bound = try arguments.bind("full", ["shape", "fill_value", "dtype"])
        let fill = try interpreter.numpyArray(try bound.value("fill_value"), dtype: nil)
        let dtype = try interpreter.numpyDType(bound.optional("dtype") ?? .none) ?? fill.dtype
        return .native(NDArray(tensor: try Factory.full(shape: try interpreter.numpyShape(try bound.value("shape")), value: try fill.item(), dtype: dtype)))
    },
    "zeros_like": { interpreter, arguments in try interpreter.numpyFilledLike(arguments, fill: .int(0)) },
    "ones_like": { interpreter, arguments in try interpreter.numpyFilledLike(arguments, fill: .int(1)) },
    "arange": { interpreter, arguments in try interpreter.numpyArange(arguments) },
    "linspace": { interpreter, arguments in
        let bound = try arguments.bind("linspace", ["start", "stop", "num", "endpoint", "retstep", "dtype"])
        let start = try interpreter.pythonDouble(try bound.value("start"))
        let stop = try interpreter.pythonDouble(try bound.value("stop"))
        let count = try bound.int("num", default: 50)
        guard count >= 0 else { throw PythonError.valueError("Number of samples, \(count), must be non-negative.") }
        let endpoint = try bound.bool("endpoint", default: true)
        let divisions = Double(endpoint ? count - 1 : count)
        let step = (stop - start) / divisions
        // numpy computes `i * step + start`, then pins the last value to `stop`.
        var values = (0..<count).map { Double($0) * step + start }
        if endpoint && count > 1 { values[count - 1] = stop }
        let dtype = try interpreter.numpyDType(bound.optional("dtype") ?? .none) ?? .float64
        return .native(NDArray(tensor: try Tensor(values: values, shape: [count]).to(dtype)))
    },
]

extension Interpreter {
    func numpyFilled(_ name: String, _ arguments: CallArguments, fill: Scalar) throws -> Value {
        let bound = try arguments.bind(name, ["shape", "dtype"])
        let dtype = try numpyDType(bound.optional("dtype") ?? .none) ?? .float64
        return .native(NDArray(tensor: try Factory.full(shape: try numpyShape(try bound.value("shape")), value: fill, dtype: dtype)))
    }

    func numpyFilledLike(_ arguments: CallArguments, fill: Scalar) throws -> Value {
        let bound = try arguments.bind("zeros_like", ["a", "dtype"])
        let like = try numpyArray(try bound.value("a"), dtype: nil)
        let dtype = try numpyDType(bound.optional("dtype") ?? .none) ?? like.dtype
        return .native(NDArray(tensor: try Factory.full(shape: like.shape, value: fill, dtype: dtype)))
    }

    /// `np.arange(stop)`, `np.arange(start, stop, step)`: int64 for integers, else float64.
    func numpyArange(_ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("arange", ["start", "stop", "step", "dtype"])
        var bounds = try ["start", "stop", "step"].compactMap { name -> Scalar? in
            guard let value = bound.optional(name), !value.isNone else { return nil }
            return try numpyArray(value, dtype: nil).item()
        }
        if bounds.count == 1 { bounds.insert(.int(0), at: 0) }
        if bounds.count == 2 { bounds.append(.int(1)) }
        let inferred: DType = bounds.contains(where: \.isFloat) ? .float64 : .int64
        let dtype = try numpyDType(bound.optional("dtype") ?? .none) ?? inferred
        let (start, stop, step) = (bounds[0].doubleValue, bounds[1].doubleValue, bounds[2].doubleValue)
        guard step != 0 else { throw PythonError.zeroDivision("division by zero") }
        let length = ((stop - start) / step).rounded(.up)
        guard !length.isNaN else { throw PythonError.valueError("arange: cannot compute length") }
        // A length past Int.max (`np.arange(1e300)`) is numpy's size error, not a trap here.
        guard length < Double(Int.max) else { throw PythonError.valueError("Maximum allowed size exceeded") }
        let count = Swift.max(0, Int(length))
        // The float values are built in a Swift array first: refused before it is allocated.
        try ensureAllocatable(elements: count)
        guard dtype.isFloatingPoint else {
            guard count > 0 else { return .native(NDArray(tensor: try Tensor.zeros(shape: [0], dtype: dtype))) }
            return .native(NDArray(tensor: try Factory.arange(start: bounds[0], end: bounds[1], step: bounds[2], dtype: dtype)))
        }
        // numpy fills `start + i * delta` with delta = (start + step) - start, not step.
        let delta = (start + step) - start
        let values = (0..<count).map { $0 == 1 ? start + step : start + Double($0) * delta }
        return .native(NDArray(tensor: try Tensor(values: values, shape: [count]).to(dtype)))
    }
}
