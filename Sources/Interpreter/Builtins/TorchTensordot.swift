import Autograd
import TensorEngine

/// `torch.tensordot`: its `dims` is read as torch/functional.py reads it (an int n for the
/// last n dims of a against the first n of b, or two lists of dims), then the op runs.
extension Interpreter {
    func defineTensordot(_ define: (String, @escaping Builtin.Body) -> Void) {
        define("tensordot") { interpreter, arguments in
            let bound = try arguments.bind("tensordot", ["a", "b", "dims", "out"])
            let (a, b) = (try bound.tensor("a"), try bound.tensor("b"))
            let (dimsA, dimsB) = try interpreter.tensordotDims(bound.optional("dims") ?? .int(2), a: a, b: b)
            return .tensor(try Autodiff.tensordot(a, b, dimsA: dimsA, dimsB: dimsB))
        }
    }

    private func tensordotDims(_ dims: Value, a: Tensor, b: Tensor) throws -> ([Int], [Int]) {
        let count: Int
        var pair: [Value]?
        if case let .tuple(items) = dims { pair = items }
        if case let .list(list) = dims { pair = list.items }
        switch dims {
        case .tuple, .list:
            let items = pair ?? []
            guard items.count <= 2 else { throw PythonError.valueError("too many values to unpack (expected 2)") }
            guard items.count == 2 else { throw PythonError.valueError("not enough values to unpack (expected 2, got \(items.count))") }
            // Each half must be a sequence: `_VF.tensordot` takes two int lists.
            for (position, item) in items.enumerated() {
                switch item {
                case .tuple, .list: continue
                default:
                    throw PythonError.typeError("tensordot(): argument '\(position == 0 ? "dims_self" : "dims_other")' (position \(position + 3)) must be tuple of ints, not \(item.typeName)")
                }
            }
            return (try toIntList(items[0], function: "tensordot", argument: "dims_self"),
                    try toIntList(items[1], function: "tensordot", argument: "dims_other"))
        case let .tensor(tensor) where tensor.count == 1:
            count = Int(try tensor.item().int64Value)
        case .int, .bool:
            count = try toInt(dims, function: "tensordot", argument: "dims")
        default:
            throw PythonError.runtimeError(
                "tensordot expects dims to be int or tuple[list[int], list[int]] or list[list[int]] containing two lists, but got dims=\(try str(dims))")
        }
        guard count >= 0 else { throw PythonError.runtimeError("tensordot expects dims >= 0, but got dims=\(try str(dims))") }
        guard count <= Swift.min(a.rank, b.rank) else {
            throw PythonError.runtimeError("tensordot expects dims < ndim_a or ndim_b, but got dims=\(try str(dims))")
        }
        return (Array(-count..<0), Array(0..<count))
    }
}
