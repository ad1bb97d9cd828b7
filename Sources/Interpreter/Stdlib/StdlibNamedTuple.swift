/// `collections.namedtuple`: a class whose instances are tuples with named fields.
extension Interpreter {
    static func namedtupleBuiltin(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("namedtuple", ["typename", "field_names", "*", "rename", "defaults", "module"])
        guard case let .string(typeName) = try bound.value("typename") else { throw PythonError.typeError("namedtuple() typename must be a str") }
        let fieldValue = try bound.value("field_names")
        let fields: [String]
        if case let .string(text) = fieldValue {
            fields = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        } else {
            fields = try interpreter.iterate(fieldValue).map { try interpreter.str($0) }
        }
        let defaults = try bound.optional("defaults").map { try interpreter.iterate($0) } ?? []
        guard defaults.count <= fields.count else { throw PythonError.typeError("Got more default values than field names") }
        return .native(NamedTupleClass(name: typeName, fields: fields, defaults: defaults))
    }

    /// `Point(x=1, y=2)`, or what the class body's own `__repr__` returns.
    func namedTupleRepr(_ tuple: NamedTuple) throws -> String {
        if let method = try tuple.owner?.member("__repr__", receiver: .namedTuple(tuple), self) {
            return try str(try call(method, CallArguments()))
        }
        if tuple.typeName == incompatibleKeysTypeName, tuple.values.allSatisfy({ (try? length($0)) == 0 }) {
            return "<All keys matched successfully>"
        }
        let fields = try zip(tuple.fields, tuple.values).map { "\($0)=\(try repr($1))" }
        // torch.return_types put each field on its own line; collections.namedtuple does not.
        let separator = tuple.typeName.hasPrefix("torch.") ? ",\n" : ", "
        return "\(tuple.typeName)(\(separator == ", " ? "" : "\n")" + fields.joined(separator: separator) + ")"
    }

    func namedTupleMethod(_ tuple: NamedTuple, _ name: String, _ method: (@escaping Builtin.Body) -> Value) -> Value? {
        switch name {
        case "_fields": return .tuple(tuple.fields.map { .string($0) })
        case "_asdict":
            return method { _, _ in .dict(DictStorage(zip(tuple.fields, tuple.values).map { (Value.string($0), $1) })) }
        case "_replace":
            return method { _, arguments in
                var values = tuple.values
                for (field, value) in arguments.keywords {
                    guard let position = tuple.fields.firstIndex(of: field) else {
                        throw PythonError.valueError("Got unexpected field names: ['\(field)']")
                    }
                    values[position] = value
                }
                return .namedTuple(tuple.replacingValues(values))
            }
        default: return nil
        }
    }
}

/// The class `namedtuple('Point', 'x y')` returns.
final class NamedTupleClass: NativeCallable, NativeInstanceCheck {
    let name: String
    let fields: [String]
    /// Defaults for the last fields.
    let defaults: [Value]
    /// What a `class P(NamedTuple)` body defines besides its fields: methods, properties,
    /// class and static methods, constants.
    let members: [String: Value]
    let docstring: String?

    init(name: String, fields: [String], defaults: [Value], members: [String: Value] = [:], docstring: String? = nil) {
        self.name = name
        self.fields = fields
        self.defaults = defaults
        self.members = members
        self.docstring = docstring
    }

    var typeName: String { "type" }
    func repr() -> String { "<class '__main__.\(name)'>" }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        guard arguments.positional.count <= fields.count else {
            throw PythonError.typeError("\(name).__new__() takes \(fields.count + 1) positional arguments but \(arguments.positional.count + 1) were given")
        }
        var values: [Value?] = arguments.positional + Array(repeating: nil, count: fields.count - arguments.positional.count)
        for (field, value) in arguments.keywords {
            guard let position = fields.firstIndex(of: field) else {
                throw PythonError.typeError("\(name).__new__() got an unexpected keyword argument '\(field)'")
            }
            guard values[position] == nil else { throw PythonError.typeError("\(name).__new__() got multiple values for argument '\(field)'") }
            values[position] = value
        }
        let firstDefault = fields.count - defaults.count
        for position in values.indices where values[position] == nil && position >= firstDefault {
            values[position] = defaults[position - firstDefault]
        }
        let missing = values.indices.filter { values[$0] == nil }.map { "'\(fields[$0])'" }
        guard missing.isEmpty else {
            let list = missing.count == 1 ? missing[0] : missing.dropLast().joined(separator: ", ") + " and " + missing.last!
            throw PythonError.typeError("\(name).__new__() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
        }
        var tuple = NamedTuple(typeName: name, fields: fields, values: values.map { $0 ?? .none })
        tuple.owner = self
        return .namedTuple(tuple)
    }

    func isInstance(_ value: Value, interpreter: Interpreter) throws -> Bool {
        if case let .namedTuple(tuple) = value { return tuple.typeName == name && tuple.fields == fields }
        return false
    }

    func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "_fields", "__match_args__": return .tuple(fields.map { .string($0) })
        case "_field_defaults": return .dict(DictStorage(zip(fields.suffix(defaults.count), defaults).map { (Value.string($0), $1) }))
        case "__name__", "__qualname__": return .string(name)
        case "__doc__": return .string(docstring ?? "\(name)(\(fields.joined(separator: ", ")))")
        case "_make":
            return stdlibFunction("_make") { [self] interpreter, arguments in
                try call(interpreter, CallArguments(try interpreter.iterate(arguments.positional.first ?? .tuple([])))) ?? .none
            }
        default: return try member(attribute, receiver: nil, interpreter)
        }
    }

    /// A member of the class body, read through the class (`receiver` nil) or an
    /// instance: methods bind to the instance, class methods to this class, and
    /// properties run their getter on the instance.
    func member(_ name: String, receiver: Value?, _ interpreter: Interpreter) throws -> Value? {
        if name == "__doc__", receiver != nil { return try attribute(name, interpreter: interpreter) }
        guard let value = members[name] else { return nil }
        return try interpreter.bindClassAttribute(value, instance: receiver, owner: .native(self))
    }
}

extension NamedTuple {
    /// The same namedtuple type, fields and class, holding other values (`_replace`, copies).
    func replacingValues(_ values: [Value]) -> NamedTuple {
        var tuple = NamedTuple(typeName: typeName, fields: fields, values: values)
        tuple.owner = owner
        return tuple
    }
}
