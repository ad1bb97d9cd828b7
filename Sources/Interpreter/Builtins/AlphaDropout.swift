import Autograd
import Ops

/// `F.alpha_dropout`, `F.feature_alpha_dropout` and their modules `nn.AlphaDropout` and
/// `nn.FeatureAlphaDropout`. As in functional.py, the `F.` function checks p's range in
/// Python, then calls the ATen op of the table (`torch.alpha_dropout(input, p, train)`, or
/// its `_` form for inplace=True), whose own argument errors and checks then apply.
extension Interpreter {
    private static let alphaDropouts = [("alpha_dropout", "AlphaDropout"), ("feature_alpha_dropout", "FeatureAlphaDropout")]

    func functionalAlphaDropoutMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for (name, _) in Self.alphaDropouts {
            // Named by its qualified spelling: Explain then reads F's signature, not the ATen op's.
            members[name] = .builtin(Builtin("torch.nn.functional." + name) { interpreter, arguments in
                let bound = try arguments.bind(name, ["input", "p", "training", "inplace"])
                _ = try interpreter.dropoutProbability(bound)
                let inplace = try bound.bool("inplace", default: false)
                return try interpreter.callATenDropout(inplace ? name + "_" : name, try bound.value("input"),
                                                       p: bound.optional("p") ?? .float(0.5), train: bound.values["training"] ?? .bool(false))
            })
        }
        return members
    }

    /// The modules ignore their `inplace` flag in forward, as PyTorch's do.
    func alphaDropoutModuleMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for (function, className) in Self.alphaDropouts {
            members[className] = .builtin(Builtin(className) { interpreter, arguments in
                let options = try interpreter.dropoutModuleOptions(arguments)
                return .native(FunctionModule(name: className, description: options.description) { interpreter, input, training in
                    try interpreter.callATenDropout(function, .tensor(input), p: options.p, train: .bool(training))
                })
            })
        }
        return members
    }

    private func callATenDropout(_ name: String, _ input: Value, p: Value, train: Value) throws -> Value {
        guard let entry = OpTable.byQualifiedName["torch." + name] else { throw PythonError.attributeError("no torch.\(name)") }
        return try callOp(entry, receiver: nil, CallArguments([input, p, train]))
    }
}
