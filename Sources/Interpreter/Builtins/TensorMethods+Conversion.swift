import Autograd
import TensorEngine

/// dtype conversions, `to`, `new_*` constructors and in-place random fills.
func conversionMethods() -> [String: TensorMethod] {
    var table = dtypeMethods()
    for family in [deviceAndConstructorMethods(), randomFillMethods()] { table.merge(family) { first, _ in first } }
    return table
}

/// `float()`, `long()`, `to(dtype)`, `type(...)`: the same values in another dtype.
private func dtypeMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    let casts: [String: DType] = [
        "float": .float32, "double": .float64, "long": .int64, "int": .int32, "short": .int16,
        "char": .int8, "byte": .uint8, "bool": .bool, "half": .float16, "bfloat16": .bfloat16,
    ]
    for (name, dtype) in casts {
        table[name] = { _, tensor, arguments in
            _ = try arguments.bind(name, ["memory_format"])
            return .tensor(try Autodiff.to(tensor, dtype))
        }
    }
    for name in ["cfloat", "cdouble"] {
        table[name] = { _, _, _ in
            throw PythonError("NotImplementedError", "TensorTutor's engine has no complex dtypes; it supports float16, bfloat16, float32, float64, int64, int32, int16, int8, uint8 and bool")
        }
    }
    table["to"] = { interpreter, tensor, arguments in
        var result = tensor
        var copy = false
        for (name, value) in arguments.keywords {
            switch name {
            case "dtype": if case let .dtype(dtype) = value { result = try Autodiff.to(result, dtype) }
            case "copy": copy = try interpreter.truthy(value)
            case "device", "non_blocking", "memory_format": try checkDevice(value)
            default: throw PythonError.typeError("to() got an unexpected keyword argument '\(name)'")
            }
        }
        for value in arguments.positional {
            switch value {
            case let .dtype(dtype): result = try Autodiff.to(result, dtype)
            case let .tensor(other): result = try Autodiff.to(result, other.dtype)
            case .bool: break
            default: try checkDevice(value)
            }
        }
        if copy && result === tensor { result = try Autodiff.clone(tensor) }
        return .tensor(result)
    }
    table["type"] = { _, tensor, arguments in
        let bound = try arguments.bind("type", ["dtype", "non_blocking"])
        if let legacy = bound.optional("dtype").flatMap(LegacyTensorType.dtype(namedBy:)) { return .tensor(try Autodiff.to(tensor, legacy)) }
        guard let dtype = try bound.dtype("dtype") else { return .string(tensor.legacyTypeName) }
        return .tensor(try Autodiff.to(tensor, dtype))
    }
    table["type_as"] = { _, tensor, arguments in
        .tensor(try Autodiff.to(tensor, try arguments.bind("type_as", ["other"]).tensor("other").dtype))
    }
    return table
}

/// Devices, numpy, backward and the `new_full`/`new_tensor` constructors.
private func deviceAndConstructorMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["cpu"] = { _, tensor, _ in .tensor(tensor) }
    // The legacy `x.new(2, 3)` / `x.new([1, 2])`: torch.FloatTensor's constructor, in x's dtype.
    table["new"] = { interpreter, tensor, arguments in try interpreter.legacyConstruct(arguments, dtype: tensor.dtype, name: "new") }
    table["cuda"] = { _, _, _ in
        throw PythonError.runtimeError(
            "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx")
    }
    // `t.__repr__()` and `t.__str__()` spelled out: the text `repr(t)` and `str(t)` give.
    table["__repr__"] = { interpreter, tensor, _ in .string(interpreter.tensorRepr(tensor)) }
    table["__str__"] = { interpreter, tensor, _ in .string(interpreter.tensorRepr(tensor)) }
    table["numpy"] = { interpreter, tensor, _ in .native(NDArray(tensor: try interpreter.numpyArray(.tensor(tensor), dtype: nil))) }
    table["backward"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("backward", ["gradient", "retain_graph", "create_graph", "inputs"])
        let retain = try bound.optional("retain_graph").map { try interpreter.truthy($0) } ?? false
        try interpreter.refuseHigherOrderGradients(bound, in: "backward")
        if interpreter.isObserved { interpreter.observer?.willRunBackward(from: [tensor]) }
        let inputs = try bound.optional("inputs").map { try interpreter.tensorList($0, function: "backward") }
        try BackwardEngine.backward([tensor], gradients: [try bound.optionalTensor("gradient")], retainGraph: retain, inputs: inputs)
        return .none
    }
    table["new_full"] = { _, tensor, arguments in
        let bound = try arguments.bind("new_full", ["size", "fill_value", "*", "dtype", "device", "requires_grad"])
        let dtype = try bound.dtype("dtype") ?? tensor.dtype
        let value = try bound.fillOperand("fill_value", dtype: dtype)
        guard case let .scalar(scalar) = value else { throw PythonError.typeError("new_full(): fill_value must be a number") }
        return .tensor(try Factory.full(shape: try bound.shape("size"), value: scalar, dtype: dtype))
    }
    table["new_tensor"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("new_tensor", ["data", "*", "dtype", "device", "requires_grad"])
        return .tensor(try interpreter.tensorFromNested(try bound.value("data"), dtype: try bound.dtype("dtype") ?? tensor.dtype))
    }
    return table
}

/// `normal_`, `uniform_`, `bernoulli_`, `exponential_`: in-place samples from the generator.
private func randomFillMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["uniform_"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("uniform_", ["from", "to", "*", "generator"])
        let generator = try interpreter.generator(bound), low = try bound.double("from", default: 0), high = try bound.double("to", default: 1)
        try Autodiff.overwrite(tensor, name: "UniformBackward0") { try generator.uniform_($0, from: low, to: high) }
        return .tensor(tensor)
    }
    table["normal_"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("normal_", ["mean", "std", "*", "generator"])
        let generator = try interpreter.generator(bound), mean = try bound.double("mean", default: 0), std = try bound.double("std", default: 1)
        try Autodiff.overwrite(tensor, name: "NormalBackward0") { try generator.normal_($0, mean: mean, std: std) }
        return .tensor(tensor)
    }
    table["bernoulli_"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("bernoulli_", ["p", "*", "generator"])
        let generator = try interpreter.generator(bound)
        if case let .tensor(probabilities)? = bound.values["p"] {
            try Autodiff.overwrite(tensor, name: "BernoulliBackward1", parameters: [probabilities]) { try generator.bernoulli_($0, probabilities: probabilities) }
        } else {
            let p = try bound.double("p", default: 0.5)
            try Autodiff.overwrite(tensor, name: "BernoulliBackward2") { try generator.bernoulli_($0, p: p) }
        }
        return .tensor(tensor)
    }
    table["exponential_"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("exponential_", ["lambd", "*", "generator"])
        let generator = try interpreter.generator(bound), lambda = try bound.double("lambd", default: 1)
        try Autodiff.overwrite(tensor, name: "ExponentialBackward0") { try generator.exponential_($0, lambda: lambda) }
        return .tensor(tensor)
    }
    table.merge(scalarRandomFillMethods()) { first, _ in first }
    return table
}

/// `log_normal_`, `cauchy_`, `geometric_`, `random_`: the fills PyTorch draws element by element.
private func scalarRandomFillMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["log_normal_"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("log_normal_", ["mean", "std", "*", "generator"])
        let generator = try interpreter.generator(bound), mean = try bound.double("mean", default: 1), std = try bound.double("std", default: 2)
        try Autodiff.overwrite(tensor, name: "LogNormalBackward0") { try generator.logNormal_($0, mean: mean, std: std) }
        return .tensor(tensor)
    }
    table["cauchy_"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("cauchy_", ["median", "sigma", "*", "generator"])
        let generator = try interpreter.generator(bound), median = try bound.double("median", default: 0), sigma = try bound.double("sigma", default: 1)
        try Autodiff.overwrite(tensor, name: "CauchyBackward0") { try generator.cauchy_($0, median: median, sigma: sigma) }
        return .tensor(tensor)
    }
    table["geometric_"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("geometric_", ["p", "*", "generator"])
        let generator = try interpreter.generator(bound), p = try bound.double("p")
        try Autodiff.overwrite(tensor, name: "GeometricBackward0") { try generator.geometric_($0, p: p) }
        return .tensor(tensor)
    }
    table["random_"] = { interpreter, tensor, arguments in
        // PyTorch's overloads: random_(), random_(to), random_(from, to).
        let parameters = arguments.positional.count >= 2 || arguments.keywords.contains { $0.name == "from" } ? ["from", "to"] : ["to"]
        let bound = try arguments.bind("random_", parameters + ["*", "generator"])
        let generator = try interpreter.generator(bound)
        if parameters == ["to"], bound.optional("to") == nil {
            try Autodiff.overwrite(tensor, name: "RandomBackward2") { try generator.random_($0) }
            return .tensor(tensor)
        }
        let from = Int64(try bound.int("from", default: 0)), to = try bound.optionalInt("to").map(Int64.init)
        var warnings: [String] = []
        try Autodiff.overwrite(tensor, name: parameters == ["to"] ? "RandomBackward1" : "RandomBackward0") {
            warnings = try generator.random_($0, from: from, to: to)
        }
        warnings.forEach { interpreter.warn($0) }
        return .tensor(tensor)
    }
    return table
}

private func checkDevice(_ value: Value) throws {
    switch value {
    case let .string(name):
        let deviceType = name.split(separator: ":", maxSplits: 1).first.map(String.init) ?? name
        if deviceType == "cuda" {
            throw PythonError.runtimeError(
                "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx")
        }
        if deviceType == "mps" { throw PythonError.runtimeError("PyTorch is not linked with support for mps devices") }
        if deviceType != "cpu" && deviceType != "meta" {
            throw PythonError.runtimeError(
                "Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone device type at start of device string: \(name)")
        }
    case .native(let object) where object is Device: break
    case .none, .bool: break
    default: throw PythonError.typeError("to() received an invalid combination of arguments")
    }
}

extension Interpreter {
    /// The generator a random function should use: `generator=` or the global one.
    func generator(_ bound: BoundArguments) throws -> Generator {
        guard let value = bound.optional("generator") else { return Generator.default }
        guard case let .native(object as GeneratorObject) = value else {
            throw PythonError.typeError("\(bound.function)(): argument 'generator' must be torch.Generator, not \(value.typeName)")
        }
        return object.generator
    }
}

/// softmax-family methods on tensors.
func softmaxTensorMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    for name in ["softmax", "log_softmax"] {
        table[name] = { _, tensor, arguments in
            let bound = try arguments.bind(name, ["dim", "dtype"])
            let dim = try bound.int("dim")
            let dtype = try bound.dtype("dtype")
            return .tensor(name == "softmax" ? try Autodiff.softmax(tensor, dim: dim, dtype: dtype) : try Autodiff.logSoftmax(tensor, dim: dim, dtype: dtype))
        }
    }
    return table
}
