/// `ClassName(...)`: exceptions, enum lookups, and instances built by their `__init__`,
/// a native base layer's, or a built-in base type's.
extension Interpreter {
    func instantiate(_ classObject: ClassObject, _ arguments: CallArguments) throws -> Value {
        if isExceptionClass(classObject) {
            let message = try arguments.positional.first.map { try str($0) } ?? ""
            return .native(ExceptionObject(type: classObject.name, message: message, ancestry: classAncestry(classObject)))
        }
        if enumMembers(of: classObject) != nil {
            return try enumMember(classObject, value: try arguments.bind(classObject.name, ["value"]).value("value"))
        }
        try checkNotAbstract(classObject)
        let instance = Instance(classObject: classObject)
        if classObject.lookup("__tensortutor_module__") != nil { instance.moduleRegistry = ModuleRegistry() }
        var fillsBuiltinValue = false
        if let base = builtinBase(of: classObject) { fillsBuiltinValue = try createBuiltinValue(instance, base, arguments) }
        if let initializer = classObject.lookup("__init__") {
            _ = try call(initializer, arguments.prepending(.instance(instance)))
        } else if let nativeInitializer = try moduleSuperAttribute(.instance(instance), "__init__") {
            // A subclass of a native layer without its own __init__ builds that layer.
            _ = try call(nativeInitializer, arguments)
        } else if instance.builtinValue != nil {
            if fillsBuiltinValue { try fillBuiltinValue(instance, arguments) }
        } else if !arguments.positional.isEmpty || !arguments.keywords.isEmpty {
            throw PythonError.typeError("\(classObject.name)() takes no arguments")
        }
        return .instance(instance)
    }
}
