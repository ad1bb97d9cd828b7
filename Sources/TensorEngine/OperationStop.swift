import Synchronization

/// A request from outside the running program (Ctrl-C, the `--timeout` watchdog, the
/// output limit) that the op running now give up.
///
/// One op can run for minutes (a sort of 2**26 elements, a 6000×6000 matmul), and the
/// interpreter only checks for a stop between ops. So the engine's long loops poll here,
/// once per row, block or partition, never per element. A kernel that sees the request
/// leaves its loop early with a partial result; the throwing function around it then
/// calls `check()`, which turns the request into an error, so the partial result is
/// never returned.
public enum OperationStop {
    /// Ctrl-C: process-wide, set from a signal handler (an atomic store is signal-safe).
    private static let interrupt = Atomic<Bool>(false)
    /// The stop flag of the program running now (`use(_:)`), for timeouts and the output
    /// limit, which belong to one interpreter.
    nonisolated(unsafe) private static var current: StopFlag?

    /// Whether Ctrl-C was pressed and not yet reported.
    public static var interruptRequested: Bool {
        get { interrupt.load(ordering: .relaxed) }
        set { interrupt.store(newValue, ordering: .relaxed) }
    }

    /// Polls cheaply; for the inner loops that leave early.
    @inline(__always)
    public static var isRequested: Bool {
        interrupt.load(ordering: .relaxed) || current?.isRaised == true
    }

    /// Throws when a stop was requested: the error's kind is KeyboardInterrupt, which the
    /// interpreter replaces with its own stop error (a timeout) when it has one.
    public static func check() throws {
        if isRequested { throw TensorError(.interrupted, "") }
    }

    /// Runs `body` with `flag` as the stop flag ops poll, restoring the previous one after
    /// (a program may run another, as `exec` and lessons do).
    public static func use<Result>(_ flag: StopFlag, _ body: () throws -> Result) rethrows -> Result {
        let previous = current
        current = flag
        defer { current = previous }
        return try body()
    }
}

/// One program's stop request, as the engine sees it.
public final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    public var isRaised: Bool { raised.load(ordering: .relaxed) }
    public func raise() { raised.store(true, ordering: .releasing) }
    public func lower() { raised.store(false, ordering: .releasing) }
}
