import PySyntax

/// `functools`: partial, reduce, lru_cache/cache, cached_property, wraps, cmp_to_key.
extension Interpreter {
    func makeFunctoolsMembers() -> [String: Value] {
        let lruCache = stdlibFunction("lru_cache") { _, arguments in
            let bound = try arguments.bind("lru_cache", ["maxsize", "typed"])
            // `@lru_cache` bare receives the function itself; `@lru_cache(maxsize=...)` a size.
            if case .function? = bound.values["maxsize"] { return .native(CachedFunction(try bound.value("maxsize"), maxSize: 128)) }
            // Left out, the size is 128; only an explicit None makes the cache unbounded.
            let maxSize = bound.values["maxsize"] == nil ? 128 : try bound.optionalInt("maxsize")
            let typed = try bound.bool("typed", default: false)
            return stdlibFunction("decorating_function") { _, arguments in
                .native(CachedFunction(try arguments.bind("decorating_function", ["user_function"]).value("user_function"), maxSize: maxSize, typed: typed))
            }
        }
        return [
            "partial": .native(PartialType()),
            "reduce": stdlibFunction("reduce", Self.reduceBuiltin),
            "cmp_to_key": stdlibFunction("cmp_to_key") { _, arguments in
                let comparison = try arguments.bind("cmp_to_key", ["mycmp"]).value("mycmp")
                return stdlibFunction("K") { _, arguments in
                    .native(ComparisonKey(value: try arguments.bind("K", ["obj"]).value("obj"), comparison: comparison))
                }
            },
            "lru_cache": lruCache,
            "cached_property": stdlibFunction("cached_property") { _, arguments in
                .native(CachedProperty(try arguments.bind("cached_property", ["func"]).value("func")))
            },
            "cache": stdlibFunction("cache") { _, arguments in
                .native(CachedFunction(try arguments.bind("cache", ["user_function"]).value("user_function"), maxSize: nil))
            },
            "wraps": stdlibFunction("wraps") { _, arguments in
                let wrapped = try arguments.bind("wraps", ["wrapped", "assigned", "updated"]).value("wrapped")
                return stdlibFunction("update_wrapper") { interpreter, arguments in
                    let wrapper = try arguments.bind("update_wrapper", ["wrapper"]).value("wrapper")
                    try interpreter.copyWrapperAttributes(from: wrapped, to: wrapper)
                    return wrapper
                }
            },
        ]
    }

    private static func reduceBuiltin(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("reduce", ["function", "iterable", "initial"])
        let function = try bound.value("function")
        var items = try interpreter.iterate(try bound.value("iterable"))[...]
        guard var accumulated = bound.values["initial"] ?? items.popFirst() else {
            throw PythonError.typeError("reduce() of empty iterable with no initial value")
        }
        for item in items {
            try interpreter.checkInterrupt()
            accumulated = try interpreter.call(function, CallArguments([accumulated, item]))
        }
        return accumulated
    }

    /// What `functools.update_wrapper` copies: the name, docstring, module and `__dict__`.
    func copyWrapperAttributes(from wrapped: Value, to wrapper: Value) throws {
        guard case let .function(function) = wrapper else { return }
        for name in ["__module__", "__name__", "__qualname__", "__doc__"] {
            if let value = try? attribute(of: wrapped, name) { function.attributes[name] = value }
        }
        if case let .function(original) = wrapped {
            for (name, value) in original.attributes where !name.hasPrefix("__") { function.attributes[name] = value }
        }
        function.attributes["__wrapped__"] = wrapped
    }
}

/// `functools.partial` itself: calling it makes a partial object.
final class PartialType: NativeCallable {
    var typeName: String { "type" }
    func repr() -> String { "<class 'functools.partial'>" }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        guard let function = arguments.positional.first else {
            throw PythonError.typeError("type 'partial' takes at least one argument")
        }
        // A partial of a partial flattens into one, as CPython's does.
        if case let .native(inner as Partial) = function {
            return .native(Partial(function: inner.function, arguments: inner.arguments.positional + arguments.positional.dropFirst(),
                                   keywords: Partial.merged(inner.arguments.keywords, arguments.keywords)))
        }
        return .native(Partial(function: function, arguments: Array(arguments.positional.dropFirst()), keywords: arguments.keywords))
    }
}

/// `partial(f, 1, c=5)`: calls `f(1, *more, c=5, **more_keywords)`, later keywords winning.
final class Partial: NativeCallable, NativeContainerRepr {
    let function: Value
    let arguments: CallArguments

    init(function: Value, arguments: [Value], keywords: [(name: String, value: Value)]) {
        self.function = function
        self.arguments = CallArguments(arguments, keywords: keywords)
    }

    static func merged(_ first: [(name: String, value: Value)], _ later: [(name: String, value: Value)]) -> [(name: String, value: Value)] {
        first.filter { entry in !later.contains { $0.name == entry.name } } + later
    }

    var typeName: String { "partial" }

    func repr() -> String { "functools.partial(...)" }

    func repr(_ interpreter: Interpreter) throws -> String {
        let parts = try [interpreter.repr(function)] + arguments.positional.map(interpreter.repr)
            + arguments.keywords.map { "\($0.name)=\(try interpreter.repr($0.value))" }
        return "functools.partial(\(parts.joined(separator: ", ")))"
    }

    func call(_ interpreter: Interpreter, _ more: CallArguments) throws -> Value? {
        try interpreter.call(function, CallArguments(arguments.positional + more.positional,
                                                     keywords: Partial.merged(arguments.keywords, more.keywords)))
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "func": return function
        case "args": return .tuple(arguments.positional)
        case "keywords": return .dict(DictStorage(arguments.keywords.map { (Value.string($0.name), $0.value) }))
        default: return nil
        }
    }
}

/// A function wrapped by `@lru_cache` or `@cache`: results by argument values, the least
/// recently used dropped once `maxSize` are held.
final class CachedFunction: NativeCallable, NativeMethodBinding {
    let function: Value
    let maxSize: Int?
    private let cache = DictStorage()
    private var hits = 0
    private var misses = 0

    /// `typed=True` caches `f(1)` and `f(1.0)` apart.
    let typed: Bool

    init(_ function: Value, maxSize: Int?, typed: Bool = false) {
        self.function = function
        self.maxSize = maxSize.map { Swift.max(0, $0) }
        self.typed = typed
    }

    var typeName: String { "functools._lru_cache_wrapper" }
    func repr() -> String { "<functools._lru_cache_wrapper object>" }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        var keyParts = arguments.positional + arguments.keywords.flatMap { [Value.string($0.name), $0.value] }
        if typed { keyParts += keyParts.map { .string($0.typeName) } }
        let key = Value.tuple(keyParts)
        if let position = cache.index(of: key) {
            hits += 1
            let entry = cache.entries.remove(at: position)
            cache.entries.append(entry)
            return entry.value
        }
        misses += 1
        let result = try interpreter.call(function, arguments)
        if maxSize != 0 { cache.entries.append((key, result)) }
        if let maxSize, cache.entries.count > maxSize { cache.entries.removeFirst() }
        return result
    }

    func bound(to receiver: Value) -> Value {
        .builtin(Builtin("cached_method", owner: receiver.typeName) { [self] interpreter, arguments in
            try call(interpreter, arguments.prepending(receiver)) ?? .none
        })
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "cache_info":
            return stdlibFunction("cache_info") { [self] _, _ in
                .namedTuple(NamedTuple(typeName: "CacheInfo", fields: ["hits", "misses", "maxsize", "currsize"],
                                       values: [.int(Int64(hits)), .int(Int64(misses)), maxSize.map { .int(Int64($0)) } ?? .none,
                                                .int(Int64(cache.entries.count))]))
            }
        case "cache_clear":
            return stdlibFunction("cache_clear") { [self] _, _ in
                cache.entries = []
                hits = 0
                misses = 0
                return .none
            }
        case "__wrapped__": return function
        case "__name__", "__doc__", "__qualname__", "__module__": return try interpreter.attribute(of: function, name)
        default: return nil
        }
    }
}

/// A key made by `cmp_to_key(mycmp)`: orders by the sign of `mycmp(a, b)`.
final class ComparisonKey: NativeOrdered {
    let value: Value
    let comparison: Value

    init(value: Value, comparison: Value) {
        self.value = value
        self.comparison = comparison
    }

    var typeName: String { "functools.KeyWrapper" }
    func repr() -> String { "<functools.KeyWrapper object>" }

    func compare(_ op: CompareOperator, _ other: Value, _ interpreter: Interpreter) throws -> Bool {
        guard case let .native(otherKey as ComparisonKey) = other else {
            throw PythonError.typeError("other argument must be K instance")
        }
        let sign = try interpreter.compare(op, try interpreter.call(comparison, CallArguments([value, otherKey.value])), .int(0))
        return try interpreter.truthy(sign)
    }
}
