import PySyntax
import TensorEngine

/// Integer and boolean arrays, where numpy's answers differ from PyTorch's: `x // 0` is 0
/// with a warning instead of an error, negative integer powers and boolean subtraction
/// are refused, and a Python int must fit the array's dtype.
extension Interpreter {
    /// The result for integer operands numpy treats specially; nil when the engine's is numpy's.
    func numpyIntegerBinary(_ op: BinaryOperator, _ a: Tensor, _ b: Tensor, ufunc: String, isScalarOperator: Bool) throws -> Tensor? {
        guard !a.dtype.isFloatingPoint, !b.dtype.isFloatingPoint else { return nil }
        switch op {
        case .subtract where a.dtype == .bool && b.dtype == .bool:
            throw PythonError.typeError("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
        case .power where try binary(.less, .tensor(b), .scalar(.int(0))).any(dims: nil, keepDim: false).item().boolValue:
            throw PythonError.valueError("Integers to negative integer powers are not allowed.")
        case .power where a.dtype == .bool && b.dtype == .bool:
            return try binary(.power, .tensor(try a.to(.int8)), .tensor(try b.to(.int8)))
        case .floorDivide, .modulo:
            // Booleans divide as int8; a zero divisor gives 0 where numpy's C loop would trap.
            let dtype = a.dtype == .bool ? DType.int8 : a.dtype
            let (dividend, divisor) = (try a.to(dtype), try b.to(dtype))
            let zeros = try binary(.equal, .tensor(divisor), .scalar(.int(0)))
            guard try zeros.any(dims: nil, keepDim: false).item().boolValue else {
                return try binary(op == .floorDivide ? .floorDivide : .remainder, .tensor(dividend), .tensor(divisor))
            }
            let safeDivisor = try whereSelect(zeros, .scalar(.int(1)), .tensor(divisor))
            let result = try binary(op == .floorDivide ? .floorDivide : .remainder, .tensor(dividend), .tensor(safeDivisor))
            try? issueWarning("divide by zero encountered in \(isScalarOperator ? "scalar " : "")\(ufunc)",
                              category: ["RuntimeWarning", "Warning"], module: "__main__", raisesErrors: false)
            return try whereSelect(zeros, .scalar(.int(0)), .tensor(result)).to(dtype)
        default:
            return nil
        }
    }
}

/// A Python int meeting an integer array must fit its dtype (NEP 50), not wrap around.
func numpyCheckedPythonInt(_ value: Int64, for dtype: DType) throws {
    let bounds: [DType: ClosedRange<Int64>] = [.uint8: 0...255, .int8: -128...127, .int16: -32768...32767, .int32: -2147483648...2147483647]
    if let range = bounds[dtype], !range.contains(value) {
        throw PythonError.overflow("Python integer \(value) out of bounds for \(numpyName(dtype))")
    }
}
