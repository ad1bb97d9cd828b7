import PySyntax

/// `match` statements: the cases are tried in order against the subject; the first whose
/// pattern matches and whose guard holds runs. A pattern's names are bound only once the
/// whole pattern has matched, and stay bound if the guard then fails, as in CPython.
extension Interpreter {
    func executeMatch(_ subject: Expr, _ cases: [MatchCase]) throws -> ControlFlow {
        let value = try evaluate(subject)
        for matchCase in cases {
            var bindings: [(name: String, value: Value)] = []
            guard try matches(matchCase.pattern, value, &bindings) else { continue }
            for binding in bindings { assignName(binding.name, binding.value) }
            if let condition = matchCase.guardCondition, !(try truthy(try evaluate(condition))) { continue }
            return try execute(matchCase.body)
        }
        return .normal
    }

    func matches(_ pattern: Pattern, _ subject: Value, _ bindings: inout [(name: String, value: Value)]) throws -> Bool {
        switch pattern.kind {
        case let .capture(name):
            if let name { bindings.append((name, subject)) }
            return true
        case .star:
            // Only meaningful inside a sequence pattern, which binds the starred items itself.
            return true
        case let .value(expression):
            return try truthy(try compare(.equal, subject, try evaluate(expression)))
        case let .singleton(expression):
            return try truthy(try compare(.is, subject, try evaluate(expression)))
        case let .or(alternatives):
            for alternative in alternatives {
                var attempt = bindings
                if try matches(alternative, subject, &attempt) {
                    bindings = attempt
                    return true
                }
            }
            return false
        case let .as(inner, name):
            guard try matches(inner, subject, &bindings) else { return false }
            bindings.append((name, subject))
            return true
        case let .sequence(elements):
            return try matchesSequence(elements, subject, &bindings)
        case let .mapping(keys, values, rest):
            return try matchesMapping(keys, values, rest: rest, subject, &bindings)
        case let .classPattern(type, positional, keywords):
            return try matchesClass(type, positional, keywords, subject, &bindings)
        }
    }

    /// `[a, *rest, z]`: lists, tuples, ranges and deques match; strings and bytes do not.
    private func matchesSequence(_ elements: [Pattern], _ subject: Value, _ bindings: inout [(name: String, value: Value)]) throws -> Bool {
        let starIndex = elements.firstIndex { if case .star = $0.kind { true } else { false } }
        let fixedCount = elements.count - (starIndex == nil ? 0 : 1)
        guard let length = sequenceLength(subject) else { return false }
        guard starIndex == nil ? length == fixedCount : length >= fixedCount else { return false }
        let items = try iterate(unwrappingBuiltinSubclass(subject))
        guard let starIndex else {
            for (element, item) in zip(elements, items) where !(try matches(element, item, &bindings)) { return false }
            return true
        }
        let trailingCount = elements.count - starIndex - 1
        for position in 0..<starIndex where !(try matches(elements[position], items[position], &bindings)) { return false }
        if case let .star(name?) = elements[starIndex].kind {
            bindings.append((name, .list(ListStorage(Array(items[starIndex..<(items.count - trailingCount)])))))
        }
        for offset in 0..<trailingCount {
            let item = items[items.count - trailingCount + offset]
            if !(try matches(elements[starIndex + 1 + offset], item, &bindings)) { return false }
        }
        return true
    }

    /// The length of a subject that sequence patterns match (collections.abc.Sequence
    /// minus str, bytes and bytearray), or nil for any other subject.
    private func sequenceLength(_ subject: Value) -> Int? {
        switch subject {
        case let .list(list): list.isSet || list.isKeysView || list.dictViewName != nil ? nil : list.items.count
        case let .tuple(items): items.count
        case let .namedTuple(tuple): tuple.values.count
        case let .size(dimensions): dimensions.count
        case let .range(start, stop, step): Int(clamping: rangeCount(start, stop, step))
        case let .native(deque as Deque): deque.count
        case let .instance(instance): instance.builtinValue.flatMap(sequenceLength)
        default: nil
        }
    }


    /// `{"k": v, **rest}`: dicts and their subclasses; a missing key fails the match without
    /// calling a defaultdict's factory, since CPython looks keys up with `get`.
    private func matchesMapping(_ keys: [Expr], _ values: [Pattern], rest: String?, _ subject: Value,
                                _ bindings: inout [(name: String, value: Value)]) throws -> Bool {
        guard case let .dict(storage) = unwrappingBuiltinSubclass(subject), storage.entries.count >= keys.count else { return false }
        let keyValues = try keys.map { try evaluate($0) }
        for (key, pattern) in zip(keyValues, values) {
            guard let item = storage[key], try matches(pattern, item, &bindings) else { return false }
        }
        if let rest {
            let remaining = storage.entries.filter { entry in !keyValues.contains { pythonEquals($0, entry.key) } }
            bindings.append((rest, .dict(DictStorage(remaining))))
        }
        return true
    }
}
