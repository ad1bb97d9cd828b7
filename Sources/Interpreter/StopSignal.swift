import Foundation
import TensorEngine
import Synchronization

/// A request, from outside the running program, that it stop now: the command line's
/// `--timeout` watchdog and its output limit. Unlike Ctrl-C's `interruptRequested`, the
/// request stays in force once made, and no `except` clause catches the error it raises,
/// so `while True: try: ... except BaseException: pass` stops as well. One per
/// interpreter, so that programs run side by side (tests) do not stop each other.
public final class StopSignal: @unchecked Sendable {
    private let requested = Atomic<Bool>(false)
    private let lock = NSLock()
    private var reason: PythonError?
    /// The same request as the engine's long loops poll it (`OperationStop`).
    public let engineFlag = StopFlag()

    public init() {}

    /// Asks the program to stop with `error`; the first request wins.
    public func request(_ error: PythonError) {
        lock.lock()
        defer { lock.unlock() }
        if reason == nil { reason = error }
        requested.store(true, ordering: .releasing)
        engineFlag.raise()
    }

    public func requestTimeout(seconds: Double) {
        let shown = seconds == seconds.rounded() && seconds < 1e15 ? "\(Int(seconds))" : "\(seconds)"
        request(PythonError("TimeoutError", "the program ran longer than \(shown) s (--timeout) and was stopped"))
    }

    /// The error to stop with, if a stop was requested. Cheap when none was.
    public var error: PythonError? {
        guard requested.load(ordering: .acquiring) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return reason
    }

    /// Withdraws the request, for a session that goes on to run another program.
    public func clear() {
        lock.lock()
        defer { lock.unlock() }
        reason = nil
        requested.store(false, ordering: .releasing)
        engineFlag.lower()
    }
}
