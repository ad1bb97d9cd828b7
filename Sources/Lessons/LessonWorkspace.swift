import Diagnostics
import Foundation
import Interpreter
import PySyntax
import TensorEngine

/// The interpreter session a lesson plays in. Its state is always what running the
/// lesson's code up to the current step gives: `rebuild(upTo:)` replays that from a
/// fresh interpreter, which is how `:back`, `:restart` and resuming work, and how
/// side effects of a learner's exploration are dropped once an exercise is done.
public final class LessonWorkspace {
    public let file: String
    public private(set) var runner = ProgramRunner()
    public var useColor = false
    /// Draw the explainer's pictures with Unicode blocks (terminals) or ASCII (pipes).
    public var unicodePictures = false

    public init(file: String) {
        self.file = file
        resetInterpreter()
    }

    func resetInterpreter() {
        runner = ProgramRunner()
        // A fresh Python process starts from PyTorch's default seed; so does a replay.
        CodeExecution.seed(Int64(bitPattern: Generator.defaultSeed))
    }

    public var variables: [String: Value] { CodeExecution.variables(of: runner) }

    /// Replays every step before `position` silently. Returns the first error.
    @discardableResult
    func rebuild(steps: [LessonStep], upTo position: Int) -> (line: Int, error: RunError)? {
        resetInterpreter()
        var firstError: (Int, RunError)?
        for step in steps.prefix(position) {
            let error = runSilently(step)
            if firstError == nil, let error { firstError = error }
        }
        return firstError
    }

    func runSilently(_ step: LessonStep) -> (line: Int, error: RunError)? {
        switch step {
        case let .screen(blocks):
            for case let .code(block) in blocks {
                if let error = CodeExecution.runQuietly(block.code, file: file, in: runner) { return (error.line, error) }
            }
            return nil
        case let .exercise(exercise):
            return runSetup(exercise).map { ($0.line, $0) }
        }
    }

    /// The exercise's setup under the first grading seed, so the learner sees the data
    /// the first grading run uses.
    @discardableResult
    func runSetup(_ exercise: Exercise) -> RunError? {
        CodeExecution.seed(Grader.defaultSeeds[0])
        guard let setup = exercise.setup else { return nil }
        return CodeExecution.runQuietly(setup, file: file, in: runner)
    }

    /// Runs a ```tensor block statement by statement, as Python's REPL shows a pasted
    /// session: each statement after `>>> `, then what it printed or evaluated to.
    func show(_ block: CodeBlock) -> (outputs: [LessonOutput], error: CodeFailure?) {
        if block.mode == .hidden {
            let error = CodeExecution.runQuietly(block.code, file: file, in: runner)
            return (error.map { [.error($0.rendered(useColor: useColor))] } ?? [], error.map { CodeFailure($0, fallbackLine: block.code.line) })
        }
        if block.mode == .explain {
            return explain(block.code)
        }
        let whole = CodeExecution.source(block.code, file: file)
        guard let module = try? PythonParser.parseModule(whole) else {
            let failure = CodeExecution.syntaxError(in: whole)
            return ([.code(prompted(block.code.text.components(separatedBy: "\n"))), .error(failure?.rendered(useColor: useColor) ?? "SyntaxError")], failure.map { CodeFailure($0) })
        }
        var outputs: [LessonOutput] = []
        let allLines = whole.text.components(separatedBy: "\n")
        var nextLine = block.code.line
        for statement in module.body {
            let endLine = lastLine(of: statement, in: whole)
            let chunk = Array(allLines[(nextLine - 1)..<endLine])
            outputs.append(.code(prompted(chunk)))
            let source = SourceFile(name: file, text: String(repeating: "\n", count: nextLine - 1) + chunk.joined(separator: "\n"))
            let error = run(source, into: &outputs)
            nextLine = endLine + 1
            if let error { return (outputs, CodeFailure(error, fallbackLine: whole.line(of: statement.span.start))) }
            if block.mode == .grid, case .expression = statement.kind, let picture = gridPicture(of: chunk.joined(separator: "\n")) {
                outputs.append(.explanation(picture))
            }
        }
        let trailing = allLines.count >= nextLine ? Array(allLines[(nextLine - 1)...]) : []
        if trailing.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            outputs.append(.code(prompted(trailing)))
        }
        return (outputs, nil)
    }

    /// Runs learner code, reporting values, prints and errors (the code itself is not
    /// repeated: the learner just typed it).
    func runInput(_ text: String, into outputs: inout [LessonOutput]) -> RunError? {
        run(SourceFile(name: "<input>", text: text), into: &outputs, summarizing: true)
    }

    /// A value whose repr is longer than this many lines is summarised when the learner's
    /// own input shows it; `print(...)` shows it whole.
    static let longValueLines = 12

    func run(_ source: SourceFile, into outputs: inout [LessonOutput], summarizing: Bool = false) -> RunError? {
        var collected: [LessonOutput] = []
        var failure: RunError?
        let interpreter = runner.interpreter
        let color = useColor
        runner.onEvent = { event in
            switch event {
            case let .value(value, _):
                if value.isNone { return }
                let text = (try? interpreter.repr(value)) ?? "<unprintable \(value.typeName)>"
                collected.append(.result(summarizing ? Self.summarized(text, value: value) : text))
            case let .printed(text):
                if case let .result(previous)? = collected.last, previous.hasSuffix("\n") {
                    collected[collected.count - 1] = .result(previous + text)
                } else {
                    collected.append(.result(text))
                }
            case let .warning(message, _):
                collected.append(.warning("UserWarning: \(message)"))
            case let .error(error):
                failure = error
                collected.append(.error(error.rendered(useColor: color)))
            }
        }
        LessonTimeLimit.run(runner) { runner.run(source) }
        runner.onEvent = { _ in }
        outputs += collected.map { output in
            if case let .result(text) = output, text.hasSuffix("\n") { return .result(String(text.dropLast())) }
            return output
        }
        return failure
    }

    /// The grid picture of an expression just shown, computed again on the side so the
    /// session is left as the block left it.
    func gridPicture(of expression: String) -> String? {
        let text = expression.trimmingCharacters(in: .whitespacesAndNewlines)
        // Evaluating again must not draw from the random generator the lesson shares.
        if ["rand", "dropout", "multinomial", "sample", "bernoulli", "normal"].contains(where: text.contains) { return nil }
        let probe = CodeExecution.freshRunner(context: variables)
        guard case let .value(value) = CodeExecution.evaluate(CodeText(text, line: 1), file: file, in: probe) else { return nil }
        return GridPictures(useColor: useColor).picture(of: text, value: value, runner: probe, file: file)
    }

    /// The first lines of a long repr and what the rest holds, in a note that fits
    /// `width` columns (the pointer to `print` goes to its own line when it would not).
    static func summarized(_ text: String, value: Value, width: Int = 80) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > longValueLines else { return text }
        var note = "... \(lines.count - 6) more lines"
        if case let .tensor(tensor) = value {
            note += ": a tensor " + tensor.dtype.rawValue + "[" + tensor.shape.map(String.init).joined(separator: ", ") + "]"
        }
        let pointer = "(print(...) shows it all)"
        let separator = note.count + 1 + pointer.count > width ? "\n" : " "
        return lines.prefix(6).joined(separator: "\n") + "\n" + note + separator + pointer
    }

    /// The last line holding a non-space character of `statement`.
    func lastLine(of statement: Stmt, in source: SourceFile) -> Int {
        var end = min(statement.span.end, source.bytes.count) - 1
        while end > statement.span.start, [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains(source.bytes[end]) {
            end -= 1
        }
        return source.line(of: max(statement.span.start, end))
    }

    /// Lines with Python's prompts: `>>> ` for a statement's first line, `... ` after.
    /// Blank lines are dropped; a comment line gets its own `>>> `.
    func prompted(_ lines: [String]) -> String {
        var result: [String] = []
        var inStatement = false
        for line in lines where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let isComment = line.trimmingCharacters(in: .whitespaces).hasPrefix("#")
            if isComment && !inStatement {
                result.append(">>> " + line)
            } else {
                result.append((inStatement ? "... " : ">>> ") + line)
                inStatement = true
            }
        }
        return result.joined(separator: "\n")
    }
}
