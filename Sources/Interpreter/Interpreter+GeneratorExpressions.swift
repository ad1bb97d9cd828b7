import PySyntax

/// Generator expressions run lazily, as in Python: `(f(x) for x in xs if p(x))` evaluates
/// its first iterable at once and everything else one item per `next()`, so
/// `next(p for p in ps if p.grad is None)` works and `any(...)` stops at the first true item.
extension Interpreter {
    func makeGeneratorExpression(element: Expr, generators: [Comprehension]) throws -> Value {
        guard let first = generators.first else { throw PythonError("SystemError", "a generator expression without a for clause") }
        let outermost = try itemSource(try evaluate(first.iterable))
        let generatorScope = Scope(parent: scope)
        generatorScope.isComprehension = true
        // One item source per `for` clause entered; the innermost pulls next.
        var sources = [outermost]
        return .native(LazyIterator(kind: "generator", isFinite: true) { [weak self] in
            guard let self else { return nil }
            let saved = scope
            scope = generatorScope
            defer { scope = saved }
            while let pull = sources.last {
                try checkInterrupt()
                guard let item = try pull() else {
                    sources.removeLast()
                    continue
                }
                let clause = generators[sources.count - 1]
                try assign(item, to: clause.target)
                guard try clause.conditions.allSatisfy({ try truthy(try evaluate($0)) }) else { continue }
                if sources.count == generators.count { return try evaluate(element) }
                sources.append(try itemSource(try evaluate(generators[sources.count].iterable)))
            }
            return nil
        })
    }

    /// Whether some item satisfies `predicate`, pulling a lazy iterator only up to the first
    /// that does, as `any()`, `all()` and `in` stop there in Python and leave the rest.
    func containsItem(in iterable: Value, where predicate: (Value) throws -> Bool) throws -> Bool {
        if let lazy = try lazyIterator(iterable) ?? protocolIterator(iterable) {
            while let item = try lazy.next() { if try predicate(item) { return true } }
            return false
        }
        return try iterate(iterable).contains(where: predicate)
    }

    /// The items of one `for` clause, pulled one at a time: a range or a lazy iterator
    /// without materializing it, anything else as `iter()` would list it.
    private func itemSource(_ iterable: Value) throws -> () throws -> Value? {
        if case let .range(start, stop, step) = iterable {
            let count = rangeCount(start, stop, step)
            var position: Int64 = 0
            return {
                guard position < count else { return nil }
                defer { position += 1 }
                return .int(start &+ position &* step)
            }
        }
        if let lazy = try lazyIterator(iterable) ?? protocolIterator(iterable) { return { try lazy.next() } }
        let items = try iterate(iterable)
        var index = 0
        return {
            guard index < items.count else { return nil }
            defer { index += 1 }
            return items[index]
        }
    }
}
