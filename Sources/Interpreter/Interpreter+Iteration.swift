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
