import TensorEngine

/// Functions over several arrays: joining, selecting, comparing.
// Immutable after its one-time initialisation and read-only from then on; its closures
// capture only constants. `nonisolated(unsafe)` states that for Swift 6's checker.
nonisolated(unsafe) let numpyCombiningFunctions: [String: Builtin.Body] = [
    "concatenate": { interpreter, arguments in
        let bound = try arguments.bind("concatenate", ["arrays", "axis"])
        let tensors = try interpreter.numpyCommonArrays(try interpreter.iterate(try bound.value("arrays")))
        // axis defaults to 0; axis=None joins the flattened arrays.
        if let axis = bound.values["axis"], axis.isNone {
            return numpyResult(try concatenate(try tensors.map { try $0.reshape([$0.count]) }, dim: 0))
        }
        return numpyResult(try concatenate(tensors, dim: try bound.int("axis", default: 0)))
    },
    "stack": { interpreter, arguments in
        let bound = try arguments.bind("stack", ["arrays", "axis"])
        let tensors = try interpreter.numpyCommonArrays(try interpreter.iterate(try bound.value("arrays")))
        return numpyResult(try stack(tensors, dim: try bound.int("axis", default: 0)))
    },
    "where": { interpreter, arguments in
        let bound = try arguments.bind("where", ["condition", "x", "y"])
        let condition = try interpreter.numpyArray(try bound.value("condition"), dtype: nil)
        guard let x = bound.optional("x"), let y = bound.optional("y") else {
            // One argument: the indices of the true elements along each axis.
            let positions = try (condition.dtype == .bool ? condition : try binary(.notEqual, .tensor(condition), .scalar(.int(0)))).nonzero()
            return .tuple(try (0..<condition.rank).map { numpyResult(try positions.select(1, $0).contiguousCopy()) })
        }
        let branches = try interpreter.numpyCommonArrays([x, y])
        let selector = condition.dtype == .bool ? condition : try binary(.notEqual, .tensor(condition), .scalar(.int(0)))
        return numpyResult(try whereSelect(selector, .tensor(branches[0]), .tensor(branches[1])))
    },
    "unique": { interpreter, arguments in
        let bound = try arguments.bind("unique", ["ar", "return_index", "return_inverse", "return_counts", "axis"])
        let tensor = try interpreter.numpyArray(try bound.value("ar"), dtype: nil)
        let counts = try bound.bool("return_counts", default: false)
        let result = try tensor.reshape([tensor.count]).unique(sorted: true, returnInverse: false, returnCounts: counts, dim: nil)
        guard counts, let tally = result.counts else { return numpyResult(result.values) }
        return .tuple([numpyResult(result.values), numpyResult(tally)])
    },
    "allclose": { interpreter, arguments in
        let bound = try arguments.bind("allclose", ["a", "b", "rtol", "atol", "equal_nan"])
        let pair = try interpreter.numpyCommonArrays([try bound.value("a"), try bound.value("b")]).map { try $0.to(.float64) }
        let relative = try bound.double("rtol", default: 1e-05)
        let absolute = try bound.double("atol", default: 1e-08)
        let difference = try binary(.subtract, .tensor(pair[0]), .tensor(pair[1])).unary(.abs)
        let tolerance = try binary(.add, .scalar(.float(absolute)), .tensor(try binary(.multiply, .scalar(.float(relative)), .tensor(try pair[1].unary(.abs)))))
        return .bool(try binary(.lessEqual, .tensor(difference), .tensor(tolerance)).all(dims: nil, keepDim: false).item().boolValue)
    },
    "maximum": { interpreter, arguments in try interpreter.numpyElementwise(.maximum, "maximum", arguments) },
    "minimum": { interpreter, arguments in try interpreter.numpyElementwise(.minimum, "minimum", arguments) },
    "logical_and": { interpreter, arguments in try interpreter.numpyElementwise(.logicalAnd, "logical_and", arguments) },
    "logical_or": { interpreter, arguments in try interpreter.numpyElementwise(.logicalOr, "logical_or", arguments) },
    "logical_xor": { interpreter, arguments in try interpreter.numpyElementwise(.logicalXor, "logical_xor", arguments) },
    "logical_not": { interpreter, arguments in
        numpyResult(try interpreter.numpyArray(try arguments.bind("logical_not", ["x"]).value("x"), dtype: nil).unary(.logicalNot))
    },
    "delete": { interpreter, arguments in
        let bound = try arguments.bind("delete", ["arr", "obj", "axis"])
        var array = try interpreter.numpyArray(try bound.value("arr"), dtype: nil)
        let axisValue = bound.optional("axis") ?? .none
        if axisValue.isNone { array = try array.reshape([array.count]) }
        let rank = array.rank
        let given = axisValue.isNone ? 0 : try bound.int("axis")
        guard given >= -rank && given < rank else {
            throw PythonError("AxisError", "axis \(given) is out of bounds for array of dimension \(rank)")
        }
        let axis = given < 0 ? given + rank : given
        let size = array.shape[axis]
        let removed = try interpreter.numpyDeletedPositions(try bound.value("obj"), size: size, axis: axis)
        let kept = (0..<size).filter { !removed.contains($0) }
        let index = try Tensor(values: kept.map(Int64.init), shape: [kept.count])
        return numpyResult(try array.indexSelect(dim: axis, index: index).contiguousCopy())
    },
    "dot": { interpreter, arguments in
        let bound = try arguments.bind("dot", ["a", "b"])
        return try interpreter.numpyBinary(.matrixMultiply, try bound.value("a"), try bound.value("b")) ?? .none
    },
]

extension Interpreter {
    /// Arrays converted to the dtype numpy promotes them all to, for joining.
    func numpyCommonArrays(_ values: [Value]) throws -> [Tensor] {
        let tensors = try values.map { try numpyArray($0, dtype: nil) }
        guard let first = tensors.first else { throw PythonError.valueError("need at least one array to concatenate") }
        let dtype = tensors.dropFirst().reduce(first.dtype) { numpyPromote($0, $1.dtype) }
        return try tensors.map { $0.dtype == dtype ? $0 : try $0.to(dtype) }
    }

    func numpyElementwise(_ op: BinaryOp, _ name: String, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind(name, ["x1", "x2"])
        let pair = try numpyCommonArrays([try bound.value("x1"), try bound.value("x2")])
        return numpyResult(try binary(op, .tensor(pair[0]), .tensor(pair[1])))
    }

    /// The positions `np.delete` removes along an axis of `size`: an index (negative counts
    /// from the end), a slice, a boolean mask, or a sequence of indices.
    func numpyDeletedPositions(_ object: Value, size: Int, axis: Int) throws -> Set<Int> {
        if case let .slice(start, stop, step) = object {
            return Set(try sliceElements(Array(0..<size), start, stop, step))
        }
        let positions = try numpyArray(object, dtype: nil)
        if positions.dtype == .bool {
            guard positions.rank == 1, positions.count == size else {
                throw PythonError.valueError("boolean array argument obj to delete must be one dimensional and match the axis length of \(size)")
            }
            return Set(positions.doubles().enumerated().compactMap { $0.element != 0 ? $0.offset : nil })
        }
        guard !positions.dtype.isFloatingPoint || positions.count == 0 else {
            throw PythonError("IndexError", "arrays used as indices must be of integer (or boolean) type")
        }
        return Set(try positions.doubles().map { value -> Int in
            let position = Int(value)
            guard position >= -size && position < size else {
                throw PythonError("IndexError", "index \(position) is out of bounds for axis \(axis) with size \(size)")
            }
            return position < 0 ? position + size : position
        })
    }
}
