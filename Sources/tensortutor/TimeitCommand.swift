import ArgumentParser
import Diagnostics
import Foundation
import Interpreter

/// `tensortutor timeit [--setup CODE] [--threads N] [--json] EXPR`
struct TimeitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeit",
        abstract: "Time an expression like Python's timeit: median and best time per call.",
        discussion: """
            The loop count is chosen so one run lasts at least 0.2 s; the run is repeated \
            and the median and minimum time per call are reported. The engine runs on one \
            thread, in PyTorch's one-thread order; --threads sets the count that \
            torch.get_num_threads() reports, as torch.set_num_threads would.
            """
    )

    @Option(name: .long, help: "Code run once before timing (not timed).")
    var setup: String?

    @Option(name: .long, help: "The thread count torch.get_num_threads() reports in the setup and the timed code (default 1).")
    var threads: Int?

    @Option(name: .customLong("repeat"), help: "How many timed runs to take (default 5).")
    var runCount: Int = 5

    /// `--json` prints one record: kind, expr, loops, runs, median_s, min_s.
    @OptionGroup var output: OutputOptions
    /// The same limits as `run`, --timeout included: `timeit 'while True: pass'` ends.
    @OptionGroup var limits: LimitOptions

    @Argument(help: "The expression (or statements) to time.")
    var expression: String

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if runCount < 1 { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        limits.apply()
        let runner = ProgramRunner()
        limits.values.apply(to: runner.interpreter)
        if let threads { runner.interpreter.threadCount = threads }
        let reporter = EventReporter(json: false, useColor: ColorPolicy.standardError, outputLimit: limits.maxOutputBytes)
        reporter.stopSignal = runner.interpreter.stopSignal
        runner.onEvent = { reporter.report($0, interpreter: runner.interpreter) }
        startWatchdog(timeout: output.effectiveTimeout, stopping: runner.interpreter) { error in
            reporter.reportHardStop(RunError(type: error.type, message: error.message, span: nil,
                                             source: SourceFile(name: "<timeit>", text: expression)))
        }
        var status: Int32 = 0
        withLargeStack {
            if let setup, !runner.run(SourceFile(name: "<setup>", text: setup)) {
                status = 1
                return
            }
            do {
                let result = try ExpressionTimer.time(expression, in: runner.interpreter, repeats: runCount)
                if output.json {
                    reporter.flush()
                    StandardStreams.writeOutput(jsonObject([
                        ("kind", jsonString("timeit")), ("expr", jsonString(expression)),
                        ("loops", String(result.loops)), ("runs", String(result.runs.count)),
                        ("median_s", String(result.median)), ("min_s", String(result.minimum)),
                    ]) + "\n")
                } else {
                    reporter.flush()
                    StandardStreams.writeOutput("\(result.loops) loops, median of \(result.runs.count) runs: \(ExpressionTimer.format(result.median)) per loop (best \(ExpressionTimer.format(result.minimum)))\n")
                }
            } catch {
                if let failure = RunError(timingFailure: error, source: SourceFile(name: "<timeit>", text: expression)) {
                    reporter.report(.error(failure), interpreter: runner.interpreter)
                }
                status = 1
            }
        }
        reporter.flush()
        if status != 0 { throw ExitCode(status) }
    }
}
