import TensorEngine

/// Sorting, the median and the shape helpers: functions that reorder or reshape without
/// arithmetic.
// Immutable after its one-time initialisation and read-only from then on; its closures
// capture only constants. `nonisolated(unsafe)` states that for Swift 6's checker.
nonisolated(unsafe) let numpyOrderingFunctions: [String: Builtin.Body] = [
    "sort": { interpreter, arguments in
        let bound = try arguments.bind("sort", ["a", "axis", "kind"])
        let tensor = try interpreter.numpyArray(try bound.value("a"), dtype: nil)
        // No axis sorts the last one; axis=None sorts the flattened array.
        let axisValue = bound.values["axis"]
        if let axisValue, axisValue.isNone {
            return numpyResult(try tensor.reshape([tensor.count]).sort(dim: 0, descending: false, stable: true).values)
        }
        let axis = try axisValue.map { try interpreter.pythonIntValue($0) } ?? -1
        return numpyResult(try tensor.sort(dim: axis, descending: false, stable: true).values.contiguousCopy())
    },
    "argsort": { interpreter, arguments in
        let bound = try arguments.bind("argsort", ["a", "axis", "kind"])
        let tensor = try interpreter.numpyArray(try bound.value("a"), dtype: nil)
        return numpyResult(try tensor.argsort(dim: try bound.int("axis", default: -1), descending: false, stable: true))
    },
    "median": { interpreter, arguments in
        let bound = try arguments.bind("median", ["a", "axis"])
        var tensor = try interpreter.numpyArray(try bound.value("a"), dtype: nil)
        if !tensor.dtype.isFloatingPoint { tensor = try tensor.to(.float64) }
        let axis = try bound.optionalInt("axis")
        let source = axis == nil ? try tensor.reshape([tensor.count]) : tensor
        let dim = try NumPySummation.normalizedAxis(axis ?? 0, rank: source.rank)
        let sorted = try source.sort(dim: dim, descending: false, stable: true).values
        let length = source.shape[dim]
        guard length > 0 else { return numpyResult(try Tensor.zeros(shape: [], dtype: tensor.dtype).filled(with: .float(.nan))) }
        // numpy averages the two middle values of an even count: (a + b) / 2.
        let upper = try sorted.select(dim, length / 2)
        guard length % 2 == 0 else { return numpyResult(upper) }
        let pair = try binary(.add, .tensor(try sorted.select(dim, length / 2 - 1)), .tensor(upper))
        return numpyResult(try binary(.divide, .tensor(pair), .scalar(.float(2))))
    },
    "eye": { interpreter, arguments in
        let bound = try arguments.bind("eye", ["N", "M", "k", "dtype"])
        let dtype = try interpreter.numpyDType(bound.optional("dtype") ?? .none) ?? .float64
        return numpyResult(try Factory.eye(rows: try bound.int("N"), columns: try bound.optionalInt("M"), dtype: dtype))
    },
    "transpose": { interpreter, arguments in
        // The method also takes the axes one by one: `a.transpose(2, 0, 1)`.
        var arguments = arguments
        if arguments.positional.count > 2 { arguments.positional = [arguments.positional[0], .tuple(Array(arguments.positional.dropFirst()))] }
        let bound = try arguments.bind("transpose", ["a", "axes"])
        let tensor = try interpreter.numpyArray(try bound.value("a"), dtype: nil)
        guard let axes = bound.optional("axes"), !axes.isNone else { return numpyResult(try tensor.reversedDims()) }
        return numpyResult(try tensor.permute(try interpreter.numpyShape(axes)))
    },
    "expand_dims": { interpreter, arguments in
        let bound = try arguments.bind("expand_dims", ["a", "axis"])
        return numpyResult(try interpreter.numpyArray(try bound.value("a"), dtype: nil).unsqueeze(try bound.int("axis")))
    },
    "squeeze": { interpreter, arguments in
        let bound = try arguments.bind("squeeze", ["a", "axis"])
        let tensor = try interpreter.numpyArray(try bound.value("a"), dtype: nil)
        return numpyResult(try tensor.squeeze(try bound.optional("axis").flatMap { $0.isNone ? nil : try interpreter.numpyShape($0) }))
    },
]
