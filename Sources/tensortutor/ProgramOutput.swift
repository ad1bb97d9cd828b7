import Diagnostics
import Foundation
import Interpreter

/// Runs a program and reports its events as text or JSON Lines. Returns the exit status.
func runProgram(source text: String, name: String, options: OutputOptions) -> Int32 {
    let source = SourceFile(name: name, text: text)
    let useColor = !options.json && isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    var succeeded = false
    let reporter = EventReporter(json: options.json, useColor: useColor)
    let runner = ProgramRunner()
    runner.onEvent = { reporter.report($0, interpreter: runner.interpreter) }
    if let timeout = options.timeout {
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            Interpreter.interruptRequested = true
        }
    }
    runOnLargeStack {
        succeeded = runner.run(source)
    }
    reporter.flush()
    return succeeded ? 0 : 1
}

/// Deeply nested code recurses deeply in the evaluator; give it room.
func runOnLargeStack(_ body: @escaping () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.stackSize = 1 << 29
    thread.start()
    done.wait()
}

/// Formats run events for people (text) or for tools (`--json`).
final class EventReporter {
    let json: Bool
    let useColor: Bool
    private var standardOutput = ""

    init(json: Bool, useColor: Bool) {
        self.json = json
        self.useColor = useColor
    }

    func report(_ event: RunEvent, interpreter: Interpreter) {
        if json {
            emit(jsonRecord(event, interpreter: interpreter))
            return
        }
        switch event {
        case let .value(value, _):
            if value.isNone { return }
            let text = (try? interpreter.repr(value)) ?? "<unprintable>"
            emit(escapeControls(text).replacingOccurrences(of: "\\x0a", with: "\n"))
        case let .printed(text):
            write(text)
        case let .warning(message, line):
            flush()
            FileHandle.standardError.write(Data("line \(line): UserWarning: \(message)\n".utf8))
        case let .error(error):
            flush()
            FileHandle.standardError.write(Data((error.rendered(useColor: useColor) + "\n").utf8))
        }
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

    private func emit(_ line: String) { write(line + "\n") }

    private func write(_ text: String) {
        standardOutput += text
        if standardOutput.utf8.count > 1 << 16 { flush() }
    }

    func flush() {
        guard !standardOutput.isEmpty else { return }
        FileHandle.standardOutput.write(Data(standardOutput.utf8))
        standardOutput = ""
    }
}
