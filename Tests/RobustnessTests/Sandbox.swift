import Diagnostics
import Foundation
import Interpreter
import TensorEngine

/// How one untrusted program ended when run in this process.
struct SandboxOutcome: Sendable {
    /// The Python exception type it ended with, nil when it ran to the end.
    var errorType: String?
    var message = ""
    /// False when it was still running at the hang limit, which is a bug: the stop
    /// signal (polled at every op and loop iteration) should have ended it long before.
    var finished = true
    var seconds = 0.0
}

/// Runs programs in this process the way `tensortutor run` does (a large stack, a
/// time limit through the interpreter's stop signal), with smaller limits so that
/// hundreds of hostile programs take seconds. Programs must not change process-wide
/// state other suites read (`torch.set_printoptions`): those belong in end-to-end tests. A program that crashes the process
/// crashes the test run: `lastProgramPath` then holds it, to become a regression case.
enum Sandbox {
    /// Tensor memory for the programs of a dedicated fuzz run (`make fuzz`). The budget
    /// is process-wide, so it is left alone when other suites run alongside (`make test`).
    static let tensorMemory: Int? = ProcessInfo.processInfo.environment["TENSORTUTOR_FUZZ_SECONDS"] == nil ? nil : 256 << 20

    static let lastProgramPath = FileManager.default.temporaryDirectory
        .appendingPathComponent("tensortutor-robustness-last-program.py").path

    static func run(_ source: String, timeLimit: Double = 1, hangLimit: Double = 20) -> SandboxOutcome {
        run(bytes: Array(source.utf8), timeLimit: timeLimit, hangLimit: hangLimit)
    }

    static func run(bytes: [UInt8], timeLimit: Double = 1, hangLimit: Double = 20) -> SandboxOutcome {
        // One program at a time: the memory budget and the last-program file are shared.
        runLock.lock()
        defer { runLock.unlock() }
        // Written before running: if the program takes the process down, it is on disk.
        FileManager.default.createFile(atPath: lastProgramPath, contents: Data(bytes))
        let box = OutcomeBox()
        let signal = StopSignal()
        let watchdog = DispatchWorkItem { signal.requestTimeout(seconds: timeLimit) }
        let started = Date()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            // Made, run and freed on the large stack: freeing a value nested 10**5 deep
            // is deep work too.
            let runner = ProgramRunner()
            runner.interpreter.limits.maxContainerItems = 1_000_000
            runner.interpreter.limits.maxStringBytes = 10_000_000
            runner.interpreter.stopSignal = signal
            runner.onEvent = { event in
                if case let .error(error) = event { box.set(error.type, error.message) }
            }
            withTensorMemoryLimit { runner.run(bytes: bytes, name: "<fuzz>") }
            done.signal()
        }
        thread.stackSize = 1 << 29
        // Armed from this thread: the work item is not Sendable, so it stays here.
        DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit, execute: watchdog)
        thread.start()
        let finished = done.wait(timeout: .now() + hangLimit) == .success
        watchdog.cancel()
        var outcome = box.outcome
        outcome.finished = finished
        outcome.seconds = Date().timeIntervalSince(started)
        return outcome
    }

    /// The memory budget is process-wide: lowered while a sandboxed program runs, unless
    /// something else already lowered it.
    private static func withTensorMemoryLimit(_ body: () -> Void) {
        guard let tensorMemory else { return body() }
        budgetLock.lock()
        let saved = MemoryBudget.limit
        MemoryBudget.limit = min(saved, MemoryBudget.liveBytes + tensorMemory)
        budgetLock.unlock()
        body()
        budgetLock.lock()
        MemoryBudget.limit = saved
        budgetLock.unlock()
    }

    private static let budgetLock = NSLock()
    private static let runLock = NSLock()
}

private final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = SandboxOutcome()

    func set(_ type: String, _ message: String) {
        lock.lock()
        defer { lock.unlock() }
        value.errorType = type
        value.message = message
    }

    var outcome: SandboxOutcome {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
