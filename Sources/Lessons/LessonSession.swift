import Diagnostics
import Foundation
import Interpreter
import PySyntax

/// One play of a lesson with no terminal attached: feed it the learner's lines, get
/// back what to show. The command line wraps it in a line editor or a pipe reader; the
/// REPL's `:lesson` can drive it the same way.
public final class LessonSession {
    public struct Settings {
        /// Wait for Enter between screens. Off for piped play, where every line read is
        /// an answer or a command.
        public var pausesBetweenScreens: Bool
        public var useColor: Bool
        public var seeds: [Int64]
        public var screenLines: Int
        /// The terminal's columns: a folded explanation counts its lines as wrapped to them.
        public var width: Int

        public init(pausesBetweenScreens: Bool, useColor: Bool = false, seeds: [Int64] = Grader.defaultSeeds,
                    screenLines: Int = 22, width: Int = 80) {
            self.pausesBetweenScreens = pausesBetweenScreens
            self.useColor = useColor
            self.seeds = seeds
            self.screenLines = screenLines
            self.width = width
        }
    }

    public enum Phase: Equatable {
        case notStarted
        /// A screen is shown; Enter continues.
        case paused
        case answering
        case finished
    }

    public let lesson: Lesson
    public let steps: [LessonStep]
    public let settings: Settings
    public let workspace: LessonWorkspace
    let grader: Grader
    let progress: ProgressStore?

    public internal(set) var position = 0
    public internal(set) var phase = Phase.notStarted
    /// Everything shown and typed so far, for `--transcript`.
    public private(set) var transcript: [LessonOutput] = []
    /// This play's results, by exercise number.
    public internal(set) var results: [Int: ExerciseResult] = [:]
    var pendingLines: [String] = []
    var attempts = 0
    var hintsShown = 0
    /// The current exercise's wrong attempts, as typed, for the progress file.
    var wrongInputs: [String] = []
    /// Set when learner code ran in the workspace; the next step then replays a clean state.
    var workspaceIsDirty = false
    /// The rest of the last explanation that was too long to show whole, for `:more`.
    var foldedExplanation: String?

    public init(lesson: Lesson, settings: Settings, progress: ProgressStore?) {
        self.lesson = lesson
        self.settings = settings
        self.steps = LessonStep.steps(of: lesson.blocks, screenLines: settings.screenLines)
        self.workspace = LessonWorkspace(file: lesson.path)
        workspace.useColor = settings.useColor
        workspace.unicodePictures = settings.useColor
        self.grader = Grader(file: lesson.path, seeds: settings.seeds)
        self.progress = progress
    }

    public var isFinished: Bool { phase == .finished }

    public var exerciseCount: Int { lesson.exercises.count }

    public var prompt: String {
        switch phase {
        case .paused: "(Enter to continue, :back, :quit) "
        case .answering: pendingLines.isEmpty ? ">>> " : "... "
        case .notStarted, .finished: ""
        }
    }

    /// Shows the lesson up to the first place it waits. With `resume`, a saved position
    /// is picked up where the learner left off.
    public func start(resume: Bool = false) -> [LessonOutput] {
        var outputs: [LessonOutput] = [.title(lesson.title)]
        var startAt = 0
        if let record = progress?.record(for: lesson.id) {
            if resume, !record.completed, record.position > 0, record.position < steps.count {
                // The saved position is where the learner stopped: an exercise, or a screen
                // they were reading. Play resumes there, after the screens that lead up
                // to it (shown again, without waiting), and says so in the same numbers
                // as the message it stopped with.
                startAt = groupStart(of: record.position)
                for (key, result) in record.exercises { if let number = Int(key) { results[number] = result } }
                outputs.append(.notice("Resuming at step \(record.position + 1) of \(steps.count). Type :restart to start over."))
            }
        }
        outputs += progressWarnings()
        outputs += go(to: startAt)
        return record(outputs)
    }

    /// Feeds one line: an answer, part of one, or a `:` command.
    public func feed(_ line: String) -> [LessonOutput] {
        guard phase == .paused || phase == .answering else { return [] }
        var outputs: [LessonOutput] = [.input(prompt: prompt, text: line)]
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if pendingLines.isEmpty, trimmed.hasPrefix("?") {
            // Scratch: evaluated in the lesson's session, never graded.
            outputs += explore(String(trimmed.dropFirst()))
        } else if pendingLines.isEmpty, trimmed.hasPrefix(":") {
            outputs += command(trimmed)
        } else if phase == .paused {
            // Enter continues, unless it ends a block of code being typed.
            outputs += trimmed.isEmpty && pendingLines.isEmpty ? advance() : explore(line)
        } else {
            outputs += answerLine(line)
        }
        outputs += progressWarnings()
        return record(outputs)
    }

    /// Input ended (Ctrl-D, or the end of piped input): quit with progress saved.
    public func endOfInput() -> [LessonOutput] {
        guard !isFinished else { return [] }
        return record(quit(reason: "End of input."))
    }

    func record(_ outputs: [LessonOutput]) -> [LessonOutput] {
        transcript += outputs
        return outputs
    }

    func progressWarnings() -> [LessonOutput] {
        (progress?.takeWarnings() ?? []).map { .warning($0) }
    }

    // MARK: Moving between steps

    /// Shows step `index` and every following step until one waits for the learner.
    func go(to index: Int) -> [LessonOutput] {
        var outputs: [LessonOutput] = []
        // Moving one step forward from a clean state needs no replay: the workspace
        // already holds what the steps before `index` leave.
        let isNextStep = index == position + 1
        if !isNextStep || workspaceIsDirty || phase == .notStarted {
            workspace.rebuild(steps: steps, upTo: index)
            workspaceIsDirty = false
        }
        position = index
        while position < steps.count {
            saveProgress()
            switch steps[position] {
            case let .exercise(exercise):
                outputs.append(.progress(step: position + 1, total: steps.count))
                outputs += enter(exercise)
                return outputs
            case let .screen(blocks):
                if case let .heading(level, _, _)? = blocks.first, level <= 2 {
                    outputs.append(.progress(step: position + 1, total: steps.count))
                }
                outputs += show(blocks)
                let nextIsScreen = position + 1 < steps.count && { if case .screen = steps[position + 1] { true } else { false } }()
                if settings.pausesBetweenScreens, nextIsScreen {
                    phase = .paused
                    return outputs
                }
                position += 1
            }
        }
        outputs += finish()
        return outputs
    }

    func advance() -> [LessonOutput] { go(to: position + 1) }

    /// Whether the lesson waits for the learner at step `index`.
    func isStop(_ index: Int) -> Bool {
        switch steps[index] {
        case .exercise: return true
        case .screen:
            guard settings.pausesBetweenScreens, index + 1 < steps.count else { return false }
            if case .screen = steps[index + 1] { return true }
            return false
        }
    }

    /// The first step shown on the way to the stop at `index`: just after the previous stop.
    func groupStart(of index: Int) -> Int {
        ((0..<index).last(where: isStop) ?? -1) + 1
    }

    func show(_ blocks: [LessonBlock]) -> [LessonOutput] {
        var outputs: [LessonOutput] = []
        for block in blocks {
            switch block {
            case let .heading(level, text, _):
                // The title is already shown; a `# Title` line is there for GitHub readers.
                if !(level == 1 && text == lesson.title) { outputs.append(.heading(text, level: level)) }
            case let .paragraph(text, _): outputs.append(.prose(text))
            case let .listing(_, text, _): outputs.append(.listing(text))
            case let .code(code): outputs += folded(workspace.show(code).outputs)
            case .exercise: break
            }
        }
        return outputs
    }

    /// An explanation longer than about half a screen is folded to its brief form: the
    /// steps with findings (warnings, errors, help), else its first steps; `:more`
    /// shows the whole explanation. Lengths are counted as the terminal shows them,
    /// after long lines wrap.
    func folded(_ outputs: [LessonOutput]) -> [LessonOutput] {
        let limit = max(10, settings.screenLines - 8)
        let width = settings.width
        return outputs.flatMap { output -> [LessonOutput] in
            guard case let .explanation(text) = output else { return [output] }
            let lineCount = Self.shownHeight(text, width: width)
            guard lineCount > limit + 2 else { return [output] }
            foldedExplanation = text
            let brief = Self.briefExplanation(text, limit: limit, width: width)
            let hidden = lineCount - Self.shownHeight(brief, width: width)
            return [.explanation(brief), .notice("(\(hidden) more lines of explanation: type :more to see it all.)")]
        }
    }

    /// The lines `text` takes once fitted to `width` columns, as the renderer fits it.
    static func shownHeight(_ text: String, width: Int) -> Int {
        ExplanationLayout.fit(text, width: width).split(separator: "\n", omittingEmptySubsequences: false).count
    }

    /// The explanation's steps that carry a finding, as many as fit in `limit` shown
    /// lines; with none, as many of its first lines as fit.
    static func briefExplanation(_ text: String, limit: Int, width: Int) -> String {
        let steps = text.components(separatedBy: "\n\n")
        let findings = steps.filter { $0.contains("warning") || $0.contains("error") || $0.contains("help:") }
        var kept: [String] = []
        var used = 0
        for step in findings {
            let height = shownHeight(step, width: width) + 1
            if used + height > limit, !kept.isEmpty { break }
            kept.append(step)
            used += height
        }
        if !kept.isEmpty { return kept.joined(separator: "\n\n") }
        var firstLines: [Substring] = []
        used = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let height = shownHeight(String(line), width: width)
            if used + height > limit, !firstLines.isEmpty { break }
            firstLines.append(line)
            used += height
        }
        return firstLines.joined(separator: "\n")
    }

    /// Code typed at a pause runs in the lesson's session, as in a REPL.
    func explore(_ line: String) -> [LessonOutput] {
        pendingLines.append(line)
        let text = pendingLines.joined(separator: "\n")
        if Self.needsMoreInput(text, lastLine: line) { return [] }
        pendingLines = []
        var outputs: [LessonOutput] = []
        _ = workspace.runInput(text, into: &outputs)
        workspaceIsDirty = true
        return outputs
    }

    /// The parser decides: an unexpected end of input means "read another line"; a
    /// block opened with `:` ends at an empty line, as in Python's REPL.
    static func needsMoreInput(_ text: String, lastLine: String) -> Bool {
        do {
            _ = try PythonParser.parseModule(SourceFile(name: "<input>", text: text))
        } catch {
            return error.isUnexpectedEndOfInput
        }
        let isBlock = text.contains("\n") || text.trimmingCharacters(in: .whitespaces).hasSuffix(":")
        return isBlock && !lastLine.trimmingCharacters(in: .whitespaces).isEmpty
    }

    func saveProgress() {
        guard let progress else { return }
        let position = position
        let stepCount = steps.count
        let results = results
        let exerciseCount = exerciseCount
        progress.update(lesson.id) { record in
            record.position = position
            record.stepCount = stepCount
            record.exerciseCount = exerciseCount
            record.exercises = Dictionary(uniqueKeysWithValues: results.map { (String($0.key), $0.value) })
        }
    }
}
