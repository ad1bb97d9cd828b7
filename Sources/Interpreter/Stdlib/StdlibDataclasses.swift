/// `dataclasses`: `@dataclass` (bare or with options) writes `__init__`, `__repr__` and
/// `__eq__` from the class's annotated fields in order (base dataclasses' fields first),
/// with defaults and `field(default=..., default_factory=...)`; plus `field`, `fields`,
/// `asdict`, `astuple`, `replace` and `is_dataclass`.
extension Interpreter {
    func makeDataclassesMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        members["dataclass"] = stdlibFunction("dataclass") { interpreter, arguments in
            if case let .classObject(classObject)? = arguments.positional.first, arguments.positional.count == 1 {
                return try interpreter.makeDataclass(classObject, options: CallArguments())
            }
            // `@dataclass(frozen=True, ...)`: a decorator that remembers its options.
            return stdlibFunction("dataclass") { interpreter, decorated in
                guard case let .classObject(classObject)? = decorated.positional.first else {
                    throw PythonError.typeError("dataclass() should be called on a class")
                }
                return try interpreter.makeDataclass(classObject, options: arguments)
            }
        }
        members["field"] = stdlibFunction("field") { _, arguments in
            let bound = try arguments.bind("field", ["*", "default", "default_factory", "init", "repr", "hash", "compare", "metadata", "kw_only"])
            return .native(DataclassField(default: bound.optional("default"), factory: bound.optional("default_factory"),
                                          inRepr: try bound.bool("repr", default: true), inInit: try bound.bool("init", default: true)))
        }
        members["is_dataclass"] = stdlibFunction("is_dataclass") { _, arguments in
            .bool(dataclassFields(of: arguments.positional.first ?? .none) != nil)
        }
        members["fields"] = stdlibFunction("fields") { _, arguments in
            guard let fields = dataclassFields(of: arguments.positional.first ?? .none) else {
                throw PythonError.typeError("must be called with a dataclass type or instance")
            }
            return .tuple(fields.map { .native(DataclassFieldInfo(name: $0.name)) })
        }
        for (name, asTuple) in [("asdict", false), ("astuple", true)] {
            members[name] = stdlibFunction(name) { interpreter, arguments in
                guard case let .instance(instance)? = arguments.positional.first, let fields = dataclassFields(of: .instance(instance)) else {
                    throw PythonError.typeError("\(name)() should be called on dataclass instances")
                }
                let values = fields.map { instance.attributes[$0.name] ?? .none }
                if asTuple { return .tuple(values) }
                return .dict(DictStorage(zip(fields, values).map { (.string($0.name), $1) }))
            }
        }
        members["replace"] = stdlibFunction("replace") { interpreter, arguments in
            guard case let .instance(instance)? = arguments.positional.first, let fields = dataclassFields(of: .instance(instance)) else {
                throw PythonError.typeError("replace() should be called on dataclass instances")
            }
            var keywords = fields.filter(\.inInit).map { (name: $0.name, value: instance.attributes[$0.name] ?? .none) }
            for (name, value) in arguments.keywords {
                guard let index = keywords.firstIndex(where: { $0.name == name }) else {
                    throw PythonError.typeError("\(instance.classObject.name).__init__() got an unexpected keyword argument '\(name)'")
                }
                keywords[index].value = value
            }
            return try interpreter.call(.classObject(instance.classObject), CallArguments(keywords: keywords))
        }
        return members
    }

    private func makeDataclass(_ classObject: ClassObject, options: CallArguments) throws -> Value {
        var fields: [DataclassFieldSpec] = []
        for base in classObject.bases.reversed() {
            for inherited in dataclassFields(of: .classObject(base)) ?? [] where !fields.contains(where: { $0.name == inherited.name }) {
                fields.append(inherited)
            }
        }
        if case let .dict(annotations)? = classObject.attributes["__annotations__"] {
            for case let .string(name) in annotations.entries.map(\.key) {
                var spec = DataclassFieldSpec(name: name)
                switch classObject.attributes[name] {
                case let .native(field as DataclassField)?:
                    (spec.defaultValue, spec.factory, spec.inRepr, spec.inInit) = (field.defaultValue, field.factory, field.inRepr, field.inInit)
                    classObject.attributes[name] = field.defaultValue
                case let value?: spec.defaultValue = value
                case nil: break
                }
                if let index = fields.firstIndex(where: { $0.name == name }) { fields[index] = spec } else { fields.append(spec) }
            }
        }
        var seenDefault = false
        for field in fields where field.inInit {
            if field.defaultValue != nil || field.factory != nil {
                seenDefault = true
            } else if seenDefault {
                throw PythonError.typeError("non-default argument '\(field.name)' follows default argument")
            }
        }
        let bound = try options.bind("dataclass", ["*", "init", "repr", "eq", "order", "unsafe_hash", "frozen", "match_args", "kw_only", "slots"])
        let frozen = try bound.bool("frozen", default: false)
        classObject.attributes["__dataclass_fields__"] = .native(DataclassFieldList(fields, frozen: frozen))
        // `case Point(x, y):` reads the positional sub-patterns' attributes from this.
        if try bound.bool("match_args", default: true), classObject.attributes["__match_args__"] == nil {
            classObject.attributes["__match_args__"] = .tuple(fields.filter(\.inInit).map { .string($0.name) })
        }
        if classObject.attributes["__init__"] == nil { classObject.attributes["__init__"] = .native(DataclassMethod(.initializer, classObject)) }
        if classObject.attributes["__repr__"] == nil { classObject.attributes["__repr__"] = .native(DataclassMethod(.repr, classObject)) }
        if classObject.attributes["__eq__"] == nil { classObject.attributes["__eq__"] = .native(DataclassMethod(.equal, classObject)) }
        return .classObject(classObject)
    }
}

struct DataclassFieldSpec {
    let name: String
    var defaultValue: Value?
    var factory: Value?
    var inRepr = true
    var inInit = true

    init(name: String) { self.name = name }
}

/// The fields `@dataclass` found, kept on the class as `__dataclass_fields__`.
final class DataclassFieldList: NativeSized {
    let fields: [DataclassFieldSpec]
    let frozen: Bool

    init(_ fields: [DataclassFieldSpec], frozen: Bool) {
        self.fields = fields
        self.frozen = frozen
    }

    var typeName: String { "dict" }
    func repr() -> String { "{" + fields.map { "'\($0.name)': Field(name='\($0.name)')" }.joined(separator: ", ") + "}" }
    func iterate() throws -> [Value]? { fields.map { .string($0.name) } }
    var count: Int { fields.count }

    /// The mapping methods config code reads it with (`Cfg.__dataclass_fields__.keys()`).
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func view(_ kind: String, _ items: [Value]) -> Value {
            let list = ListStorage(items)
            list.dictViewName = "dict_" + kind
            return .builtin(Builtin(name, owner: "dict", isOp: false) { _, _ in .list(list) })
        }
        let names = fields.map { Value.string($0.name) }
        let infos = fields.map { Value.native(DataclassFieldInfo(name: $0.name)) }
        switch name {
        case "keys": return view("keys", names)
        case "values": return view("values", infos)
        case "items": return view("items", zip(names, infos).map { .tuple([$0, $1]) })
        default: return nil
        }
    }
}

func dataclassFields(of value: Value) -> [DataclassFieldSpec]? {
    let classObject: ClassObject
    switch value {
    case let .classObject(given): classObject = given
    case let .instance(instance): classObject = instance.classObject
    default: return nil
    }
    guard case let .native(list as DataclassFieldList)? = classObject.lookup("__dataclass_fields__") else { return nil }
    return list.fields
}

/// What `field(...)` returns, replaced by its default once the class is processed.
final class DataclassField: NativeObject {
    let defaultValue: Value?
    let factory: Value?
    let inRepr: Bool
    let inInit: Bool

    init(default defaultValue: Value?, factory: Value?, inRepr: Bool, inInit: Bool) {
        (self.defaultValue, self.factory, self.inRepr, self.inInit) = (defaultValue, factory, inRepr, inInit)
    }

    var typeName: String { "Field" }
    func repr() -> String { "Field()" }
}

/// An item of `dataclasses.fields(...)`: its `.name`.
final class DataclassFieldInfo: NativeObject {
    let name: String

    init(name: String) { self.name = name }

    var typeName: String { "Field" }
    func repr() -> String { "Field(name='\(name)')" }
    func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? { attribute == "name" ? .string(name) : nil }
}

/// The generated `__init__`, `__repr__` and `__eq__`, bound to the instance they are read from.
final class DataclassMethod: NativeMethodBinding {
    enum Kind { case initializer, repr, equal }

    let kind: Kind
    unowned let classObject: ClassObject

    init(_ kind: Kind, _ classObject: ClassObject) {
        self.kind = kind
        self.classObject = classObject
    }

    var typeName: String { "function" }
    func repr() -> String { "<function \(classObject.name).\(kind == .initializer ? "__init__" : kind == .repr ? "__repr__" : "__eq__")>" }

    /// Called through the class (`Point.__init__(p, 1, 2)`, or by instance creation).
    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        guard let receiver = arguments.positional.first else { throw PythonError.typeError("missing 'self' argument") }
        return try interpreter.call(bound(to: receiver), CallArguments(Array(arguments.positional.dropFirst()), keywords: arguments.keywords))
    }

    func bound(to receiver: Value) -> Value {
        .builtin(Builtin(kind == .initializer ? "__init__" : "__repr__", owner: classObject.name) { [self] interpreter, arguments in
            guard case let .instance(instance) = receiver, let fields = dataclassFields(of: receiver) else { return .none }
            switch kind {
            case .initializer: return try initialize(instance, fields, arguments, interpreter)
            case .repr:
                let parts = try fields.filter(\.inRepr).map { "\($0.name)=\(try interpreter.repr(instance.attributes[$0.name] ?? .none))" }
                return .string("\(instance.classObject.name)(" + parts.joined(separator: ", ") + ")")
            case .equal:
                guard case let .instance(other)? = arguments.positional.first, other.classObject === instance.classObject else {
                    return .bool(false)
                }
                for field in fields {
                    let equal = try interpreter.compare(.equal, instance.attributes[field.name] ?? .none, other.attributes[field.name] ?? .none)
                    if try !interpreter.truthy(equal) { return .bool(false) }
                }
                return .bool(true)
            }
        })
    }

    private func initialize(_ instance: Instance, _ fields: [DataclassFieldSpec], _ arguments: CallArguments, _ interpreter: Interpreter) throws -> Value {
        let initFields = fields.filter(\.inInit)
        let bound = try arguments.bind("__init__", initFields.map(\.name))
        for field in fields {
            if field.inInit, let given = bound.optional(field.name) {
                instance.set(field.name, given)
            } else if let factory = field.factory {
                instance.set(field.name, try interpreter.call(factory, CallArguments()))
            } else if let value = field.defaultValue {
                instance.set(field.name, value)
            } else {
                throw PythonError.typeError("\(classObject.name).__init__() missing 1 required positional argument: '\(field.name)'")
            }
        }
        if let postInit = instance.classObject.lookup("__post_init__") {
            _ = try interpreter.call(try interpreter.bindClassAttribute(postInit, instance: .instance(instance), classObject: instance.classObject),
                                     CallArguments())
        }
        return .none
    }
}
