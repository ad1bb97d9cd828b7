import Diagnostics
import Foundation
import Interpreter
import PySyntax

/// A minimal interactive loop on plain standard input; line editing arrives with the
/// LineEditor module.
struct Repl {
    let options: OutputOptions

    func run() -> Int32 {
        print("TensorTutor \(TensorTutor.version): PyTorch tensor code, explained. Ctrl-D exits.")
        let reporter = EventReporter(json: options.json, useColor: ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        let runner = ProgramRunner()
        runner.onEvent = { reporter.report($0, interpreter: runner.interpreter) }
        var buffer = ""
        while true {
            FileHandle.standardOutput.write(Data((buffer.isEmpty ? ">>> " : "... ").utf8))
            guard let line = readLine(strippingNewline: true) else {
                print("")
                return 0
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            if needsMoreInput(buffer, lastLine: line) { continue }
            let source = SourceFile(name: "<stdin>", text: buffer)
            buffer = ""
            runOnLargeStack { runner.run(source) }
            reporter.flush()
        }
    }

    /// The parser decides: an unexpected end of input means "read another line"; a
    /// block started with `:` ends on an empty line, as in Python.
    private func needsMoreInput(_ text: String, lastLine: String) -> Bool {
        do {
            _ = try PythonParser.parseModule(SourceFile(name: "<stdin>", text: text))
        } catch {
            if error.isUnexpectedEndOfInput { return true }
            return false
        }
        let isBlock = text.contains("\n") || text.trimmingCharacters(in: .whitespaces).hasSuffix(":")
        return isBlock && !lastLine.trimmingCharacters(in: .whitespaces).isEmpty
    }
}
