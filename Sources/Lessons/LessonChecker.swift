import Diagnostics
import Foundation
import Interpreter

/// `tensortutor lesson --check`: a lesson is valid when it parses, every block runs,
/// every exercise's reference answer passes its own check under every seed, and every
/// `wrong:` answer fails it. Issues carry the lesson file's line.
public struct LessonChecker {
    public var seeds: [Int64]

    public init(seeds: [Int64] = Grader.defaultSeeds) {
        self.seeds = seeds
    }

    public func check(path: String) -> [LessonIssue] {
        do {
            return check(try LessonParser.parseFile(atPath: path))
        } catch {
            return error.issues
        }
    }

    /// Also reports ids used twice among `paths`.
    public func check(paths: [String]) -> [LessonIssue] {
        var issues: [LessonIssue] = []
        var seenIDs: [String: String] = [:]
        for path in paths {
            do {
                let lesson = try LessonParser.parseFile(atPath: path)
                if let other = seenIDs[lesson.id] {
                    issues.append(LessonIssue(path: path, line: 1, message: "lesson id `\(lesson.id)` is also used by \(other)"))
                }
                seenIDs[lesson.id] = path
                issues += check(lesson)
            } catch {
                issues += error.issues
            }
        }
        return issues
    }

    /// Plays the lesson's code in order, as a learner who skips every exercise would.
    public func check(_ lesson: Lesson) -> [LessonIssue] {
        var issues: [LessonIssue] = []
        let workspace = LessonWorkspace(file: lesson.path)
        let grader = Grader(file: lesson.path, seeds: seeds)
        func report(_ line: Int, _ message: String) {
            issues.append(LessonIssue(path: lesson.path, line: line, message: message))
        }
        var tracker = SetupOverwriteTracker()
        var shownByLine: [Int: [LessonOutput]] = [:]
        var shownText = ""
        var proseNumbers: [(number: String, line: Int)] = []
        for block in lesson.blocks {
            switch block {
            case let .code(code):
                for (name, number, offset) in tracker.reliedOn(by: code.code.text) {
                    report(code.code.line + offset, "this block reads `\(name)`, which exercise \(number)'s setup rebound: its output is computed from the exercise's data, not the lesson's. Rename the exercise's variable")
                }
                let shown = workspace.show(code)
                shownByLine[code.code.line] = shown.outputs
                shownText += shown.outputs.map(Self.text(of:)).joined(separator: "\n")
                if let error = shown.error {
                    report(error.line, "this ```tensor block raised \(error.summary)\n" + error.rendered)
                }
            case let .exercise(exercise):
                tracker.noteBefore(exercise, variables: workspace.variables)
                issues += check(exercise, in: workspace, grader: grader, path: lesson.path)
                tracker.noteAfter(exercise, variables: workspace.variables)
            case let .paragraph(text, line):
                proseNumbers += ProseNumbers.decimals(in: text).map { ($0, line) }
            default:
                break
            }
        }
        for (number, line) in proseNumbers where !shownText.contains(number) {
            report(line, "the prose states \(number), which no output of the lesson shows")
        }
        if issues.isEmpty {
            for (line, difference) in differencesFromOwnState(lesson, played: shownByLine) {
                report(line, "this block shows something else when exercise setups cannot change the lesson's variables, so an exercise's data leaks into it: " + difference)
            }
        }
        return issues
    }

    static func text(of output: LessonOutput) -> String {
        switch output {
        case let .result(text), let .explanation(text), let .error(text), let .warning(text): text
        default: ""
        }
    }

    func check(_ exercise: Exercise, in workspace: LessonWorkspace, grader: Grader, path: String) -> [LessonIssue] {
        var issues: [LessonIssue] = []
        func report(_ line: Int, _ message: String) {
            issues.append(LessonIssue(path: path, line: line, message: message))
        }
        var snippets: [(String, CodeText)] = [("setup", exercise.setup), ("answer", exercise.answer)].compactMap { name, code in code.map { (name, $0) } }
        snippets += exercise.wrongAnswers.map { ("wrong answer", $0.code) }
        if let inputs = exercise.randomInputs { snippets.append(("inputs: code", inputs)) }
        snippets += exercise.edgeCases.map { ("edge: code", $0.code) }
        if case let .expression(expression) = exercise.check { snippets.append(("check expression", expression)) }
        var parses = true
        for (name, code) in snippets {
            if let error = CodeExecution.syntaxError(in: code, file: path) {
                report(error.line, "the \(name) does not parse: \(error.message)")
                parses = false
            }
        }
        guard parses else { return issues }
        if let error = workspace.runSetup(exercise) {
            report(error.line, "the setup raised \(error.summary)")
            return issues
        }
        let context = workspace.variables
        switch grader.grade(exercise.answer, for: exercise, context: context, asLearner: false) {
        case .correct:
            break
        case let .incorrect(feedback):
            report(exercise.answer.line, "the reference answer fails its own check: \(feedback.text)")
        case let .lessonError(message):
            report(exercise.answer.line, message)
        }
        // Grading reseeds the generator; the setup run again leaves it as play does,
        // so later blocks draw the same random numbers as the learner sees.
        defer { workspace.runSetup(exercise) }
        for wrong in exercise.wrongAnswers where grader.grade(wrong.code, for: exercise, context: context, asLearner: false).isCorrect {
            report(wrong.code.line, "this wrong answer passes the check, so its message would never be shown")
        }
        // Wrong answers are matched in order, by outcome: a later one with the same
        // outcome as an earlier one could never show its message.
        let outcomes = exercise.wrongAnswers.map { grader.outcomes(of: $0.code, for: exercise, context: context).results.map(\.0) }
        for later in outcomes.indices {
            if let earlier = outcomes.indices.prefix(later).first(where: { Grader.sameOutcomes(outcomes[$0], outcomes[later]) }) {
                report(exercise.wrongAnswers[later].code.line,
                       "this wrong answer gives the same result as the one on line \(exercise.wrongAnswers[earlier].code.line), so its message is never shown; merge the two messages")
            }
        }
        return issues
    }
}
