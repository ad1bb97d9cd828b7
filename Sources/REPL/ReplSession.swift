import Diagnostics
import Foundation
import Interpreter
import Lessons
import PySyntax

/// Where the session's output goes: standard output for values and prints, standard
/// error for errors and warnings. The executable writes to the terminal; tests collect.
public protocol ReplOutput: AnyObject {
    func write(_ text: String, to stream: ReplStream)
}

public enum ReplStream: Equatable {
    case output
    case error
}

/// What feeding one line did.
public enum FeedResult: Equatable {
    /// The input is incomplete: show the continuation prompt and read another line.
    case needsMore
    /// The input ran (or was empty); `entry` is the whole input, for the history.
    case ran(entry: String)
    /// `:quit`, `exit()` or `quit()`.
    case quit
}

/// One interactive session with no terminal attached: lines go in, output and
/// continuation states come out. The executable adds line editing around it.
public final class ReplSession {
    public struct Settings {
        public var version: String
        public var useColor: Bool
        /// Whether a person is typing (lessons then pause between screens).
        public var interactive: Bool
        /// The terminal's width now: summaries and listings use it (tensors keep 80).
        public var width: () -> Int
        public var height: () -> Int
        /// Where `:lesson` finds lessons; nil looks where `tensortutor lesson` looks.
        public var lessonDirectory: String?

        public init(version: String, useColor: Bool = false, interactive: Bool = false,
                    width: @escaping () -> Int = { 80 }, height: @escaping () -> Int = { 24 },
                    lessonDirectory: String? = nil) {
            self.version = version
            self.useColor = useColor
            self.interactive = interactive
            self.width = width
            self.height = height
            self.lessonDirectory = lessonDirectory
        }
    }

    public let settings: Settings
    let output: ReplOutput
    public private(set) var runner: ProgramRunner
    /// Lines of a block still being typed.
    public private(set) var pendingLines: [String] = []
    /// Set by `:explain on`: every input is explained after it runs.
    public internal(set) var explainsEveryInput = false
    /// While `:time` or `:load` runs, values are not echoed.
    var echoesValues = true
    var suppressesPrints = false
    /// The lesson being played by `:lesson NAME`, which then receives the input.
    public internal(set) var activeLesson: LessonSession?

    public init(settings: Settings, output: ReplOutput) {
        self.settings = settings
        self.output = output
        runner = ProgramRunner()
        connect(runner)
    }

    public var interpreter: Interpreter { runner.interpreter }

    public var prompt: String {
        if let activeLesson { return activeLesson.prompt }
        return pendingLines.isEmpty ? ">>> " : "... "
    }

    public var banner: String {
        "TensorTutor \(settings.version): PyTorch tensor code, explained. :help for commands, Ctrl-D exits."
    }

    /// Feeds one line as typed (or a recalled multi-line history entry).
    public func feed(_ line: String) -> FeedResult {
        if let activeLesson { return feedLesson(activeLesson, line) }
        if pendingLines.isEmpty {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(":") {
                return runCommand(trimmed) ? .ran(entry: trimmed) : .quit
            }
            if ["exit()", "quit()", "exit", "quit"].contains(trimmed) { return .quit }
        }
        pendingLines.append(line)
        let text = pendingLines.joined(separator: "\n")
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            pendingLines = []
            return .ran(entry: "")
        }
        switch completeness(of: text, lastLine: line, recalled: line.contains("\n")) {
        case .incomplete:
            return .needsMore
        case .complete:
            pendingLines = []
            let entry = text.trimmingTrailingBlankLines()
            run(entry)
            return .ran(entry: entry)
        }
    }

    /// Ctrl-C while typing: forget the block being typed.
    public func cancelInput() {
        activeLesson?.cancelInput()
        pendingLines = []
    }

    /// Ctrl-D on an empty line. Returns true when the session should end; in a lesson
    /// it leaves the lesson instead.
    public func endOfInput() -> Bool {
        if let activeLesson {
            endLessonInput(activeLesson)
            return false
        }
        return true
    }

    enum Completeness { case complete, incomplete }

    /// The parser decides, as in Lua's REPL: a syntax error at the end of input means
    /// "read another line"; any other error is reported now. A compound statement
    /// (`for`, `def`, ...) also waits for an empty line, as in Python.
    func completeness(of text: String, lastLine: String, recalled: Bool) -> Completeness {
        let module: Module
        do {
            module = try PythonParser.parseModule(SourceFile(name: "<stdin>", text: text))
        } catch {
            return error.isUnexpectedEndOfInput ? .incomplete : .complete
        }
        if recalled { return .complete }
        let lastIsBlank = lastLine.trimmingCharacters(in: .whitespaces).isEmpty
        return startsBlock(module) && !lastIsBlank ? .incomplete : .complete
    }

    /// Whether the input opens with a compound statement, which Python's interactive
    /// mode ends only on an empty line (a bracketed expression ends when it closes).
    /// Decided from the parsed statement, so `match = 1` (a name, not the soft keyword)
    /// runs at once.
    private func startsBlock(_ module: Module) -> Bool {
        switch module.body.first?.kind {
        case .if?, .for?, .while?, .functionDef?, .classDef?, .with?, .try?, .match?: true
        default: false
        }
    }

    // MARK: running code

    func connect(_ runner: ProgramRunner) {
        runner.onEvent = { [weak self, unowned runner] event in
            self?.report(event, interpreter: runner.interpreter)
        }
        runner.onStandardError = { [weak self] text in self?.writeError(text) }
    }

    /// Runs a complete input in the session. Returns false when it raised.
    @discardableResult
    func run(_ text: String, name: String = "<stdin>") -> Bool {
        let source = SourceFile(name: name, text: text)
        if explainsEveryInput && name == "<stdin>" {
            explainAndRun(text)
            return true
        }
        Interpreter.interruptRequested = false
        var succeeded = false
        let runner = self.runner
        withLargeStack { succeeded = runner.run(source) }
        Interpreter.interruptRequested = false
        return succeeded
    }

    func report(_ event: RunEvent, interpreter: Interpreter) {
        switch event {
        case let .value(value, _):
            guard echoesValues, !value.isNone else { return }
            interpreter.setVariable("_", value)
            let text = (try? interpreter.repr(value)) ?? "<unprintable>"
            write(escapeControls(text).replacingOccurrences(of: "\\x0a", with: "\n") + "\n")
        case let .printed(text):
            if !suppressesPrints { write(text) }
        case let .warning(message, line):
            writeError("<stdin>:\(line): UserWarning: \(message)\n")
        case let .error(error):
            if error.type == "KeyboardInterrupt" {
                writeError("KeyboardInterrupt\n")
            } else {
                writeError(error.rendered(useColor: settings.useColor) + "\n")
            }
        }
    }

    func write(_ text: String) { output.write(text, to: .output) }
    func writeError(_ text: String) { output.write(text, to: .error) }

    func paint(_ text: String, _ code: String) -> String {
        settings.useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Replaces the interpreter with a fresh one: `:reset`.
    func resetSession() {
        runner = ProgramRunner()
        connect(runner)
    }
}

extension String {
    func trimmingTrailingBlankLines() -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty, lines.count > 1 {
            lines.removeLast()
        }
        return lines.joined(separator: "\n")
    }
}
