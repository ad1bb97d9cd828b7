import ArgumentParser
import Diagnostics
import Explain
import Foundation
import Interpreter

/// `tensortutor explain FILE|-`: runs a program and explains every sub-expression, with
/// the pitfalls its real values reveal.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Run a program and explain it step by step, flagging tensor pitfalls.",
        discussion: """
            Every evaluated sub-expression becomes a numbered step: the source with the \
            sub-expression underlined, the operation in words, the shapes and dtypes, \
            view or copy, and a preview of the value. Findings (empty slices, NaN losses, \
            BCE on softmax outputs, temperature mismatches, shape and dtype errors, ...) \
            come with a stable code, a severity and, where possible, a fix. With --json, \
            the `run --json` records are followed by one `step` record per step and one \
            `finding` record per finding.
            """
    )

    @Argument(help: "The program to explain, or '-' for standard input.")
    var file: String

    @Option(name: .long, help: ArgumentHelp("Run FILE first in the same session, without explaining it; it binds `self`, models and inputs. Its lines do not count in line numbers.", valueName: "file"))
    var prelude: String?

    @Option(name: .customLong("let"), help: ArgumentHelp("Run STMT after the prelude and before the program, without explaining it (e.g. --let 'T = 4'). Repeatable.", valueName: "stmt"))
    var lets: [String] = []

    /// `--json` and `--timeout`, shared with `run`. (A flag of the same name declared here
    /// would be claimed by the root command's option group.) With `--json`, the `run`
    /// records are followed by one `step` record per step and one `finding` per finding.
    @OptionGroup var output: OutputOptions
    /// The same limits as `run`: source size, memory, items, recursion, output.
    @OptionGroup var limits: LimitOptions

    @Flag(name: .long, help: "One line per operation, then one line per finding.")
    var brief = false

    @Flag(name: .long, help: "Write the explanation as Markdown, ready to paste into a forum answer or a code review.")
    var markdown = false

    @Flag(name: .customLong("all-steps"), help: "Also show trivial steps (names, literals, attribute lookups).")
    var allSteps = false

    @Flag(name: .long, help: "After the explanation, draw the autograd graph of each tensor the program called backward() on: PyTorch's node names, shapes, and the parameters it reaches.")
    var graph = false

    var json: Bool { output.json }

    func validate() throws {
        if [json, brief, markdown].filter({ $0 }).count > 1 {
            throw ValidationError("choose at most one of --json, --brief and --markdown")
        }
        if graph && json { throw ValidationError("--graph draws text; it does not combine with --json") }
    }

    func run() throws {
        limits.apply()
        // Colour and the terminal pictures go together: NO_COLOR or a pipe gets plain text.
        let interactive = ColorPolicy.standardOutput
        let reporter = EventReporter(json: json, useColor: interactive && !json, outputLimit: limits.maxOutputBytes)
        let runner = ProgramRunner()
        limits.values.apply(to: runner.interpreter)
        reporter.stopSignal = runner.interpreter.stopSignal
        // Read with the same bounds as `run`: a program from `/dev/zero` is refused as too
        // large, and invalid UTF-8 is a SyntaxError, before anything is explained.
        let sources: (program: SourceFile, prelude: SourceFile?)
        do {
            sources = (try readSource(file, name: file == "-" ? "<stdin>" : file),
                       try prelude.map { try readSource($0, name: $0) })
        } catch let error as SourceDecodingError {
            reporter.report(.error(RunError(type: "SyntaxError", message: error.message, span: error.span, source: error.source)),
                            interpreter: runner.interpreter)
            reporter.flush()
            throw ExitCode(1)
        }
        let program = sources.program
        let preludeSource = sources.prelude
        startWatchdog(timeout: output.effectiveTimeout, stopping: runner.interpreter) { error in
            reporter.reportHardStop(RunError(type: error.type, message: error.message, span: nil, source: program))
        }
        var status: Int32 = 0
        withLargeStack {
            status = explain(program, prelude: preludeSource, runner: runner, reporter: reporter, interactive: interactive)
        }
        if status == 0, let limitError = reporter.outputLimitError {
            reporter.report(.error(RunError(type: limitError.type, message: limitError.message, span: nil, source: program)),
                            interpreter: runner.interpreter)
            status = 1
        }
        reporter.flush()
        throw ExitCode(status)
    }

    private func explain(_ program: SourceFile, prelude: SourceFile?, runner: ProgramRunner, reporter: EventReporter, interactive: Bool) -> Int32 {
        // The prelude and --let statements set the scene quietly; only their errors show.
        runner.onEvent = { event in
            if case .error = event { reporter.report(event, interpreter: runner.interpreter) }
        }
        if let prelude, !runner.run(prelude) { return 1 }
        for (position, statement) in lets.enumerated() {
            if !runner.run(SourceFile(name: "<--let \(position + 1)>", text: statement)) { return 1 }
        }
        runner.onEvent = { event in
            switch event {
            case .value where !json: return
            default: reporter.report(event, interpreter: runner.interpreter)
            }
        }
        let explainer = Explainer(interpreter: runner.interpreter)
        let explanation = explainer.explain(program) { runner.onEvent($0) }
        let options = RenderOptions(useColor: interactive && !json && !markdown, pictures: interactive ? .terminal : .plain, showTrivialSteps: allSteps)
        if json {
            var records: [String] = []
            if let error = explanation.error {
                let span = error.span ?? Span(0, 0)
                records.append(jsonObject([
                    ("kind", jsonString("error")), ("line", String(program.line(of: span.start))), ("col", String(program.column(of: span.start))),
                    ("type", jsonString(error.type)), ("message", jsonString(error.message)),
                ]))
            }
            records += explanation.visibleSteps(options).map(JSONRecords.step)
            records += explanation.findings.map(JSONRecords.finding)
            reporter.flush()
            if !writeWithinLimit(records.joined(separator: "\n") + "\n", reporter: reporter) { return 1 }
        } else {
            let text: String
            if markdown {
                text = MarkdownRenderer(options: RenderOptions(pictures: .terminal, showTrivialSteps: allSteps)).render(explanation)
            } else if brief {
                text = BriefRenderer(options: options).render(explanation)
            } else {
                text = TextRenderer(options: options).render(explanation)
            }
            reporter.flush()
            if !writeWithinLimit(text + (graph ? graphSection(runner.interpreter) : ""), reporter: reporter) { return 1 }
        }
        return explanation.error == nil ? 0 : 1
    }

    /// The explanation counts toward --max-output-bytes as a program's prints do: past
    /// it, only the first bytes are written and the run ends with the limit's error.
    private func writeWithinLimit(_ text: String, reporter: EventReporter) -> Bool {
        let limit = limits.maxOutputBytes
        guard text.utf8.count > limit else {
            StandardStreams.writeOutput(text)
            return true
        }
        StandardStreams.writeOutput(String(decoding: text.utf8.prefix(limit), as: UTF8.self) + "\n")
        StandardStreams.writeError("error[RuntimeError]: the explanation is longer than \(limit) bytes (--max-output-bytes) and was cut short\n")
        return false
    }

    /// The graphs behind the program's backward() calls, or a line saying there were none.
    private func graphSection(_ interpreter: Interpreter) -> String {
        let drawings = interpreter.backwardGraphDrawings()
        if drawings.isEmpty { return "\nautograd graph: the program called no backward(), so there is no graph to draw\n" }
        return drawings.map { "\nautograd graph of a backward() call:\n" + $0 }.joined()
    }

    private func readSource(_ path: String, name: String) throws -> SourceFile {
        let bytes = path == "-" ? readStandardInputBytes(limit: limits.maxSourceBytes)
            : try readFileBytes(path, limit: limits.maxSourceBytes)
        return try SourceFile.decoding(bytes, name: name, maximumByteCount: limits.maxSourceBytes)
    }
}
