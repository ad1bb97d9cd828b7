import Autograd
import TensorEngine

/// Elementwise tensor methods and their in-place forms. (The one-input ops are in the op
/// table, `Sources/Ops/Table/UnaryOps.swift`.)
func elementwiseMethods() -> [String: TensorMethod] {
    var table = binaryMethods()
    for family in [clampingMethods(), fillingMethods()] { table.merge(family) { first, _ in first } }
    return table
}

/// `add`, `mul`, the comparisons and logical ops, each with its in-place `_` form, and `round`.
private func binaryMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["round"] = { _, tensor, arguments in
        let decimals = try arguments.bind("round", ["*", "decimals"]).int("decimals", default: 0)
        return .tensor(try roundTensor(tensor, decimals: decimals))
    }
    table["round_"] = { _, tensor, arguments in
        let decimals = try arguments.bind("round_", ["*", "decimals"]).int("decimals", default: 0)
        try Autodiff.assignResult(tensor, try roundTensor(tensor, decimals: decimals))
        return .tensor(tensor)
    }
    let binaryOps: [String: BinaryOp] = [
        "add": .add, "sub": .subtract, "subtract": .subtract, "mul": .multiply, "multiply": .multiply,
        "div": .divide, "divide": .divide, "true_divide": .divide, "floor_divide": .floorDivide,
        "remainder": .remainder, "pow": .power, "maximum": .maximum, "minimum": .minimum,
        "atan2": .atan2, "arctan2": .atan2, "bitwise_and": .bitwiseAnd,
        "bitwise_or": .bitwiseOr, "bitwise_xor": .bitwiseXor, "logical_and": .logicalAnd,
        "logical_or": .logicalOr, "logical_xor": .logicalXor, "eq": .equal, "ne": .notEqual, "not_equal": .notEqual,
        "lt": .less, "less": .less, "le": .lessEqual, "less_equal": .lessEqual, "gt": .greater, "greater": .greater,
        "ge": .greaterEqual, "greater_equal": .greaterEqual,
    ]
    for (name, op) in binaryOps {
        let parameters = op == .add || op == .subtract ? ["other", "*", "alpha"] : (op == .divide ? ["other", "*", "rounding_mode"] : ["other"])
        let method: TensorMethod = { interpreter, tensor, arguments in
            try interpreter.applyBinaryMethod(name, op, tensor, try arguments.bind(name, parameters))
        }
        table[name] = method
        table[name + "_"] = { interpreter, tensor, arguments in
            let result = try method(interpreter, tensor, arguments)
            guard case let .tensor(resultTensor) = result else { return result }
            try Autodiff.assignResult(tensor, resultTensor)
            return .tensor(tensor)
        }
    }
    // The op table binds `pow` (Sources/Ops/Table/Elementwise.swift); only `pow_` is bound here.
    table["pow"] = nil
    return table
}

/// `clamp`, `where`, `lerp` and other elementwise ops with more than one operand.
private func clampingMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    // `t.__rsub__(other)` is `other - t`, ATen's rsub.
    table["__rsub__"] = { _, tensor, arguments in
        .tensor(try Autodiff.rsub(tensor, try arguments.bind("__rsub__", ["other"]).operand("other", beside: tensor), alpha: .int(1)))
    }
    table["fmod"] = { _, tensor, arguments in
        .tensor(try Autodiff.fmod(tensor, try arguments.bind("fmod", ["other"]).operand("other")))
    }
    table["clamp"] = { _, tensor, arguments in
        let bound = try arguments.bind("clamp", ["min", "max"])
        let (lower, upper) = try clampBounds(tensor, min: bound.optional("min"), max: bound.optional("max"))
        return .tensor(try Autodiff.clamp(tensor, min: lower, max: upper))
    }
    table["clip"] = table["clamp"]
    table["clamp_"] = { interpreter, tensor, arguments in
        guard case let .tensor(result) = try table["clamp"]!(interpreter, tensor, arguments) else { return .none }
        try Autodiff.assignResult(tensor, result)
        return .tensor(tensor)
    }
    table["clip_"] = table["clamp_"]
    table["clamp_min"] = { _, tensor, arguments in
        .tensor(try Autodiff.clamp(tensor, min: try clampBounds(tensor, min: arguments.bind("clamp_min", ["min"]).value("min"), max: nil).min, max: nil, backwardName: "ClampMinBackward0"))
    }
    table["clamp_max"] = { _, tensor, arguments in
        .tensor(try Autodiff.clamp(tensor, min: nil, max: try clampBounds(tensor, min: nil, max: arguments.bind("clamp_max", ["max"]).value("max")).max, backwardName: "ClampMaxBackward0"))
    }
    table["where"] = { _, tensor, arguments in
        let bound = try arguments.bind("where", ["condition", "other"])
        return .tensor(try Autodiff.whereSelect(try bound.tensor("condition"), .tensor(tensor), try Interpreter.whereOperands(.tensor(tensor), bound.value("other")).1))
    }
    table["lerp"] = { _, tensor, arguments in
        let bound = try arguments.bind("lerp", ["end", "weight"])
        let end = try bound.tensor("end")
        let weight = try bound.operand("weight")
        // PyTorch's lerp kernel computes 16-bit floats in float32 and rounds once.
        if let result = try tensor.computedInFloat32({ try Autodiff.lerp($0, try Autodiff.to(end, .float32), weight: weight) }) {
            return .tensor(result)
        }
        return .tensor(try Autodiff.lerp(tensor, end, weight: weight))
    }
    return table
}

/// `masked_fill`, `fill_`, `zero_`, `copy_`: writes of one value or one tensor.
private func fillingMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["masked_fill"] = { _, tensor, arguments in
        let bound = try arguments.bind("masked_fill", ["mask", "value"])
        return .tensor(try Autodiff.maskedFill(tensor, try bound.tensor("mask"), try bound.fillOperand("value", dtype: tensor.dtype)))
    }
    table["masked_fill_"] = { _, tensor, arguments in
        let bound = try arguments.bind("masked_fill_", ["mask", "value"])
        let mask = try bound.tensor("mask"), value = try bound.fillOperand("value", dtype: tensor.dtype)
        // In the graph, the write is recorded (MaskedFillBackward0): the masked positions get no gradient.
        if Autodiff.recordsWrite(into: tensor, [value.tensorValue]) {
            _ = try Autodiff.inPlace(tensor) { try Autodiff.maskedFill($0, mask, value) }
        } else {
            try tensor.maskedFillInPlace(mask, value)
            tensor.markWrittenInPlace()
        }
        return .tensor(tensor)
    }
    table["fill_"] = { _, tensor, arguments in
        let value = try arguments.bind("fill_", ["value"]).fillOperand("value", dtype: tensor.dtype)
        switch value {
        case let .scalar(scalar): try Autodiff.overwrite(tensor, name: "FillBackward2") { $0.fill(scalar) }
        case let .tensor(source):
            guard source.rank == 0 else {
                throw PythonError.runtimeError("fill_ only supports 0-dimension value tensor but got tensor with \(source.rank) dimensions.")
            }
            try Autodiff.fill(tensor, with: source)
        }
        return .tensor(tensor)
    }
    table["zero_"] = { _, tensor, _ in
        try Autodiff.overwrite(tensor, name: "ZeroBackward0") { $0.fill(.int(0)) }
        return .tensor(tensor)
    }
    table["copy_"] = { _, tensor, arguments in
        try Autodiff.copy(into: tensor, from: try arguments.bind("copy_", ["src", "non_blocking"]).tensor("src"))
        return .tensor(tensor)
    }
    return table
}

extension Interpreter {
    func applyBinaryMethod(_ name: String, _ op: BinaryOp, _ tensor: Tensor, _ bound: BoundArguments) throws -> Value {
        var other = try bound.operand("other", beside: tensor)
        if let alpha = bound.optional("alpha") {
            other = .tensor(try Autodiff.binary(.multiply, other, try toOperand(alpha, function: name)))
        }
        if op == .divide, let mode = bound.optional("rounding_mode") {
            guard case let .string(text) = mode else { throw PythonError.typeError("div(): rounding_mode must be str") }
            guard text == "floor" || text == "trunc" else {
                throw PythonError.valueError("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '\(text)'")
            }
            // A rounded quotient is flat almost everywhere: ATen's DivBackward2 gives zeros.
            return .tensor(try Autodiff.zeroGradient("DivBackward2", inputs: [tensor, other.tensorValue]) {
                if text == "floor" { return try Autodiff.binary(.floorDivide, .tensor(tensor), other) }
                let quotient = try Autodiff.binary(.divide, .tensor(tensor), other).unary(.trunc)
                return try Autodiff.to(quotient, resultType(.tensor(tensor), other))
            })
        }
        return .tensor(try Autodiff.binary(op, .tensor(tensor), other))
    }
}

/// `round(decimals=)`: round half to even after scaling, as PyTorch does.
func roundTensor(_ tensor: Tensor, decimals: Int) throws -> Tensor {
    if decimals == 0 || !tensor.dtype.isFloatingPoint { return try Autodiff.unary(.round, tensor) }
    // 16-bit floats scale and round in float32, so `x * 10**d` can't overflow the dtype.
    if let result = try tensor.computedInFloat32({ try roundTensor($0, decimals: decimals) }) { return result }
    let scale = Double.pow10(decimals)
    let scaled = try Autodiff.binary(.multiply, .tensor(tensor), .scalar(.float(scale)))
    return try Autodiff.binary(.divide, .tensor(try Autodiff.unary(.round, scaled)), .scalar(.float(scale)))
}

extension Double {
    static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        // Past 10**400 the result is infinity (or zero) anyway; a user's decimals=2**62
        // must not loop for ever, nor abs(-2**63) trap.
        for _ in 0..<Swift.min(exponent.magnitude, 400) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
