import Diagnostics
import Interpreter
import PySyntax
import TensorEngine

/// What running a piece of lesson or learner code produced.
enum CodeOutcome {
    case value(Value)
    /// The code ran but ends in neither an expression nor an assignment to a name.
    case noValue
    case error(RunError)

    var value: Value? { if case let .value(value) = self { value } else { nil } }
    var error: RunError? { if case let .error(error) = self { error } else { nil } }
}

/// Runs code in an interpreter. Code from a lesson file is placed at its own line of
/// the file (by padding with empty lines), so a traceback names the Markdown line.
enum CodeExecution {
    static func source(_ code: CodeText, file: String) -> SourceFile {
        SourceFile(name: file, text: String(repeating: "\n", count: max(0, code.line - 1)) + code.text)
    }

    /// Runs `code` quietly and returns its value: the last statement's, when that is an
    /// expression, or the variable it assigns (`y = x.view(2, 3)` yields `y`).
    static func evaluate(_ code: CodeText, file: String, in runner: ProgramRunner) -> CodeOutcome {
        let source = source(code, file: file)
        var lastValue: Value?
        var failure: RunError?
        let previous = runner.onEvent
        runner.onEvent = { event in
            switch event {
            case let .value(value, _): lastValue = value
            case let .error(error): failure = error
            case .printed, .warning: break
            }
        }
        defer { runner.onEvent = previous }
        LessonTimeLimit.run(runner) { runner.run(source) }
        if let failure { return .error(failure) }
        guard let module = try? PythonParser.parseModule(source), let last = module.body.last else { return .noValue }
        switch last.kind {
        case .expression:
            return lastValue.map { .value($0) } ?? .noValue
        case let .assign(targets, _):
            if let target = targets.last, case let .name(name) = target.kind, let value = runner.interpreter.variable(name) {
                return .value(value)
            }
            return .noValue
        case let .augmentedAssign(target, _, _), let .annotatedAssign(target, _, _):
            if case let .name(name) = target.kind, let value = runner.interpreter.variable(name) { return .value(value) }
            return .noValue
        default:
            return .noValue
        }
    }

    /// Runs `code` and returns an error, if it raised.
    @discardableResult
    static func runQuietly(_ code: CodeText, file: String, in runner: ProgramRunner) -> RunError? {
        var failure: RunError?
        let previous = runner.onEvent
        runner.onEvent = { if case let .error(error) = $0 { failure = error } }
        defer { runner.onEvent = previous }
        LessonTimeLimit.run(runner) { runner.run(source(code, file: file)) }
        return failure
    }

    /// A syntax error in `code`, if it does not parse.
    static func syntaxError(in code: CodeText, file: String) -> RunError? {
        syntaxError(in: source(code, file: file))
    }

    static func syntaxError(in source: SourceFile) -> RunError? {
        guard (try? PythonParser.parseModule(source)) == nil else { return nil }
        // Running source that does not parse executes nothing and reports the error
        // located as the runner would locate it.
        var failure: RunError?
        ProgramRunner { if case let .error(error) = $0 { failure = error } }.run(source)
        return failure
    }

    /// Seeds the global generator as `torch.manual_seed(seed)` does.
    static func seed(_ seed: Int64) {
        Generator.default.manualSeed(seed)
    }

    /// A fresh interpreter that already holds `context`'s variables, so that answers
    /// may use names the learner defined while exploring.
    static func freshRunner(context: [String: Value]) -> ProgramRunner {
        let runner = ProgramRunner()
        for (name, value) in context { runner.interpreter.setVariable(name, value) }
        return runner
    }

    static func variables(of runner: ProgramRunner) -> [String: Value] {
        var variables: [String: Value] = [:]
        for name in runner.interpreter.variableNames {
            if let value = runner.interpreter.variable(name) { variables[name] = value }
        }
        return variables
    }
}

extension RunError {
    /// `TypeError: message`, as Python's last traceback line.
    var summary: String { message.isEmpty ? type : "\(type): \(message)" }
}

/// Code that raised, as a lesson check reports it. The explainer reports exceptions in
/// its own terms, so this is built from either.
struct CodeFailure {
    private(set) var line: Int
    let summary: String
    let rendered: String

    /// The same failure `offset` lines further down: snippet lines to lesson-file lines.
    func shifted(by offset: Int) -> CodeFailure {
        var moved = self
        moved.line += offset
        return moved
    }

    /// `fallbackLine` locates errors raised without a span (a failed `assert`, some
    /// engine errors): the line of the statement or block that raised.
    init(_ error: RunError, fallbackLine: Int? = nil) {
        line = error.span == nil ? (fallbackLine ?? error.line) : error.line
        summary = error.summary
        rendered = error.rendered()
    }

    init(type: String, message: String, span: Span?, source: SourceFile, fallbackLine: Int) {
        line = span.map { source.line(of: $0.start) } ?? fallbackLine
        summary = message.isEmpty ? type : "\(type): \(message)"
        let diagnostic = Diagnostic(severity: .error, code: type, message: message.isEmpty ? type : message, span: span)
        rendered = DiagnosticRenderer().render(diagnostic, in: source)
    }
}
