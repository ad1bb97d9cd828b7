import Ops
import TensorEngine

extension Interpreter {
    /// Converts one Python value by a parameter's declared type. `strict` is for trying an
    /// overload: only exact kinds match (a bool is not an int, a number is not a tensor).
    /// `index` is the parameter's place in the signature, which PyTorch names for a bad list item.
    func convert(_ value: Value, to type: OpParameterType, opName: String, parameter: String, index: Int = 0, strict: Bool) throws -> OpArgument {
        if type.isOptional, value.isNone { return .none }
        func mismatch(_ expected: String) -> PythonError {
            .typeError("\(opName)(): argument '\(parameter)' must be \(expected), not \(value.typeName)")
        }
        switch type {
        case .tensor, .optionalTensor:
            guard case let .tensor(tensor) = value else { throw mismatch("Tensor") }
            return .tensor(tensor)
        case .tensors:
            return .tensors(try boundTensorList(value, index: index, strict: strict, mismatch: mismatch("tuple of Tensors")))
        case .int, .optionalInt:
            // PyTorch's parser takes no bool for an int, nor an int for a bool (below).
            if case .bool = value { throw mismatch("int") }
            return .int(try toInt(value, function: opName, argument: parameter))
        case .dims, .requiredDims:
            switch value {
            case .tuple, .list, .size: return .ints(try toIntList(value, function: opName, argument: parameter))
            case .bool where strict: throw mismatch("tuple of ints")
            case .bool: throw PythonError.typeError("\(opName)(): argument '\(parameter)' must be tuple of ints, but found element of type bool at pos 0")
            default: return .int(try toInt(value, function: opName, argument: parameter))
            }
        case .ints:
            return .ints(try toIntList(value, function: opName, argument: parameter))
        case .intTuple:
            switch value {
            case .tuple, .list:
                // PyTorch's parser names the first item that is not an int (bools and 1-element tensors pass).
                let items: [Value]
                if case let .tuple(values) = value { items = values } else if case let .list(list) = value { items = list.items } else { items = [] }
                if let (position, item) = items.enumerated().first(where: { !isIntLike($0.element) }) {
                    throw PythonError.typeError("\(opName)(): argument '\(parameter)' failed to unpack the object at pos \(position + 1) "
                                                + "with error \"type must be tuple of ints,but got \(item.typeName)\"")
                }
                return .ints(try toIntList(value, function: opName, argument: parameter))
            case .size: return .ints(try toIntList(value, function: opName, argument: parameter))
            default: throw mismatch("tuple of ints")
            }
        case .float, .optionalFloat:
            if strict, case .string = value { throw mismatch("float") }
            return .float(try toDouble(value, function: opName, argument: parameter))
        case .bool, .optionalBool:
            guard case let .bool(flag) = value else { throw mismatch("bool") }
            return .bool(flag)
        case .string, .optionalString:
            guard case let .string(text) = value else { throw mismatch("str") }
            return .string(text)
        case .dtype, .requiredDtype:
            guard case let .dtype(dtype) = value else { throw mismatch("torch.dtype") }
            return .dtype(dtype)
        case .scalar, .optionalScalar:
            switch value {
            case let .int(number): return .scalar(.int(number))
            case let .float(number): return .scalar(.float(number))
            case let .bool(flag): return .scalar(.bool(flag))
            case let .tensor(tensor) where !strict && tensor.count == 1: return .scalar(try tensor.item())
            case .native(is BigIntObject): throw PythonError.runtimeError("value cannot be converted to type int64_t without overflow")
            default: throw mismatch("Number")
            }
        case .operand:
            switch try toOperand(value, function: opName) {
            case let .tensor(tensor): return .tensor(tensor)
            case let .scalar(scalar): return .scalar(scalar)
            }
        case .object:
            return .opaque(value)
        }
    }
}

/// A `Tensor[]` argument: a tuple or list of tensors. PyTorch names a bad item by its
/// place in the list and the argument's place in the signature.
/// `mismatch` is only built on failure: its message would otherwise be formatted on every call.
private func boundTensorList(_ value: Value, index: Int, strict: Bool, mismatch: @autoclosure () -> PythonError) throws -> [Tensor] {
    let items: [Value]
    switch value {
    case let .tuple(values): items = values
    case let .list(list): items = list.items
    default: throw mismatch()
    }
    return try items.enumerated().map { position, item in
        guard case let .tensor(tensor) = item else {
            if strict { throw mismatch() }
            throw PythonError.typeError("expected Tensor as element \(position) in argument \(index), but got \(item.typeName)")
        }
        return tensor
    }
}

/// Items an int list takes: ints, bools, one-element tensors, numpy scalars and int
/// subclasses; it refuses floats, strings, None and nested sequences outright.
func isIntLike(_ value: Value) -> Bool {
    switch value {
    case .int, .bool, .tensor, .native: true
    case let .instance(instance): instance.builtinValue?.isInt == true  // an int subclass
    default: false
    }
}
