/// Python's iteration protocol for user classes: `__iter__` gives an iterator whose
/// `__next__` is called until it raises StopIteration; a class with only `__getitem__`
/// is indexed from 0 until IndexError. Items are pulled one at a time, so an endless
/// iterator can still drive a `for` loop that breaks.
extension Interpreter {
    /// The lazy iterator a user-class instance gives through the protocol; nil for values
    /// that are not instances or that implement neither `__iter__` nor `__getitem__`.
    func protocolIterator(_ value: Value) throws -> LazyIterator? {
        guard case let .instance(instance) = value else { return nil }
        if let iterMethod = instance.classObject.lookup("__iter__") {
            return try iteratorFromIterResult(try call(iterMethod, CallArguments([value])))
        }
        // A built-in base iterates itself (a dict its keys), whatever `__getitem__` does.
        if instance.builtinValue != nil { return nil }
        if let getItem = instance.classObject.lookup("__getitem__") {
            var index: Int64 = 0
            return LazyIterator(kind: "iterator") { [self] in
                do {
                    let item = try call(getItem, CallArguments([value, .int(index)]))
                    index += 1
                    return item
                } catch let error as PythonError where exceptionMatches(error, "IndexError") || exceptionMatches(error, "StopIteration") {
                    return nil
                }
            }
        }
        return nil
    }

    /// What `__iter__` returned, as something to pull from. Python requires an iterator
    /// (an object with `__next__`); the interpreter's own iterators qualify too.
    func iteratorFromIterResult(_ result: Value) throws -> LazyIterator {
        if case let .instance(iterator) = result {
            guard let nextMethod = iterator.classObject.lookup("__next__") else {
                throw PythonError.typeError("iter() returned non-iterator of type '\(result.typeName)'")
            }
            return LazyIterator(kind: iterator.classObject.name) { [self] in
                try callNext(nextMethod, on: result)
            }
        }
        if let lazy = lazyIterator(result) { return lazy }
        if case let .native(object as IteratorObject) = result {
            return LazyIterator(kind: object.kind) { object.items.isEmpty ? nil : object.items.removeFirst() }
        }
        throw PythonError.typeError("iter() returned non-iterator of type '\(result.typeName)'")
    }

    /// One `__next__` call; nil once it raises StopIteration.
    func callNext(_ nextMethod: Value, on iterator: Value) throws -> Value? {
        do {
            return try call(nextMethod, CallArguments([iterator]))
        } catch let error as PythonError where exceptionMatches(error, "StopIteration") {
            return nil
        }
    }

    /// Every item of a protocol iterator, within the item limit and interruptible.
    func materialize(_ iterator: LazyIterator) throws -> [Value] {
        var items: [Value] = []
        while let item = try iterator.next() {
            items.append(item)
            try limits.checkItems(items.count, what: "this iteration, materialized,")
            try checkInterrupt()
        }
        return items
    }
}

extension Interpreter {
    /// The iterator to pull from when `value` makes its items on demand (a generator, a
    /// DataLoader, tqdm): `enumerate`, `map` and `filter` over it must pull one item per
    /// step too, or a generator's body (and the random numbers it draws) would run ahead
    /// of the loop that consumes it. Nil for containers, which are iterated at once.
    func onDemandSource(_ value: Value) -> LazyIterator? {
        guard case let .native(object) = value else { return nil }
        if let lazy = object as? LazyIterator { return lazy }
        guard let iterable = object as? LazilyIterable else { return nil }
        let iterator = iterable.makeIterator(self)
        // A loader's pass ends, so `list(enumerate(loader))` may drain it.
        return LazyIterator(kind: iterator.kind, isFinite: true) { try iterator.next() }
    }

    /// Python's lazy `enumerate` over an on-demand source.
    func lazyEnumerate(_ source: LazyIterator, start: Int64) -> LazyIterator {
        var count = start
        return LazyIterator(kind: "enumerate", isFinite: source.isFinite) {
            guard let item = try source.next() else { return nil }
            guard count < Int64.max else { throw PythonError.overflow("enumerate: the count would not fit in 64 bits") }
            defer { count += 1 }
            return .tuple([.int(count), item])
        }
    }

    /// Python's lazy `map(function, source)` with one on-demand source.
    func lazyMap(_ function: Value, _ source: LazyIterator) -> LazyIterator {
        LazyIterator(kind: "map", isFinite: source.isFinite) { [self] in
            guard let item = try source.next() else { return nil }
            return try call(function, CallArguments([item]))
        }
    }

    /// Python's lazy `filter(function, source)`; a None function keeps truthy items.
    func lazyFilter(_ function: Value, _ source: LazyIterator) -> LazyIterator {
        LazyIterator(kind: "filter", isFinite: source.isFinite) { [self] in
            while let item = try source.next() {
                if try truthy(function.isNone ? item : try call(function, CallArguments([item]))) { return item }
            }
            return nil
        }
    }
}
