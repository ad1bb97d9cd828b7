/// The set methods beyond `setMethod`'s: those that change the set in place (`update`,
/// `remove`, `pop`, `clear`, the `*_update` forms) and the remaining comparisons.
extension Interpreter {
    func moreSetMethods(_ set: ListStorage, _ name: String,
                        _ method: (@escaping (Interpreter, CallArguments) throws -> Value) -> Value) -> Value? {
        func others(_ arguments: CallArguments, _ interpreter: Interpreter) throws -> [Value] {
            try arguments.positional.flatMap { try interpreter.iterate($0) }
        }
        func contains(_ items: [Value], _ item: Value) -> Bool { items.contains { pythonEquals($0, item) } }
        func replaceItems(_ items: [Value]) {
            set.items = []
            for item in items { set.setInsert(item) }
        }
        switch name {
        case "update": return method { interpreter, arguments in
            for item in try others(arguments, interpreter) {
                try interpreter.requireHashable(item)
                set.setInsert(item)
            }
            return .none
        }
        case "remove": return method { interpreter, arguments in
            let item = try arguments.bind("remove", ["element"]).value("element")
            try interpreter.requireHashable(item)
            guard set.setContains(item) else { throw PythonError("KeyError", try interpreter.repr(item)) }
            set.items.removeAll { pythonEquals($0, item) }
            return .none
        }
        case "pop": return method { _, _ in
            guard let first = set.items.first else { throw PythonError("KeyError", "'pop from an empty set'") }
            set.items.removeFirst()
            return first
        }
        case "clear": return method { _, _ in
            set.items = []
            return .none
        }
        case "isdisjoint": return method { interpreter, arguments in
            let other = try others(arguments, interpreter)
            return .bool(!set.items.contains { contains(other, $0) })
        }
        case "issuperset": return method { interpreter, arguments in
            .bool(try others(arguments, interpreter).allSatisfy { set.setContains($0) })
        }
        case "symmetric_difference": return method { interpreter, arguments in
            interpreter.setBinary(.bitXor, set.items, try others(arguments, interpreter)) ?? .none
        }
        case "intersection_update", "difference_update", "symmetric_difference_update": return method { interpreter, arguments in
            let other = try others(arguments, interpreter)
            switch name {
            case "intersection_update": replaceItems(set.items.filter { contains(other, $0) })
            case "difference_update": replaceItems(set.items.filter { !contains(other, $0) })
            default: replaceItems(set.items.filter { !contains(other, $0) } + other.filter { !set.setContains($0) })
            }
            return .none
        }
        default: return nil
        }
    }
}
