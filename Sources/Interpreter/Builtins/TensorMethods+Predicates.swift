import Autograd
import TensorEngine

/// Questions real code asks of a tensor (`is_complex()`, `is_nonzero()`), the conjugation
/// no-ops of real tensors, and small helpers: `msort`, `hsplit`/`vsplit`/`dsplit`,
/// `split_with_sizes`, `sum_to_size`, `isposinf`/`isneginf` and `fill_diagonal_`.
func predicateMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    func flag(_ name: String, _ body: @escaping (Tensor) -> Bool) {
        table[name] = { _, tensor, arguments in
            _ = try arguments.bind(name, [])
            return .bool(body(tensor))
        }
    }
    // TensorTutor has no complex dtypes, so conjugation never does anything.
    flag("is_complex") { _ in false }
    flag("is_conj") { _ in false }
    flag("is_neg") { _ in false }
    flag("is_signed") { $0.dtype != .bool && $0.dtype != .uint8 }
    for name in ["conj", "resolve_conj", "resolve_neg"] {
        table[name] = { _, tensor, arguments in
            _ = try arguments.bind(name, [])
            return .tensor(tensor)
        }
    }
    table["is_nonzero"] = { _, tensor, arguments in
        _ = try arguments.bind("is_nonzero", [])
        guard tensor.count == 1 else {
            throw PythonError.runtimeError("Boolean value of Tensor with \(tensor.count == 0 ? "no values" : "more than one value") is ambiguous")
        }
        return .bool(try tensor.item().doubleValue != 0)
    }
    table["get_device"] = { _, _, arguments in
        _ = try arguments.bind("get_device", [])
        return .int(-1)  // PyTorch's answer for a CPU tensor
    }
    table["is_same_size"] = { _, tensor, arguments in
        .bool(try arguments.bind("is_same_size", ["other"]).tensor("other").shape == tensor.shape)
    }
    table["isreal"] = { _, tensor, arguments in
        _ = try arguments.bind("isreal", [])
        return .tensor(try Factory.full(shape: tensor.shape, value: .bool(true), dtype: .bool))
    }
    for (name, sign) in [("isposinf", 1.0), ("isneginf", -1.0)] {
        table[name] = { _, tensor, arguments in
            _ = try arguments.bind(name, [])
            guard tensor.dtype.isFloatingPoint else { return .tensor(try Tensor.zeros(shape: tensor.shape, dtype: .bool)) }
            return .tensor(try Autodiff.binary(.equal, .tensor(tensor), .scalar(.float(sign * .infinity))))
        }
    }
    table["fill_diagonal_"] = { _, tensor, arguments in
        let bound = try arguments.bind("fill_diagonal_", ["fill_value", "wrap"])
        let value: Scalar = switch try bound.fillOperand("fill_value", dtype: tensor.dtype) {
        case let .scalar(scalar): scalar
        case let .tensor(source): try source.item()
        }
        try Autodiff.fillDiagonal(tensor, value, wrap: try bound.bool("wrap", default: false))
        return .tensor(tensor)
    }
    table.merge(splittingHelperMethods()) { first, _ in first }
    return table
}

/// numpy-style splits (`hsplit`, `vsplit`, `dsplit`), `split_with_sizes`, `msort` and
/// `sum_to_size`, each written with the ops they are made of.
private func splittingHelperMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    for (name, minimumRank, dim) in [("hsplit", 1, 1), ("vsplit", 2, 0), ("dsplit", 3, 2)] {
        table[name] = { interpreter, tensor, arguments in
            let sections = try arguments.bind(name, ["indices_or_sections"]).value("indices_or_sections")
            guard tensor.rank >= minimumRank else {
                throw PythonError.runtimeError("torch.\(name) requires a tensor with at least \(minimumRank) dimension, but got a tensor with \(tensor.rank) dimensions!")
            }
            let axis = name == "hsplit" && tensor.rank == 1 ? 0 : dim
            if case let .int(count) = sections, count > 0, tensor.shape[axis] % Int(count) != 0 {
                throw PythonError.runtimeError("torch.\(name) attempted to split along dimension \(axis), but the size of the dimension \(tensor.shape[axis]) is not divisible by the split_size \(count)!")
            }
            return try interpreter.callTensorMethod(tensor, "tensor_split", CallArguments([sections], keywords: [("dim", .int(Int64(axis)))]))
        }
    }
    table["split_with_sizes"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("split_with_sizes", ["split_sizes", "dim"])
        let dim = bound.optional("dim") ?? .int(0)
        return try interpreter.callTensorMethod(tensor, "split", CallArguments([try bound.value("split_sizes"), dim]))
    }
    table["msort"] = { interpreter, tensor, arguments in
        _ = try arguments.bind("msort", [])
        let sorted = try interpreter.callTensorMethod(tensor, "sort", CallArguments([.int(0)]))
        return try interpreter.attribute(of: sorted, "values")
    }
    table["sum_to_size"] = { _, tensor, arguments in
        let size = try arguments.bind("sum_to_size", ["size"], variadic: true).shape("size")
        return .tensor(try Autodiff.sumToSize(tensor, size))
    }
    return table
}
