/// `frozenset`: a set marked frozen. It hashes (a dict key, a set member), has no methods
/// that change it, and what it combines into takes its type, as `frozenset | set` does in
/// CPython.
extension Interpreter {
    /// The methods that change a set, which a frozenset lacks.
    static let setMutatorNames: Set<String> = [
        "add", "discard", "remove", "pop", "clear", "update",
        "intersection_update", "difference_update", "symmetric_difference_update",
    ]

    func frozenSetMethod(_ set: ListStorage, _ name: String,
                         _ method: @escaping (@escaping (Interpreter, CallArguments) throws -> Value) -> Value) -> Value? {
        guard !Interpreter.setMutatorNames.contains(name) else { return nil }
        // `union`, `copy`... return frozensets; a frozenset's `copy` is itself.
        if name == "copy" { return method { _, _ in .list(set) } }
        let freezing: (@escaping (Interpreter, CallArguments) throws -> Value) -> Value = { body in
            method { interpreter, arguments in interpreter.frozen(try body(interpreter, arguments)) }
        }
        return setMethod(set, name, freezing)
    }

    /// `value` as a frozenset when it is a new set; anything else unchanged.
    func frozen(_ value: Value) -> Value {
        if case let .list(list) = value, list.isSet, list.dictViewName == nil, !list.isKeysView { list.isFrozen = true }
        return value
    }
}
