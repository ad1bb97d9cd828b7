/// `collections.abc`: the abstract classes `isinstance` checks against. Python decides by
/// the methods a type has (`__iter__`, `__len__`, `__getitem__`); these decide the same
/// way over this interpreter's values.
extension Interpreter {
    func makeCollectionsABCMembers() -> [String: Value] {
        let names = ["Iterable", "Iterator", "Sequence", "MutableSequence", "Mapping", "MutableMapping", "Sized",
                     "Container", "Collection", "Callable", "Hashable", "Set", "MutableSet", "Generator", "Reversible"]
        return Dictionary(uniqueKeysWithValues: names.map { ($0, Value.native(AbstractCollectionClass($0))) })
    }
}

final class AbstractCollectionClass: NativeInstanceCheck {
    let name: String
    init(_ name: String) { self.name = name }

    var typeName: String { "ABCMeta" }
    func repr() -> String { "<class 'collections.abc.\(name)'>" }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        name == "__name__" ? .string(self.name) : nil
    }

    func isInstance(_ value: Value, interpreter: Interpreter) throws -> Bool {
        switch name {
        case "Iterable", "Reversible": return isIterable(value)
        case "Iterator", "Generator":
            if case .native(let object) = value { return object is IteratorObject || object is LazyIterator }
            return false
        case "Sequence", "MutableSequence":
            switch value {
            case let .list(list): return !list.isSet
            case .tuple, .namedTuple, .size, .string, .range: return name == "Sequence"
            case .native(is Deque): return true
            default: return false
            }
        case "Mapping", "MutableMapping":
            if case .dict = value { return true }
            return false
        case "Set", "MutableSet":
            if case let .list(list) = value { return list.isSet }
            return false
        case "Sized", "Container", "Collection":
            switch value {
            case .list, .tuple, .namedTuple, .size, .string, .range, .dict, .tensor: return true
            case .native(let object): return object is NativeSized
            case let .instance(instance): return instance.classObject.lookup("__len__") != nil
            default: return false
            }
        case "Callable":
            let callable = try interpreter.call(interpreter.builtinNames["callable"] ?? .none, CallArguments([value]))
            return try interpreter.truthy(callable)
        case "Hashable":
            switch value {
            case .list, .dict: return false
            default: return true
            }
        default: return false
        }
    }

    private func isIterable(_ value: Value) -> Bool {
        switch value {
        case .list, .tuple, .namedTuple, .size, .string, .range, .dict, .tensor: return true
        case let .native(object):
            // Asking an iterator for its items would use them up; the others are iterable when they list items.
            if object is IteratorObject || object is LazyIterator || object is Deque { return true }
            return (try? object.iterate()) != nil
        case let .instance(instance): return instance.classObject.lookup("__iter__") != nil
        default: return false
        }
    }
}
