/// The `:` commands, and the end of a lesson.
extension LessonSession {
    static let commandHelp = """
        :hint      a hint for this exercise (again for the next one)
        :skip      show the reference answer and go on (counted in your score)
        :back      go back one step
        :restart   start the lesson over
        :quit      stop here; progress is saved
        :try CODE  run CODE here without grading it (so does a line starting with ?)
        :more      the rest of a long explanation
        :explain CODE   run CODE here and explain it step by step
        """

    func command(_ text: String) -> [LessonOutput] {
        let name = text.split(separator: " ").first.map(String.init) ?? text
        switch name {
        case ":hint": return hint()
        case ":skip", ":next": return skip()
        case ":back": return back()
        case ":restart": return restart()
        case ":quit", ":q", ":exit": return quit(reason: nil)
        case ":help", ":?": return [.notice(Self.commandHelp)]
        case ":more":
            guard let rest = foldedExplanation else { return [.notice("Nothing more to show.")] }
            foldedExplanation = nil
            return [.explanation(rest)]
        case ":try":
            let code = text.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty else { return [.notice("Usage: :try CODE, e.g. :try x.shape (or ?x.shape)")] }
            return explore(code)
        case ":explain":
            let code = text.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty else { return [.notice("Usage: :explain CODE, e.g. :explain x[:, 1:3]")] }
            workspaceIsDirty = true
            return workspace.explainInput(code)
        default: return [.notice("Unknown command \(name). Commands:\n" + Self.commandHelp)]
        }
    }

    /// Goes back to the previous place the lesson waited (an exercise, or a screen
    /// followed by a pause), showing again the screens that lead up to it.
    func back() -> [LessonOutput] {
        guard let previousStop = (0..<min(position, steps.count)).last(where: isStop) else {
            return [.notice("This is the first step.")]
        }
        pendingLines = []
        return go(to: groupStart(of: previousStop))
    }

    func restart() -> [LessonOutput] {
        results = [:]
        pendingLines = []
        workspaceIsDirty = true
        return [.notice("Starting over."), .title(lesson.title)] + go(to: 0)
    }

    func quit(reason: String?) -> [LessonOutput] {
        saveProgress()
        phase = .finished
        var text = reason.map { $0 + " " } ?? ""
        text += "Progress saved at step \(position + 1) of \(steps.count); "
        text += "`tensortutor lesson \(lesson.id)` picks up from there."
        return [.notice(text)] + progressWarnings()
    }

    /// The recap: what the lesson covered, how each exercise went, and the score.
    func finish() -> [LessonOutput] {
        phase = .finished
        position = steps.count
        let recap = Recap(lesson: lesson, results: results)
        if let progress {
            let correct = recap.correctCount
            let stepCount = steps.count
            let exerciseCount = exerciseCount
            let results = results
            progress.update(lesson.id) { record in
                record.position = 0
                record.stepCount = stepCount
                record.completed = true
                record.exerciseCount = exerciseCount
                record.exercises = Dictionary(uniqueKeysWithValues: results.map { (String($0.key), $0.value) })
                record.bestCorrect = max(record.bestCorrect ?? 0, correct)
            }
        }
        return [.recap(recap.text)]
    }
}

/// The end-of-lesson summary.
struct Recap {
    static let lineWidth = 80
    let lesson: Lesson
    let results: [Int: ExerciseResult]

    var correctCount: Int { results.values.filter { $0.outcome == .correct }.count }
    var skippedCount: Int { results.values.filter { $0.outcome == .skipped }.count }

    var text: String {
        // A lesson that ends with its own `## Recap` has said what it covered.
        let hasOwnRecap = lesson.blocks.contains { if case let .heading(2, text, _) = $0 { ["recap", "summary"].contains(text.lowercased()) } else { false } }
        var lines = [hasOwnRecap ? "Your results: \(lesson.title)" : "Recap: \(lesson.title)"]
        if !lesson.topics.isEmpty, !hasOwnRecap {
            lines.append("You covered:")
            lines += lesson.topics.map { "  - \($0)" }
        }
        lines.append("Exercises:")
        for exercise in lesson.exercises {
            let firstLine = exercise.prompt.split(separator: "\n").first.map(String.init) ?? ""
            let number = "  \(exercise.number). ", result = " (\(outcome(results[exercise.number])))"
            // Each line fits 80 columns, the narrowest terminal a lesson is written for.
            let room = max(20, Self.lineWidth - number.count - result.count)
            let summary = firstLine.count > room ? String(firstLine.prefix(room - 3)) + "..." : firstLine
            lines.append(number + summary + result)
        }
        let total = lesson.exercises.count
        var score = "Score: \(correctCount) of \(total) solved"
        if skippedCount > 0 { score += ", \(skippedCount) skipped" }
        let unanswered = total - correctCount - skippedCount
        if unanswered > 0 { score += ", \(unanswered) not reached" }
        lines.append(score + ".")
        return lines.joined(separator: "\n")
    }

    func outcome(_ result: ExerciseResult?) -> String {
        guard let result else { return "not reached" }
        switch result.outcome {
        case .skipped: return "skipped"
        case .correct: return result.attempts <= 1 ? "solved at the first try" : "solved in \(result.attempts) tries"
        }
    }
}

extension LessonSession {
    /// Ctrl-C while typing: drop the unfinished input.
    public func cancelInput() {
        pendingLines = []
    }
}
