import Autograd
import TensorEngine

/// A `torch.nn.functional` function body, given its bound arguments.
typealias FunctionalBody = (Interpreter, BoundArguments) throws -> Value

/// Builds builtins from (Python name, signature, body) entries.
func functionalTable(_ entries: [(String, [String], FunctionalBody)]) -> [String: Value] {
    var table: [String: Value] = [:]
    for (name, parameters, body) in entries {
        table[name] = .builtin(Builtin(name) { interpreter, arguments in
            try body(interpreter, try arguments.bind(name, parameters))
        })
    }
    return table
}

/// Writes `result` into `input` when `inplace=True` (F.relu(x, inplace=True)), as PyTorch's
/// in-place activations do; otherwise returns the new tensor.
private func applied(_ result: Tensor, to input: Tensor, _ bound: BoundArguments) throws -> Value {
    guard try bound.bool("inplace", default: false) else { return .tensor(result) }
    try Autodiff.assignResult(input, result)
    return .tensor(input)
}

/// The activation a functional call names, with its keyword arguments read.
private func activationEntries() -> [(String, [String], (BoundArguments) throws -> Activation)] {
    [
        ("leaky_relu", ["input", "negative_slope", "inplace"], { .leakyReLU(negativeSlope: try $0.double("negative_slope", default: 0.01)) }),
        ("elu", ["input", "alpha", "inplace"], { .elu(alpha: try $0.double("alpha", default: 1), scale: 1, inputScale: 1) }),
        ("selu", ["input", "inplace"], { _ in .selu }),
        ("celu", ["input", "alpha", "inplace"], { .celu(alpha: try $0.double("alpha", default: 1)) }),
        ("gelu", ["input", "approximate"], { try geluActivation(try $0.string("approximate", default: "none")) }),
        ("silu", ["input", "inplace"], { _ in .silu }),
        ("mish", ["input", "inplace"], { _ in .mish }),
        ("softplus", ["input", "beta", "threshold"], {
            .softplus(beta: try $0.double("beta", default: 1), threshold: try $0.double("threshold", default: 20))
        }),
        ("logsigmoid", ["input"], { _ in .logSigmoid }),
        ("hardsigmoid", ["input", "inplace"], { _ in .hardsigmoid }),
        ("hardswish", ["input", "inplace"], { _ in .hardswish }),
        ("softsign", ["input"], { _ in .softsign }),
        ("tanhshrink", ["input"], { _ in .tanhshrink }),
    ]
}

private func geluActivation(_ approximate: String) throws -> Activation {
    switch approximate {
    case "none": return .gelu(tanhApproximation: false)
    case "tanh": return .gelu(tanhApproximation: true)
    default: throw PythonError.runtimeError("approximate argument must be either none or tanh.")
    }
}

extension Interpreter {
    /// F.relu, F.gelu, F.softplus, ... (softmax-family entries live in NNModules.swift).
    func functionalActivationMembers() -> [String: Value] {
        var entries: [(String, [String], FunctionalBody)] = []
        for (name, parameters, make) in activationEntries() {
            entries.append((name, parameters, { _, bound in
                let input = try bound.tensor("input")
                return try applied(try Autodiff.activation(input, try make(bound)), to: input, bound)
            }))
        }
        for (name, op) in [("relu", UnaryOp.relu), ("sigmoid", .sigmoid), ("tanh", .tanh)] {
            entries.append((name, ["input", "inplace"], { _, bound in
                let input = try bound.tensor("input")
                if op == .relu, input.dtype == .bool { throw PythonError.notImplemented("Boolean inputs not supported for relu") }
                return try applied(try Autodiff.unary(op, input), to: input, bound)
            }))
        }
        entries.append(("hardtanh", ["input", "min_val", "max_val", "inplace"], { _, bound in
            let input = try bound.tensor("input")
            let result = try Autodiff.hardtanh(input, minimum: try bound.double("min_val", default: -1), maximum: try bound.double("max_val", default: 1))
            return try applied(result, to: input, bound)
        }))
        entries.append(("relu6", ["input", "inplace"], { _, bound in
            let input = try bound.tensor("input")
            return try applied(try Autodiff.hardtanh(input, minimum: 0, maximum: 6), to: input, bound)
        }))
        entries.append(("threshold", ["input", "threshold", "value", "inplace"], { _, bound in
            let input = try bound.tensor("input")
            guard case let .scalar(value) = try bound.operand("value") else {
                throw PythonError.typeError("threshold(): argument 'value' must be Number")
            }
            let limit = try bound.double("threshold")
            let kept = try Autodiff.binary(.greater, .tensor(input), .scalar(.float(limit)))
            let filled = try Autodiff.maskedFill(input, try kept.unary(.logicalNot), .scalar(value))
            return try applied(filled, to: input, bound)
        }))
        return functionalTable(entries)
    }

    /// nn.ReLU, nn.GELU, nn.LeakyReLU, ...: each module calls its functional twin with the
    /// constructor's arguments; the repr shows them as PyTorch's extra_repr does.
    func activationModuleMembers(functional: [String: Value]) -> [String: Value] {
        // (module, functional name, constructor parameters with their default reprs)
        let specs: [(String, String, [(String, String)])] = [
            ("ReLU", "relu", [("inplace", "False")]),
            ("ReLU6", "relu6", [("inplace", "False")]),
            ("Sigmoid", "sigmoid", []),
            ("Tanh", "tanh", []),
            ("LeakyReLU", "leaky_relu", [("negative_slope", "0.01"), ("inplace", "False")]),
            ("ELU", "elu", [("alpha", "1.0"), ("inplace", "False")]),
            ("CELU", "celu", [("alpha", "1.0"), ("inplace", "False")]),
            ("SELU", "selu", [("inplace", "False")]),
            ("GELU", "gelu", [("approximate", "'none'")]),
            ("SiLU", "silu", [("inplace", "False")]),
            ("Mish", "mish", [("inplace", "False")]),
            ("Softplus", "softplus", [("beta", "1.0"), ("threshold", "20.0")]),
            ("Hardtanh", "hardtanh", [("min_val", "-1.0"), ("max_val", "1.0"), ("inplace", "False")]),
            ("LogSigmoid", "logsigmoid", []),
            ("Hardsigmoid", "hardsigmoid", [("inplace", "False")]),
            ("Hardswish", "hardswish", [("inplace", "False")]),
            ("Softsign", "softsign", []),
            ("Tanhshrink", "tanhshrink", []),
            ("Threshold", "threshold", [("threshold", ""), ("value", ""), ("inplace", "False")]),
        ]
        var members: [String: Value] = [:]
        for (moduleName, functionName, parameters) in specs {
            guard let function = functional[functionName] else { continue }
            members[moduleName] = .builtin(Builtin(moduleName) { interpreter, arguments in
                let bound = try arguments.bind(moduleName, parameters.map { $0.0 })
                var keywords: [(name: String, value: Value)] = []
                var shown: [String] = []
                for (parameter, fallback) in parameters {
                    if let value = bound.optional(parameter) {
                        keywords.append((parameter, value))
                        let text = try interpreter.repr(value)
                        if parameter != "inplace" || text == "True" { shown.append("\(parameter)=\(text)") }
                    } else if fallback.isEmpty {
                        _ = try bound.value(parameter)
                    } else if parameter != "inplace" {
                        shown.append("\(parameter)=\(fallback)")
                    }
                }
                return .native(FunctionModule(name: moduleName, description: shown.joined(separator: ", ")) { interpreter, input in
                    try interpreter.call(function, CallArguments([.tensor(input)], keywords: keywords))
                })
            })
        }
        return members
    }
}
