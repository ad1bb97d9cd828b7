import Diagnostics
import Foundation
import Interpreter
import LineEditor
import REPL

/// The interactive session on a terminal: the REPL's session logic, driven by the line
/// editor (libedit on a terminal, plain reads otherwise).
struct Repl {
    let options: OutputOptions

    func run() -> Int32 {
        let useColor = ColorPolicy.standardOutput
        let output = TerminalOutput()
        let session = ReplSession(
            settings: ReplSession.Settings(version: TensorTutor.version, useColor: useColor, interactive: true,
                                           width: terminalColumns, height: terminalRows),
            output: output)
        let history = HistoryFile.defaultPath().map { HistoryFile(path: $0) }
        let editor = makeLineEditor(history: history) { text in
            let completion = session.complete(text)
            return CompletionOffer(fragment: completion.fragment, candidates: completion.candidates)
        }
        interruptEndsEchoedLine = isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
        installInterruptHandler(restartingReads: editor is LibeditLineEditor)
        defer { editor.close() }
        output.write(session.banner + "\n", to: .output)
        // A corrupt history set aside when the editor loaded it, or a save that failed.
        let showHistoryWarnings = { history?.takeWarnings().forEach { output.write($0 + "\n", to: .error) } }
        showHistoryWarnings()
        while true {
            switch editor.readLine(prompt: session.prompt) {
            case .endOfFile:
                if session.endOfInput() { return 0 }
            case .interrupted:
                session.cancelInput()
            case let .line(line):
                switch session.feed(line) {
                case .needsMore:
                    continue
                case let .ran(entry):
                    if !entry.isEmpty {
                        editor.saveToHistory(entry)
                        showHistoryWarnings()
                    }
                case .quit:
                    return 0
                }
            }
        }
    }
}

/// The terminal echoes `^C` with no newline; `KeyboardInterrupt` goes on the next line.
nonisolated(unsafe) private var interruptEndsEchoedLine = false

/// Ctrl-C while code runs raises SIGINT (the editor turns it into a key only while
/// reading): the interpreter stops at its next op or loop iteration.
func installInterruptHandler(restartingReads: Bool) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
        Interpreter.interruptRequested = true
        if interruptEndsEchoedLine { _ = write(STDOUT_FILENO, "\n", 1) }
    }
    sigemptyset(&action.sa_mask)
    // The plain reader needs its read() interrupted to notice Ctrl-C.
    action.sa_flags = restartingReads ? SA_RESTART : 0
    sigaction(SIGINT, &action, nil)
    // A parent may have started us with SIGINT blocked; the handler must see it.
    var blocked = sigset_t()
    sigemptyset(&blocked)
    sigaddset(&blocked, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
}

/// Writes straight to the file descriptors, so output appears as it is produced.
private final class TerminalOutput: ReplOutput {
    func write(_ text: String, to stream: ReplStream) {
        StandardStreams.write(text, to: stream == .output ? STDOUT_FILENO : STDERR_FILENO)
    }
}
