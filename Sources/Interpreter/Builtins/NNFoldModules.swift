import Ops

/// `nn.Unfold` and `nn.Fold`: each keeps its constructor's sizes as given (an int or a
/// tuple, which its repr prints so) and calls `F.unfold` / `F.fold` with them.
extension Interpreter {
    func foldModuleMembers() -> [String: Value] {
        let sizes = ["kernel_size", "dilation", "padding", "stride"]
        return [
            "Unfold": blockModule("Unfold", function: "unfold", parameters: sizes),
            "Fold": blockModule("Fold", function: "fold", parameters: ["output_size"] + sizes),
        ]
    }

    private func blockModule(_ name: String, function: String, parameters: [String]) -> Value {
        let defaults: [String: Value] = ["dilation": .int(1), "padding": .int(0), "stride": .int(1)]
        return .builtin(Builtin(name) { interpreter, arguments in
            let bound = try arguments.bind(name + ".__init__", parameters)
            let settings = try parameters.map { parameter in
                (name: parameter, value: try bound.optional(parameter) ?? defaults[parameter] ?? bound.value(parameter))
            }
            let description = try settings.map { "\($0.name)=\(try interpreter.repr($0.value))" }.joined(separator: ", ")
            guard let entry = OpTable.byQualifiedName["torch.nn.functional." + function] else {
                throw PythonError.attributeError("no F.\(function)")
            }
            return .native(FunctionModule(name: name, description: description) { interpreter, input in
                try interpreter.callOp(entry, receiver: nil, CallArguments([.tensor(input)], keywords: settings))
            })
        })
    }
}
