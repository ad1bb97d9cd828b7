import Glibc
import PySyntax
import Autograd
import TensorEngine

/// The builtins that make and combine numbers: `int`, `float`, `abs`, `min`, `sum`, `round`, `pow`, ...
extension Interpreter {
    /// `int`, `float`, `bool`, `str` and `repr`: a value converted to another type.
    func addConversionBuiltins(to table: inout [String: Value]) {
        table.defineBuiltin("int") { interpreter, arguments in
            let bound = try arguments.bind("int", ["x", "base"])
            guard let value = bound.values["x"] else { return .int(0) }
            return try interpreter.convertToInt(value, base: try bound.optionalInt("base"))
        }
        table.defineBuiltin("float") { interpreter, arguments in
            let bound = try arguments.bind("float", ["x"])
            guard let value = bound.values["x"] else { return .float(0) }
            // Tensor.__float__ alone warns; item(), int() and math functions do not.
            if case let .tensor(tensor) = value, tensor.requiresGrad, tensor.count == 1 {
                interpreter.warn("Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.\nConsider using tensor.detach() first. (Triggered internally at /__w/pytorch/pytorch/torch/csrc/autograd/generated/python_variable_methods.cpp:820.)")
            }
            return .float(try interpreter.convertToFloat(value))
        }
        table.defineBuiltin("bool") { interpreter, arguments in
            let bound = try arguments.bind("bool", ["x"])
            guard let value = bound.values["x"] else { return .bool(false) }
            return .bool(try interpreter.truthy(value))
        }
        table.defineBuiltin("str") { interpreter, arguments in
            let bound = try arguments.bind("str", ["object"])
            guard let value = bound.values["object"] else { return .string("") }
            return .string(try interpreter.str(value))
        }
        table.defineBuiltin("repr") { interpreter, arguments in
            .string(try interpreter.repr(try arguments.bind("repr", ["obj"]).value("obj")))
        }
        // `format(loss, '.4f')` is `f"{loss:.4f}"`.
        table.defineBuiltin("format") { interpreter, arguments in
            let bound = try arguments.bind("format", ["value", "format_spec"])
            let spec = try bound.optional("format_spec").map { value -> String in
                guard case let .string(text) = value else {
                    throw PythonError.typeError("format() argument 2 must be str, not \(value.typeName)")
                }
                return text
            } ?? ""
            return .string(try interpreter.format(try bound.value("value"), spec: spec))
        }
    }

    /// `abs`, `min`, `max`, `sum`, `round`, `divmod` and `pow`.
    func addArithmeticBuiltins(to table: inout [String: Value]) {
        table.defineBuiltin("abs") { interpreter, arguments in
            let value = try arguments.bind("abs", ["x"]).value("x")
            switch value {
            case let .int(number):
                guard number != .min else { return try .integer(BigInt(number).magnitude) }
                return .int(Swift.abs(number))
            case let .float(number): return .float(Swift.abs(number))
            case let .native(big as BigIntObject): return try .integer(big.value.magnitude)
            case let .bool(flag): return .int(flag ? 1 : 0)
            case let .tensor(tensor): return .tensor(try Autodiff.unary(.abs, tensor))
            case let .native(object) where value.isNumPy: return numpyResult(try interpreter.numpyArray(.native(object), dtype: nil).unary(.abs))
            default: throw PythonError.typeError("bad operand type for abs(): '\(value.typeName)'")
            }
        }
        table.defineBuiltin("min") { interpreter, arguments in try interpreter.extremum(arguments, name: "min", op: .less) }
        table.defineBuiltin("max") { interpreter, arguments in try interpreter.extremum(arguments, name: "max", op: .greater) }
        table.defineBuiltin("sum") { interpreter, arguments in
            let bound = try arguments.bind("sum", ["iterable", "start"])
            var total = bound.values["start"] ?? .int(0)
            for item in try interpreter.iterate(try bound.value("iterable")) {
                total = try interpreter.binaryOperation(.add, total, item)
            }
            return total
        }
        table.defineBuiltin("round") { interpreter, arguments in
            let bound = try arguments.bind("round", ["number", "ndigits"])
            return try interpreter.pythonRound(try bound.value("number"), digits: try bound.optionalInt("ndigits"))
        }
        table.defineBuiltin("divmod") { interpreter, arguments in
            let bound = try arguments.bind("divmod", ["a", "b"])
            let a = try bound.value("a")
            let b = try bound.value("b")
            return .tuple([try interpreter.binaryOperation(.floorDivide, a, b), try interpreter.binaryOperation(.modulo, a, b)])
        }
        table.defineBuiltin("pow") { interpreter, arguments in
            let bound = try arguments.bind("pow", ["base", "exp", "mod"])
            guard let modulus = bound.values["mod"], !modulus.isNone else {
                return try interpreter.binaryOperation(.power, try bound.value("base"), try bound.value("exp"))
            }
            return try interpreter.modularPower(try bound.value("base"), try bound.value("exp"), modulus)
        }
    }

    func convertToInt(_ value: Value, base: Int?) throws -> Value {
        if base != nil, case .string = value {} else if base != nil { throw PythonError.typeError("int() can't convert non-string with explicit base") }
        switch value {
        case let .int(number): return .int(number)
        case let .bool(flag): return .int(flag ? 1 : 0)
        case let .float(number):
            guard number.isFinite else {
                throw number.isNaN ? PythonError.valueError("cannot convert float NaN to integer")
                    : PythonError.overflow("cannot convert float infinity to integer")
            }
            guard let whole = BigInt(truncating: number) else { throw PythonError.overflow("cannot convert float infinity to integer") }
            return try .integer(whole)
        case .native(is BigIntObject): return value
        case let .string(text):
            guard let number = try PythonIntLiteral.parseValue(text, base: Int64(base ?? 10)) else {
                throw PythonError.valueError("invalid literal for int() with base \(base ?? 10): \(pythonStringRepr(text))")
            }
            return number
        case let .tensor(tensor):
            guard tensor.count == 1 else {
                throw PythonError.valueError("only one element tensors can be converted to Python scalars")
            }
            return try convertToInt(scalarValue(try tensor.item()), base: nil)
        case let .native(scalar as NumPyScalar): return try convertToInt(scalar.pythonValue, base: nil)
        case let .native(array as NDArray) where base == nil: return try convertToInt(try array.pythonScalar(), base: nil)
        case let .instance(instance) where base == nil && (instance.classObject.lookup("__int__") ?? instance.classObject.lookup("__index__")) != nil:
            let method = instance.classObject.lookup("__int__") ?? instance.classObject.lookup("__index__") ?? .none
            return try convertToInt(try call(method, CallArguments([value])), base: nil)
        default:
            throw PythonError.typeError("int() argument must be a string, a bytes-like object or a real number, not '\(value.typeName)'")
        }
    }

    /// What a `%` number conversion reads from its operand: a tensor through `__float__`
    /// (or `__index__` for `%x` and `%o`, which refuse float tensors), so one element only.
    func percentOperand(_ value: Value, conversion: Character) throws -> Value {
        guard case let .tensor(tensor) = value, "diouxXeEfFgG".contains(conversion),
              !"xXo".contains(conversion) || !tensor.dtype.isFloatingPoint else { return value }
        guard tensor.count == 1 else { throw PythonError.valueError("only one element tensors can be converted to Python scalars") }
        if "eEfFgG".contains(conversion) { warnIfConvertingGraphTensor(tensor) }
        return scalarValue(try tensor.item())
    }

    /// `Tensor.__float__` on a tensor that requires grad warns while grad mode is on, as PyTorch 2.15 does.
    func warnIfConvertingGraphTensor(_ tensor: Tensor) {
        guard tensor.requiresGrad, GradMode.isEnabled else { return }
        warn("Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.\nConsider using tensor.detach() first. "
             + "(Triggered internally at /__w/pytorch/pytorch/torch/csrc/autograd/generated/python_variable_methods.cpp:820.)")
    }

    func convertToFloat(_ value: Value) throws -> Double {
        switch value {
        case let .int(number): return Double(number)
        case let .bool(flag): return flag ? 1 : 0
        case let .float(number): return number
        case let .string(text):
            let trimmed = text.trimmingCharacters(in: " \t\n").lowercased()
            switch trimmed {
            case "inf", "+inf", "infinity", "+infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            case "nan", "+nan", "-nan": return .nan
            default:
                guard let number = Double(trimmed) else {
                    throw PythonError.valueError("could not convert string to float: \(pythonStringRepr(text))")
                }
                return number
            }
        case let .tensor(tensor):
            guard tensor.count == 1 else {
                throw PythonError.valueError("only one element tensors can be converted to Python scalars")
            }
            warnIfConvertingGraphTensor(tensor)
            return try tensor.item().doubleValue
        case let .native(scalar as NumPyScalar): return scalar.value.doubleValue
        case let .native(array as NDArray): return try convertToFloat(try array.pythonScalar())
        case let .native(big as BigIntObject): return try bigIntDouble(big.value)
        default:
            throw PythonError.typeError("float() argument must be a string or a real number, not '\(value.typeName)'")
        }
    }

    func pythonRound(_ value: Value, digits: Int?) throws -> Value {
        switch value {
        case .native(is BigIntObject) where digits == nil || digits! >= 0: return value
        case let .int(number):
            guard let digits, digits < 0 else { return .int(number) }
            // 10**19 is past every int64, so all of them round to 0 (and -digits may not exist).
            guard digits > -19 else { return .int(0) }
            let factor = Glibc.pow(10.0, Double(-digits))
            return .int(saturatingInt64((Double(number) / factor).rounded(.toNearestOrEven) * factor))
        case let .bool(flag): return .int(flag ? 1 : 0)
        case let .float(number):
            guard let digits else {
                guard number.isFinite else {
                    throw number.isNaN ? PythonError.valueError("cannot convert float NaN to integer")
                        : PythonError.overflow("cannot convert float infinity to integer")
                }
                return try convertToInt(.float(number.rounded(.toNearestOrEven)), base: nil)
            }
            guard number.isFinite else { return .float(number) }
            if digits >= 0 {
                // Decimal rounding of the exact binary value, as CPython does.
                return .float(Double(formatFixed(number, precision: min(digits, 340))) ?? number)
            }
            // CPython's cut-off: past 10**308 every float rounds to a signed zero.
            guard digits >= -308 else { return .float(0 * number) }
            let factor = Glibc.pow(10.0, Double(-digits))
            return .float((number / factor).rounded(.toNearestOrEven) * factor)
        case let .tensor(tensor):
            return .tensor(try Autodiff.unary(.round, tensor))
        case let .native(scalar as NumPyScalar):
            guard let digits else { return try pythonRound(scalar.pythonValue, digits: nil) }
            return try numpyRound(CallArguments([value, .int(Int64(digits))]))
        default:
            throw PythonError.typeError("type \(value.typeName) doesn't define __round__ method")
        }
    }

    private func extremum(_ arguments: CallArguments, name: String, op: CompareOperator) throws -> Value {
        let bound = try arguments.bind(name, ["*", "key", "default"], variadic: true)
        let candidates = bound.extra.count == 1 ? try iterate(bound.extra[0]) : bound.extra
        guard var best = candidates.first else {
            if let fallback = bound.values["default"] { return fallback }
            throw PythonError.valueError("\(name)() arg is an empty sequence")
        }
        let key = bound.optional("key")
        var bestKey = try key.map { try call($0, CallArguments([best])) } ?? best
        for candidate in candidates.dropFirst() {
            let candidateKey = try key.map { try call($0, CallArguments([candidate])) } ?? candidate
            if try truthy(try compare(op, candidateKey, bestKey)) {
                best = candidate
                bestKey = candidateKey
            }
        }
        return best
    }
}
