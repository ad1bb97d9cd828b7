import Autograd
import Ops
import TensorEngine

/// `torch` factories bound by hand (their entries in `Sources/Ops/Table/Creation.swift` give
/// signature and doc), and the joins over lists of tensors that the op table lacks.
extension Interpreter {
    func defineFactories(_ define: (String, @escaping Builtin.Body) -> Void) {
        defineDataFactories(define)
        defineFilledFactories(define)
        defineJoins(define)
    }

    /// `tensor`, `as_tensor`, `arange`, `linspace`: tensors from Python data or ranges.
    private func defineDataFactories(_ define: (String, @escaping Builtin.Body) -> Void) {
        define("tensor") { interpreter, arguments in
            let bound = try arguments.bind("tensor", ["data", "*", "dtype", "device", "requires_grad", "pin_memory"])
            let data = try bound.value("data")
            if case let .tensor(tensor) = data {
                interpreter.warn("To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor).")
                // A copy cut from the graph, as `detach().clone()` would make.
                return .tensor(try tensor.detach().clone().to(try bound.dtype("dtype") ?? tensor.dtype))
            }
            if case let .native(array as NDArray) = data { return .tensor(try array.tensor.contiguousCopy().to(try bound.dtype("dtype") ?? array.tensor.dtype)) }
            return .tensor(try interpreter.tensorFromNested(data, dtype: try bound.dtype("dtype")))
        }
        define("as_tensor") { interpreter, arguments in
            let bound = try arguments.bind("as_tensor", ["data", "dtype", "device"])
            if case let .tensor(tensor) = try bound.value("data") { return .tensor(try Autodiff.to(tensor, try bound.dtype("dtype") ?? tensor.dtype)) }
            if case let .native(array as NDArray) = try bound.value("data") { return .tensor(try array.tensor.detach().to(try bound.dtype("dtype") ?? array.tensor.dtype)) }
            return .tensor(try interpreter.tensorFromNested(try bound.value("data"), dtype: try bound.dtype("dtype")))
        }
        define("arange") { _, arguments in
            let bound = try arguments.bind("arange", ["start", "end", "step", "*", "dtype", "device", "requires_grad"])
            func scalar(_ name: String) throws -> Scalar? {
                guard let value = bound.optional(name) else { return nil }
                switch value {
                case let .int(number): return .int(number)
                case let .float(number): return .float(number)
                case let .bool(flag): return .int(flag ? 1 : 0)
                case let .tensor(tensor) where tensor.count == 1: return try tensor.item()
                case let .native(big as BigIntObject): return .float(Double(try unsignedScalar(big.value)))
                default: throw PythonError.typeError("arange(): argument '\(name)' must be Number, not \(value.typeName)")
                }
            }
            var start = try scalar("start") ?? .int(0)
            var end = try scalar("end")
            if end == nil { end = start; start = .int(0) }
            // A big int is an unsigned 64-bit scalar, which an integer arange (all other
            // bounds ints, no float dtype) must convert to int64 and cannot.
            let bounds = ["start", "end", "step"].compactMap { bound.optional($0) }
            if bounds.contains(where: \.isBigInt), !bounds.contains(where: { if case .float = $0 { true } else { false } }),
               try bound.dtype("dtype")?.isFloatingPoint != true {
                throw PythonError.runtimeError("value cannot be converted to type int64_t without overflow")
            }
            return .tensor(try Factory.arange(start: start, end: end ?? .int(0), step: try scalar("step") ?? .int(1), dtype: try bound.dtype("dtype")))
        }
        define("linspace") { _, arguments in
            let bound = try arguments.bind("linspace", ["start", "end", "steps", "*", "dtype", "device", "requires_grad"])
            // linspace has a Tensor and a Number overload, so a missing `steps` is no one
            // overload's error.
            guard bound.has("steps") else { throw arguments.invalidCombination("linspace") }
            return .tensor(try Factory.linspace(start: try bound.double("start"), end: try bound.double("end"), steps: try bound.int("steps"), dtype: try bound.dtype("dtype")))
        }
    }

    /// `zeros`, `ones`, `empty`, `full` and their `_like` forms, and `eye`.
    private func defineFilledFactories(_ define: (String, @escaping Builtin.Body) -> Void) {
        for (name, fill) in [("zeros", Scalar.int(0)), ("ones", Scalar.int(1)), ("empty", Scalar.int(0))] {
            define(name) { _, arguments in
                let bound = try arguments.bind(name, ["size", "*", "dtype", "device", "requires_grad", "layout", "out", "pin_memory", "memory_format"], variadic: true)
                if name == "zeros", try bound.shape("size").contains(where: { $0 < 0 }) {
                    throw PythonError.runtimeError("zeros: Dimension size must be non-negative.")
                }
                return .tensor(try Factory.full(shape: try bound.shape("size"), value: fill, dtype: try bound.dtype("dtype") ?? defaultFloatDType))
            }
            define(name + "_like") { _, arguments in
                let bound = try arguments.bind(name + "_like", ["input", "*", "dtype", "device", "requires_grad", "layout", "memory_format"])
                let input = try bound.tensor("input")
                return .tensor(try Factory.full(shape: input.shape, value: fill, dtype: try bound.dtype("dtype") ?? input.dtype))
            }
        }
        define("full") { _, arguments in
            let bound = try arguments.bind("full", ["size", "fill_value", "*", "dtype", "device", "requires_grad"])
            let dtype = try bound.dtype("dtype")
            // A big int infers int64, which cannot hold it: PyTorch's overflow error.
            guard case let .scalar(value) = try bound.fillOperand("fill_value", dtype: dtype ?? .int64) else {
                throw PythonError.typeError("full(): argument 'fill_value' must be Number")
            }
            return .tensor(try Factory.full(shape: try bound.shape("size"), value: value, dtype: dtype))
        }
        define("full_like") { _, arguments in
            let bound = try arguments.bind("full_like", ["input", "fill_value", "*", "dtype", "device", "requires_grad"])
            let input = try bound.tensor("input")
            let dtype = try bound.dtype("dtype") ?? input.dtype
            guard case let .scalar(value) = try bound.fillOperand("fill_value", dtype: dtype) else {
                throw PythonError.typeError("full_like(): argument 'fill_value' must be Number")
            }
            return .tensor(try Factory.full(shape: input.shape, value: value, dtype: dtype))
        }
        define("eye") { _, arguments in
            let bound = try arguments.bind("eye", ["n", "m", "*", "dtype", "device", "requires_grad"])
            return .tensor(try Factory.eye(rows: try bound.int("n"), columns: try bound.optionalInt("m"), dtype: try bound.dtype("dtype")))
        }
    }

    /// `einsum` over a list of tensors. (`cat`, `stack`, `hstack` and their kin and
    /// `meshgrid` come from the op table.)
    private func defineJoins(_ define: (String, @escaping Builtin.Body) -> Void) {
        define("einsum") { interpreter, arguments in
            guard case let .string(equation)? = arguments.positional.first else {
                throw PythonError.typeError("einsum(): argument 'equation' must be str")
            }
            var operands = Array(arguments.positional.dropFirst())
            if operands.count == 1, case .tensor = operands[0] {} else if operands.count == 1 { operands = try interpreter.iterate(operands[0]) }
            return .tensor(try Autodiff.einsum(equation, try operands.map { try interpreter.tensorArgument($0, function: "einsum") }))
        }
    }
}
