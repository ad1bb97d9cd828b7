import Autograd
import TensorEngine

/// Reductions, sorting and products as tensor methods.
func reductionMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    func valuesAndIndices(_ name: String, _ pair: (values: Tensor, indices: Tensor)) -> Value {
        .namedTuple(NamedTuple(typeName: "torch.return_types.\(name)", fields: ["values", "indices"],
                               values: [.tensor(pair.values), .tensor(pair.indices)]))
    }
    table["sum"] = { _, tensor, arguments in
        let bound = try arguments.bind("sum", ["dim", "keepdim", "*", "dtype"])
        return .tensor(try Autodiff.sum(tensor, dims: try bound.dims("dim"), keepDim: try bound.bool("keepdim", default: false), dtype: try bound.dtype("dtype")))
    }
    table["nansum"] = { [sum = table["sum"]] interpreter, tensor, arguments in
        // NaNs count as zero.
        let input = tensor.dtype.isFloatingPoint
            ? try Autodiff.whereSelect(try Autodiff.unary(.isNaN, tensor), .scalar(.int(0)), .tensor(tensor)) : tensor
        guard let sum else { throw PythonError.attributeError("'Tensor' object has no attribute 'nansum'") }
        return try sum(interpreter, input, arguments)
    }
    table["mean"] = { _, tensor, arguments in
        let bound = try arguments.bind("mean", ["dim", "keepdim", "*", "dtype"])
        return .tensor(try Autodiff.mean(tensor, dims: try bound.dims("dim"), keepDim: try bound.bool("keepdim", default: false), dtype: try bound.dtype("dtype")))
    }
    table["prod"] = { _, tensor, arguments in
        let bound = try arguments.bind("prod", ["dim", "keepdim", "*", "dtype"])
        return .tensor(try Autodiff.prod(tensor, dim: try bound.optionalInt("dim"), keepDim: try bound.bool("keepdim", default: false), dtype: try bound.dtype("dtype")))
    }
    for name in ["std", "var"] {
        table[name] = { _, tensor, arguments in
            var arguments = arguments
            // `x.std(False)` passes `unbiased` positionally.
            if case .bool? = arguments.positional.first {
                arguments.keywords.append(("unbiased", arguments.positional.removeFirst()))
            }
            let bound = try arguments.bind(name, ["dim", "unbiased", "keepdim", "*", "correction"])
            var correction = try bound.bool("unbiased", default: true) ? 1.0 : 0.0
            if let explicit = bound.optional("correction") { correction = try toDouble(explicit, function: name, argument: "correction") }
            let dims = try bound.dims("dim")
            let keepDim = try bound.bool("keepdim", default: false)
            return .tensor(name == "std"
                ? try Autodiff.standardDeviation(tensor, dims: dims, correction: correction, keepDim: keepDim)
                : try Autodiff.variance(tensor, dims: dims, correction: correction, keepDim: keepDim))
        }
    }
    table["norm"] = { _, tensor, arguments in
        let bound = try arguments.bind("norm", ["p", "dim", "keepdim", "dtype"])
        var p = 2.0
        if let value = bound.optional("p") {
            switch value {
            case let .string(text):
                guard text == "fro" else { throw PythonError.runtimeError("norm(): unsupported norm type '\(text)'") }
            default: p = try toDouble(value, function: "norm", argument: "p")
            }
        }
        return .tensor(try Autodiff.norm(tensor, p: p, dims: try bound.dims("dim"), keepDim: try bound.bool("keepdim", default: false)))
    }
    table["logsumexp"] = { _, tensor, arguments in
        let bound = try arguments.bind("logsumexp", ["dim", "keepdim"])
        return .tensor(try Autodiff.logSumExp(tensor, dims: try bound.dims("dim") ?? [], keepDim: try bound.bool("keepdim", default: false)))
    }
    for name in ["max", "min"] {
        table[name] = { _, tensor, arguments in
            let bound = try arguments.bind(name, ["dim", "keepdim"])
            if case let .tensor(other)? = bound.values["dim"] {
                return .tensor(try Autodiff.binary(name == "max" ? .maximum : .minimum, .tensor(tensor), .tensor(other)))
            }
            guard let dim = try bound.optionalInt("dim") else {
                return .tensor(try Autodiff.extreme(tensor, largest: name == "max"))
            }
            let keepDim = try bound.bool("keepdim", default: false)
            return valuesAndIndices(name, try Autodiff.selectingReduction(name == "max" ? "MaxBackward0" : "MinBackward0", tensor, dim: dim, keepDim: keepDim) {
                name == "max" ? try $0.max(dim: dim, keepDim: keepDim) : try $0.min(dim: dim, keepDim: keepDim)
            })
        }
    }
    for name in ["argmax", "argmin"] {
        table[name] = { _, tensor, arguments in
            let bound = try arguments.bind(name, ["dim", "keepdim"])
            let dim = try bound.optionalInt("dim")
            let keepDim = try bound.bool("keepdim", default: false)
            return .tensor(name == "argmax" ? try tensor.argmax(dim: dim, keepDim: keepDim) : try tensor.argmin(dim: dim, keepDim: keepDim))
        }
    }
    for name in ["amax", "amin"] {
        table[name] = { _, tensor, arguments in
            let bound = try arguments.bind(name, ["dim", "keepdim"])
            let dims = try bound.dims("dim") ?? []
            let keepDim = try bound.bool("keepdim", default: false)
            return .tensor(try Autodiff.amax(tensor, dims: dims, keepDim: keepDim, largest: name == "amax"))
        }
    }
    for name in ["any", "all"] {
        table[name] = { _, tensor, arguments in
            let bound = try arguments.bind(name, ["dim", "keepdim"])
            let dims = try bound.dims("dim")
            let keepDim = try bound.bool("keepdim", default: false)
            return .tensor(name == "any" ? try tensor.any(dims: dims, keepDim: keepDim) : try tensor.all(dims: dims, keepDim: keepDim))
        }
    }
    table["count_nonzero"] = { _, tensor, arguments in
        .tensor(try tensor.countNonzero(dims: try arguments.bind("count_nonzero", ["dim"]).dims("dim")))
    }
    table["median"] = { _, tensor, arguments in
        let bound = try arguments.bind("median", ["dim", "keepdim"])
        guard let dim = try bound.optionalInt("dim") else { return .tensor(try Autodiff.median(tensor)) }
        let keepDim = try bound.bool("keepdim", default: false)
        return valuesAndIndices("median", try Autodiff.selectingReduction("MedianBackward1", tensor, dim: dim, keepDim: keepDim) {
            try $0.median(dim: dim, keepDim: keepDim)
        })
    }
    table["cumsum"] = { _, tensor, arguments in
        let bound = try arguments.bind("cumsum", ["dim", "*", "dtype"])
        return .tensor(try Autodiff.cumsum(tensor, dim: try bound.int("dim"), dtype: try bound.dtype("dtype")))
    }
    table["cumprod"] = { _, tensor, arguments in
        let bound = try arguments.bind("cumprod", ["dim", "*", "dtype"])
        return .tensor(try tensor.cumprod(dim: try bound.int("dim"), dtype: try bound.dtype("dtype")))
    }
    table["topk"] = { _, tensor, arguments in
        let bound = try arguments.bind("topk", ["k", "dim", "largest", "sorted"])
        let (k, dim) = (try bound.int("k"), try bound.int("dim", default: -1))
        let (largest, sorted) = (try bound.bool("largest", default: true), try bound.bool("sorted", default: true))
        return valuesAndIndices("topk", try Autodiff.selectingReduction("TopkBackward0", tensor, dim: dim, keepDim: true) {
            try $0.topk(k, dim: dim, largest: largest, sorted: sorted)
        })
    }
    table["sort"] = { _, tensor, arguments in
        let bound = try arguments.bind("sort", ["dim", "descending", "*", "stable"])
        let (dim, descending) = (try bound.int("dim", default: -1), try bound.bool("descending", default: false))
        let stable = try bound.bool("stable", default: false)
        return valuesAndIndices("sort", try Autodiff.selectingReduction("SortBackward0", tensor, dim: dim, keepDim: true) {
            try $0.sort(dim: dim, descending: descending, stable: stable)
        })
    }
    table["argsort"] = { _, tensor, arguments in
        let bound = try arguments.bind("argsort", ["dim", "descending", "*", "stable"])
        return .tensor(try tensor.argsort(dim: try bound.int("dim", default: -1), descending: try bound.bool("descending", default: false),
                                          stable: try bound.bool("stable", default: false)))
    }
    table["unique"] = { _, tensor, arguments in
        let bound = try arguments.bind("unique", ["sorted", "return_inverse", "return_counts", "dim"])
        let returnInverse = try bound.bool("return_inverse", default: false)
        let returnCounts = try bound.bool("return_counts", default: false)
        let result = try tensor.unique(sorted: try bound.bool("sorted", default: true), returnInverse: returnInverse,
                                       returnCounts: returnCounts, dim: try bound.optionalInt("dim"))
        if !returnInverse && !returnCounts { return .tensor(result.values) }
        var items: [Value] = [.tensor(result.values)]
        if let inverse = result.inverse, returnInverse { items.append(.tensor(inverse)) }
        if let counts = result.counts, returnCounts { items.append(.tensor(counts)) }
        return .tuple(items)
    }
    table["nonzero"] = { _, tensor, arguments in
        let asTuple = try arguments.bind("nonzero", ["*", "as_tuple"]).bool("as_tuple", default: false)
        let indices = try tensor.nonzero()
        guard asTuple else { return .tensor(indices) }
        if tensor.rank == 0 { return .tuple([.tensor(try Autodiff.select(indices, 1, 0))]) }
        return .tuple(try (0..<tensor.rank).map { .tensor(try Autodiff.select(indices, 1, $0).contiguous()) })
    }
    table["argwhere"] = { _, tensor, _ in .tensor(try tensor.nonzero()) }
    let products: [String: (Tensor, Tensor) throws -> Tensor] = [
        "matmul": { try Autodiff.matmul($0, $1) }, "mm": { try Autodiff.mm($0, $1) }, "bmm": { try Autodiff.bmm($0, $1) },
        "dot": { $0.rank == 1 && $1.rank == 1 && $0.count == $1.count && $0.dtype == $1.dtype ? try Autodiff.matmul($0, $1) : try $0.dot($1) },
        "inner": innerProduct, "outer": { try Autodiff.outer($0, $1) }, "ger": { try Autodiff.outer($0, $1) },
        "mv": { $0.rank == 2 && $1.rank == 1 && $0.shape[1] == $1.count && $0.dtype == $1.dtype ? try Autodiff.matmul($0, $1) : try $0.mv($1) },
    ]
    for (name, product) in products {
        let parameter = name == "mv" ? "vec" : (name == "outer" || name == "ger" ? "vec2" : (name == "bmm" || name == "mm" ? "mat2" : (name == "dot" ? "tensor" : "other")))
        table[name] = { _, tensor, arguments in
            .tensor(try product(tensor, try arguments.bind(name, [parameter]).tensor(parameter)))
        }
    }
    return table
}

/// `torch.inner`: sums over the last dim of both, for any ranks (a 0-dim operand scales).
private func innerProduct(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    if a.rank == 0 || b.rank == 0 { return try Autodiff.binary(.multiply, .tensor(a), .tensor(b)) }
    guard a.shape.last == b.shape.last else {
        throw TensorError.runtime("inner() the last dimension must match on both input tensors but got shapes \(formatShape(a.shape)) and \(formatShape(b.shape))")
    }
    if a.rank == 1 && b.rank == 1 { return try Autodiff.matmul(a, b) }
    let width = a.shape[a.rank - 1]
    let rows = try Autodiff.reshape(a, [-1, width]), columns = try Autodiff.reshape(b, [-1, width])
    let product = try Autodiff.mm(rows, try Autodiff.t(columns))
    return try Autodiff.reshape(product, Array(a.shape.dropLast()) + Array(b.shape.dropLast()))
}
