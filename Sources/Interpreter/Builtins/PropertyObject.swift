/// A descriptor written in a class body: it learns its attribute name when the class is
/// made (Python's `__set_name__`), its functions learn their class, for `super()`, and
/// reading it through an instance runs its getter.
protocol ClassBodyDescriptor: NativeObject {
    var name: String? { get set }
    var functions: [Function] { get }
    func get(_ instance: Value, _ interpreter: Interpreter) throws -> Value
}

/// `functools.cached_property`: the getter runs on the first read, and its result is
/// stored on the instance under the same name, where later reads find it first.
final class CachedProperty: ClassBodyDescriptor {
    let getter: Value
    var name: String?

    init(_ getter: Value) { self.getter = getter }

    var typeName: String { "functools.cached_property" }
    func repr() -> String { "<functools.cached_property object>" }
    var functions: [Function] { if case let .function(function) = getter { [function] } else { [] } }

    func get(_ instance: Value, _ interpreter: Interpreter) throws -> Value {
        let value = try interpreter.call(getter, CallArguments([instance]))
        if case let .instance(object) = instance, let name {
            if let store = object.attributeStore { store[.string(name)] = value } else { object.set(name, value) }
        }
        return value
    }
}

/// Python's `property`: a getter, and optionally a setter and a deleter, that run when an
/// instance's attribute is read, assigned or deleted (`@property`, then `@t.setter`, as
/// models expose a clamped temperature or a derived size).
final class PropertyObject: ClassBodyDescriptor {
    let getter: Value?
    let setter: Value?
    let deleter: Value?
    let doc: Value
    /// The attribute name, for the "has no setter" message; set when the class is made.
    var name: String?

    init(getter: Value?, setter: Value? = nil, deleter: Value? = nil, doc: Value = .none) {
        self.getter = getter
        self.setter = setter
        self.deleter = deleter
        self.doc = doc
    }

    var typeName: String { "property" }
    func repr() -> String { "<property object>" }

    /// The functions behind it, which `super()` inside them needs to know the class of.
    var functions: [Function] {
        [getter, setter, deleter].compactMap { if case let .function(function)? = $0 { function } else { nil } }
    }

    func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func copy(getter: Value?, setter: Value?, deleter: Value?) -> Value {
            .builtin(Builtin(attribute, owner: "property") { _, arguments in
                let function = try arguments.bind(attribute, ["function"]).value("function")
                func pick(_ kind: String, _ current: Value?) -> Value? { attribute == kind ? function : current }
                let made = PropertyObject(getter: pick("getter", getter), setter: pick("setter", setter), deleter: pick("deleter", deleter), doc: self.doc)
                made.name = self.name
                return .native(made)
            })
        }
        switch attribute {
        case "getter", "setter", "deleter": return copy(getter: getter, setter: setter, deleter: deleter)
        case "fget": return getter ?? Value.none
        case "fset": return setter ?? Value.none
        case "fdel": return deleter ?? Value.none
        case "__doc__":
            // Without a doc of its own, a property shows its getter's docstring.
            if doc.isNone, let getter { return (try? interpreter.attribute(of: getter, "__doc__")) ?? Value.none }
            return doc
        case "__isabstractmethod__":
            if case let .function(function)? = getter { return .bool(function.attributes["__isabstractmethod__"] != nil) }
            return .bool(false)
        default: return nil
        }
    }

    func get(_ instance: Value, _ interpreter: Interpreter) throws -> Value {
        guard let getter else { throw accessError("getter", instance) }
        return try interpreter.call(getter, CallArguments([instance]))
    }

    func set(_ instance: Value, _ value: Value, _ interpreter: Interpreter) throws {
        guard let setter else { throw accessError("setter", instance) }
        _ = try interpreter.call(setter, CallArguments([instance, value]))
    }

    func delete(_ instance: Value, _ interpreter: Interpreter) throws {
        guard let deleter else { throw accessError("deleter", instance) }
        _ = try interpreter.call(deleter, CallArguments([instance]))
    }

    /// CPython 3.11+'s wording: "property 't' of 'Temp' object has no setter".
    private func accessError(_ missing: String, _ instance: Value) -> PythonError {
        .attributeError("property \(name.map { "'\($0)' " } ?? "")of '\(instance.typeName)' object has no \(missing)")
    }
}

extension Interpreter {
    /// `property(fget=None, fset=None, fdel=None, doc=None)`, also used as `@property`.
    func makeProperty(_ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("property", ["fget", "fset", "fdel", "doc"])
        return .native(PropertyObject(getter: bound.optional("fget"), setter: bound.optional("fset"), deleter: bound.optional("fdel"),
                                      doc: bound.optional("doc") ?? .none))
    }

    /// The property a class defines for `name`, which assignment and deletion go through.
    func classProperty(_ instance: Instance, _ name: String) -> PropertyObject? {
        guard case let .native(property as PropertyObject)? = instance.classObject.lookup(name) else { return nil }
        return property
    }
}
