import TensorEngine

/// The arguments of one call, after `*args` and `**kwargs` are spread.
public struct CallArguments {
    public var positional: [Value]
    public var keywords: [(name: String, value: Value)]

    public init(_ positional: [Value] = [], keywords: [(name: String, value: Value)] = []) {
        self.positional = positional
        self.keywords = keywords
    }

    /// PyTorch's error when no overload of `function` accepts these arguments. Its "got"
    /// list is python_arg_parser's: each positional's type and each keyword's name=type,
    /// every one followed by ", ", the last ", " cut only when there were positionals.
    func invalidCombination(_ function: String) -> PythonError {
        // C types print with their module (tp_name); keywords come out in name order.
        func typeName(_ value: Value) -> String {
            switch value {
            case .dtype: "torch.dtype"
            case .size: "torch.Size"
            default: value.typeName
            }
        }
        var described = positional.map { "\(typeName($0)), " }.joined()
        described += keywords.sorted { $0.name < $1.name }.map { "\($0.name)=\(typeName($0.value)), " }.joined()
        if !positional.isEmpty { described.removeLast(2) }
        return PythonError.typeError("\(function)() received an invalid combination of arguments - got (\(described)), but expected one of:")
    }

    /// These arguments with `value` in front, for calling `torch.f(x, ...)` as `x.f(...)`.
    func prepending(_ value: Value) -> CallArguments {
        CallArguments([value] + positional, keywords: keywords)
    }

    /// Binds to a Python-style signature. `parameters` lists names in order; names
    /// after `"*"` are keyword-only. With `variadic`, extra positionals are collected.
    func bind(_ function: String, _ parameters: [String], variadic: Bool = false) throws -> BoundArguments {
        var values = NamedValues()
        let keywordOnlyStart = parameters.firstIndex(of: "*") ?? parameters.count
        var extra: [Value] = []
        for (index, value) in positional.enumerated() {
            if index < keywordOnlyStart {
                values[parameters[index]] = value
            } else if variadic {
                extra.append(value)
            } else {
                throw PythonError.typeError(
                    "\(function)() takes \(keywordOnlyStart) positional argument\(keywordOnlyStart == 1 ? "" : "s") but \(positional.count) were given")
            }
        }
        for (name, value) in keywords {
            guard name != "*", parameters.contains(name) else {
                throw PythonError.typeError("\(function)() got an unexpected keyword argument '\(name)'")
            }
            if values[name] != nil {
                throw PythonError.typeError("\(function)() got multiple values for argument '\(name)'")
            }
            values[name] = value
        }
        return BoundArguments(function: function, values: values, extra: extra)
    }
}

/// Argument values by parameter name. A short array searched linearly rather than a
/// dictionary: signatures have a handful of names, and hashing them on every call of a
/// builtin was a visible share of a small op's time.
struct NamedValues {
    private var entries: [(name: String, value: Value)] = []

    subscript(name: String) -> Value? {
        get { entries.first(where: { $0.name == name })?.value }
        set {
            if let index = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((name, newValue))
            }
        }
    }
}

/// Arguments matched to parameter names, with typed accessors that raise Python errors.
struct BoundArguments {
    let function: String
    var values: NamedValues
    /// Positionals beyond the named parameters (for `view(*shape)`).
    let extra: [Value]

    func has(_ name: String) -> Bool {
        if let value = values[name], !value.isNone { return true }
        return false
    }

    func value(_ name: String) throws -> Value {
        guard let value = values[name] else {
            throw PythonError.typeError("\(function)() missing 1 required positional argument: '\(name)'")
        }
        return value
    }

    func optional(_ name: String) -> Value? {
        guard let value = values[name], !value.isNone else { return nil }
        return value
    }

    func tensor(_ name: String) throws -> Tensor {
        let value = try value(name)
        guard case let .tensor(tensor) = value else {
            throw PythonError.typeError(
                "\(function)(): argument '\(name)' (position 1) must be Tensor, not \(value.typeName)")
        }
        return tensor
    }

    func optionalTensor(_ name: String) throws -> Tensor? {
        guard has(name) else { return nil }
        return try tensor(name)
    }

    func int(_ name: String) throws -> Int {
        try toInt(try value(name), function: function, argument: name)
    }

    func int(_ name: String, default fallback: Int) throws -> Int {
        guard let value = optional(name) else { return fallback }
        return try toInt(value, function: function, argument: name)
    }

    func optionalInt(_ name: String) throws -> Int? {
        guard let value = optional(name) else { return nil }
        return try toInt(value, function: function, argument: name)
    }

    func double(_ name: String) throws -> Double {
        try toDouble(try value(name), function: function, argument: name)
    }

    func double(_ name: String, default fallback: Double) throws -> Double {
        guard let value = optional(name) else { return fallback }
        return try toDouble(value, function: function, argument: name)
    }

    func bool(_ name: String, default fallback: Bool) throws -> Bool {
        guard let value = optional(name) else { return fallback }
        switch value {
        case let .bool(flag): return flag
        case let .int(number): return number != 0
        case let .tensor(tensor) where tensor.count == 1: return try tensor.item().boolValue
        default:
            throw PythonError.typeError("\(function)(): argument '\(name)' must be bool, not \(value.typeName)")
        }
    }

    func string(_ name: String, default fallback: String) throws -> String {
        guard let value = optional(name) else { return fallback }
        guard case let .string(text) = value else {
            throw PythonError.typeError("\(function)(): argument '\(name)' must be str, not \(value.typeName)")
        }
        return text
    }

    func dtype(_ name: String) throws -> DType? {
        guard let value = optional(name) else { return nil }
        guard case let .dtype(dtype) = value else {
            throw PythonError.typeError("\(function)(): argument '\(name)' must be torch.dtype, not \(value.typeName)")
        }
        return dtype
    }

    /// A dim argument given as an int, a tuple/list of ints, or absent.
    func dims(_ name: String) throws -> [Int]? {
        guard let value = optional(name) else { return nil }
        switch value {
        case .tuple, .list, .size: return try toIntList(value, function: function, argument: name)
        default: return [try toInt(value, function: function, argument: name)]
        }
    }

    /// Sizes given either as separate ints (`view(2, 3)`) or as one sequence (`view((2, 3))`).
    func shape(_ name: String) throws -> [Int] {
        var items: [Value] = []
        if let first = values[name] { items.append(first) }
        items += extra
        if items.count == 1 {
            switch items[0] {
            case .tuple, .list, .size: return try toIntList(items[0], function: function, argument: name)
            default: break
            }
        }
        return try toIntList(.tuple(items), function: function, argument: name)
    }

    /// A scalar-or-tensor argument for elementwise ops.
    func operand(_ name: String) throws -> Operand {
        try toOperand(try value(name), function: function)
    }
}

func toInt(_ value: Value, function: String, argument: String) throws -> Int {
    switch value {
    case let .int(number): return Int(number)
    case let .bool(flag): return flag ? 1 : 0
    case let .tensor(tensor) where tensor.count == 1 && !tensor.dtype.isFloatingPoint:
        return Int(try tensor.item().int64Value)
    case let .native(scalar as NumPyScalar) where !scalar.dtype.isFloatingPoint: return Int(scalar.value.int64Value)
    case .native(is BigIntObject): throw PythonError.valueError("Overflow when unpacking long long")
    case let .instance(instance) where instance.builtinValue?.isInt == true:  // an int subclass
        return try toInt(instance.builtinValue ?? .none, function: function, argument: argument)
    default:
        throw PythonError.typeError(
            "\(function)(): argument '\(argument)' must be int, not \(value.typeName)")
    }
}

func toDouble(_ value: Value, function: String, argument: String) throws -> Double {
    switch value {
    case let .int(number): return Double(number)
    case let .float(number): return number
    case let .bool(flag): return flag ? 1 : 0
    case let .tensor(tensor) where tensor.count == 1: return try tensor.item().doubleValue
    case let .native(scalar as NumPyScalar): return scalar.value.doubleValue
    case let .instance(instance) where instance.builtinValue?.isNumber == true:  // an int or float subclass
        return try toDouble(instance.builtinValue ?? .none, function: function, argument: argument)
    default:
        throw PythonError.typeError("\(function)(): argument '\(argument)' must be float, not \(value.typeName)")
    }
}

func toIntList(_ value: Value, function: String, argument: String) throws -> [Int] {
    // PyTorch names the position of an int that does not fit in 64 bits (its message
    // goes on, after a line break, with a C++ trace; the quote closes after that).
    func unpack(_ items: [Value]) throws -> [Int] {
        try items.enumerated().map { position, item in
            if item.isBigInt {
                throw PythonError.typeError("\(function)(): argument '\(argument)' failed to unpack the object at pos \(position + 1) with error \"Overflow when unpacking long long")
            }
            return try toInt(item, function: function, argument: argument)
        }
    }
    switch value {
    case let .size(sizes): return sizes
    case let .tuple(items): return try unpack(items)
    case let .list(list): return try unpack(list.items)
    default: return try unpack([value])
    }
}

func toOperand(_ value: Value, function: String) throws -> Operand {
    switch value {
    case let .tensor(tensor): return .tensor(tensor)
    case let .int(number): return .scalar(.int(number))
    case let .float(number): return .scalar(.float(number))
    case let .bool(flag): return .scalar(.bool(flag))
    case let .native(scalar as NumPyScalar): return .scalar(scalar.value)
    case let .native(big as BigIntObject): return try bigIntOperand(big.value)
    default:
        throw PythonError.typeError("\(function)(): expected a Tensor or a number, but got \(value.typeName)")
    }
}

/// A big int as a tensor operand: PyTorch reads ints in [2**63, 2**64) as unsigned
/// 64-bit scalars, which the elementwise ops here take as doubles.
func bigIntOperand(_ value: BigInt) throws -> Operand {
    .scalar(.float(Double(try unsignedScalar(value))))
}

/// PyTorch's argument parser reads a Python int that does not fit int64 with CPython's
/// `PyLong_AsUnsignedLongLong`, whose OverflowErrors it passes on.
func unsignedScalar(_ value: BigInt) throws -> UInt64 {
    if value.isNegative { throw PythonError.overflow("can't convert negative int to unsigned") }
    guard value.bitWidth <= 64 else { throw PythonError.overflow("int too big to convert") }
    return value.limbs.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (32 * $1.offset) }
}

/// The scalar that fills a tensor of `dtype` (`full`, `fill_`, `masked_fill`) with a big
/// int: an unsigned 64-bit value fits floating and bool tensors, and no integer dtype
/// (PyTorch's checked conversion refuses it).
func bigIntFill(_ value: BigInt, dtype: DType) throws -> Scalar {
    let unsigned = try unsignedScalar(value)
    if dtype == .bool { return .bool(true) }
    if dtype.isFloatingPoint { return .float(Double(unsigned)) }
    let cTypeNames: [DType: String] = [.int64: "int64_t", .int32: "int", .int16: "int16_t", .int8: "int8_t", .uint8: "uint8_t"]
    throw PythonError.runtimeError("value cannot be converted to type \(cTypeNames[dtype] ?? dtype.rawValue) without overflow")
}

extension BoundArguments {
    /// A fill value for a tensor of `dtype`: a number, a big int checked against the
    /// dtype, or (where the op allows it) a tensor.
    func fillOperand(_ name: String, dtype: DType) throws -> Operand {
        if case let .native(big as BigIntObject) = try value(name) { return .scalar(try bigIntFill(big.value, dtype: dtype)) }
        return try operand(name)
    }
}
