import Autograd
import TensorEngine

/// Tensor methods not yet in the op table: nonzero and the products.
/// (Reductions and sorting are declared in the op table, `Sources/Ops/Table`.)
func reductionMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
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
