/// `typing.NamedTuple`. As a base class (`class Output(NamedTuple): logits: Tensor;
/// loss: Optional[Tensor] = None`) its annotated fields, in order, and their defaults make
/// a namedtuple class; called (`NamedTuple('Point', [('x', int), ('y', int)])`), the listed
/// fields do.
final class TypingNamedTuple: NativeCallable {
    var typeName: String { "function" }
    func repr() -> String { "<function NamedTuple>" }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        let bound = try arguments.bind("NamedTuple", ["typename", "fields"])
        guard case let .string(name) = try bound.value("typename") else { throw PythonError.typeError("NamedTuple() typename must be a str") }
        let fields = try interpreter.iterate(bound.optional("fields") ?? .list(ListStorage([]))).map { pair -> String in
            guard case let .string(field)? = try interpreter.iterate(pair).first else { throw PythonError.typeError("NamedTuple('Name', [(f0, t0), (f1, t1), ...]); each t must be a type") }
            return field
        }
        return .native(NamedTupleClass(name: name, fields: fields, defaults: []))
    }
}

extension Interpreter {
    /// The namedtuple class a `class X(NamedTuple)` body declares: fields from its
    /// annotations, and whatever else the body defines (methods, properties) as members.
    func namedTupleClass(named name: String, body classScope: Scope, docstring: String?) throws -> Value {
        guard case let .dict(annotations)? = classScope.variables["__annotations__"] else {
            return .native(NamedTupleClass(name: name, fields: [], defaults: [], members: classScope.variables, docstring: docstring))
        }
        let fields = annotations.entries.compactMap { entry -> String? in if case let .string(field) = entry.key { field } else { nil } }
        var defaults: [Value] = []
        for (position, field) in fields.enumerated() {
            if let value = classScope.variables[field] {
                defaults.append(value)
            } else if !defaults.isEmpty {
                throw PythonError.typeError("Non-default namedtuple field \(field) cannot follow default field \(fields[position - 1])")
            }
        }
        var members = classScope.variables
        for field in fields + ["__annotations__"] { members[field] = nil }
        return .native(NamedTupleClass(name: name, fields: fields, defaults: defaults, members: members, docstring: docstring))
    }
}
