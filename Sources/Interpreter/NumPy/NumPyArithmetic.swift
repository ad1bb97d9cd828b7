import Autograd
import PySyntax
import TensorEngine

/// One side of a numpy operation: an array (numpy scalars are 0-d arrays, NEP 50's
/// "strong" types) or a Python number, which takes the array's dtype where it fits.
private enum NumPyOperand {
    case array(Tensor)
    case python(Scalar)
}

extension Interpreter {
    /// `a + b` and friends when either side is a numpy value; nil otherwise.
    func numpyBinary(_ op: BinaryOperator, _ left: Value, _ right: Value) throws -> Value? {
        guard left.isNumPy || right.isNumPy else { return nil }
        if case .tensor = left { return try binaryOperation(op, left, try numpyAsTorch(right)) }
        if case .tensor = right {
            // ndarray's operator declines a tensor and Tensor's reflected one declines the
            // array, so Python falls through to its own TypeError (or sequence concatenation).
            if case .native(is NDArray) = left {
                throw PythonError.typeError(op == .add
                    ? "Concatenation operation is not implemented for NumPy arrays, use np.concatenate() instead. Please do not rely on this error; it may not be given on all Python implementations."
                    : "unsupported operand type(s) for \(op.rawValue): 'numpy.ndarray' and 'Tensor'")
            }
            return try binaryOperation(op, try numpyAsTorch(left), right)
        }
        guard let lhs = try numpyOperand(left), let rhs = try numpyOperand(right) else { return nil }
        if op == .matrixMultiply {
            let (a, b) = try numpyCommonTensors(lhs, rhs, computeIn: nil)
            return numpyResult(try Autodiff.matmul(a, b).detach())
        }
        guard let engineOp = op.elementwiseOp else { return nil }
        // True division of integers computes in float64.
        let (a, b) = try numpyCommonTensors(lhs, rhs, computeIn: op == .divide ? { $0.isFloatingPoint ? $0 : .float64 } : nil)
        let bothScalars = !(left.isNumPyArray || right.isNumPyArray)
        let ufunc = numpyUfuncNames[op] ?? op.rawValue
        if let special = try NumPyErrors.reworded({ try numpyIntegerBinary(op, a, b, ufunc: ufunc, isScalarOperator: bothScalars) },
                                                  NumPyErrors.broadcast([a.shape, b.shape])) {
            return numpyResult(special)
        }
        let result = try NumPyErrors.reworded({
            try NumPyLayout.keepingOrder([a, b]) { try binary(engineOp, .tensor($0[0]), .tensor($0[1])) }
        }, NumPyErrors.broadcast([a.shape, b.shape]))
        numpyWarnFloatErrors(ufunc, inputs: [a, b], result: result, isScalarOperator: bothScalars)
        guard op == .modulo, result.dtype.isFloatingPoint else { return numpyResult(result) }
        // A zero remainder takes the divisor's sign in numpy (-4.0 % 4 is 0.0, not -0.0).
        let signedZeros = try binary(.multiply, .tensor(b), .scalar(.float(0)))
        return numpyResult(try whereSelect(try binary(.equal, .tensor(result), .scalar(.float(0))), .tensor(signedZeros), .tensor(result)))
    }

    /// `a += b`: numpy writes into `a` itself, so views and aliases see the change, and
    /// refuses a result of a wider kind than `a` holds (floats into an int array).
    func numpyInPlace(_ op: BinaryOperator, _ array: NDArray, _ operand: Value) throws {
        guard case let .native(result as NDArray)? = try numpyBinary(op, .native(array), operand) ?? nil else {
            throw PythonError.typeError("unsupported operand type(s) for \(op.rawValue)=: 'numpy.ndarray' and '\(operand.typeName)'")
        }
        let target = array.tensor
        func kind(_ dtype: DType) -> Int { dtype == .bool ? 0 : (dtype.isFloatingPoint ? 2 : 1) }
        if kind(result.tensor.dtype) > kind(target.dtype) {
            let ufunc = numpyUfuncNames[op] ?? op.rawValue
            throw PythonError.typeError("Cannot cast ufunc '\(ufunc)' output from dtype('\(numpyName(result.tensor.dtype))') to dtype('\(numpyName(target.dtype))') with casting rule 'same_kind'")
        }
        guard result.tensor.shape == target.shape else {
            // This message prints shapes without spaces, unlike the repr of a shape tuple.
            let compact = { (shape: [Int]) in NumPyArrayPrinting.shapeText(shape).replacing(" ", with: "") }
            throw PythonError.valueError("non-broadcastable output operand with shape \(compact(target.shape)) doesn't match the broadcast shape \(compact(result.tensor.shape))")
        }
        try target.setItem([.ellipsis], value: .tensor(result.tensor))
    }

    /// `a < b`, `a == b` when either side is a numpy value; nil otherwise.
    func numpyCompare(_ op: CompareOperator, _ left: Value, _ right: Value) throws -> Value? {
        if let result = numpyDTypeEquality(op, left, right) { return result }
        guard left.isNumPy || right.isNumPy else { return nil }
        if case .tensor = left { return try compare(op, left, try numpyAsTorch(right)) }
        if case .tensor = right {
            if case .native(is NDArray) = left, op != .equal, op != .notEqual {
                throw PythonError.typeError("'\(op.rawValue)' not supported between instances of 'numpy.ndarray' and 'Tensor'")
            }
            return try compare(op, try numpyAsTorch(left), right)
        }
        guard var lhs = try numpyOperand(left), var rhs = try numpyOperand(right) else {
            return op == .equal || op == .notEqual ? .bool(op == .notEqual) : nil
        }
        // numpy compares a Python int the array's dtype cannot hold by its value (-1 < uint8 0).
        (lhs, rhs) = (try numpyWidenedForComparison(lhs, against: rhs), try numpyWidenedForComparison(rhs, against: lhs))
        guard let engineOp = op.elementwiseOp else { return nil }
        let (a, b) = try numpyCommonTensors(lhs, rhs, computeIn: nil)
        return numpyResult(try NumPyErrors.reworded({
            try NumPyLayout.keepingOrder([a, b]) { try binary(engineOp, .tensor($0[0]), .tensor($0[1])) }
        }, NumPyErrors.broadcast([a.shape, b.shape])))
    }

    /// `-a`, `~mask`, `+a` on numpy values; nil otherwise.
    func numpyUnary(_ op: UnaryOperator, _ operand: Value) throws -> Value? {
        guard operand.isNumPy, op != .not else { return nil }
        let tensor = try numpyArray(operand, dtype: nil)
        switch op {
        case .negate: return numpyResult(try NumPyLayout.keepingOrder([tensor]) { try $0[0].unary(.negate) })
        case .invert: return numpyResult(try NumPyLayout.keepingOrder([tensor]) { try $0[0].unary(tensor.dtype == .bool ? .logicalNot : .bitwiseNot) })
        default: return numpyResult(tensor)
        }
    }

    /// Both sides as tensors of numpy's result dtype (or the dtype `computeIn` picks from it).
    private func numpyCommonTensors(_ lhs: NumPyOperand, _ rhs: NumPyOperand, computeIn: ((DType) -> DType)?) throws -> (Tensor, Tensor) {
        let resultType = numpyResultType(lhs, rhs)
        let dtype = computeIn?(resultType) ?? resultType
        func tensor(_ operand: NumPyOperand) throws -> Tensor {
            switch operand {
            case let .array(array): return array.dtype == dtype ? array : try array.to(dtype)
            case let .python(scalar):
                if case let .int(number) = scalar, dtype.isIntegral { try numpyCheckedPythonInt(number, for: dtype) }
                return try Tensor.zeros(shape: [], dtype: dtype).filled(with: scalar)
            }
        }
        return (try tensor(lhs), try tensor(rhs))
    }

    private func numpyResultType(_ lhs: NumPyOperand, _ rhs: NumPyOperand) -> DType {
        switch (lhs, rhs) {
        case let (.array(a), .array(b)): return numpyPromote(a.dtype, b.dtype)
        case let (.array(array), .python(scalar)), let (.python(scalar), .array(array)):
            return numpyWeakPromote(array.dtype, scalar)
        case let (.python(a), .python(b)):
            return numpyWeakPromote(numpyWeakPromote(.bool, a), b)
        }
    }

    private func numpyWidenedForComparison(_ operand: NumPyOperand, against other: NumPyOperand) throws -> NumPyOperand {
        guard case let .python(.int(number)) = operand, case let .array(array) = other, array.dtype.isIntegral,
              (try? numpyCheckedPythonInt(number, for: array.dtype)) == nil else { return operand }
        return .array(Tensor(scalar: number))
    }

    private func numpyOperand(_ value: Value) throws -> NumPyOperand? {
        switch value {
        case let .native(array as NDArray): return .array(array.tensor)
        case let .native(scalar as NumPyScalar): return .array(try Tensor.zeros(shape: [], dtype: scalar.dtype).filled(with: scalar.value))
        case let .int(number): return .python(.int(number))
        case let .float(number): return .python(.float(number))
        case let .bool(flag): return .python(.bool(flag))
        case .list, .tuple: return .array(try numpyArray(value, dtype: nil))
        default: return nil
        }
    }

    /// A numpy value meeting a torch tensor: numpy defers to the tensor's operators, which
    /// read a numpy scalar as a Python number and an array as a tensor.
    private func numpyAsTorch(_ value: Value) throws -> Value {
        if let number = value.numpyScalarNumber { return number }
        if case let .native(array as NDArray) = value { return .tensor(array.tensor) }
        return value
    }

    private func numpyDTypeEquality(_ op: CompareOperator, _ left: Value, _ right: Value) -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        func dtype(_ value: Value) -> DType? {
            switch value {
            case let .native(type as NumPyDType): return type.dtype
            case let .native(type as NumPyScalarType): return type.dtype
            case let .string(name): return DType(rawValue: name)
            default: return nil
            }
        }
        guard left.isNativeObject || right.isNativeObject, let a = dtype(left), let b = dtype(right) else { return nil }
        return .bool((a == b) == (op == .equal))
    }

}

private let numpyUfuncNames: [BinaryOperator: String] = [
    .add: "add", .subtract: "subtract", .multiply: "multiply", .divide: "divide", .floorDivide: "floor_divide",
    .modulo: "remainder", .power: "power",
]

extension Value {
    var isNativeObject: Bool {
        if case .native = self { return true }
        return false
    }

    var isNumPyArray: Bool {
        if case .native(is NDArray) = self { return true }
        return false
    }
}

/// A Python number meeting an array of `dtype` (NEP 50): it takes the array's dtype
/// unless its kind is wider (a float with an int array gives float64).
func numpyWeakPromote(_ dtype: DType, _ scalar: Scalar) -> DType {
    switch scalar {
    case .bool: return dtype
    case .int: return dtype == .bool ? .int64 : dtype
    case .float: return dtype.isFloatingPoint ? dtype : .float64
    }
}

/// `np.add(a, b)`, `np.power(a, b)` and the other arithmetic ufuncs: the operator's rules,
/// with a list or tuple argument read as an array first.
// Immutable after its one-time initialisation and read-only from then on; its closures
// capture only constants. `nonisolated(unsafe)` states that for Swift 6's checker.
nonisolated(unsafe) let numpyArithmeticUfuncs: [String: Builtin.Body] = Dictionary(uniqueKeysWithValues: [
    ("add", BinaryOperator.add), ("subtract", .subtract), ("multiply", .multiply), ("divide", .divide),
    ("true_divide", .divide), ("floor_divide", .floorDivide), ("power", .power), ("remainder", .modulo), ("mod", .modulo),
].map { name, op in
    (name, { (interpreter: Interpreter, arguments: CallArguments) throws -> Value in
        let bound = try arguments.bind(name, ["x1", "x2"])
        var pair = try [bound.value("x1"), bound.value("x2")].map { value -> Value in
            if value.isNumPy || value.isPythonNumber { return value }
            return .native(NDArray(tensor: try interpreter.numpyArray(value, dtype: nil)))
        }
        // Two Python numbers become arrays, as numpy converts every ufunc argument.
        if !pair[0].isNumPy && !pair[1].isNumPy { pair[0] = .native(NDArray(tensor: try interpreter.numpyArray(pair[0], dtype: nil))) }
        guard let result = try interpreter.numpyBinary(op, pair[0], pair[1]) else {
            throw PythonError.typeError("ufunc '\(name)' not supported for the input types")
        }
        return result
    } as Builtin.Body)
})

private extension Value {
    var isPythonNumber: Bool {
        switch self {
        case .int, .float, .bool: return true
        default: return false
        }
    }
}
