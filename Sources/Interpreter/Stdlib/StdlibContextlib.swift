/// `contextlib`: `nullcontext` (nanoGPT's `ctx = nullcontext() if device_type == 'cpu'
/// else autocast(...)`), `contextmanager` over a generator function, and `suppress`.
extension Interpreter {
    func makeContextlibMembers() -> [String: Value] {
        [
            "nullcontext": stdlibFunction("nullcontext") { _, arguments in
                let bound = try arguments.bind("nullcontext", ["enter_result"])
                return .native(NullContext(result: bound.has("enter_result") ? try bound.value("enter_result") : .none))
            },
            "contextmanager": stdlibFunction("contextmanager") { _, arguments in
                .native(ContextManagerFunction(try arguments.bind("contextmanager", ["func"]).value("func")))
            },
            "suppress": stdlibFunction("suppress") { _, arguments in
                .native(SuppressContext(exceptions: arguments.positional))
            },
        ]
    }
}

/// A generator function decorated with `@contextmanager`; on a class it binds `self`
/// as the function would.
private final class ContextManagerFunction: NativeCallable, NativeMethodBinding {
    let function: Value
    init(_ function: Value) { self.function = function }
    var typeName: String { "function" }
    func repr() -> String {
        if case let .function(definition) = function { return "<function \(definition.qualifiedName)>" }
        return "<function contextmanager>"
    }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        let generator = try interpreter.call(function, arguments)
        guard let iterator = interpreter.lazyIterator(generator) else {
            throw PythonError.typeError("'\(generator.typeName)' object is not an iterator")
        }
        return .native(GeneratorContextManager(iterator))
    }

    func bound(to receiver: Value) -> Value {
        .builtin(Builtin("contextmanager_method", owner: receiver.typeName, isOp: false) { [self] interpreter, arguments in
            try call(interpreter, arguments.prepending(receiver)) ?? .none
        })
    }
}

/// `contextlib.nullcontext(enter_result=None)`: enters to `enter_result` and does nothing.
private final class NullContext: NativeContextManager {
    let result: Value
    init(result: Value) { self.result = result }
    var typeName: String { "nullcontext" }
    func repr() -> String { "<contextlib.nullcontext object>" }
    func enter(_ interpreter: Interpreter) throws -> Value { result }
    func exit(_ interpreter: Interpreter) throws {}
}

/// A `@contextmanager` function's call: the code before its `yield` runs on entry, the
/// yielded value is bound by `as`, and the code after runs on exit. When the body raises,
/// Python throws the exception in at the `yield`; here the generator is dropped instead,
/// so it is closed, which runs its `finally` blocks but not the code after the `yield`.
private final class GeneratorContextManager: NativeContextManager {
    private var iterator: LazyIterator?
    init(_ iterator: LazyIterator) { self.iterator = iterator }
    var typeName: String { "_GeneratorContextManager" }
    func repr() -> String { "<contextlib._GeneratorContextManager object>" }

    func enter(_ interpreter: Interpreter) throws -> Value {
        guard let value = try iterator?.next() else { throw PythonError.runtimeError("generator didn't yield") }
        return value
    }

    func exit(_ interpreter: Interpreter) throws { _ = try exit(interpreter, raising: nil) }

    func exit(_ interpreter: Interpreter, raising error: PythonError?) throws -> Bool {
        defer { iterator = nil }
        guard error == nil, let iterator else { return false }
        if try iterator.next() != nil { throw PythonError.runtimeError("generator didn't stop") }
        return false
    }
}

/// `contextlib.suppress(*exceptions)`: swallows the listed exception classes.
private final class SuppressContext: NativeContextManager {
    let exceptions: [Value]
    init(exceptions: [Value]) { self.exceptions = exceptions }
    var typeName: String { "suppress" }
    func repr() -> String { "<contextlib.suppress object>" }
    func enter(_ interpreter: Interpreter) throws -> Value { .none }
    func exit(_ interpreter: Interpreter) throws {}

    func exit(_ interpreter: Interpreter, raising error: PythonError?) throws -> Bool {
        guard let error else { return false }
        return exceptions.contains { interpreter.raisedError(error, matches: $0) }
    }
}
