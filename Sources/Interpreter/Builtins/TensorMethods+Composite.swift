import Autograd
import TensorEngine

/// Tensor methods PyTorch offers that are short compositions of other methods:
/// each calls the methods it is built from, so it inherits their checks and messages.
func compositeTensorMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    for family in [diagonalMethods(), compositeMathMethods(), indexWriteMethods(), repeatInterleaveMethods(), splitMethods()] { table.merge(family) { first, _ in first } }
    return table
}

/// `diff`, `diag`, `diag_embed`, `trace`: differences and diagonals.
private func diagonalMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["diff"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("diff", ["n", "dim", "prepend", "append"])
        var result = tensor
        let dim = try normalizeDim(try bound.int("dim", default: -1), rank: Swift.max(tensor.rank, 1))
        guard tensor.rank > 0 else { throw PythonError.runtimeError("diff expects input to be at least one-dimensional") }
        for _ in 0..<Swift.max(0, try bound.int("n", default: 1)) {
            let length = Swift.max(0, result.shape[dim] - 1)
            let later = try Autodiff.narrow(result, dim, start: Swift.min(1, result.shape[dim]), length: length)
            let earlier = try Autodiff.narrow(result, dim, start: 0, length: length)
            result = try Autodiff.binary(tensor.dtype == .bool ? .logicalXor : .subtract, .tensor(later), .tensor(earlier))
        }
        return .tensor(result)
    }
    table["diag"] = { interpreter, tensor, arguments in
        let offset = try arguments.bind("diag", ["diagonal"]).int("diagonal", default: 0)
        switch tensor.rank {
        case 1: return .tensor(try Autodiff.diagEmbed(tensor, offset: offset, dim1: 0, dim2: 1))
        case 2: return .tensor(try Autodiff.diagonalCopy(tensor, offset: offset))
        default: throw PythonError.runtimeError("diag(): Supports 1D or 2D tensors. Got \(tensor.rank)D")
        }
    }
    table["diag_embed"] = { _, tensor, arguments in
        let bound = try arguments.bind("diag_embed", ["offset", "dim1", "dim2"])
        return .tensor(try Autodiff.diagEmbed(tensor, offset: try bound.int("offset", default: 0), dim1: try bound.int("dim1", default: -2),
                                              dim2: try bound.int("dim2", default: -1)))
    }
    table["trace"] = { _, tensor, arguments in
        _ = try arguments.bind("trace", [])
        guard tensor.rank == 2 else { throw PythonError.runtimeError("trace: expected a matrix, but got tensor with dim \(tensor.rank)") }
        return .tensor(try Autodiff.trace(tensor))
    }
    return table
}

/// Elementwise compositions: `logit`, `hypot`, `addcmul`, `fmax`, `heaviside`, `dist`.
private func compositeMathMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["hypot"] = { _, tensor, arguments in
        .tensor(try Autodiff.hypot(tensor, try arguments.bind("hypot", ["other"]).operand("other")))
    }
    for (name, op) in [("addcmul", BinaryOp.multiply), ("addcdiv", .divide)] {
        table[name] = { _, tensor, arguments in
            let bound = try arguments.bind(name, ["tensor1", "tensor2", "*", "value"])
            let value = try bound.optional("value").map { try toOperand($0, function: name) } ?? .scalar(.int(1))
            return .tensor(try Autodiff.addcombined(op, tensor, try bound.tensor("tensor1"), try bound.tensor("tensor2"), value: value))
        }
    }
    for (name, largest) in [("fmax", true), ("fmin", false)] {
        table[name] = { _, tensor, arguments in
            .tensor(try Autodiff.nanIgnoringExtreme(largest: largest, tensor, try arguments.bind(name, ["other"]).operand("other")))
        }
    }
    table["heaviside"] = { _, tensor, arguments in
        let values = try arguments.bind("heaviside", ["values"]).tensor("values")
        let result = try GradMode.with(false) {
            let positive = try Autodiff.binary(.greater, .tensor(tensor), .scalar(.int(0))).to(resultType(.tensor(tensor), .tensor(values)))
            return try Autodiff.whereSelect(try Autodiff.binary(.equal, .tensor(tensor), .scalar(.int(0))), .tensor(values), .tensor(positive))
        }
        Autodiff.markDerivativeNotImplemented(result, inputs: [tensor, values], aten: "heaviside")
        return .tensor(result)
    }
    table["equal"] = { _, tensor, arguments in
        let other = try arguments.bind("equal", ["other"]).tensor("other")
        guard tensor.shape == other.shape else { return .bool(false) }
        return .bool(!(try Autodiff.binary(.equal, .tensor(tensor), .tensor(other))).bools().contains(false))
    }
    table["dist"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("dist", ["other", "p"])
        let other = try bound.tensor("other")
        let norm = { (pieces: [Tensor]) throws -> Tensor in
            let difference = try Autodiff.binary(.subtract, .tensor(pieces[0]), .tensor(pieces[1]))
            guard case let .tensor(result) = try interpreter.callTensorMethod(difference, "norm", CallArguments(bound.optional("p").map { [$0] } ?? [])) else {
                throw PythonError.typeError("dist(): norm did not return a tensor")
            }
            return result
        }
        return .tensor(try Autodiff.fused("DistBackward0", over: [tensor, other], saving: [tensor, other], norm))
    }
    return table
}

/// `take`, `index_fill`, `index_put_`: reads and writes at index tensors.
private func indexWriteMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["take"] = { _, tensor, arguments in
        let index = try arguments.bind("take", ["index"]).tensor("index")
        return .tensor(try Autodiff.take(tensor, index))
    }
    table["index_fill"] = { _, tensor, arguments in
        let bound = try arguments.bind("index_fill", ["dim", "index", "value"])
        let fill = try IndexFill(dim: try bound.int("dim"), index: try bound.tensor("index"), value: try bound.operand("value"))
        return .tensor(try Autodiff.writtenCopy(of: tensor, name: fill.nodeName, otherInputs: fill.otherInputs, write: fill.write,
                                                gradients: fill.gradients))
    }
    table["index_fill_"] = { _, tensor, arguments in
        let bound = try arguments.bind("index_fill_", ["dim", "index", "value"])
        let fill = try IndexFill(dim: try bound.int("dim"), index: try bound.tensor("index"), value: try bound.operand("value"))
        try Autodiff.recordedWrite(tensor, name: fill.nodeName, otherInputs: fill.otherInputs, write: fill.write, gradients: fill.gradients)
        return .tensor(tensor)
    }
    table["index_put_"] = { interpreter, tensor, arguments in
        let put = try IndexPut(interpreter, tensor, arguments, name: "index_put_")
        if put.accumulate {
            // The old values keep their gradient; the added values get it at their positions.
            try Autodiff.recordedWrite(tensor, name: "IndexPutBackward0", otherInputs: [put.values.tensorValue], write: put.write, gradients: put.gradients)
        } else if Autodiff.recordsWrite(into: tensor, [put.values.tensorValue]) {
            try Autodiff.setItem(tensor, put.indices, value: put.values)
        } else {
            try tensor.setItem(put.indices, value: put.values)
            tensor.markWrittenInPlace()
        }
        return .tensor(tensor)
    }
    table["index_put"] = { interpreter, tensor, arguments in
        let put = try IndexPut(interpreter, tensor, arguments, name: "index_put")
        return .tensor(try Autodiff.writtenCopy(of: tensor, name: "IndexPutBackward0", otherInputs: [put.values.tensorValue],
                                                write: put.write, gradients: put.gradients))
    }
    return table
}

/// `repeat_interleave`: each element repeated, by one count or a tensor of counts.
private func repeatInterleaveMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["repeat_interleave"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("repeat_interleave", ["repeats", "dim", "*", "output_size"])
        let input = bound.optional("dim").map { $0.isNone } ?? true ? try Autodiff.reshape(tensor, [-1]) : tensor
        let dim = try normalizeDim(try bound.optionalInt("dim") ?? 0, rank: input.rank)
        let size = input.shape[dim]
        let counts: [Int64]
        let repeatsValue = try bound.value("repeats")
        switch repeatsValue {
        case let .tensor(repeats) where repeats.rank > 0:
            guard repeats.count == size else {
                throw PythonError.runtimeError("repeats must have the same size as input along dim, but got repeats.size(0) = \(repeats.count) and input.size(\(dim)) = \(size)")
            }
            counts = try Autodiff.to(repeats, .int64).int64s()
        case let repeats:
            // One count per position along dim, built before anything else is checked.
            try ensureAllocatable(elements: size)
            counts = [Int64](repeating: Int64(try toInt(repeats, function: "repeat_interleave", argument: "repeats")), count: size)
        }
        guard !counts.contains(where: { $0 < 0 }) else { throw PythonError.runtimeError("repeats can not be negative") }
        // The index list is built in Swift before any tensor: refuse totals the budget would.
        let total = try counts.reduce(Int64(0)) { sum, count in
            let (next, overflow) = sum.addingReportingOverflow(count)
            if overflow { throw PythonError("RuntimeError", "repeat_interleave: the output would have more elements than exist") }
            return next
        }
        try ensureAllocatable(elements: Int(total))
        var index: [Int64] = []
        index.reserveCapacity(Int(total))
        for (position, count) in counts.enumerated() {
            if position & 0xFFF == 0 { try interpreter.checkInterrupt() }
            index.append(contentsOf: repeatElement(Int64(position), count: Int(count)))
        }
        let positions = try Tensor(values: index, shape: [index.count])
        // PyTorch gathers with index_select for a tensor of counts, and expands, copies and
        // views for one count (ViewBackward0).
        if case let .tensor(repeats) = repeatsValue, repeats.rank > 0 {
            return .tensor(try Autodiff.indexSelect(input, dim: dim, index: positions))
        }
        let indices = [TensorIndex](repeating: .slice(start: nil, stop: nil, step: nil), count: dim) + [.tensor(positions)]
        return .tensor(try Autodiff.fused("ViewBackward0", over: [input]) { try Autodiff.getItem($0[0], indices) })
    }
    return table
}

/// `unique_consecutive`: pieces whose number depends on the values. (`tensor_split` is in the op table.)
private func splitMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["unique_consecutive"] = { _, tensor, arguments in
        let bound = try arguments.bind("unique_consecutive", ["return_inverse", "return_counts", "dim"])
        // Runs of equal entries (or, with dim, of equal slices along dim), each kept once.
        let dim = try bound.optionalInt("dim").map { try normalizeDim($0, rank: tensor.rank) }
        let source = dim == nil ? try Autodiff.reshape(tensor, [-1]) : tensor
        let axis = dim ?? 0
        let length = source.rank == 0 ? 1 : source.shape[axis]
        let slices = try (0..<length).map { try source.select(axis, $0).scalars() }
        var kept: [Int64] = [], inverse: [Int64] = [], counts: [Int64] = []
        for index in 0..<length {
            if index == 0 || slices[index] != slices[index - 1] {
                kept.append(Int64(index))
                counts.append(0)
            }
            counts[counts.count - 1] += 1
            inverse.append(Int64(kept.count - 1))
        }
        let output = try Autodiff.indexSelect(source, dim: axis, index: try Tensor(values: kept, shape: [kept.count]))
        var results: [Value] = [.tensor(output)]
        if try bound.bool("return_inverse", default: false) {
            results.append(.tensor(try Tensor(values: inverse, shape: dim == nil ? tensor.shape : [length])))
        }
        if try bound.bool("return_counts", default: false) { results.append(.tensor(try Tensor(values: counts, shape: [counts.count]))) }
        return results.count == 1 ? results[0] : .tuple(results)
    }
    return table
}

/// A tensor of zeros one dim larger whose (offset) diagonal holds `tensor`'s last dim.
/// `index_fill(dim, index, value)`: the write, and its gradients as PyTorch's IndexFillBackward
/// nodes give them (a tensor value gets the sum of the gradient at every listed position).
private struct IndexFill {
    let dim: Int
    let index: Tensor
    let value: Operand

    var nodeName: String { value.tensorValue == nil ? "IndexFillBackward0" : "IndexFillBackward1" }
    /// A number value is not an input of the node (IndexFillBackward0 has one edge).
    var otherInputs: [Tensor] { value.tensorValue.map { [$0] } ?? [] }

    func write(_ tensor: Tensor) throws {
        let dim = try normalizeDim(dim, rank: Swift.max(tensor.rank, 1))
        let indices = [TensorIndex](repeating: .slice(start: nil, stop: nil, step: nil), count: dim) + [.tensor(index)]
        try tensor.setItem(indices, value: value)
    }

    func gradients(_ gradient: Tensor) throws -> [Tensor?] {
        let kept = try gradient.clone()
        try IndexFill(dim: dim, index: index, value: .scalar(.int(0))).write(kept)
        guard value.tensorValue != nil else { return [kept] }
        let listed = try gradient.indexSelect(dim: try normalizeDim(dim, rank: Swift.max(gradient.rank, 1)), index: try index.reshape([-1]))
        return [kept, try listed.sum(dims: nil, keepDim: false)]
    }
}

extension Interpreter {
    func callTensorMethod(_ tensor: Tensor, _ name: String, _ arguments: CallArguments) throws -> Value {
        guard let method = tensorMethods[name] else { throw PythonError.attributeError("'Tensor' object has no attribute '\(name)'") }
        return try method(self, tensor, arguments)
    }
}

/// Reductions PyTorch returns in pairs, built from the single reductions (`std_mean` and
/// `var_mean` are in the op table).
func pairedReductionMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["aminmax"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("aminmax", ["*", "dim", "keepdim"])
        var keywords: [(name: String, value: Value)] = []
        if let dim = bound.optional("dim"), !dim.isNone { keywords.append(("dim", dim)) }
        if let keepdim = bound.optional("keepdim") { keywords.append(("keepdim", keepdim)) }
        var extremes = [try interpreter.callTensorMethod(tensor, "amin", CallArguments([], keywords: keywords)),
                        try interpreter.callTensorMethod(tensor, "amax", CallArguments([], keywords: keywords))]
        if case let .tensor(minimum) = extremes[0], case let .tensor(maximum) = extremes[1] {
            extremes = Autodiff.fused("AminmaxBackward0", [minimum, maximum]).map { .tensor($0) }
        }
        return .namedTuple(NamedTuple(typeName: "torch.return_types.aminmax", fields: ["min", "max"], values: extremes))
    }
    table["nanmean"] = { interpreter, tensor, arguments in
        guard tensor.dtype.isFloatingPoint else {
            throw PythonError.runtimeError("nanmean(): expected input to have floating point or complex dtype but got \(tensor.dtype.scalarTypeName)")
        }
        let present = try Autodiff.unary(.isNaN, tensor).unary(.logicalNot)
        let total = try interpreter.callTensorMethod(tensor, "nansum", arguments)
        let count = try interpreter.callTensorMethod(present, "sum", arguments)
        guard case let .tensor(totalTensor) = total, case let .tensor(countTensor) = count else { return total }
        return .tensor(try Autodiff.binary(.divide, .tensor(totalTensor), .tensor(countTensor)))
    }
    return table
}

/// `index_put(indices, values, accumulate)`: one write at the positions a tuple of index
/// tensors picks; with accumulate, repeated positions add up instead of the last winning.
private struct IndexPut {
    let indices: [TensorIndex]
    let values: Operand
    let accumulate: Bool
    private let addends: Tensor

    init(_ interpreter: Interpreter, _ tensor: Tensor, _ arguments: CallArguments, name: String) throws {
        let bound = try arguments.bind(name, ["indices", "values", "accumulate"])
        indices = try interpreter.iterate(try bound.value("indices")).map { value -> TensorIndex in
            guard case let .tensor(index) = value else { throw PythonError.typeError("\(name)(): indices must be a tuple of Tensors") }
            return .tensor(index)
        }
        values = try bound.operand("values")
        accumulate = try bound.optional("accumulate").map { try interpreter.truthy($0) } ?? false
        if case let .tensor(given) = values { try tensor.checkIndexPutSource(indices, given, accumulate: accumulate) }
        switch values {
        case let .tensor(given): addends = try given.to(tensor.dtype)
        case let .scalar(number): addends = try Factory.full(shape: [], value: number, dtype: tensor.dtype)
        }
    }

    func write(_ target: Tensor) throws {
        if accumulate { try target.indexPutAccumulating(indices, values: addends) } else { try target.setItem(indices, value: values) }
    }

    /// The target's gradient passes where nothing was overwritten; the values get theirs.
    func gradients(_ gradient: Tensor) throws -> [Tensor?] {
        var gradTarget = gradient
        if !accumulate {
            gradTarget = try gradient.clone()
            try gradTarget.setItem(indices, value: .scalar(.int(0)))
        }
        return [gradTarget, try gradient.getItem(indices)]
    }
}
