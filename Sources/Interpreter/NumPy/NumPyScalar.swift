import TensorEngine

/// numpy's names for the engine's dtypes (`float64`, `int32`, `bool`).
func numpyName(_ dtype: DType) -> String { dtype.rawValue }

/// A numpy scalar: `np.float64(0.5)`. It prints as numpy prints it but behaves as the
/// Python number it holds wherever Python code uses numbers (np.float64 subclasses float).
final class NumPyScalar: NativeObject, NativeContainerRepr, NativeTruthValue {
    let value: Scalar
    let dtype: DType

    init(_ value: Scalar, dtype: DType) {
        self.dtype = dtype
        if dtype == .bool {
            self.value = .bool(value.boolValue)
        } else if dtype.isFloatingPoint {
            self.value = .float(dtype == .float64 ? value.doubleValue : Double(Float(value.doubleValue)))
        } else {
            self.value = .int(value.int64Value)
        }
    }

    var typeName: String { numpyName(dtype) }
    var pythonValue: Value { scalarValue(value) }

    /// `str(np.float64(0.5))` is `0.5`: the Python repr of the number, in the scalar's own precision.
    var str: String {
        switch value {
        case let .bool(flag): return flag ? "True" : "False"
        case let .int(number): return String(number)
        case let .float(number): return dtype == .float64 ? pythonFloatRepr(number) : numpyFloat32Repr(number)
        }
    }

    func repr() -> String {
        if case let .bool(flag) = value { return flag ? "np.True_" : "np.False_" }
        return "np.\(numpyName(dtype))(\(str))"
    }

    func repr(_ interpreter: Interpreter) throws -> String { repr() }
    func str(_ interpreter: Interpreter) throws -> String { str }
    func truthValue() throws -> Bool { value.boolValue }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        let array = NDArray(tensor: try Tensor.zeros(shape: [], dtype: dtype).filled(with: value))
        do { return try array.attribute(name, interpreter: interpreter) } catch let error as PythonError where error.type == "AttributeError" {
            throw PythonError.attributeError("'numpy.\(numpyName(dtype))' object has no attribute '\(name)'")
        }
    }
}

/// A native value whose Python truth value it decides itself (`bool(np.array([0]))`).
protocol NativeTruthValue: NativeObject {
    func truthValue() throws -> Bool
}

/// `np.dtype('float64')`, what `a.dtype` returns; it equals `np.float64` and `'float64'`.
final class NumPyDType: NativeObject, NativeContainerRepr {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }

    var typeName: String { "dtype[\(numpyName(dtype))]" }
    func repr() -> String { "dtype('\(numpyName(dtype))')" }
    func repr(_ interpreter: Interpreter) throws -> String { repr() }
    func str(_ interpreter: Interpreter) throws -> String { numpyName(dtype) }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "name": return .string(numpyName(dtype))
        case "itemsize": return .int(Int64(dtype.itemSize))
        case "type": return .native(NumPyScalarType(dtype))
        case "kind": return .string(dtype == .bool ? "b" : (dtype.isFloatingPoint ? "f" : (dtype == .uint8 ? "u" : "i")))
        default: return nil
        }
    }
}

/// `np.float64`, `np.int64`, `np.float32`: a dtype given as an argument, and a constructor.
final class NumPyScalarType: NativeObject, NativeCallable {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }

    var typeName: String { "type" }
    func repr() -> String { "<class 'numpy.\(numpyName(dtype))'>" }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        let value = arguments.positional.first ?? .int(0)
        let array = try interpreter.numpyArray(value, dtype: dtype)
        return numpyResult(array)
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        name == "__name__" ? .string(numpyName(dtype)) : nil
    }
}

extension Tensor {
    /// This (new, contiguous) tensor with every element set to `value`.
    func filled(with value: Scalar) throws -> Tensor {
        view.forEachOffset { setScalar(value, atStorageOffset: $0) }
        return self
    }
}

extension Value {
    /// The Python number a numpy scalar stands for, so code that takes floats takes it too.
    var numpyScalarNumber: Value? {
        if case let .native(scalar as NumPyScalar) = self { return scalar.pythonValue }
        return nil
    }

    /// True for numpy arrays and scalars, which combine by numpy's rules.
    var isNumPy: Bool {
        if case .native(let object) = self { return object is NDArray || object is NumPyScalar }
        return false
    }
}

extension Interpreter {
    /// `type(x)` of a numpy value: the module's own `np.ndarray` or `np.float64`, so
    /// `type(x) == np.float64` and `type(a) is np.ndarray` hold.
    func numpyTypeObject(of value: Value) -> Value? {
        guard case let .module(numpy)? = modules["numpy"] else { return nil }
        switch value {
        case .native(is NDArray): return numpy.members["ndarray"]
        case let .native(scalar as NumPyScalar): return numpy.members[scalar.dtype == .bool ? "bool_" : numpyName(scalar.dtype)]
        default: return nil
        }
    }
}

/// An engine result as numpy returns it: 0-d results become numpy scalars.
func numpyResult(_ tensor: Tensor) -> Value {
    if tensor.rank == 0, let item = try? tensor.item() { return .native(NumPyScalar(item, dtype: tensor.dtype)) }
    return .native(NDArray(tensor: tensor))
}
