import Autograd
import TensorEngine

/// `torch.manual_seed` and the random factories, all on the bit-exact generator.
extension Interpreter {
    func defineRandomFunctions(_ define: (String, @escaping Builtin.Body) -> Void) {
        defineDistributionSamplers(define)
        define("manual_seed") { _, arguments in
            let bound = try arguments.bind("manual_seed", ["seed"])
            Generator.default.manualSeed(Int64(try bound.int("seed")))
            return .native(GeneratorObject(Generator.default))
        }
        define("initial_seed") { _, _ in .int(Int64(bitPattern: Generator.default.initialSeed)) }
        define("seed") { _, _ in .int(Int64(bitPattern: Generator.default.seedNondeterministically())) }
        define("Generator") { _, _ in .native(GeneratorObject(Generator())) }
        define("get_rng_state") { _, arguments in
            _ = try arguments.bind("get_rng_state", [])
            return .tensor(try Generator.default.state())
        }
        define("set_rng_state") { _, arguments in
            try Generator.default.setState(try arguments.bind("set_rng_state", ["new_state"]).tensor("new_state"))
            return .none
        }
        for name in ["rand", "randn"] {
            define(name) { interpreter, arguments in
                let bound = try arguments.bind(name, ["size", "*", "generator", "dtype", "device", "requires_grad", "out", "layout"], variadic: true)
                let shape = try bound.shape("size")
                let dtype = try bound.dtype("dtype") ?? defaultFloatDType
                try checkFloating(dtype, name)
                let generator = try interpreter.generator(bound)
                return .tensor(name == "rand" ? try generator.rand(shape: shape, dtype: dtype) : try generator.randn(shape: shape, dtype: dtype))
            }
            define(name + "_like") { interpreter, arguments in
                let bound = try arguments.bind(name + "_like", ["input", "*", "generator", "dtype", "device", "requires_grad"])
                let input = try bound.tensor("input")
                let dtype = try bound.dtype("dtype") ?? input.dtype
                try checkFloating(dtype, name)
                let generator = try interpreter.generator(bound)
                return .tensor(name == "rand" ? try generator.rand(shape: input.shape, dtype: dtype) : try generator.randn(shape: input.shape, dtype: dtype))
            }
        }
        define("randint") { interpreter, arguments in
            let bound = try arguments.bind("randint", ["low", "high", "size", "*", "generator", "dtype", "device", "requires_grad"])
            var low: Int64 = 0
            let high: Int64
            let shape: [Int]
            if bound.values["size"] == nil, let second = bound.values["high"], !(try isIntegerValue(second)) {
                high = Int64(try bound.int("low"))
                shape = try toIntList(second, function: "randint", argument: "size")
            } else if bound.values["high"] == nil {
                throw PythonError.typeError("randint() received an invalid combination of arguments - got (\(bound.values["low"].map { $0.typeName } ?? "")), but expected one of: (int high, tuple of ints size), (int low, int high, tuple of ints size)")
            } else {
                low = Int64(try bound.int("low"))
                high = Int64(try bound.int("high"))
                shape = try bound.shape("size")
            }
            let generator = try interpreter.generator(bound)
            return .tensor(try generator.randint(low: low, high: high, shape: shape, dtype: try bound.dtype("dtype") ?? .int64))
        }
        define("randint_like") { interpreter, arguments in
            let bound = try arguments.bind("randint_like", ["input", "low", "high", "*", "generator", "dtype"])
            let input = try bound.tensor("input")
            var low: Int64 = 0
            var high = Int64(try bound.int("low"))
            if bound.has("high") {
                low = high
                high = Int64(try bound.int("high"))
            }
            return .tensor(try interpreter.generator(bound).randint(low: low, high: high, shape: input.shape, dtype: try bound.dtype("dtype") ?? input.dtype))
        }
        define("randperm") { interpreter, arguments in
            let bound = try arguments.bind("randperm", ["n", "*", "generator", "dtype", "device", "requires_grad"])
            return .tensor(try interpreter.generator(bound).randperm(try bound.int("n"), dtype: try bound.dtype("dtype") ?? .int64))
        }
    }

    /// `torch.normal`, `bernoulli`, `multinomial`: samples shaped by their parameter tensors.
    private func defineDistributionSamplers(_ define: (String, @escaping Builtin.Body) -> Void) {
        define("normal") { interpreter, arguments in
            let bound = try arguments.bind("normal", ["mean", "std", "size", "*", "generator", "dtype", "device", "requires_grad"])
            let generator = try interpreter.generator(bound)
            if case let .tensor(meanTensor)? = bound.values["mean"] {
                let noise = try generator.randn(shape: meanTensor.shape, dtype: meanTensor.dtype.isFloatingPoint ? meanTensor.dtype : defaultFloatDType)
                let scaled = try Autodiff.binary(.multiply, .tensor(noise), try bound.has("std") ? bound.operand("std") : .scalar(.float(1)))
                return .tensor(try Autodiff.binary(.add, .tensor(scaled), .tensor(meanTensor)))
            }
            guard bound.has("size") else {
                if case let .tensor(stdTensor)? = bound.values["std"] {
                    let noise = try generator.randn(shape: stdTensor.shape, dtype: stdTensor.dtype)
                    return .tensor(try Autodiff.binary(.add, .tensor(try Autodiff.binary(.multiply, .tensor(noise), .tensor(stdTensor))), try bound.operand("mean")))
                }
                throw PythonError.typeError("normal() received an invalid combination of arguments: size is required with float mean and std")
            }
            return .tensor(try generator.normal(mean: try bound.double("mean", default: 0), std: try bound.double("std", default: 1),
                                                shape: try bound.shape("size"), dtype: try bound.dtype("dtype") ?? defaultFloatDType))
        }
        define("bernoulli") { interpreter, arguments in
            let bound = try arguments.bind("bernoulli", ["input", "p", "*", "generator"])
            let input = try bound.tensor("input")
            let generator = try interpreter.generator(bound)
            if bound.has("p") {
                let result = try Tensor.zeros(shape: input.shape, dtype: input.dtype)
                try generator.bernoulli_(result, p: try bound.double("p"))
                return .tensor(result)
            }
            return .tensor(try generator.bernoulli(input))
        }
        define("multinomial") { interpreter, arguments in
            let bound = try arguments.bind("multinomial", ["input", "num_samples", "replacement", "*", "generator"])
            return .tensor(try interpreter.generator(bound).multinomial(try bound.tensor("input"), numSamples: try bound.int("num_samples"),
                                                                          replacement: try bound.bool("replacement", default: false)))
        }
    }
}

private func checkFloating(_ dtype: DType, _ name: String) throws {
    guard dtype.isFloatingPoint else {
        let kernel = name == "rand" ? "check_uniform_bounds" : "normal_kernel_cpu"
        throw PythonError(TensorError(.runtimeError, .kernelNotImplemented(kernel: kernel, dtype: dtype)))
    }
}

private func isIntegerValue(_ value: Value) throws -> Bool {
    switch value {
    case .int, .bool: return true
    case let .tensor(tensor): return tensor.count == 1 && !tensor.dtype.isFloatingPoint && tensor.rank == 0
    default: return false
    }
}
