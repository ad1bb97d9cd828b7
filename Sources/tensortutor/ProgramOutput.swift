import Diagnostics
import Foundation
import Interpreter

/// Runs a program read as bytes and reports its events as text or JSON Lines. Returns
/// the exit status.
func runProgram(bytes: [UInt8], name: String, options: OutputOptions, limits: LimitOptions, echoesValues: Bool = true) -> Int32 {
    runProgram(bytes: bytes, name: name, json: options.json, timeout: options.effectiveTimeout, limits: limits.values,
               echoesValues: echoesValues)
}

/// `timeout`: seconds, or nil for none. `echoesValues`: whether top-level expression
/// values print, as in Python's interactive mode (a script run as `python FILE` does not).
func runProgram(bytes: [UInt8], name: String, json: Bool, timeout: Double?, limits: ProgramLimits, echoesValues: Bool = true) -> Int32 {
    limits.apply()
    let useColor = !json && ColorPolicy.standardError
    let reporter = EventReporter(json: json, useColor: useColor, escapeOutput: isatty(STDOUT_FILENO) != 0,
                                 outputLimit: limits.maxOutputBytes)
    reporter.echoesValues = echoesValues
    let runner = ProgramRunner()
    limits.apply(to: runner.interpreter)
    reporter.stopSignal = runner.interpreter.stopSignal
    runner.onEvent = { reporter.report($0, interpreter: runner.interpreter) }
    runner.onStandardError = { reporter.reportStandardError($0) }
    startWatchdog(timeout: timeout, stopping: runner.interpreter) { error in
        reporter.reportHardStop(RunError(type: error.type, message: error.message, span: nil, source: SourceFile(name: name, text: "")))
    }
    var succeeded = false
    withLargeStack {
        succeeded = runner.run(bytes: bytes, name: name, maximumByteCount: limits.maxSourceBytes)
    }
    // One print past the limit is dropped and stops the program, but a program with no
    // statement left to stop at would otherwise end as if all had been printed.
    if succeeded, let limitError = reporter.outputLimitError {
        reporter.report(.error(RunError(type: limitError.type, message: limitError.message, span: nil,
                                        source: SourceFile(name: name, text: ""))), interpreter: runner.interpreter)
        succeeded = false
    }
    reporter.flush()
    return reporter.systemExitStatus ?? (succeeded ? 0 : 1)
}

/// Formats run events for people (text) or for tools (`--json`). Thread-safe: the
/// timeout watchdog reports from its own thread.
final class EventReporter: @unchecked Sendable {
    let json: Bool
    let useColor: Bool
    /// Printed text goes to a terminal: control characters are shown escaped.
    let escapeOutput: Bool
    /// Bytes of printed output after which the program is stopped.
    let outputLimit: Int
    private var standardOutput = ""
    private var writtenBytes = 0
    private var outputLimitReached = false
    /// The error that ends a program once it has printed past the limit.
    var outputLimitError: PythonError? {
        lock.lock()
        defer { lock.unlock() }
        return outputLimitReached ? outputLimitStop : nil
    }

    private var outputLimitStop: PythonError {
        PythonError("RuntimeError", "the program printed more than \(outputLimit) bytes (--max-output-bytes) and was stopped")
    }
    /// The status `sys.exit` asked for, once the program has raised SystemExit.
    private(set) var systemExitStatus: Int32?
    /// The running program's, to stop it at the output limit.
    var stopSignal: StopSignal?
    private let lock = NSLock()

    /// False for `run`: a script's bare expressions (`model.eval()`) print nothing, as
    /// under `python FILE`. The `--json` value records are kept either way.
    var echoesValues = true

    init(json: Bool, useColor: Bool, escapeOutput: Bool = false, outputLimit: Int = .max) {
        self.json = json
        self.useColor = useColor
        self.escapeOutput = escapeOutput
        self.outputLimit = outputLimit
    }

    func report(_ event: RunEvent, interpreter: Interpreter) {
        // Formatting (a repr can be long) happens outside the lock, so the watchdog can
        // always get in to report a timeout.
        if json {
            let record = jsonRecord(event, interpreter: interpreter)
            locked {
                if case let .error(error) = event, error.type == "SystemExit" {
                    systemExitStatus = error.message.isEmpty ? 0 : (Int32(error.message) ?? 1)
                }
                emit(record)
            }
            return
        }
        switch event {
        case let .value(value, _):
            if value.isNone || !echoesValues { return }
            let text = (try? interpreter.repr(value)) ?? "<unprintable>"
            let line = escapeControls(text).replacingOccurrences(of: "\\x0a", with: "\n")
            locked { emit(line) }
        case let .printed(text):
            let shown = escapeOutput ? escapeTerminalControls(text) : text
            locked { write(shown) }
        case let .warning(message, line):
            let text = "line \(line): UserWarning: \(escapeTerminalControls(message))\n"
            locked {
                flushLocked()
                StandardStreams.writeError(text)
            }
        case let .error(error) where error.type == "SystemExit":
            // `sys.exit(...)` ends a script as in Python: silently for a status, or with
            // its message on standard error.
            let status = Int32(error.message)
            locked {
                systemExitStatus = error.message.isEmpty ? 0 : (status ?? 1)
                flushLocked()
                if !error.message.isEmpty && status == nil { StandardStreams.writeError(escapeTerminalControls(error.message) + "\n") }
            }
        case let .error(error):
            let text = error.rendered(useColor: useColor) + "\n"
            locked {
                flushLocked()
                StandardStreams.writeError(text)
            }
        }
    }

    /// The last word of a program stopped by the watchdog. If the program's thread holds
    /// the lock for long (it should not), the error is written anyway, unsynchronized
    /// output being better than a process that never exits.
    func reportHardStop(_ error: RunError) {
        let gotLock = lock.lock(before: Date(timeIntervalSinceNow: 0.5))
        if gotLock { flushLocked() }
        if json {
            emit(jsonRecord(.error(error), interpreter: Interpreter()), direct: true)
        } else {
            StandardStreams.writeError(error.rendered(useColor: useColor) + "\n")
        }
        if gotLock { lock.unlock() }
    }

    /// Standard-error text from the program (`logging`), after the prints that came before
    /// it; it counts toward the output limit, so a runaway logging loop stops too.
    func reportStandardError(_ text: String) {
        locked {
            if json {
                emit(jsonObject([("kind", jsonString("stderr")), ("text", jsonString(text))]))
                return
            }
            guard !outputLimitReached else { return }
            writtenBytes += text.utf8.count
            write("")  // checks the limit with these bytes counted
            guard !outputLimitReached else { return }
            flushLocked()
            StandardStreams.writeError(escapeTerminalControls(text))
        }
    }

    private func locked(_ body: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body()
    }

    private func jsonRecord(_ event: RunEvent, interpreter: Interpreter) -> String {
        switch event {
        case let .value(value, line):
            let fields = (try? interpreter.jsonFields(value)) ?? [("type", jsonString("object")), ("repr", jsonString("<unprintable>"))]
            return jsonObject([("kind", jsonString("value")), ("line", String(line))] + fields)
        case let .printed(text):
            return jsonObject([("kind", jsonString("print")), ("text", jsonString(text))])
        case let .warning(message, line):
            return jsonObject([("kind", jsonString("warning")), ("line", String(line)), ("message", jsonString(message))])
        case let .error(error):
            return jsonObject([
                ("kind", jsonString("error")), ("line", String(error.line)), ("col", String(error.column)),
                ("type", jsonString(error.type)), ("message", jsonString(error.message)),
            ])
        }
    }

    private func emit(_ line: String, direct: Bool = false) {
        if direct {
            StandardStreams.writeOutput(line + "\n")
        } else {
            write(line + "\n")
        }
    }

    private func write(_ text: String) {
        guard !outputLimitReached else { return }
        writtenBytes += text.utf8.count
        if writtenBytes > outputLimit {
            // The rest is dropped and the program stopped: a runaway print loop should not
            // fill a disk or a terminal's scrollback.
            outputLimitReached = true
            stopSignal?.request(outputLimitStop)
            return
        }
        standardOutput += text
        if standardOutput.utf8.count > 1 << 16 { flushLocked() }
    }

    func flush() {
        lock.lock()
        defer { lock.unlock() }
        flushLocked()
    }

    private func flushLocked() {
        guard !standardOutput.isEmpty else { return }
        StandardStreams.writeOutput(standardOutput)
        standardOutput = ""
    }
}
