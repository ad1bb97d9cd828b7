import TensorEngine

/// The `--json` encoding of values, as the conformance contract specifies:
/// `{"type": ..., ..., "repr": ...}` with non-finite floats as strings.
extension Interpreter {
    public func jsonFields(_ value: Value) throws -> [(String, String)] {
        try NativeStack.check()
        let reprText = jsonString(try repr(value))
        switch value {
        case let .tensor(tensor):
            return [
                ("type", jsonString("tensor")),
                ("dtype", jsonString(tensor.dtype.rawValue)),
                ("shape", "[" + tensor.shape.map(String.init).joined(separator: ", ") + "]"),
                ("values", "[" + tensorJSONValues(tensor).joined(separator: ", ") + "]"),
                ("repr", reprText),
            ]
        case let .size(sizes):
            return [("type", jsonString("size")), ("value", "[" + sizes.map(String.init).joined(separator: ", ") + "]"), ("repr", reprText)]
        case let .dtype(dtype):
            return [("type", jsonString("dtype")), ("value", jsonString(dtype.rawValue)), ("repr", reprText)]
        case let .int(number):
            return [("type", jsonString("int")), ("value", String(number)), ("repr", reprText)]
        case let .native(big as BigIntObject):
            return [("type", jsonString("int")), ("value", big.value.text()), ("repr", reprText)]
        case let .float(number):
            return [("type", jsonString("float")), ("value", jsonDouble(number)), ("repr", reprText)]
        // np.float64 subclasses Python's float (np.float32 and the integer scalars do not).
        case let .native(scalar as NumPyScalar) where scalar.dtype == .float64:
            return [("type", jsonString("float")), ("value", jsonDouble(scalar.value.doubleValue)), ("repr", reprText)]
        case let .bool(flag):
            return [("type", jsonString("bool")), ("value", flag ? "true" : "false"), ("repr", reprText)]
        case let .string(text):
            return [("type", jsonString("str")), ("value", jsonString(text)), ("repr", reprText)]
        case .none:
            return [("type", jsonString("none")), ("repr", reprText)]
        case let .tuple(items):
            return [("type", jsonString("tuple")), ("items", try jsonArray(items)), ("repr", reprText)]
        case let .namedTuple(tuple):
            return [("type", jsonString("tuple")), ("items", try jsonArray(tuple.values)), ("repr", reprText)]
        case let .list(list) where !list.isSet && !list.isKeysView && list.dictViewName == nil:
            // A list that holds itself has a repr (`[[...]]`) but no finite JSON items.
            guard !jsonInProgress.contains(ObjectIdentifier(list)) else { return [("type", jsonString("list")), ("repr", reprText)] }
            jsonInProgress.insert(ObjectIdentifier(list))
            defer { jsonInProgress.remove(ObjectIdentifier(list)) }
            return [("type", jsonString("list")), ("items", try jsonArray(list.items)), ("repr", reprText)]
        case let .instance(instance) where instance.builtinValue != nil:
            // A subclass of a built-in type encodes as that type, with its own repr.
            let wrapped = try jsonFields(instance.builtinValue ?? .none)
            return wrapped.map { $0.0 == "repr" ? ("repr", reprText) : $0 }
        default:
            return [("type", jsonString("object")), ("repr", reprText)]
        }
    }

    public func jsonEncode(_ value: Value) throws -> String {
        jsonObject(try jsonFields(value))
    }

    private func jsonArray(_ items: [Value]) throws -> String {
        "[" + (try items.map { try jsonEncode($0) }).joined(separator: ", ") + "]"
    }

    private func tensorJSONValues(_ tensor: Tensor) -> [String] {
        switch tensor.dtype {
        case .float32: return tensor.elements(as: Float.self).map(jsonFloat)
        // A 16-bit element's exact value; every one is a float64 and reads back unchanged.
        case .float64, .float16, .bfloat16: return tensor.doubles().map(jsonDouble)
        case .bool: return tensor.bools().map { $0 ? "true" : "false" }
        default: return tensor.int64s().map { String($0) }
        }
    }
}

public func jsonObject(_ fields: [(String, String)]) -> String {
    "{" + fields.map { "\(jsonString($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
}

/// The shortest float32 text that reads back to the same element.
func jsonFloat(_ value: Float) -> String {
    if value.isNaN { return "\"nan\"" }
    if value.isInfinite { return value > 0 ? "\"inf\"" : "\"-inf\"" }
    return value.description
}

func jsonDouble(_ value: Double) -> String {
    if value.isNaN { return "\"nan\"" }
    if value.isInfinite { return value > 0 ? "\"inf\"" : "\"-inf\"" }
    return value.description
}

public func jsonString(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": output += "\\\""
        case "\\": output += "\\\\"
        case "\n": output += "\\n"
        case "\r": output += "\\r"
        case "\t": output += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                output += "\\u" + String(scalar.value, radix: 16).leftPadded(4)
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
    }
    return output + "\""
}
