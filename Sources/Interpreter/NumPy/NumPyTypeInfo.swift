import Glibc
import TensorEngine

/// `np.finfo` and `np.iinfo`: machine limits, as RL and normalisation code reads them
/// (`eps = np.finfo(np.float32).eps.item()`). Float limits are numpy scalars of the
/// dtype itself; integer limits are Python ints, as in numpy.
extension Interpreter {
    func makeNumPyTypeInfoMembers() -> [String: Value] {
        [
            "finfo": stdlibFunction("finfo") { interpreter, arguments in
                let given = try arguments.bind("finfo", ["dtype"]).value("dtype")
                let dtype = try interpreter.numpyDType(given) ?? .float64
                guard dtype.isFloatingPoint, dtype != .bfloat16 else {
                    throw PythonError.valueError("data type \(try interpreter.repr(given)) not inexact")
                }
                return .native(NumPyFloatInfo(dtype))
            },
            "iinfo": stdlibFunction("iinfo") { interpreter, arguments in
                let given = try arguments.bind("iinfo", ["int_type"]).value("int_type")
                guard let dtype = try interpreter.numpyDType(given), dtype.isIntegral else {
                    let kind = (try? interpreter.numpyDType(given))??.isFloatingPoint == true ? "f" : "b"
                    throw PythonError.valueError("Invalid integer data type '\(kind)'.")
                }
                return .native(NumPyIntegerInfo(dtype))
            },
        ]
    }
}

/// `np.finfo(dtype)`.
final class NumPyFloatInfo: NativeObject {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    var typeName: String { "finfo" }

    /// numpy's `precision` digits, and `resolution` = 10**-precision.
    private var precision: Int { Int(-log10(dtype.floatLimits?.eps ?? 1)) }

    private func scalar(_ number: Double) -> NumPyScalar { NumPyScalar(.float(number), dtype: dtype) }

    func repr() -> String {
        let limits = dtype.floatLimits ?? (eps: 0, max: 0, tiny: 0)
        return "finfo(resolution=\(scalar(pow(10, Double(-precision))).str), min=\(scalar(-limits.max).str), "
            + "max=\(scalar(limits.max).str), dtype=\(numpyName(dtype)))"
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        guard let limits = dtype.floatLimits else { return nil }
        switch name {
        case "eps": return .native(scalar(limits.eps))
        case "epsneg": return .native(scalar(limits.eps / 2))
        case "max": return .native(scalar(limits.max))
        case "min": return .native(scalar(-limits.max))
        case "tiny", "smallest_normal": return .native(scalar(limits.tiny))
        case "resolution": return .native(scalar(pow(10, Double(-precision))))
        case "precision": return .int(Int64(precision))
        case "bits": return .int(Int64(dtype.itemSize * 8))
        case "dtype": return .native(NumPyDType(dtype))
        default: return nil
        }
    }
}

/// `np.iinfo(dtype)`.
final class NumPyIntegerInfo: NativeObject {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    var typeName: String { "iinfo" }

    private var bits: Int { dtype.itemSize * 8 }
    private var minimum: Int64 { dtype == .uint8 ? 0 : (bits == 64 ? Int64.min : -(Int64(1) << (bits - 1))) }
    private var maximum: Int64 { dtype == .uint8 ? 255 : (bits == 64 ? Int64.max : (Int64(1) << (bits - 1)) - 1) }

    func repr() -> String { "iinfo(min=\(minimum), max=\(maximum), dtype=\(numpyName(dtype)))" }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "bits": return .int(Int64(bits))
        case "min": return .int(minimum)
        case "max": return .int(maximum)
        case "dtype": return .native(NumPyDType(dtype))
        default: return nil
        }
    }
}
