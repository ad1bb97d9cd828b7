import Foundation
import Autograd
import PySyntax
import Diagnostics

/// One call of a generator function. Python suspends the body at each `yield` and
/// resumes it on the next `next()`; a tree-walking evaluator cannot suspend halfway
/// through its own recursion, so the body runs on a thread of its own and the two
/// threads hand control back and forth. Exactly one of them runs at any moment: the
/// consumer waits while the body runs and the body waits while it is parked at a
/// `yield`, so the interpreter is never used by both at once.
final class GeneratorRun: @unchecked Sendable {
    /// Suspended bodies each hold a thread; a program that leaves this many unfinished
    /// gets a MemoryError instead of exhausting the process's threads.
    static let maxSuspended = 512

    private let body: [Stmt]
    private let resume = DispatchSemaphore(value: 0)
    private let handBack = DispatchSemaphore(value: 0)
    private var yielded: Value?
    private var failure: Error?
    private var isStarted = false
    private(set) var isFinished = false
    /// Set by `close()`: the body's parked `yield` raises GeneratorExit.
    private var isClosing = false
    /// The body's interpreter state while it is parked (its scope, line and call depth).
    private var frame: Frame

    init(body: [Stmt], scope: Scope, interpreter: Interpreter) {
        self.body = body
        frame = Frame(scope: scope, line: interpreter.currentLine, callDepth: interpreter.callDepth + 1, source: interpreter.source)
    }

    /// The next yielded value, or nil once the body has returned. Consumer side.
    func next(_ interpreter: Interpreter) throws -> Value? {
        guard !isFinished else { return nil }
        try switchToBody(interpreter)
        if let value = yielded, !isFinished {
            yielded = nil
            return value
        }
        guard let failure else { return nil }
        self.failure = nil
        if let error = failure as? PythonError, error.type == "StopIteration" {
            throw PythonError.runtimeError("generator raised StopIteration")
        }
        throw failure
    }

    /// Python's `generator.close()`: a parked body gets GeneratorExit at its `yield`, so
    /// its `finally` blocks and `with` exits run. Errors it raises then are dropped, as
    /// CPython reports them only as "Exception ignored".
    func close(_ interpreter: Interpreter) {
        guard isStarted, !isFinished else { return }
        isClosing = true
        try? switchToBody(interpreter)
        failure = nil
    }

    /// Body side: hands `value` to the consumer and waits to be resumed.
    func park(yielding value: Value) throws -> Value {
        yielded = value
        handBack.signal()
        resume.wait()
        if isClosing { throw PythonError("GeneratorExit", "") }
        return .none
    }

    private func switchToBody(_ interpreter: Interpreter) throws {
        let consumer = Frame(interpreter)
        frame.apply(to: interpreter)
        interpreter.runningGenerators.append(self)
        defer {
            interpreter.runningGenerators.removeLast()
            frame = Frame(interpreter)
            consumer.apply(to: interpreter)
        }
        if isStarted {
            resume.signal()
        } else {
            try start(interpreter)
        }
        handBack.wait()
    }

    private func start(_ interpreter: Interpreter) throws {
        guard interpreter.suspendedGenerators < Self.maxSuspended else {
            isFinished = true
            throw PythonError("MemoryError", "more than \(Self.maxSuspended) generators are suspended at once; "
                              + "run each to its end or drop it before starting more")
        }
        isStarted = true
        interpreter.suspendedGenerators += 1
        let context = UncheckedSendable((self, interpreter, AutogradThreadHandoff.currentState()))
        let thread = Thread {
            let (run, interpreter, autograd) = context.value
            AutogradThreadHandoff.adopt(autograd)
            run.runBody(interpreter)
        }
        thread.stackSize = 64 << 20
        thread.start()
    }

    private func runBody(_ interpreter: Interpreter) {
        do {
            try interpreter.execute(body)
        } catch let error as PythonError where error.type == "GeneratorExit" && isClosing {
            // The normal end of a closed generator.
        } catch {
            failure = error
        }
        isFinished = true
        interpreter.suspendedGenerators -= 1
        handBack.signal()
    }

    /// The part of the interpreter's state that belongs to whichever frame is running.
    private struct Frame {
        let scope: Scope, line: Int, callDepth: Int, source: SourceFile

        init(scope: Scope, line: Int, callDepth: Int, source: SourceFile) {
            (self.scope, self.line, self.callDepth, self.source) = (scope, line, callDepth, source)
        }

        init(_ interpreter: Interpreter) {
            self.init(scope: interpreter.scope, line: interpreter.currentLine, callDepth: interpreter.callDepth,
                      source: interpreter.source)
        }

        func apply(to interpreter: Interpreter) {
            interpreter.scope = scope
            interpreter.currentLine = line
            interpreter.callDepth = callDepth
            interpreter.source = source
        }
    }
}

/// What a program holds: dropping the last reference closes the body, at the next
/// statement boundary, where running its `finally` blocks cannot disturb the statement
/// that dropped it.
private final class GeneratorHandle {
    let run: GeneratorRun
    weak var interpreter: Interpreter?

    init(run: GeneratorRun, interpreter: Interpreter) {
        self.run = run
        self.interpreter = interpreter
    }

    deinit {
        if !run.isFinished { interpreter?.generatorsToClose.append(run) }
    }
}

extension Interpreter {
    /// A call of a generator function: the arguments are already bound; the body starts
    /// at the first `next()`.
    func makeGenerator(_ function: Function, _ body: [Stmt], _ callScope: Scope) throws -> Value {
        let handle = GeneratorHandle(run: GeneratorRun(body: body, scope: callScope, interpreter: self), interpreter: self)
        return .native(LazyIterator(kind: "generator", isFinite: true) { [self] in try handle.run.next(self) })
    }

    /// `yield value`, evaluated on the body's thread.
    func yieldToConsumer(_ value: Value) throws -> Value {
        guard let run = runningGenerators.last else { throw PythonError("SyntaxError", "'yield' outside function") }
        return try run.park(yielding: value)
    }

    /// `yield from iterable`: every item, pulled one at a time from lazy iterables.
    func yieldEach(of iterable: Value) throws -> Value {
        if let iterator = try lazyIterator(iterable) ?? protocolIterator(iterable) {
            while let item = try iterator.next() { _ = try yieldToConsumer(item) }
        } else {
            for item in try iterate(iterable) { _ = try yieldToConsumer(item) }
        }
        return .none
    }

    /// Closes the generators dropped since the last statement began.
    func closeDroppedGenerators() {
        while let run = generatorsToClose.popLast() { run.close(self) }
    }
}
