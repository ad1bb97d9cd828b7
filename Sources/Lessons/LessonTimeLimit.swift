import Dispatch
import Interpreter

/// Lesson code (a lesson's blocks, a learner's answers, `lesson --check`) runs under
/// the same time limit as `tensortutor run`: a block or answer that loops forever ends
/// with a TimeoutError and the lesson goes on.
public enum LessonTimeLimit {
    /// Seconds each piece of code may run; nil for none. The command line sets it from --timeout.
    nonisolated(unsafe) public static var seconds: Double? = 10

    /// Runs `body` (which runs code in `runner`) with the limit armed, then withdraws the
    /// stop so the session's next piece of code starts afresh.
    static func run<Result>(_ runner: ProgramRunner, _ body: () -> Result) -> Result {
        guard let seconds else { return body() }
        let signal = runner.interpreter.stopSignal
        let timer = DispatchWorkItem { signal.requestTimeout(seconds: seconds) }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: timer)
        defer {
            timer.cancel()
            signal.clear()
        }
        return body()
    }
}
