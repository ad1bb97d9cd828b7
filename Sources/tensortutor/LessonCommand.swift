import ArgumentParser
import Diagnostics
import Foundation
import Interpreter
import Lessons
import LineEditor

/// `tensortutor lesson [NAME|FILE]` plays a guided lesson (or lists them);
/// `tensortutor lesson --check FILE...` validates lesson files.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Play a guided lesson, list the lessons, or check lesson files.",
        discussion: """
            With no lesson, lists the lessons and your progress. A lesson is named by its \
            id, its number (1 or 01), its file name, or a path. At an exercise, type code: \
            answers are graded by value, on the data shown and on re-drawn inputs. Commands: \
            :hint, :skip, :back, :restart, :quit, :try CODE (or ?CODE) to run without grading, \
            :more for the rest of a folded explanation. \
            With standard input piped, each line is an answer or a command and a plain \
            transcript is printed; the lesson starts from the beginning. Progress is kept \
            in $XDG_STATE_HOME/tensortutor/progress.json. Lessons are looked up in \
            $TENSORTUTOR_LESSONS, then ../share/tensortutor/lessons next to the binary, \
            then the lessons/ directory of the source checkout.
            """
    )

    @Argument(help: ArgumentHelp("The lesson to play; with --check, the lesson files to check (default: all).", valueName: "lesson"))
    var names: [String] = []

    @Flag(name: .long, help: "Check lesson files: every block runs, every answer passes its own check under every seed, every wrong: answer fails it. Exits 1 on any problem.")
    var check = false

    @Option(name: .long, help: ArgumentHelp("Also save the session as Markdown to FILE.", valueName: "file"))
    var transcript: String?

    @Flag(name: .long, help: "Start from the beginning instead of resuming where you left off.")
    var restart = false

    /// --timeout: each block and answer stops after this long, as a program under `run` does.
    @OptionGroup var time: TimeoutOption
    /// Not in the help: lessons have no JSON form, and `--json` is refused.
    @OptionGroup(visibility: .hidden) var format: JSONOption

    func validate() throws {
        if !check, names.count > 1 { throw ValidationError("play one lesson at a time (or use --check to check several files)") }
        if check, transcript != nil { throw ValidationError("--transcript applies to playing a lesson, not to --check") }
        if transcript != nil, names.isEmpty { throw ValidationError("--transcript needs a lesson to play") }
        if format.json { throw ValidationError("--json does not apply to lessons") }
    }

    func run() throws {
        LessonTimeLimit.seconds = time.effectiveTimeout
        if check { throw ExitCode(runCheck(LessonLibrary.locate())) }
        let catalogue = LessonCatalogue()
        guard let name = names.first else { throw ExitCode(list(catalogue)) }
        let path: String
        switch catalogue.resolve(name) {
        case let .found(found): path = found
        case .notFound:
            // The name came from the command line: its control characters are shown escaped.
            writeError("error: no lesson named '\(escapeTerminalControls(name))'" + (catalogue.library.directory.map { " in \($0)" } ?? "")
                + "; run `tensortutor lesson` to list them\n")
            throw ExitCode(2)
        case let .ambiguous(candidates):
            writeError("error: '\(escapeTerminalControls(name))' could mean \(candidates.joined(separator: ", "))\n")
            throw ExitCode(2)
        }
        let lesson: Lesson
        do {
            lesson = try catalogue.prepare(path, progress: ProgressStore.standard())
        } catch {
            writeError(error.issues.map(\.description).joined(separator: "\n") + "\n")
            throw ExitCode(1)
        }
        var status: Int32 = 0
        withLargeStack { status = play(lesson) }
        throw ExitCode(status)
    }

    private func runCheck(_ library: LessonLibrary) -> Int32 {
        // `lessons/*.md` includes the format's README, which is not a lesson.
        let paths = names.isEmpty ? library.lessonPaths : names.filter { ($0 as NSString).lastPathComponent.lowercased() != "readme.md" }
        guard !paths.isEmpty else {
            writeError("no lesson files to check\n")
            return 1
        }
        var issues: [LessonIssue] = []
        withLargeStack { issues = LessonChecker().check(paths: paths) }
        if issues.isEmpty {
            StandardStreams.writeOutput("checked \(paths.count) lesson file\(paths.count == 1 ? "" : "s"): all blocks run, all answers pass, all wrong answers fail\n")
            return 0
        }
        writeError(issues.map(\.description).joined(separator: "\n") + "\n")
        writeError("\(issues.count) problem\(issues.count == 1 ? "" : "s") in \(Set(issues.map(\.path)).count) of \(paths.count) lesson files\n")
        return 1
    }

    private func list(_ catalogue: LessonCatalogue) -> Int32 {
        guard let directory = catalogue.library.directory, !catalogue.isEmpty else {
            writeError("no lessons found: set TENSORTUTOR_LESSONS to a lessons directory, or run `make install`\n")
            return 1
        }
        let store = ProgressStore.standard()
        let progress = store?.load() ?? ProgressFile()
        store?.takeWarnings().forEach { writeError($0 + "\n") }
        var rows: [(name: String, title: String, state: String, summary: String)] = []
        for entry in catalogue.entries {
            guard let lesson = entry.lesson else {
                rows.append((entry.listedName, entry.stem, "does not parse: run `tensortutor lesson --check \(entry.path)`", ""))
                continue
            }
            let state = status(progress.lessons[lesson.id], exercises: lesson.exercises.count)
            rows.append((entry.listedName, lesson.title, state, lesson.summary + " (id: \(lesson.id))"))
        }
        let nameWidth = rows.map(\.name.count).max() ?? 0
        let titleWidth = rows.map(\.title.count).max() ?? 0
        var text = "Lessons in \(directory):\n"
        for row in rows {
            text += "  " + row.name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                + row.title.padding(toLength: titleWidth + 2, withPad: " ", startingAt: 0) + row.state + "\n"
            if !row.summary.isEmpty { text += "  " + String(repeating: " ", count: nameWidth + 2) + row.summary + "\n" }
        }
        text += "Play one with `tensortutor lesson \(rows.first?.name ?? "NAME")` (a number, an id or a file); type :help during a lesson.\n"
        StandardStreams.writeOutput(text)
        return 0
    }

    private func status(_ record: LessonRecord?, exercises: Int) -> String {
        guard let record else { return "not started" }
        // A review quiz holds as many exercises as the learner's mistakes brought back.
        let exercises = max(exercises, record.exerciseCount)
        let score = "\(record.correctCount) of \(exercises) solved" + (record.skippedCount > 0 ? ", \(record.skippedCount) skipped" : "")
        // A replay starts with no exercises solved; the best play's score still counts.
        let best = record.bestCorrect.map { $0 > record.correctCount ? " (best \($0) of \(exercises))" : "" } ?? ""
        if record.completed { return "completed · " + score + best }
        return "in progress (step \(record.position + 1) of \(max(record.stepCount, 1))) · " + score + best
    }

    /// The read–feed–print loop. A terminal gets line editing, pauses between screens
    /// and resumes saved progress; piped input gets a plain transcript from the start.
    private func play(_ lesson: Lesson) -> Int32 {
        let interactive = isatty(STDIN_FILENO) != 0
        let useColor = ColorPolicy.standardOutput
        let session = LessonSession.playing(lesson, interactive: interactive, useColor: useColor, terminalRows: terminalRows(),
                                            terminalColumns: terminalColumns(), progress: ProgressStore.standard())
        let renderer = LessonTextRenderer(useColor: useColor, echoesInput: !interactive, width: terminalColumns())
        let editor = makeLineEditor(history: nil) { text in
            let completion = session.complete(text)
            return CompletionOffer(fragment: completion.fragment, candidates: completion.candidates)
        }
        defer { editor.close() }
        // Ctrl-C stops the code being run (a KeyboardInterrupt the lesson reports) or
        // clears the line being typed; it does not end the lesson.
        if interactive { installInterruptHandler(restartingReads: editor is LibeditLineEditor) }
        let pageLines = max(10, terminalRows() - 2)
        func show(_ outputs: [LessonOutput]) {
            let text = renderer.render(outputs)
            // On a terminal, output taller than the screen waits for Enter after each
            // screenful, so nothing scrolls past unread. Piped output never waits.
            guard interactive else { return StandardStreams.writeOutput(text) }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var start = 0
            while lines.count - start > pageLines {
                StandardStreams.writeOutput(lines[start..<(start + pageLines)].joined(separator: "\n") + "\n")
                start += pageLines
                if case .endOfFile = editor.readLine(prompt: "-- more: Enter --") { break }
            }
            StandardStreams.writeOutput(lines[start...].joined(separator: "\n"))
        }
        show(session.start(resume: interactive && !restart))
        while !session.isFinished {
            switch editor.readLine(prompt: session.prompt) {
            case .endOfFile:
                show(session.endOfInput())
            case .interrupted:
                session.cancelInput()
            case let .line(line):
                if interactive, !line.trimmingCharacters(in: .whitespaces).isEmpty { editor.saveToHistory(line) }
                show(session.feed(line))
            }
        }
        if let transcript {
            let markdown = LessonMarkdownRenderer().render(session.transcript)
            if FileManager.default.createFile(atPath: transcript, contents: Data(markdown.utf8)) {
                StandardStreams.writeOutput("Transcript saved to \(transcript).\n")
            } else {
                writeError("cannot write the transcript to \(transcript)\n")
                return 1
            }
        }
        return 0
    }

    private func writeError(_ text: String) {
        StandardStreams.writeError(text)
    }
}
