/// A bound method's `__self__` and `__func__`; other names read the function's
/// attributes, as Python's method object forwards them (`functools.wraps` set `__name__`).
extension Interpreter {
    func boundMethodAttribute(_ method: Builtin, _ name: String) throws -> Value? {
        guard let (function, receiver) = method.boundMethod else { return nil }
        switch name {
        case "__self__": return receiver
        case "__func__": return .function(function)
        default: return try functionAttribute(function, name)
        }
    }
}

/// `cls.__mro__` and `cls.__bases__` of a user class, as code that walks a class
/// hierarchy reads them (`SwiGLUFFNFused.__mro__[1].__name__`, registries that list
/// a class's parents). A native base (`nn.Linear`), `nn.Module` and a built-in base
/// (`dict`) stand where Python's order puts them: after the user classes, before `object`.
extension Interpreter {
    func classIntrospectionAttribute(_ classObject: ClassObject, _ name: String) -> Value? {
        switch name {
        case "__mro__": return .tuple(methodResolutionOrder(classObject))
        case "__bases__": return .tuple(directBases(classObject))
        case "__base__": return directBases(classObject).first
        default: return nil
        }
    }

    private func methodResolutionOrder(_ classObject: ClassObject) -> [Value] {
        var order: [Value] = classObject.mro.filter { !isObjectClass($0) }.map { .classObject($0) }
        order += nonUserBases(classObject)
        if let object = builtinNames["object"] { order.append(object) }
        return order
    }

    private func directBases(_ classObject: ClassObject) -> [Value] {
        let userBases = classObject.bases.map { Value.classObject($0) }
        // The class's own non-user base, when no user base already brings it in.
        let inheritsNative = classObject.bases.contains { nonUserBases($0).isEmpty == false }
        let ownNative = inheritsNative ? [] : Array(nonUserBases(classObject).prefix(1))
        let bases = userBases + ownNative
        if bases.isEmpty, !isObjectClass(classObject), let object = builtinNames["object"] { return [object] }
        return bases
    }

    /// The native layer, `nn.Module` and the built-in type a class extends, in that order.
    private func nonUserBases(_ classObject: ClassObject) -> [Value] {
        var bases: [Value] = []
        if let native = classObject.lookup("__tensortutor_native_base__") { bases.append(native) }
        if classObject.lookup("__tensortutor_module__") != nil,
           case let .module(nn)? = modules["torch.nn"], let module = nn.members["Module"] {
            bases.append(module)
        }
        if let builtin = builtinBase(of: classObject) { bases.append(.builtin(builtin)) }
        return bases
    }
}
