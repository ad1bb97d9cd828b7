import PySyntax

/// `inspect`: signatures of user functions and classes (`'fused' in
/// inspect.signature(f).parameters`), and the `is...` predicates.
extension Interpreter {
    func makeInspectMembers() -> [String: Value] {
        func predicate(_ name: String, _ test: @escaping (Value) -> Bool) -> Value {
            stdlibFunction(name) { _, arguments in .bool(test(try arguments.bind(name, ["object"]).value("object"))) }
        }
        return [
            "signature": stdlibFunction("signature") { interpreter, arguments in
                .native(Signature(try interpreter.signatureParameters(try arguments.bind("signature", ["obj"]).value("obj"))))
            },
            "Parameter": .native(ParameterType()),
            "isclass": stdlibFunction("isclass") { interpreter, arguments in
                .bool(interpreter.isClassValue(try arguments.bind("isclass", ["object"]).value("object")))
            },
            "isfunction": predicate("isfunction") { if case .function = $0 { true } else { false } },
            "isbuiltin": predicate("isbuiltin") { if case .builtin = $0 { true } else { false } },
            "ismodule": predicate("ismodule") { if case .module = $0 { true } else { false } },
        ]
    }

    /// The parameters of a user function, or of a class's `__init__` without `self`.
    /// Builtins do not record theirs, so they have none here.
    func signatureParameters(_ value: Value) throws -> [SignatureParameter] {
        switch value {
        case let .function(function):
            return function.parameters.map { SignatureParameter(name: $0.name, kind: $0.kind, defaultValue: function.defaults[$0.name]) }
        case let .classObject(classObject):
            guard let initializer = classObject.lookup("__init__") else { return [] }
            return Array(try signatureParameters(initializer).dropFirst())
        case let .native(partial as Partial):
            return try signatureParameters(partial.function).dropFirst(partial.arguments.positional.count)
                .filter { parameter in !partial.arguments.keywords.contains { $0.name == parameter.name } }
        case let .builtin(builtin):
            return optimizerSignature(builtin) ?? []
        case .native:
            return []
        default:
            throw PythonError.typeError("\(try repr(value)) is not a callable object")
        }
    }
}

struct SignatureParameter {
    let name: String
    let kind: Parameter.Kind
    let defaultValue: Value?

    var kindName: String {
        switch kind {
        case .normal: "POSITIONAL_OR_KEYWORD"
        case .variadic: "VAR_POSITIONAL"
        case .keywordOnly: "KEYWORD_ONLY"
        case .keywordVariadic: "VAR_KEYWORD"
        }
    }
}

/// `inspect.Signature`: `parameters` maps names, in order, to Parameter objects.
final class Signature: NativeContainerRepr {
    let parameters: [SignatureParameter]
    init(_ parameters: [SignatureParameter]) { self.parameters = parameters }

    var typeName: String { "Signature" }
    func repr() -> String { "<Signature>" }

    func repr(_ interpreter: Interpreter) throws -> String { "<Signature \(try str(interpreter))>" }

    func str(_ interpreter: Interpreter) throws -> String {
        var parts: [String] = []
        for (index, parameter) in parameters.enumerated() {
            if parameter.kind == .keywordOnly, index == 0 || ![Parameter.Kind.keywordOnly, .variadic].contains(parameters[index - 1].kind) { parts.append("*") }
            parts.append(try ParameterObject(parameter).text(interpreter))
        }
        return "(\(parts.joined(separator: ", ")))"
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        guard name == "parameters" else { return nil }
        let mapping = DictStorage(parameters.map { (Value.string($0.name), Value.native(ParameterObject($0))) })
        mapping.flavor = .ordered
        return .dict(mapping)
    }
}

final class ParameterObject: NativeContainerRepr {
    let parameter: SignatureParameter
    init(_ parameter: SignatureParameter) { self.parameter = parameter }

    var typeName: String { "Parameter" }
    func repr() -> String { "<Parameter \"\(parameter.name)\">" }
    func repr(_ interpreter: Interpreter) throws -> String { "<Parameter \"\(try text(interpreter))\">" }

    func text(_ interpreter: Interpreter) throws -> String {
        switch parameter.kind {
        case .variadic: return "*" + parameter.name
        case .keywordVariadic: return "**" + parameter.name
        default: return parameter.name + (try parameter.defaultValue.map { "=" + (try interpreter.repr($0)) } ?? "")
        }
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "name": return .string(parameter.name)
        case "default": return parameter.defaultValue ?? .native(ParameterType.empty)
        case "kind": return .string(parameter.kindName)
        default: return nil
        }
    }
}

/// `inspect.Parameter`, for `inspect.Parameter.empty` and the kind names.
final class ParameterType: NativeObject {
    nonisolated(unsafe) static let empty = EmptyMarker()
    var typeName: String { "type" }
    func repr() -> String { "<class 'inspect.Parameter'>" }
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        if name == "empty" { return .native(ParameterType.empty) }
        let kinds = ["POSITIONAL_OR_KEYWORD", "VAR_POSITIONAL", "KEYWORD_ONLY", "VAR_KEYWORD", "POSITIONAL_ONLY"]
        return kinds.contains(name) ? .string(name) : nil
    }
}

final class EmptyMarker: NativeObject {
    var typeName: String { "type" }
    func repr() -> String { "<class 'inspect._empty'>" }
}
