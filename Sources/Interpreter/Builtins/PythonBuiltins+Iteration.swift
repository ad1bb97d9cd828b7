import Glibc
import PySyntax
import Autograd
import TensorEngine

/// The builtins that walk sequences: `len`, `range`, `enumerate`, `zip`, `iter`, `next`, ...
extension Interpreter {
    /// `print`, `len`, `range` and the builtins that make an iterator over a whole sequence.
    func addSequenceBuiltins(to table: inout [String: Value]) {
        table.defineBuiltin("print") { interpreter, arguments in
            let bound = try arguments.bind("print", ["*", "sep", "end", "file", "flush"], variadic: true)
            let separator = try bound.string("sep", default: " ")
            let end = try bound.string("end", default: "\n")
            let text = try bound.extra.map { try interpreter.str($0) }.joined(separator: separator)
            switch bound.values["file"] ?? .none {
            case .none: interpreter.output?.write(text + end)
            case let .native(stream as StandardStream): stream.write(text + end, interpreter: interpreter)
            case let file: _ = try interpreter.call(try interpreter.attribute(of: file, "write"), CallArguments([.string(text + end)]))
            }
            return .none
        }
        table.defineBuiltin("len") { interpreter, arguments in
            let bound = try arguments.bind("len", ["obj"])
            return .int(Int64(try interpreter.length(try bound.value("obj"))))
        }
        table.defineBuiltin("range") { interpreter, arguments in
            if arguments.positional.contains(where: \.isBigInt) {
                return try BigRangeObject.make(arguments.positional.map { try $0.bigInt ?? BigInt(interpreter.pythonInt($0)) })
            }
            let values = try arguments.positional.map { try interpreter.pythonInt($0) }
            // Bounds within int64 can still hold more than 2**63 - 1 items: range(-2**63, 2**63 - 1).
            if values.count > 1, values.count < 4, rangeCountExceedsInt64(values[0], values[1], values.count == 3 ? values[2] : 1) {
                return try BigRangeObject.make(values.map { BigInt($0) })
            }
            switch values.count {
            case 1: return .range(start: 0, stop: values[0], step: 1)
            case 2: return .range(start: values[0], stop: values[1], step: 1)
            case 3:
                guard values[2] != 0 else { throw PythonError.valueError("range() arg 3 must not be zero") }
                return .range(start: values[0], stop: values[1], step: values[2])
            default: throw PythonError.typeError("range expected at most 3 arguments, got \(values.count)")
            }
        }
        table.defineBuiltin("enumerate") { interpreter, arguments in
            let bound = try arguments.bind("enumerate", ["iterable", "start"])
            let start = Int64(try bound.int("start", default: 0))
            let iterable = try bound.value("iterable")
            if let source = interpreter.onDemandSource(iterable) { return .native(interpreter.lazyEnumerate(source, start: start)) }
            let items = try interpreter.iterate(iterable)
            guard items.isEmpty || start <= Int64.max - Int64(items.count - 1) else {
                throw PythonError.overflow("enumerate: the count would not fit in 64 bits")
            }
            return .native(IteratorObject(kind: "enumerate", items: items.enumerated().map { .tuple([.int(start + Int64($0)), $1]) }))
        }
        table.defineBuiltin("zip") { interpreter, arguments in
            // Endless iterators (itertools.count()) give only as many items as the finite ones;
            // with no finite one, the zip is endless too.
            if let endless = zipOfEndless(arguments.positional) { return endless }
            // Each argument is iterated once: a generator (`model.parameters()`) is used up by it.
            let finite = try arguments.positional.map { $0.isLazyIterator ? nil : try interpreter.iterate($0) }
            let shortest = finite.compactMap { $0?.count }.min() ?? (arguments.positional.isEmpty ? 0 : interpreter.limits.maxContainerItems)
            let sequences = try zip(arguments.positional, finite).map { value, items in
                try items.map { Array($0.prefix(shortest)) } ?? interpreter.prefix(of: value, shortest)
            }
            let count = sequences.map(\.count).min() ?? 0
            return .native(IteratorObject(kind: "zip", items: (0..<count).map { index in .tuple(sequences.map { $0[index] }) }))
        }
        table.defineBuiltin("reversed") { interpreter, arguments in
            let bound = try arguments.bind("reversed", ["sequence"])
            if let range = rangeView(try bound.value("sequence")) { return .native(range.reversedIterator()) }
            return .native(IteratorObject(kind: "reversed", items: try interpreter.iterate(try bound.value("sequence")).reversed()))
        }
    }

    /// `iter` and `next`, which step through an iterator one item at a time, and `map`/`filter`.
    func addIteratorBuiltins(to table: inout [String: Value]) {
        table.defineBuiltin("iter") { interpreter, arguments in
            let bound = try arguments.bind("iter", ["object"])
            let object = try bound.value("object")
            if let lazy = interpreter.lazyIterator(object) { return .native(lazy) }
            if case let .instance(instance) = object, instance.classObject.lookup("__iter__") != nil {
                let result = try interpreter.call(try interpreter.attribute(of: object, "__iter__"), CallArguments([]))
                // An iterator of a user class is handed back as itself, so `next()` reaches its `__next__`.
                if case let .instance(iterator) = result, iterator.classObject.lookup("__next__") != nil { return result }
                return .native(try interpreter.iteratorFromIterResult(result))
            }
            if let lazy = try interpreter.protocolIterator(object) { return .native(lazy) }
            return .native(IteratorObject(kind: "iterator", items: try interpreter.iterate(object)))
        }
        table.defineBuiltin("next") { interpreter, arguments in
            guard !arguments.positional.isEmpty else { throw PythonError.typeError("next expected at least 1 argument, got 0") }
            if case let .instance(instance)? = arguments.positional.first {
                guard let nextMethod = instance.classObject.lookup("__next__") else {
                    throw PythonError.typeError("'\(instance.classObject.name)' object is not an iterator")
                }
                if let item = try interpreter.callNext(nextMethod, on: arguments.positional[0]) { return item }
                if arguments.positional.count > 1 { return arguments.positional[1] }
                throw PythonError("StopIteration", "")
            }
            if case let .native(lazy as LazyIterator)? = arguments.positional.first {
                if let item = try lazy.next() { return item }
                if arguments.positional.count > 1 { return arguments.positional[1] }
                throw PythonError("StopIteration", "")
            }
            guard case let .native(object as IteratorObject)? = arguments.positional.first else {
                throw PythonError.typeError("'\(arguments.positional.first?.typeName ?? "NoneType")' object is not an iterator")
            }
            guard !object.items.isEmpty else {
                if arguments.positional.count > 1 { return arguments.positional[1] }
                throw PythonError("StopIteration", "")
            }
            return object.items.removeFirst()
        }
        table.defineBuiltin("map") { interpreter, arguments in
            guard let function = arguments.positional.first else { throw PythonError.typeError("map() must have at least two arguments.") }
            if arguments.positional.count == 2, let source = interpreter.onDemandSource(arguments.positional[1]) {
                return .native(interpreter.lazyMap(function, source))
            }
            let sequences = try arguments.positional.dropFirst().map { try interpreter.iterate($0) }
            let count = sequences.map(\.count).min() ?? 0
            let items = try (0..<count).map { index in try interpreter.call(function, CallArguments(sequences.map { $0[index] })) }
            return .native(IteratorObject(kind: "map", items: items))
        }
        table.defineBuiltin("filter") { interpreter, arguments in
            let bound = try arguments.bind("filter", ["function", "iterable"])
            let function = try bound.value("function")
            if let source = interpreter.onDemandSource(try bound.value("iterable")) {
                return .native(interpreter.lazyFilter(function, source))
            }
            let items = try interpreter.iterate(try bound.value("iterable")).filter { item in
                try interpreter.truthy(function.isNone ? item : try interpreter.call(function, CallArguments([item])))
            }
            return .native(IteratorObject(kind: "filter", items: items))
        }
    }

    func length(_ value: Value) throws -> Int {
        switch value {
        case let .string(text): return text.count
        case let .list(list): return list.items.count
        case let .tuple(items): return items.count
        case let .namedTuple(tuple): return tuple.values.count
        case let .dict(dict): return dict.entries.count
        case let .size(sizes): return sizes.count
        case let .range(start, stop, step): return Int(rangeCount(start, stop, step))
        case let .classObject(classObject) where enumMembers(of: classObject) != nil: return enumMembers(of: classObject)?.count ?? 0
        case let .native(range as BigRangeObject): return try range.length()
        case let .tensor(tensor):
            guard tensor.rank > 0 else { throw PythonError.typeError("len() of a 0-d tensor") }
            return tensor.shape[0]
        case let .instance(instance):
            if let method = instance.classObject.lookup("__len__") {
                let count = try pythonInt(try call(method, CallArguments([value])))
                guard count >= 0 else { throw PythonError.valueError("__len__() should return >= 0") }
                return Int(count)
            }
            if let native = instance.nativeModule as? NativeContainer { return native.count }
            if let wrapped = instance.builtinValue { return try length(wrapped) }
        case let .native(object as NativeContainer):
            return object.count
        case let .native(array as NDArray) where array.tensor.rank == 0: throw PythonError.typeError("len() of unsized object")
        case let .native(object as NativeSized): return object.count
        default: break
        }
        throw PythonError.typeError("object of type '\(value.typeName)' has no len()")
    }
}
