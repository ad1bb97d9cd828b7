import Glibc
import TensorEngine

/// `np.tile`, `np.repeat`, `np.vstack`/`np.hstack`, `np.triu`/`np.tril` and `np.linalg.norm`:
/// what class-incremental evaluation code calls on its predictions and feature vectors, and
/// what older attention code builds its causal masks with.
// Immutable after its one-time initialisation and read-only from then on; its closures
// capture only constants. `nonisolated(unsafe)` states that for Swift 6's checker.
nonisolated(unsafe) let numpyTilingFunctions: [String: Builtin.Body] = [
    "tile": { interpreter, arguments in
        let bound = try arguments.bind("tile", ["A", "reps"])
        let tensor = try interpreter.numpyArray(try bound.value("A"), dtype: nil)
        let repeats = try bound.value("reps")
        var counts = isPythonInt(repeats) ? [Int(try interpreter.pythonInt(repeats))] : try toIntList(repeats, function: "tile", argument: "reps")
        // numpy pads the shorter of shape and reps with leading ones.
        let rank = max(tensor.rank, counts.count)
        counts = Array(repeating: 1, count: rank - counts.count) + counts
        let lifted = try tensor.reshape(Array(repeating: 1, count: rank - tensor.rank) + tensor.shape)
        return numpyResult(try lifted.repeated(counts))
    },
    "repeat": { interpreter, arguments in
        let bound = try arguments.bind("repeat", ["a", "repeats", "axis"])
        var tensor = try interpreter.numpyArray(try bound.value("a"), dtype: nil)
        let count = try bound.int("repeats")
        guard count >= 0 else { throw PythonError.valueError("negative dimensions are not allowed") }
        var axis = 0
        if let given = bound.optional("axis"), !given.isNone {
            axis = try NumPySummation.normalizedAxis(try interpreter.pythonIntValue(given), rank: tensor.rank)
        } else {
            tensor = try tensor.reshape([tensor.count])
        }
        // Each element `count` times in a row: a new axis after `axis`, expanded, then merged.
        var shape = tensor.shape
        let expanded = try tensor.unsqueeze(axis + 1).expand(Array(shape[...axis]) + [count] + Array(shape[(axis + 1)...]))
        shape[axis] *= count
        return numpyResult(try expanded.contiguousCopy().reshape(shape))
    },
    "triu": { interpreter, arguments in try interpreter.numpyTriangle("triu", arguments, upper: true) },
    "tril": { interpreter, arguments in try interpreter.numpyTriangle("tril", arguments, upper: false) },
    "vstack": { interpreter, arguments in
        let tensors = try interpreter.numpyCommonArrays(try interpreter.iterate(try arguments.bind("vstack", ["tup"]).value("tup")))
        return numpyResult(try concatenate(try tensors.map { $0.rank < 2 ? try $0.reshape([1, $0.count]) : $0 }, dim: 0))
    },
    "hstack": { interpreter, arguments in
        let tensors = try interpreter.numpyCommonArrays(try interpreter.iterate(try arguments.bind("hstack", ["tup"]).value("tup")))
        let lifted = try tensors.map { $0.rank == 0 ? try $0.reshape([1]) : $0 }
        return numpyResult(try concatenate(lifted, dim: (lifted.first?.rank ?? 1) == 1 ? 0 : 1))
    },
]

extension Interpreter {
    /// `np.triu(m, k=0)` / `np.tril`: the triangle of the last two axes, in m's dtype. numpy
    /// makes a square matrix of a 1-D array (each row a copy); a 0-d one fails inside its `tri`.
    func numpyTriangle(_ name: String, _ arguments: CallArguments, upper: Bool) throws -> Value {
        let bound = try arguments.bind(name, ["m", "k"])
        var tensor = try numpyArray(try bound.value("m"), dtype: nil)
        guard tensor.rank > 0 else { throw PythonError.typeError("tri() missing 1 required positional argument: 'N'") }
        if tensor.rank == 1 { tensor = try tensor.unsqueeze(0).expand([tensor.count, tensor.count]) }
        return numpyResult(try tensor.triangle(upper: upper, diagonal: try bound.int("k", default: 0)))
    }

    /// `np.linalg.norm(x, ord=None, axis=None, keepdims=False)`: the 2-norm (Frobenius for
    /// a matrix) as numpy sums it, pairwise along an axis; other orders are not in the subset.
    func makeNumPyLinalgModule() -> Value {
        let norm = stdlibFunction("norm") { interpreter, arguments in
            let bound = try arguments.bind("norm", ["x", "ord", "axis", "keepdims"])
            guard bound.optional("ord")?.isNone ?? true else {
                throw PythonError.notImplemented("np.linalg.norm with ord= is not in TensorTutor's numpy subset; only the default 2-norm is")
            }
            var tensor = try interpreter.numpyArray(try bound.value("x"), dtype: nil)
            if !tensor.dtype.isFloatingPoint { tensor = try tensor.to(.float64) }
            let squares = try binary(.multiply, .tensor(tensor), .tensor(tensor))
            let keepDims = try bound.bool("keepdims", default: false)
            let axes: [Int]? = try bound.optional("axis").flatMap { axis in
                axis.isNone ? nil : (isPythonInt(axis) ? [try interpreter.pythonIntValue(axis)] : try toIntList(axis, function: "norm", argument: "axis"))
            }
            if axes == nil, !keepDims {
                // numpy takes sqrt(x.dot(x)) here: BLAS's dot, one running sum in double below
                // 16 elements (its blocked kernel beyond that depends on the CPU). sdot
                // multiplies in float32 and numpy takes the root of its float32 answer.
                if tensor.dtype == .float32 {
                    let total = tensor.doubles().reduce(0.0) { $0 + Double(Float($1) * Float($1)) }
                    return numpyResult(try Tensor(scalar: Double(Float(total).squareRoot())).to(.float32))
                }
                return numpyResult(try Tensor(scalar: tensor.doubles().reduce(0) { $0 + $1 * $1 }.squareRoot()).to(tensor.dtype))
            }
            guard let sum = try NumPySummation.sum(squares, axes: axes, keepDims: keepDims) else {
                throw PythonError.notImplemented("np.linalg.norm over several axes is not in TensorTutor's numpy subset")
            }
            return numpyResult(try sum.unary(.sqrt))
        }
        return .module(Namespace(name: "numpy.linalg", members: ["norm": norm]))
    }
}

/// A Python int (or bool) rather than a sequence.
private func isPythonInt(_ value: Value) -> Bool {
    switch value {
    case .int, .bool: return true
    default: return false
    }
}
