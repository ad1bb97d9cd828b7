/// Attribute assignment and deletion on user instances as Python runs them: a class's
/// `__setattr__`/`__delattr__` receives every `obj.name = value` and `del obj.name`, while
/// `object.__setattr__(self, ...)` and `super().__setattr__(...)` do the plain store; and
/// `obj.__dict__ = mapping` makes that dict the instance's namespace (the `AttrDict` idiom,
/// `self.__dict__ = self`).
extension Interpreter {
    /// The class's own `__setattr__` or `__delattr__`, bound to the instance; nil when only
    /// `object`'s applies. `nn.Module` subclasses keep the registry's own assignment.
    func classAttributeHook(_ instance: Instance, _ name: String) throws -> Value? {
        guard instance.moduleRegistry == nil, let found = instance.classObject.lookupWithOwner(name, after: nil),
              !isObjectClass(found.owner) else { return nil }
        return try bindClassAttribute(found.value, instance: .instance(instance), classObject: instance.classObject)
    }

    /// `object.__setattr__`: a Parameter or module registers on a module, `__dict__`
    /// replaces the namespace, anything else is stored on the instance.
    func plainSetAttribute(_ instance: Instance, _ name: String, _ value: Value) throws {
        if name == "__dict__" {
            guard case let .dict(store) = unwrappingBuiltinSubclass(value) else {
                throw PythonError.typeError("__dict__ must be set to a dictionary, not a '\(value.typeName)'")
            }
            instance.attributeStore = store
            if case let .instance(owner) = value { instance.attributeStoreIsSelf = owner === instance }
            instance.attributes = [:]
            instance.attributeOrder = []
            return
        }
        if let property = classProperty(instance, name) { return try property.set(.instance(instance), value, self) }
        if let store = instance.attributeStore {
            store[.string(name)] = value
            return
        }
        if let registry = instance.moduleRegistry, try registry.assign(name, value) {
            instance.attributes[name] = nil
            instance.attributeOrder.removeAll { $0 == name }
            return
        }
        instance.set(name, value)
    }

    func isObjectClass(_ classObject: ClassObject) -> Bool {
        classObject.name == "object" && classObject.bases.isEmpty
    }

    /// `object.__setattr__` and `object.__delattr__` read from the class: the instance
    /// passed first.
    func objectTypeMethod(_ name: String) -> Value? {
        if name == "__new__" { return .builtin(Builtin("__new__", owner: "object") { interpreter, arguments in try interpreter.objectNew(arguments) }) }
        let parameters: [String]
        switch name {
        case "__setattr__": parameters = ["name", "value"]
        case "__delattr__": parameters = ["name"]
        default: return nil
        }
        return .native(MethodDescriptor(name, of: "object") { interpreter, receiver, arguments in
            let bound = try arguments.bind(name, parameters)
            guard case let .instance(instance) = receiver else {
                throw PythonError.typeError("can't apply this \(name) to \(receiver.typeName) object")
            }
            guard case let .string(attribute) = try bound.value("name") else {
                throw PythonError.typeError("attribute name must be string, not '\(try bound.value("name").typeName)'")
            }
            if name == "__setattr__" {
                try interpreter.plainSetAttribute(instance, attribute, try bound.value("value"))
            } else {
                try interpreter.plainDeleteAttribute(instance, attribute)
            }
            return .none
        })
    }

    /// `super().X` for a name no user base class defines, on a plain instance: `object`'s
    /// attribute hooks and a built-in base type's methods (`super().__init__(*args)` in a
    /// dict subclass fills the dict). Nil leaves the caller's own fallback.
    func superFallbackAttribute(_ receiver: Value?, _ name: String) throws -> Value? {
        if name == "__new__" { return objectTypeMethod(name) }
        guard case let .instance(instance)? = receiver, instance.moduleRegistry == nil else { return nil }
        if let method = try builtinSubclassAttribute(instance, name) { return method }
        guard case let .native(method as MethodDescriptor)? = objectTypeMethod(name) else { return nil }
        return method.bound(to: .instance(instance))
    }
}
