import TensorEngine

extension Interpreter {
    /// `np.asarray(value, dtype=...)`: arrays pass through (cast when asked), Python data is
    /// read with numpy's inference: floats become float64, ints int64, bools bool.
    func numpyArray(_ value: Value, dtype: DType?) throws -> Tensor {
        switch value {
        case let .native(array as NDArray):
            guard let dtype, dtype != array.tensor.dtype else { return array.tensor }
            return try array.tensor.to(dtype)
        case let .tensor(tensor):
            if tensor.requiresGrad {
                throw PythonError.runtimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
            }
            guard let dtype, dtype != tensor.dtype else { return tensor.detach() }
            return try tensor.to(dtype)
        default:
            let inferred = try numpyInferredDType(value)
            return try tensorFromNested(numpyPlainData(value), dtype: dtype ?? inferred)
        }
    }

    /// The dtype numpy discovers for nested Python data.
    private func numpyInferredDType(_ value: Value) throws -> DType {
        switch value {
        case .bool: return .bool
        case .int: return .int64
        case .float: return .float64
        case let .native(array as NDArray): return array.tensor.dtype
        case let .native(scalar as NumPyScalar): return scalar.dtype
        case let .tensor(tensor): return tensor.dtype
        case .list, .tuple, .range:
            let items = try iterate(value)
            guard let first = items.first else { return .float64 }
            return try items.dropFirst().reduce(try numpyInferredDType(first)) { numpyPromote($0, try numpyInferredDType($1)) }
        default:
            throw PythonError.typeError("TensorTutor's numpy subset makes arrays of numbers only, not of '\(value.typeName)'")
        }
    }

    /// Nested data with numpy values replaced by the engine's, for `tensorFromNested`.
    private func numpyPlainData(_ value: Value) throws -> Value {
        switch value {
        case let .native(array as NDArray): return .tensor(array.tensor)
        case let .native(scalar as NumPyScalar): return scalar.pythonValue
        case let .list(list): return .list(ListStorage(try list.items.map(numpyPlainData)))
        case let .tuple(items): return .tuple(try items.map(numpyPlainData))
        case .range: return .list(ListStorage(try iterate(value)))
        default: return value
        }
    }

    /// A `dtype=` argument: `np.float32`, `'float32'`, `float`, `a.dtype`; nil for None.
    func numpyDType(_ value: Value) throws -> DType? {
        switch value {
        case .none: return nil
        case let .native(type as NumPyScalarType): return type.dtype
        case let .native(type as NumPyDType): return type.dtype
        case let .builtin(builtin) where ["float", "int", "bool"].contains(builtin.name):
            return builtin.name == "float" ? .float64 : (builtin.name == "int" ? .int64 : .bool)
        case let .string(name):
            let aliases: [String: DType] = ["float": .float64, "int": .int64, "f8": .float64, "f4": .float32, "i8": .int64, "i4": .int32, "double": .float64]
            if let dtype = aliases[name] ?? DType(rawValue: name), dtype != .bfloat16 { return dtype }
            throw PythonError.typeError("data type '\(name)' not understood")
        default:
            throw PythonError.typeError("Cannot interpret '\(try repr(value))' as a data type")
        }
    }
}

/// numpy's promotion of two array dtypes: an integer meeting a float needs a float wide
/// enough to hold it (int32 with float32 gives float64, unlike PyTorch).
func numpyPromote(_ a: DType, _ b: DType) -> DType {
    if a == b { return a }
    if a == .bool { return b }
    if b == .bool { return a }
    if a.isFloatingPoint != b.isFloatingPoint {
        let (float, integer) = a.isFloatingPoint ? (a, b) : (b, a)
        let neededBits = [DType.int8, .uint8].contains(integer) ? 16 : (integer == .int16 ? 32 : 64)
        let floatBits = float.itemSize * 8
        return neededBits <= floatBits ? float : (neededBits == 32 ? .float32 : .float64)
    }
    return DType.promote(a, b)
}

/// `torch.from_numpy(a)`: a tensor over the array's memory, so writes show through both.
func torchFromNumPy(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
    let value = try arguments.bind("from_numpy", ["ndarray"]).value("ndarray")
    guard case let .native(array as NDArray) = value else {
        throw PythonError.typeError("expected np.ndarray (got \(value.typeName))")
    }
    return .tensor(array.tensor.detach())
}

/// `np.ndarray`, for `isinstance(x, np.ndarray)`.
final class NumPyArrayType: NativeObject, NativeInstanceCheck {
    var typeName: String { "type" }
    func repr() -> String { "<class 'numpy.ndarray'>" }
    func isInstance(_ value: Value, interpreter: Interpreter) throws -> Bool {
        if case .native(is NDArray) = value { return true }
        return false
    }
}
