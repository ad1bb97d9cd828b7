/// `ClassName(...)`: exceptions, enum lookups, and instances made by the class's
/// `__new__` (or `object.__new__`), then set up by its `__init__`, a native base layer's,
/// or a built-in base type's.
extension Interpreter {
    func instantiate(_ classObject: ClassObject, _ arguments: CallArguments) throws -> Value {
        if isExceptionClass(classObject) {
            let message = try arguments.positional.first.map { try str($0) } ?? ""
            return .native(ExceptionObject(type: classObject.name, message: message, ancestry: classAncestry(classObject),
                                           hasArguments: !arguments.positional.isEmpty))
        }
        if enumMembers(of: classObject) != nil {
            return try enumMember(classObject, value: try arguments.bind(classObject.name, ["value"]).value("value"))
        }
        try checkNotAbstract(classObject)
        guard let newMethod = classObject.lookup("__new__") else {
            let instance = try allocateInstance(classObject, arguments)
            try initialize(instance, arguments, hasOwnNew: false)
            return .instance(instance)
        }
        // `__new__` is a static method given the class; `__init__` runs only on an instance
        // of the class it returns (a singleton's `__new__` returns the one it made first).
        let made = try call(try bindClassAttribute(newMethod, instance: nil, classObject: classObject),
                            arguments.prepending(.classObject(classObject)))
        if case let .instance(instance) = made, instance.classObject.inherits(from: classObject) {
            try initialize(instance, arguments, hasOwnNew: true)
        }
        return made
    }

    /// `object.__new__(cls, ...)`: a bare instance, with a module's registry, or the value
    /// of its built-in base (made from the arguments for an immutable type: `tuple.__new__`).
    func allocateInstance(_ classObject: ClassObject, _ arguments: CallArguments) throws -> Instance {
        let instance = Instance(classObject: classObject)
        if classObject.lookup("__tensortutor_module__") != nil { instance.moduleRegistry = ModuleRegistry() }
        if let base = builtinBase(of: classObject) { try createBuiltinValue(instance, base, arguments) }
        return instance
    }

    private func initialize(_ instance: Instance, _ arguments: CallArguments, hasOwnNew: Bool) throws {
        if let initializer = instance.classObject.lookup("__init__") {
            _ = try call(initializer, arguments.prepending(.instance(instance)))
        } else if let nativeInitializer = try moduleSuperAttribute(.instance(instance), "__init__") {
            // A subclass of a native layer without its own __init__ builds that layer.
            _ = try call(nativeInitializer, arguments)
        } else if instance.builtinValue != nil {
            try fillBuiltinValue(instance, arguments)
        } else if !hasOwnNew, !arguments.positional.isEmpty || !arguments.keywords.isEmpty {
            throw PythonError.typeError("\(instance.classObject.name)() takes no arguments")
        }
    }

    /// `object.__new__` and `super().__new__(cls, ...)` when no user class defines it.
    func objectNew(_ arguments: CallArguments) throws -> Value {
        guard case let .classObject(classObject)? = arguments.positional.first else {
            throw PythonError.typeError("object.__new__(X): X is not a type object (\(arguments.positional.first?.typeName ?? "nothing"))")
        }
        return .instance(try allocateInstance(classObject, CallArguments(Array(arguments.positional.dropFirst()), keywords: arguments.keywords)))
    }

    /// A base class's `__init_subclass__` (implicitly a class method) runs for each new
    /// subclass with the class keyword arguments (`class B(Base, flag=True)`), as
    /// registries of model variants use it.
    func runInitSubclass(of classObject: ClassObject, keywords: [(name: String, value: Value)]) throws {
        guard let hook = classObject.lookupWithOwner("__init_subclass__", after: classObject) else {
            try objectInitSubclass(classObject, CallArguments(keywords: keywords))
            return
        }
        let bound = if case let .function(function) = hook.value {
            bindMethod(function, to: .classObject(classObject))
        } else {
            try bindClassAttribute(hook.value, instance: nil, classObject: classObject)
        }
        _ = try call(bound, CallArguments(keywords: keywords))
    }

    /// `object.__init_subclass__`, where the chain of `super().__init_subclass__(**kwargs)`
    /// ends: keyword arguments nobody consumed are an error.
    func objectInitSubclass(_ classObject: ClassObject, _ arguments: CallArguments) throws {
        guard arguments.keywords.isEmpty else {
            throw PythonError.typeError("\(classObject.name).__init_subclass__() takes no keyword arguments")
        }
        if !arguments.positional.isEmpty {
            throw PythonError.typeError("\(classObject.name).__init_subclass__() takes no positional arguments")
        }
    }
}
