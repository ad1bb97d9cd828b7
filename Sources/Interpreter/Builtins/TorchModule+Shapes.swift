import Glibc
import Autograd
import TensorEngine

/// `torch` functions about shapes and index grids, and the legacy typed constructors
/// (`torch.LongTensor([1, 2])`).
extension Interpreter {
    func defineShapeHelpers(_ define: (String, @escaping Builtin.Body) -> Void) {
        define("broadcast_shapes") { interpreter, arguments in
            let shapes = try arguments.positional.map { value -> [Int] in
                if case let .int(size) = value { return [Int(size)] }
                return try toIntList(value, function: "broadcast_shapes", argument: "shapes")
            }
            guard let shape = try? broadcastShapes(shapes) else {
                throw PythonError.runtimeError("Shape mismatch: objects cannot be broadcast to a single shape.")
            }
            return .size(shape)
        }
        define("broadcast_tensors") { interpreter, arguments in
            let tensors = try interpreter.tensorList(arguments.positional, function: "broadcast_tensors")
            let shape = try broadcastShapes(tensors.map(\.shape))
            return .tuple(try tensors.map { .tensor(try $0.expand(shape)) })
        }
        for (name, rank) in [("atleast_1d", 1), ("atleast_2d", 2), ("atleast_3d", 3)] {
            define(name) { interpreter, arguments in
                let tensors = try interpreter.tensorList(arguments.positional, function: name)
                let results = try tensors.map { Value.tensor(try Autodiff.atLeast($0, rank: rank)) }
                if arguments.positional.count == 1, case .tensor = arguments.positional[0] { return results[0] }
                return .tuple(results)
            }
        }
        define("logspace") { _, arguments in
            let bound = try arguments.bind("logspace", ["start", "end", "steps", "base", "*", "dtype", "device", "requires_grad"])
            let exponents = try Factory.linspace(start: try bound.double("start"), end: try bound.double("end"),
                                                 steps: try bound.int("steps"), dtype: .float64)
            let base = try bound.double("base", default: 10)
            let values = exponents.doubles().map { Glibc.pow(base, $0) }
            return .tensor(try Tensor(values: values, shape: [values.count]).to(try bound.dtype("dtype") ?? defaultFloatDType))
        }
        for (name, upper) in [("triu_indices", true), ("tril_indices", false)] {
            define(name) { _, arguments in
                let bound = try arguments.bind(name, ["row", "col", "offset", "*", "dtype", "device", "layout"])
                let rows = try bound.int("row"), columns = try bound.int("col"), offset = try bound.int("offset", default: 0)
                guard rows >= 0, columns >= 0 else { throw PythonError.runtimeError("row must be non-negative, got\(rows)") }
                let (rowIndices, columnIndices) = try triangleIndices(rows: rows, columns: columns, offset: offset, upper: upper)
                return .tensor(try Tensor(values: rowIndices + columnIndices, shape: [2, rowIndices.count]).to(try bound.dtype("dtype") ?? .int64))
            }
        }
        define("cartesian_prod") { interpreter, arguments in
            let tensors = try interpreter.tensorList(arguments.positional, function: "cartesian_prod")
            if tensors.count == 1 { return .tensor(tensors[0]) }
            guard tensors.count > 1 else { throw PythonError.runtimeError("cartesian_prod expects at least one tensor") }
            let grids = try Factory.meshgrid(tensors, indexing: "ij")
            return .tensor(try Autodiff.stack(try grids.map { try $0.reshape([-1]) }, dim: 1))
        }
        define("scalar_tensor") { _, arguments in
            let bound = try arguments.bind("scalar_tensor", ["s", "*", "dtype", "device", "requires_grad"])
            let value = try toDouble(try bound.value("s"), function: "scalar_tensor", argument: "s")
            return .tensor(try Tensor(values: [value], shape: []).to(try bound.dtype("dtype") ?? defaultFloatDType))
        }
    }

    /// `torch.FloatTensor(data)` copies nested data; `torch.FloatTensor(2, 3)` makes a tensor of that shape.
    func legacyConstruct(_ arguments: CallArguments, dtype: DType, name: String) throws -> Value {
        let positional = arguments.positional
        if positional.isEmpty { return .tensor(try Tensor.zeros(shape: [0], dtype: dtype)) }
        if positional.allSatisfy({ if case .int = $0 { true } else { false } }) {
            let shape = try positional.map { Int(try pythonInt($0)) }
            if let negative = shape.first(where: { $0 < 0 }) {
                throw PythonError.runtimeError("Trying to create tensor with negative dimension \(negative): \(formatShape(shape))")
            }
            return .tensor(try Tensor.zeros(shape: shape, dtype: dtype))
        }
        if positional.count == 1, case let .size(shape) = positional[0] { return .tensor(try Tensor.zeros(shape: shape, dtype: dtype)) }
        if positional.count == 1, case let .tensor(tensor) = positional[0] { return .tensor(try Autodiff.to(tensor, dtype)) }
        guard positional.count == 1 else { throw PythonError.typeError("new() received an invalid combination of arguments") }
        return .tensor(try tensorFromNested(positional[0], dtype: dtype))
    }

    /// The tensors of a call written either `f(a, b)` or `f([a, b])`.
    func tensorList(_ values: [Value], function: String) throws -> [Tensor] {
        var items = values
        if values.count == 1, case .list = values[0] { items = try iterate(values[0]) }
        if values.count == 1, case .tuple = values[0] { items = try iterate(values[0]) }
        return try items.map { value in
            guard case let .tensor(tensor) = value else {
                throw PythonError.typeError("\(function)(): expected Tensor as element, but got \(value.typeName)")
            }
            return tensor
        }
    }
}

/// The (row, column) pairs of `triu_indices`/`tril_indices`. Only rows that hold an
/// entry are visited, and the total is checked against the memory budget first, so
/// `tril_indices(10**18, 3)` is an error rather than a loop over 10**18 rows.
private func triangleIndices(rows: Int, columns: Int, offset: Int, upper: Bool) throws -> ([Int64], [Int64]) {
    /// Columns `[first, last)` of `row` that are in the triangle.
    func span(_ row: Int) -> (first: Int, last: Int) {
        let (diagonal, overflow) = row.addingReportingOverflow(offset)
        let boundary = overflow ? (offset > 0 ? Int.max : Int.min) : diagonal
        if upper { return (min(max(boundary, 0), columns), columns) }
        return (0, boundary >= columns - 1 ? columns : max(boundary + 1, 0))
    }
    // Rows past `columns - offset` (upper) or past `columns - offset - 1` (lower) all
    // look alike, so the total needs at most `columns + 2` distinct rows.
    // Lower triangles start at the first row that reaches column 0: row -offset.
    let lowerStart = upper || offset >= 0 ? 0 : (offset <= -rows ? rows : -offset)
    var total = 0
    var row = lowerStart
    while row < rows {
        let (first, last) = span(row)
        if last - first == (upper ? 0 : columns) || row - lowerStart > columns + 1 {
            let remaining = rows - row
            let (tail, overflow) = remaining.multipliedReportingOverflow(by: last - first)
            let (sum, overflowSum) = total.addingReportingOverflow(tail)
            if overflow || overflowSum { throw PythonError("RuntimeError", "this would allocate more memory than exists") }
            total = sum
            break
        }
        total += last - first
        row += 1
    }
    try ensureAllocatable(elements: total, itemSize: 16)
    var rowIndices: [Int64] = [], columnIndices: [Int64] = []
    rowIndices.reserveCapacity(total)
    columnIndices.reserveCapacity(total)
    row = lowerStart
    while row < rows && rowIndices.count < total {
        let (first, last) = span(row)
        if upper && first == last { break }
        for column in first..<last {
            rowIndices.append(Int64(row))
            columnIndices.append(Int64(column))
        }
        row += 1
    }
    return (rowIndices, columnIndices)
}
