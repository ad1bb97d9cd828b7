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

    private func deleteItem(of container: Value, _ index: Value) throws {
        switch container {
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
        if instance.moduleRegistry?.remove(name) == true { return }
        guard instance.attributes.removeValue(forKey: name) != nil else {
            throw PythonError.attributeError("'\(instance.classObject.name)' object has no attribute '\(name)'")
        }
        instance.attributeOrder.removeAll { $0 == name }
    }
}
