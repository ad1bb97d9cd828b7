/// `typing` and `__future__`: names that appear in annotations and type aliases. They
/// check nothing at run time, as in Python, but subscript and print as Python's do.
extension Interpreter {
    func makeTypingMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        let forms = ["Any", "Dict", "Callable", "List", "Optional", "Set", "FrozenSet", "Tuple", "Union", "Type", "Final",
                     "Iterable", "Iterator", "Sequence", "Mapping", "MutableMapping", "Generator", "ClassVar", "Literal",
                     "Generic", "Protocol", "Annotated", "DefaultDict", "OrderedDict", "Counter", "Deque", "NoReturn"]
        for name in forms { members[name] = .native(TypingForm(name)) }
        members["TYPE_CHECKING"] = .bool(false)
        members["NamedTuple"] = .native(TypingNamedTuple())
        members["cast"] = stdlibFunction("cast") { _, arguments in
            try arguments.bind("cast", ["typ", "val"]).value("val")
        }
        members["TypeVar"] = stdlibFunction("TypeVar") { _, arguments in
            guard case let .string(name)? = arguments.positional.first else {
                throw PythonError.typeError("TypeVar() missing required argument 'name'")
            }
            return .native(TypingForm(name, isVariable: true))
        }
        members["overload"] = stdlibFunction("overload") { _, arguments in
            try arguments.bind("overload", ["func"]).value("func")
        }
        return members
    }

    /// `from __future__ import annotations` and the rest: features this interpreter already has.
    func makeFutureMembers() -> [String: Value] {
        let features = ["annotations", "print_function", "division", "absolute_import", "unicode_literals",
                        "generator_stop", "with_statement", "nested_scopes", "generators"]
        return Dictionary(uniqueKeysWithValues: features.map { ($0, Value.native(FutureFeature($0))) })
    }

    /// How a type appears inside a `typing` repr: `int`, `__main__.A`, `typing.List[int]`.
    func typingArgumentRepr(_ value: Value) throws -> String {
        switch value {
        case let .classObject(classObject): return "__main__.\(classObject.name)"
        case let .builtin(builtin) where Interpreter.builtinTypeNames.contains(builtin.name): return builtin.name
        case .none: return "None"
        case .ellipsis: return "..."
        case let .list(list): return "[" + (try list.items.map(typingArgumentRepr)).joined(separator: ", ") + "]"
        case let .tuple(items) where items.isEmpty: return "()"
        case let .native(form as TypingForm): return form.repr()
        case .native(is ModuleBaseClass): return "torch.nn.modules.module.Module"
        case .native(is TensorTypeObject): return "torch.Tensor"
        case let .native(type as PythonTypeObject): return type.name
        default: return try repr(value)
        }
    }
}

/// `typing.Optional`, `typing.Dict[str, int]`, a `TypeVar`.
final class TypingForm: NativeSubscriptable, NativeCallable {
    let name: String
    let arguments: [String]?
    let isVariable: Bool

    init(_ name: String, arguments: [String]? = nil, isVariable: Bool = false) {
        self.name = name
        self.arguments = arguments
        self.isVariable = isVariable
    }

    var typeName: String { isVariable ? "TypeVar" : "_GenericAlias" }

    func repr() -> String {
        if isVariable { return "~\(name)" }
        guard let arguments else { return "typing.\(name)" }
        return "typing.\(name)[\(arguments.joined(separator: ", "))]"
    }

    func item(at index: Value, interpreter: Interpreter) throws -> Value {
        var items: [Value]
        if case let .tuple(values) = index, !values.isEmpty { items = values } else { items = [index] }
        if name == "Union" {
            // Union[X] is X; Union[X, None] prints as Optional[X], as Python does.
            if items.count == 1 { return items[0] }
            if items.count == 2, items[1].isNone || items[1].typeName == "NoneType" {
                return .native(TypingForm("Optional", arguments: [try interpreter.typingArgumentRepr(items[0])]))
            }
        }
        return .native(TypingForm(name, arguments: try items.map(interpreter.typingArgumentRepr)))
    }

    /// Calling a bare alias (`List()`) is an error in Python; a TypeVar is not callable either.
    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        throw PythonError.typeError("Type \(name) cannot be instantiated; use \(name.lowercased())() instead")
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        name == "__name__" ? .string(self.name) : nil
    }
}

/// A `__future__` feature: importing it changes nothing here, since the interpreter
/// already behaves as Python 3 does with every one of them on.
final class FutureFeature: NativeObject {
    let name: String
    init(_ name: String) { self.name = name }
    var typeName: String { "_Feature" }
    func repr() -> String { "<__future__.\(name)>" }
}
