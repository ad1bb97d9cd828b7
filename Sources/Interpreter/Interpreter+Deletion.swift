import PySyntax

/// `del` statements and the `delattr` builtin.
extension Interpreter {
    func delete(_ target: Expr) throws {
        switch target.kind {
        case let .name(name):
            guard scope.variables.removeValue(forKey: name) != nil else { throw PythonError.nameError(name) }
        case let .subscript(containerExpr, indexExpr):
            try deleteItem(of: try evaluate(containerExpr), try evaluate(indexExpr))
        case let .attribute(objectExpr, name, _):
            try deleteAttribute(of: try evaluate(objectExpr), mangledAttribute(name))
        case let .tuple(targets), let .list(targets):
            for inner in targets { try delete(inner) }
        default:
            throw PythonError("SyntaxError", "cannot delete expression")
        }
    }

    func deleteItem(of container: Value, _ index: Value) throws {
        switch container {
        case let .instance(instance) where instance.classObject.lookup("__delitem__") != nil:
            _ = try call(instance.classObject.lookup("__delitem__") ?? .none, CallArguments([container, index]))
        case let .instance(instance) where instance.builtinValue != nil:
            try deleteItem(of: instance.builtinValue ?? .none, index)
        case let .list(list):
            if case let .slice(start, stop, step) = index {
                // `del model.rewards[:]` empties the list in place, as RL examples do each episode.
                let positions = try sliceItems(list.items.indices.map { .int(Int64($0)) }, start, stop, step)
                let doomed = Set(positions.compactMap { if case let .int(position) = $0 { Int(position) } else { nil } })
                list.items = list.items.enumerated().filter { !doomed.contains($0.offset) }.map(\.element)
                return
            }
            let position = try normalizedSequenceIndex(index, count: list.items.count, kind: "list")
            list.items.remove(at: position)
        case let .dict(dict):
            try requireHashable(index)
            guard dict[index] != nil else { throw PythonError("KeyError", try repr(index)) }
            dict[index] = nil
        case let .native(object as NativeContainer):
            try object.deleteItem(self, index)
        default:
            throw PythonError.typeError("'\(container.typeName)' object doesn't support item deletion")
        }
    }

    /// `del obj.name` and `delattr(obj, name)`. `nn.Module.__delattr__` looks in the
    /// parameter, buffer and child registries first.
    func deleteAttribute(of object: Value, _ name: String) throws {
        if case let .native(module as NNModule) = object,
           module.registry.remove(name) || module.registry.plainAttributes.removeValue(forKey: name) != nil {
            return
        }
        guard case let .instance(instance) = object else {
            throw PythonError.attributeError("'\(object.typeName)' object has no attribute '\(name)'")
        }
        if let method = try classAttributeHook(instance, "__delattr__") {
            _ = try call(method, CallArguments([.string(name)]))
            return
        }
        try plainDeleteAttribute(instance, name)
    }

    /// `object.__delattr__`: the attribute leaves the instance's namespace.
    func plainDeleteAttribute(_ instance: Instance, _ name: String) throws {
        if let property = classProperty(instance, name) { return try property.delete(.instance(instance), self) }
        if instance.moduleRegistry?.remove(name) == true { return }
        if let store = instance.attributeStore {
            guard store[.string(name)] != nil else {
                throw PythonError.attributeError("'\(instance.classObject.name)' object has no attribute '\(name)'")
            }
            store[.string(name)] = nil
            return
        }
        guard instance.attributes.removeValue(forKey: name) != nil else {
            throw PythonError.attributeError("'\(instance.classObject.name)' object has no attribute '\(name)'")
        }
        instance.attributeOrder.removeAll { $0 == name }
    }
}
