import TensorEngine

/// A numpy ndarray: a view over an engine tensor, so slices, `Tensor.numpy()` and
/// `torch.from_numpy` share memory exactly as they do in numpy and PyTorch.
final class NDArray: NativeObject, NativeSized, NativeSubscriptable, NativeItemAssignable, NativeContainerRepr, NativeTruthValue {
    let tensor: Tensor

    init(tensor: Tensor) { self.tensor = tensor }

    var typeName: String { "ndarray" }
    var count: Int { tensor.rank == 0 ? 0 : tensor.shape[0] }

    func repr() -> String { NumPyArrayPrinting.repr(tensor) }
    func repr(_ interpreter: Interpreter) throws -> String { repr() }
    func str(_ interpreter: Interpreter) throws -> String { NumPyArrayPrinting.str(tensor) }

    func truthValue() throws -> Bool {
        guard tensor.count == 1 else {
            throw PythonError.valueError("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
        }
        return try tensor.item().boolValue
    }

    func iterate() throws -> [Value]? {
        guard tensor.rank > 0 else { throw PythonError.typeError("iteration over a 0-d array") }
        return try tensor.unbind(0).map(numpyResult)
    }

    func item(at index: Value, interpreter: Interpreter) throws -> Value {
        let indices = try interpreter.numpyIndices(index, shape: tensor.shape)
        return numpyResult(try NumPyErrors.reworded({ try tensor.getItem(indices) }, indexingErrors(indices)))
    }

    func setItem(_ index: Value, _ value: Value, interpreter: Interpreter) throws {
        let source = try interpreter.numpyArray(value, dtype: nil)
        let indices = try interpreter.numpyIndices(index, shape: tensor.shape)
        try NumPyErrors.reworded({ try tensor.setItem(indices, value: .tensor(source)) }, indexingErrors(indices))
    }

    private func indexingErrors(_ indices: [TensorIndex]) -> (TensorError) -> PythonError? {
        let counted = indices.filter { if case .newAxis = $0 { false } else if case .ellipsis = $0 { false } else { true } }
        return NumPyErrors.indexing(rank: tensor.rank, indexCount: counted.count)
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "shape": return .tuple(tensor.shape.map { .int(Int64($0)) })
        case "dtype": return .native(NumPyDType(tensor.dtype))
        case "ndim": return .int(Int64(tensor.rank))
        case "size": return .int(Int64(tensor.count))
        case "itemsize": return .int(Int64(tensor.dtype.itemSize))
        case "T": return numpyResult(try tensor.reversedDims())
        default: break
        }
        if let method = arrayMethod(name) {
            return .builtin(Builtin(name, owner: "ndarray") { interpreter, arguments in try method(interpreter, arguments) })
        }
        if let function = numpyMethodFunctions[name] {
            let receiver = Value.native(self)
            return .builtin(Builtin(name, owner: "ndarray") { interpreter, arguments in
                try function(interpreter, arguments.prepending(receiver))
            })
        }
        if name.hasPrefix("__") { return nil }
        throw PythonError.attributeError("'numpy.ndarray' object has no attribute '\(name)'")
    }

    private func arrayMethod(_ name: String) -> Builtin.Body? {
        switch name {
        case "reshape":
            return { interpreter, arguments in
                let shape = arguments.positional.count == 1 ? try interpreter.numpyShape(arguments.positional[0])
                    : try arguments.positional.map { try interpreter.pythonIntValue($0.numpyScalarNumber ?? $0) }
                return numpyResult(try NumPyErrors.reworded({ try self.tensor.reshape(shape) }, NumPyErrors.reshape(count: self.tensor.count, into: shape)))
            }
        case "astype":
            return { interpreter, arguments in
                let dtype = try interpreter.numpyDType(try arguments.bind("astype", ["dtype"]).value("dtype")) ?? .float64
                return numpyResult(try self.tensor.to(dtype).contiguousCopy())
            }
        case "copy", "flatten":
            return { _, _ in numpyResult(try (name == "flatten" ? self.tensor.reshape([self.tensor.count]) : self.tensor).contiguousCopy()) }
        case "ravel": return { _, _ in numpyResult(try self.tensor.reshape([self.tensor.count])) }
        case "sort":
            return { interpreter, arguments in
                let axis = try arguments.bind("sort", ["axis", "kind"]).int("axis", default: -1)
                try self.tensor.setItem([.ellipsis], value: .tensor(try self.tensor.sort(dim: axis, descending: false, stable: true).values))
                return .none
            }
        case "argsort", "transpose", "squeeze":
            let receiver = Value.native(self)
            return { interpreter, arguments in try numpyOrderingFunctions[name]?(interpreter, arguments.prepending(receiver)) ?? .none }
        case "tolist":
            return { interpreter, _ in
                try interpreter.limits.checkNestedList(of: self.tensor)
                return nestedList(self.tensor)
            }
        case "item":
            return { _, _ in
                guard self.tensor.count == 1 else { throw PythonError.valueError("can only convert an array of size 1 to a Python scalar") }
                return scalarValue(try self.tensor.item())
            }
        case "fill":
            return { interpreter, arguments in
                try self.tensor.setItem([.ellipsis], value: .tensor(try interpreter.numpyArray(arguments.positional.first ?? .none, dtype: nil)))
                return .none
            }
        default: return nil
        }
    }
}

extension Tensor {
    /// A copy that owns its memory, as numpy's `copy()` and `astype()` return.
    func contiguousCopy() throws -> Tensor {
        let copy = try Tensor.zeros(shape: shape, dtype: dtype)
        try copy.setItem([.ellipsis], value: .tensor(self))
        return copy
    }
}

extension Interpreter {
    /// A numpy index turned into the engine's: arrays index as tensors, scalars as numbers.
    /// A negative-step slice (`a[::-1]`) becomes a list of positions, so it reads a copy
    /// rather than numpy's view (the engine's views have non-negative strides).
    func numpyIndices(_ index: Value, shape: [Int]) throws -> [TensorIndex] {
        var items = [index]
        var isTuple = false
        if case let .tuple(values) = index { (items, isTuple) = (values, true) }
        var axis: Int? = 0
        for (position, item) in items.enumerated() {
            switch item {
            case let .native(array as NDArray):
                items[position] = .tensor(array.tensor)
                axis = axis.map { $0 + (array.tensor.dtype == .bool ? array.tensor.rank : 1) }
            case let .native(scalar as NumPyScalar):
                items[position] = scalar.pythonValue
                axis = axis.map { $0 + 1 }
            case let .slice(start, stop, step) where ((try? pythonInt(step.numpyScalarNumber ?? step)) ?? 0) < 0:
                guard let current = axis, current < shape.count else { break }
                let positions = (0..<shape[current]).map { Value.int(Int64($0)) }
                items[position] = .list(ListStorage(try sliceItems(positions, start, stop, step)))
                axis = current + 1
            case .none: break
            case .ellipsis: axis = nil
            default: axis = axis.map { $0 + 1 }
            }
        }
        return try tensorIndices(isTuple ? .tuple(items) : items[0], sequences: .asArray)
    }

    /// A shape argument: `3`, `(2, 3)` or `[2, 3]`.
    func numpyShape(_ value: Value) throws -> [Int] {
        switch value {
        case let .tuple(items): return try items.map { try pythonIntValue($0.numpyScalarNumber ?? $0) }
        case let .list(list): return try list.items.map { try pythonIntValue($0.numpyScalarNumber ?? $0) }
        case let .size(sizes): return sizes
        default: return [try pythonIntValue(value.numpyScalarNumber ?? value)]
        }
    }
}

extension NDArray {
    /// `float(a)`, `int(a)`: the value of a 0-d array; numpy 2 refuses every other shape.
    func pythonScalar() throws -> Value {
        guard tensor.rank == 0 else { throw PythonError.typeError("only 0-dimensional arrays can be converted to Python scalars") }
        return scalarValue(try tensor.item())
    }
}
