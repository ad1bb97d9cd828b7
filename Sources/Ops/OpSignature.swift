/// The declared type of one parameter, in the spelling of PyTorch's `native_functions.yaml`
/// (`Tensor`, `int[1]?`, `ScalarType?`). It decides how a Python value is converted before
/// the op's implementation sees it, so every op converts and rejects arguments alike.
public enum OpParameterType: String, Sendable, CaseIterable {
    case tensor = "Tensor"
    case optionalTensor = "Tensor?"
    case tensors = "Tensor[]"
    case int = "int"
    case optionalInt = "int?"
    /// One dim or several: `dim=1`, `dim=(0, 1)` or `None`.
    case dims = "int[1]?"
    /// One dim or several, required.
    case requiredDims = "int[1]"
    /// A size list: `(2, 3)`, or separate ints when the parameter is variadic.
    case ints = "int[]"
    /// A list of ints that must be a tuple or list, never a bare int (rot90's `dims`).
    case intTuple = "tuple[int]"
    case float = "float"
    case optionalFloat = "float?"
    case bool = "bool"
    case optionalBool = "bool?"
    case string = "str"
    case optionalString = "str?"
    case dtype = "ScalarType?"
    /// A dtype that must be given (`view(dtype)`): None does not fit.
    case requiredDtype = "ScalarType"
    /// A Python number, kept as int, float or bool.
    case scalar = "Scalar"
    case optionalScalar = "Scalar?"
    /// A tensor or a Python number, as elementwise operands take.
    case operand = "Tensor|Scalar"
    /// Any value; the binding written for the op checks it itself.
    case object = "object"

    public var isOptional: Bool { rawValue.hasSuffix("?") }
}

public struct OpParameter: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case positional
        case keywordOnly
        /// `int... size`: collects the remaining positionals, as `*size` does in Python.
        case variadic
    }

    public let name: String
    public let type: OpParameterType
    /// The default as Python source text (`None`, `False`, `-100`, `'mean'`); nil when required.
    public let defaultText: String?
    public let kind: Kind
    /// The default parsed once, when the table is built: every call that leaves the
    /// parameter out reads it.
    private let parsedDefault: DefaultValue?

    public init(name: String, type: OpParameterType, defaultText: String?, kind: Kind) {
        self.name = name
        self.type = type
        self.defaultText = defaultText
        self.kind = kind
        parsedDefault = defaultText.map(DefaultValue.init)
    }

    public var isRequired: Bool { defaultText == nil && kind != .variadic }

    /// The default as a value (`None`, `False`, `-100`, `'mean'`); nil when required.
    public var defaultArgument: OpArgument? {
        switch parsedDefault {
        case nil: return nil
        case .none?: return OpArgument.none
        case let .bool(flag)?: return .bool(flag)
        case let .int(number)?: return .int(number)
        case let .float(number)?: return .float(number)
        case let .string(text)?: return .string(text)
        }
    }
}

/// A parameter's default as Python source text reads.
private enum DefaultValue: Sendable, Equatable {
    case none, bool(Bool), int(Int), float(Double), string(String)

    init(_ text: String) {
        switch text {
        case "None": self = .none
        case "True": self = .bool(true)
        case "False": self = .bool(false)
        default:
            if let number = Int(text) {
                self = .int(number)
            } else if let number = Double(text) {
                self = .float(number)
            } else if text.count >= 2, let quote = text.first, quote == "'" || quote == "\"" {
                self = .string(String(text.dropFirst().dropLast()))
            } else {
                self = .string(text)
            }
        }
    }
}

/// An op's parameters, parsed from text such as
/// `Tensor input, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None`.
public struct OpSignature: Sendable, Equatable {
    public let parameters: [OpParameter]
    /// The parameters that may be passed by position, in order, kept for binding each call.
    public let positionalParameters: [OpParameter]
    /// Where each of `positionalParameters` stands in `parameters`.
    public let positionalIndices: [Int]

    public init(_ text: String) {
        var parameters: [OpParameter] = []
        var keywordOnly = false
        for rawPart in text.split(separator: ",") {
            let part = rawPart.trimmed
            if part == "*" { keywordOnly = true; continue }
            let declaration = part.split(separator: "=", maxSplits: 1).map { $0.trimmed }
            let words = declaration[0].split(separator: " ").map(String.init)
            precondition(words.count == 2, "op signature part '\(part)' needs a type and a name")
            let variadic = words[0].hasSuffix("...")
            let typeName = variadic ? String(words[0].dropLast(3)) : words[0]
            // `int... size` collects ints into a size list, `Tensor... operands` into a tensor list.
            guard let type = OpParameterType(rawValue: variadic ? typeName + "[]" : typeName) else {
                preconditionFailure("unknown op parameter type '\(typeName)'")
            }
            let kind: OpParameter.Kind = variadic ? .variadic : (keywordOnly ? .keywordOnly : .positional)
            parameters.append(OpParameter(name: words[1], type: type, defaultText: declaration.count > 1 ? declaration[1] : nil, kind: kind))
        }
        self.init(parameters: parameters)
    }

    public func parameter(named name: String) -> OpParameter? {
        parameters.first { $0.name == name }
    }

    /// The names that may be passed by position, in order.
    public var positionalNames: [String] {
        positionalParameters.map(\.name)
    }

    /// The parameters as `:help` shows them: `input, dim=None, keepdim=False, *, dtype=None`.
    public var pythonText: String {
        var parts: [String] = []
        var inKeywordOnly = false
        for parameter in parameters {
            if parameter.kind == .keywordOnly && !inKeywordOnly {
                inKeywordOnly = true
                if !(parts.last?.hasPrefix("*") ?? false) { parts.append("*") }
            }
            var text = parameter.kind == .variadic ? "*" + parameter.name : parameter.name
            if let defaultText = parameter.defaultText { text += "=" + defaultText }
            parts.append(text)
        }
        return parts.joined(separator: ", ")
    }

    /// The same signature without its first parameter: a method's, whose receiver is `input`.
    public var droppingReceiver: OpSignature {
        OpSignature(parameters: Array(parameters.dropFirst()))
    }

    init(parameters: [OpParameter]) {
        self.parameters = parameters
        positionalIndices = parameters.indices.filter { parameters[$0].kind != .keywordOnly }
        positionalParameters = positionalIndices.map { parameters[$0] }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces (Foundation is not needed for this).
    var trimmed: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
