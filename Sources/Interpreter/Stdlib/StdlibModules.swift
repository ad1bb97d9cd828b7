import Glibc
import PySyntax

/// The standard-library modules real programs import, each built in its own file.
/// None of them reaches the file system, the network, processes or the environment.
extension Interpreter {
    func makeStdlibModules() -> [String: Value] {
        let abc = stdlibModule("collections.abc", makeCollectionsABCMembers())
        var collections = makeCollectionsMembers()
        collections["abc"] = abc
        let os = makeOSMembers()
        let tqdm = makeTqdmMembers()
        return makeLibraryStdlibModules().merging([
            "__future__": stdlibModule("__future__", makeFutureMembers()),
            "typing": stdlibModule("typing", makeTypingMembers()),
            "copy": stdlibModule("copy", makeCopyMembers()),
            "functools": stdlibModule("functools", makeFunctoolsMembers()),
            "operator": stdlibModule("operator", makeOperatorMembers()),
            "collections": stdlibModule("collections", collections),
            "collections.abc": abc,
            "itertools": stdlibModule("itertools", makeItertoolsMembers()),
            "enum": stdlibModule("enum", makeEnumMembers()),
            "warnings": stdlibModule("warnings", makeWarningsMembers()),
            "logging": stdlibModule("logging", makeLoggingMembers()),
            "contextlib": stdlibModule("contextlib", makeContextlibMembers()),
            "sys": stdlibModule("sys", makeSysMembers()),
            "time": stdlibModule("time", makeTimeMembers()),
            "os": stdlibModule("os", os),
            "os.path": os["path"] ?? .none,
            "inspect": stdlibModule("inspect", makeInspectMembers()),
            "dataclasses": stdlibModule("dataclasses", makeDataclassesMembers()),
            "ast": stdlibModule("ast", ["literal_eval": stdlibFunction("literal_eval", Self.literalEvalBuiltin)]),
            "argparse": stdlibModule("argparse", makeArgparseMembers()),
            "random": stdlibModule("random", makeRandomModuleMembers()),
            "einops": stdlibModule("einops", makeEinopsMembers()),
            "tqdm": stdlibModule("tqdm", tqdm),
            "tqdm.auto": tqdm["auto"] ?? .none,
        ]) { native, _ in native }
    }

    func stdlibModule(_ name: String, _ members: [String: Value]) -> Value {
        .module(Namespace(name: name, members: members))
    }
}

func stdlibFunction(_ name: String, _ body: @escaping Builtin.Body) -> Value {
    .builtin(Builtin(name, body))
}

/// The state the stdlib modules keep for one interpreter session: warning filters,
/// loggers, the `random` module's generator.
final class StdlibState {
    var warnings = WarningsState()
    var logging = LoggingState()
    let random = RandomSource(seed: nil)
    /// `np.random`'s global legacy state, seeded from the clock until `np.random.seed`.
    let numpyRandom = NumPyRandomState(seed: nil)
}

/// A native object that `obj[index]` reads from (a deque, `typing.Optional`).
protocol NativeSubscriptable: NativeObject {
    func item(at index: Value, interpreter: Interpreter) throws -> Value
}

/// A native object that `obj[index] = value` writes to (an instance's `__dict__`).
protocol NativeItemAssignable: NativeObject {
    func setItem(_ index: Value, _ value: Value, interpreter: Interpreter) throws
}

/// A native object with a `len()`; its truth value is `len() > 0`, as in Python.
protocol NativeSized: NativeObject {
    var count: Int { get }
}

/// A native class-like object that `isinstance` asks (`collections.abc.Iterable`, a namedtuple class).
protocol NativeInstanceCheck: NativeObject {
    func isInstance(_ value: Value, interpreter: Interpreter) throws -> Bool
}

/// A native object usable in `with`: `warnings.catch_warnings()`.
protocol NativeContextManager: NativeObject {
    func enter(_ interpreter: Interpreter) throws -> Value
    func exit(_ interpreter: Interpreter) throws
    /// `__exit__` with the body's exception, if it raised one; true swallows it. By
    /// default the exit cannot fail and never swallows.
    func exit(_ interpreter: Interpreter, raising error: PythonError?) throws -> Bool
}

extension NativeContextManager {
    func exit(_ interpreter: Interpreter, raising error: PythonError?) throws -> Bool {
        try? exit(interpreter)
        return false
    }
}

/// A native container whose repr shows its items' reprs (a deque, a partial).
protocol NativeContainerRepr: NativeObject {
    func repr(_ interpreter: Interpreter) throws -> String
    /// `str(x)`, when it differs from the repr (`inspect.Signature`).
    func str(_ interpreter: Interpreter) throws -> String
}

extension NativeContainerRepr {
    func str(_ interpreter: Interpreter) throws -> String { try repr(interpreter) }
}

/// A native object with its own `<`, `==`...: `functools.cmp_to_key`'s keys.
protocol NativeOrdered: NativeObject {
    func compare(_ op: CompareOperator, _ other: Value, _ interpreter: Interpreter) throws -> Bool
}

/// A native callable that binds `self` when found on a class, as a function does
/// (`@lru_cache` on a method).
protocol NativeMethodBinding: NativeObject {
    func bound(to receiver: Value) -> Value
}

/// Marks native objects that `callable()` reports as callable.
protocol NativeCallable: NativeObject {}

/// An iterator that produces items one at a time, so an endless one
/// (`itertools.count()`) can still drive a `for` loop with `break`, `zip` or `islice`.
final class LazyIterator: NativeObject {
    let kind: String
    /// Whether the items end: then `list()` drains them, under the item limit.
    let isFinite: Bool
    private let produce: () throws -> Value?

    init(kind: String, isFinite: Bool = false, _ produce: @escaping () throws -> Value?) {
        self.kind = kind
        self.isFinite = isFinite
        self.produce = produce
    }

    var typeName: String { kind }
    func repr() -> String { "<\(kind) object>" }

    func next() throws -> Value? { try produce() }

    /// Materializing an endless iterator would never finish; Python would hang.
    func iterate() throws -> [Value]? {
        throw PythonError("MemoryError", "\(kind) never ends: take a bounded part with itertools.islice or zip before making a list of it")
    }
}

/// Native objects whose iteration produces items on demand (a DataLoader's batches):
/// `for` and `iter()` pull from a fresh lazy iterator instead of materializing.
protocol LazilyIterable: NativeObject {
    func makeIterator(_ interpreter: Interpreter) -> LazyIterator
}

extension Interpreter {
    /// The lazy iterator a `for` loop or `iter()` pulls from, if the value has one.
    func lazyIterator(_ value: Value) -> LazyIterator? {
        guard case let .native(object) = value else { return nil }
        if let lazy = object as? LazyIterator { return lazy }
        return (object as? LazilyIterable)?.makeIterator(self)
    }
}

/// `zip(count(), repeat(x))` or `zip(gen(), count())`: lazy, since every argument is a lazy
/// iterator (endless, or a generator); nil otherwise.
func zipOfEndless(_ iterables: [Value]) -> Value? {
    let lazy = iterables.compactMap { value -> LazyIterator? in if case let .native(object as LazyIterator) = value { object } else { nil } }
    guard !iterables.isEmpty, lazy.count == iterables.count else { return nil }
    // It ends with its shortest argument, so one argument that ends (a generator) is enough.
    return .native(LazyIterator(kind: "zip", isFinite: lazy.contains(where: \.isFinite)) {
        var items: [Value] = []
        for iterator in lazy {
            guard let item = try iterator.next() else { return nil }
            items.append(item)
        }
        return .tuple(items)
    })
}

extension Interpreter {
    /// The first `limit` items of any iterable, pulling lazily from endless iterators.
    func prefix(of value: Value, _ limit: Int) throws -> [Value] {
        guard case let .native(lazy as LazyIterator) = value else { return Array(try iterate(value).prefix(limit)) }
        var items: [Value] = []
        while items.count < limit, let item = try lazy.next() {
            try checkInterrupt()
            items.append(item)
        }
        return items
    }
}

extension OutputSink {
    /// Standard error, for `logging`. A sink that does not capture it writes to the process's.
    public func writeError(_ text: String) { writeToStandardError(text) }

    /// A warning of any category; UserWarnings take the sink's usual path.
    public func warn(_ message: String, category: String, line: Int) {
        if category == "UserWarning" {
            warn(message, line: line)
        } else {
            writeError("line \(line): \(category): \(message)\n")
        }
    }
}

extension Value {
    var isLazyIterator: Bool {
        if case .native(is LazyIterator) = self { return true }
        return false
    }
}

extension Interpreter {
    /// `f.__name__`, `f.__doc__` (the docstring), and attributes the program set on `f`.
    func functionAttribute(_ function: Function, _ name: String) throws -> Value? {
        if let value = function.attributes[name] { return value }
        switch name {
        case "__name__": return .string(function.name)
        // A method's qualified name starts with its class (`Learner.plain`).
        case "__qualname__": return .string(function.qualifiedName)
        case "__module__": return .string("__main__")
        case "__doc__":
            guard case let .statements(body) = function.body, case let .expression(first)? = body.first?.kind,
                  case let .string(text) = first.kind else { return Value.none }
            return .string(text)
        case "__dict__": return .dict(DictStorage(function.attributes.map { (Value.string($0.key), $0.value) }))
        default: return nil
        }
    }
}
