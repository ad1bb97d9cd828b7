import PySyntax

/// Class patterns: `Point(x=0, y=py)` matches an instance and then its attributes. The
/// positional sub-patterns of `Point(a, b)` name attributes through the class's
/// `__match_args__`, except that one positional sub-pattern of a built-in type such as
/// `int(x)` or `str(s)` matches the subject itself.
extension Interpreter {
    private static let selfMatchingTypeNames: Set<String> = [
        "bool", "bytearray", "bytes", "dict", "float", "frozenset", "int", "list", "set", "str", "tuple",
    ]

    func matchesClass(_ typeExpr: Expr, _ positional: [Pattern], _ keywords: [(name: String, pattern: Pattern)],
                      _ subject: Value, _ bindings: inout [(name: String, value: Value)]) throws -> Bool {
        let type = try evaluate(typeExpr)
        guard isClassValue(type) else { throw PythonError.typeError("called match pattern must be a type") }
        guard try isInstance(subject, type) else { return false }
        let typeName = className(of: type)
        // nil names the subject itself.
        var attributes: [(name: String?, pattern: Pattern)] = []
        if case let .builtin(builtin) = type, Self.selfMatchingTypeNames.contains(builtin.name), !positional.isEmpty {
            guard positional.count == 1 else {
                throw PythonError.typeError("\(typeName)() accepts 1 positional sub-pattern (\(positional.count) given)")
            }
            attributes.append((nil, positional[0]))
        } else if !positional.isEmpty {
            let names = try matchArguments(of: type, named: typeName, count: positional.count)
            attributes += zip(names, positional).map { (name: $0, pattern: $1) }
        }
        for keyword in keywords {
            if attributes.contains(where: { $0.name == keyword.name }) {
                throw PythonError.typeError("\(typeName)() got multiple sub-patterns for attribute '\(keyword.name)'")
            }
            attributes.append((keyword.name, keyword.pattern))
        }
        for (name, pattern) in attributes {
            let value = if let name { try matchedAttribute(of: subject, name) } else { subject }
            guard let value, try matches(pattern, value, &bindings) else { return false }
        }
        return true
    }

    /// The attribute names of the first `count` positional sub-patterns.
    private func matchArguments(of type: Value, named typeName: String, count: Int) throws -> [String] {
        let declared = (try? attribute(of: type, "__match_args__")) ?? .tuple([])
        guard case let .tuple(items) = declared else {
            throw PythonError.typeError("\(typeName).__match_args__ must be a tuple (got \(declared.typeName))")
        }
        guard count <= items.count else {
            let plural = items.count == 1 ? "" : "s"
            throw PythonError.typeError("\(typeName)() accepts \(items.count) positional sub-pattern\(plural) (\(count) given)")
        }
        return try items.prefix(count).map { item in
            guard case let .string(name) = item else {
                throw PythonError.typeError("__match_args__ elements must be strings (got \(item.typeName))")
            }
            return name
        }
    }

    /// A missing attribute fails the match rather than raising.
    private func matchedAttribute(of subject: Value, _ name: String) throws -> Value? {
        do {
            return try attribute(of: subject, name)
        } catch let error as PythonError where error.type == "AttributeError" {
            return nil
        }
    }

    private func className(of type: Value) -> String {
        if case let .classObject(classObject) = type { return classObject.name }
        if case let .string(name)? = try? attribute(of: type, "__name__") { return name }
        if case let .builtin(builtin) = type { return builtin.name }
        return type.typeName
    }

    /// What `inspect.isclass` accepts: user classes, built-in types, and native classes.
    func isClassValue(_ value: Value) -> Bool {
        switch value {
        case .classObject: return true
        case let .builtin(builtin): return Interpreter.builtinTypeNames.contains(builtin.name) || nativeModuleFactory(value) != nil
        case let .native(object): return object.typeName == "type" || object is AbstractCollectionClass || object is TensorTypeObject
        default: return false
        }
    }
}
