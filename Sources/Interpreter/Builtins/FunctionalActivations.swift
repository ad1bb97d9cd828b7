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

extension Interpreter {
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
            ("Hardshrink", "hardshrink", [("lambd", "0.5")]),
            ("Softshrink", "softshrink", [("lambd", "0.5")]),
            ("RReLU", "rrelu", [("lower", "0.125"), ("upper", "0.3333333333333333"), ("inplace", "False")]),
        ]
        // Their forward passes the module's training flag on (RReLU's random slopes).
        let trainingModules: Set<String> = ["RReLU"]
        // Their extra_repr shows the bare value: `Hardshrink(0.5)`.
        let bareValueModules: Set<String> = ["Hardshrink", "Softshrink"]
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
                    if bareValueModules.contains(moduleName), let last = shown.last {
                        shown[shown.count - 1] = String(last.dropFirst(parameter.count + 1))
                    }
                }
                let passesTraining = trainingModules.contains(moduleName)
                return .native(FunctionModule(name: moduleName, description: shown.joined(separator: ", "), trainingBody: { interpreter, input, training in
                    let flag: [(name: String, value: Value)] = passesTraining ? [("training", .bool(training))] : []
                    return try interpreter.call(function, CallArguments([.tensor(input)], keywords: keywords + flag))
                }))
            })
        }
        return members
    }
}
