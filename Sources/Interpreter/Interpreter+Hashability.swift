/// Python refuses mutable containers as dict keys and set members: `{[1]: 2}`,
/// `{1: 2}[[1]]` and `[1] in {1, 2}` are each `TypeError: unhashable type: 'list'`.
extension Interpreter {
    func requireHashable(_ value: Value) throws {
        switch value {
        case let .list(list) where list.isFrozen: return
        case .list, .dict, .slice: throw PythonError.typeError("unhashable type: '\(value.typeName)'")
        case let .tuple(items): for item in items { try requireHashable(item) }
        case let .namedTuple(tuple): for item in tuple.values { try requireHashable(item) }
        default: return
        }
    }

    /// A set display's members, checked before they go in.
    func makeCheckedSet(_ items: [Value]) throws -> Value {
        for item in items { try requireHashable(item) }
        return makeSet(items)
    }
}
