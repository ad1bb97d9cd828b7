/// Tensor methods that are the torch function of the same name with the tensor as its input
/// (`probs.multinomial(1)`, `p.bernoulli()`, `a.allclose(b)`). The torch functions are bound
/// by hand, so each method calls through to them rather than repeating their binding.
func torchForwardingMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    for name in ["bernoulli", "multinomial", "allclose", "isclose"] {
        table[name] = { interpreter, tensor, arguments in
            guard case let .module(torch)? = interpreter.loadedModule("torch"), let function = torch.members[name] else {
                throw PythonError.attributeError("'Tensor' object has no attribute '\(name)'")
            }
            var forwarded = arguments
            forwarded.positional.insert(.tensor(tensor), at: 0)
            return try interpreter.call(function, forwarded)
        }
    }
    return table
}
