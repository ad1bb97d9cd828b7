/// `torch._foreach_mul_(tensors, scalar)` and its kin: one op over each tensor of a list,
/// as timm's EMA (`_foreach_lerp_`) and hand-written optimizers call them. Each element runs
/// the tensor method of the same name, so values, dtypes and autograd are the method's own.
extension Interpreter {
    func makeForeachMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        let binary = ["add", "sub", "mul", "div", "lerp", "maximum", "minimum", "pow", "clamp_min", "clamp_max", "addcmul", "addcdiv"]
        let unary = ["sqrt", "exp", "log", "abs", "neg", "reciprocal", "sigmoid", "sign", "sin", "cos", "floor", "ceil", "round", "trunc"]
        for name in binary + unary {
            for inPlace in [false, true] {
                let foreachName = "_foreach_\(name)" + (inPlace ? "_" : "")
                members[foreachName] = .builtin(Builtin(foreachName) { interpreter, arguments in
                    try interpreter.foreach(foreachName, method: name + (inPlace ? "_" : ""), arguments, returnsTuple: !inPlace)
                })
            }
        }
        for (name, method) in [("_foreach_zero_", "zero_"), ("_foreach_copy_", "copy_")] {
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                try interpreter.foreach(name, method: method, arguments, returnsTuple: false)
            })
        }
        members["_foreach_norm"] = .builtin(Builtin("_foreach_norm") { interpreter, arguments in
            try interpreter.foreach("_foreach_norm", method: "norm", arguments, returnsTuple: true)
        })
        return members
    }

    /// Splits list arguments element by element and calls `method` on each tensor of the
    /// first list. `scalars=` and `scalar=` become the element's positional operand;
    /// addcmul's and addcdiv's fourth operand is their keyword-only `value`.
    private func foreach(_ name: String, method: String, _ arguments: CallArguments, returnsTuple: Bool) throws -> Value {
        var positional = arguments.positional
        var keywords: [(name: String, value: Value)] = []
        for keyword in arguments.keywords {
            switch keyword.name {
            case "self": positional.insert(keyword.value, at: 0)
            case "scalar", "scalars", "other", "tensors1", "src", "exponent", "ord": positional.append(keyword.value)
            default: keywords.append(keyword)
            }
        }
        guard let first = positional.first else { throw PythonError.typeError("\(name)() missing required argument 'self' (pos 1)") }
        let tensors = try iterate(first)
        guard !tensors.isEmpty else { throw PythonError.runtimeError("Tensor list must have at least one tensor.") }
        var operands = Array(positional.dropFirst())
        if method.hasPrefix("addc"), operands.count == 3 { keywords.append(("value", operands.removeLast())) }
        let lists = try operands.map { operand -> [Value]? in
            switch operand {
            case .list, .tuple: return try iterate(operand)
            default: return nil
            }
        }
        for case let list? in lists + [try keywords.first { $0.name == "value" }.flatMap { keyword -> [Value]? in
            if case .list = keyword.value { return try iterate(keyword.value) }
            return nil
        }] where list.count != tensors.count {
            throw PythonError.runtimeError("Tensor lists must have the same number of tensors, got \(tensors.count) and \(list.count)")
        }
        var results: [Value] = []
        for (index, tensor) in tensors.enumerated() {
            let elementOperands = zip(operands, lists).map { operand, list in list?[index] ?? operand }
            let elementKeywords = try keywords.map { keyword -> (name: String, value: Value) in
                if case .list = keyword.value { return (keyword.name, try iterate(keyword.value)[index]) }
                return keyword
            }
            results.append(try call(try attribute(of: tensor, method), CallArguments(elementOperands, keywords: elementKeywords)))
        }
        // The in-place forms hand back the very list they were given; the others a tuple.
        return returnsTuple ? .tuple(results) : first
    }
}
