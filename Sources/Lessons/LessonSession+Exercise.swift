import Diagnostics
import Interpreter

/// Exercises: entering one, grading attempts, hints and skipping.
extension LessonSession {
    var currentExercise: Exercise? {
        guard position < steps.count, case let .exercise(exercise) = steps[position] else { return nil }
        return exercise
    }

    func enter(_ exercise: Exercise) -> [LessonOutput] {
        phase = .answering
        attempts = 0
        hintsShown = 0
        wrongInputs = []
        pendingLines = []
        var outputs: [LessonOutput] = [.exercise(number: exercise.number, total: exerciseCount, prompt: exercise.prompt)]
        if let setup = exercise.setup {
            outputs.append(.setup(setup.text))
            if let error = workspace.runSetup(exercise) {
                outputs.append(.error("This exercise's setup failed (a bug in the lesson):\n" + error.rendered(useColor: settings.useColor)))
            }
        }
        return outputs
    }

    func answerLine(_ line: String) -> [LessonOutput] {
        pendingLines.append(line)
        let text = pendingLines.joined(separator: "\n")
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            pendingLines = []
            return []
        }
        if Self.needsMoreInput(text, lastLine: line) { return [] }
        pendingLines = []
        return attempt(text)
    }

    /// Runs the learner's code where they can see it, then grades it in fresh
    /// interpreters under every seed.
    func attempt(_ text: String) -> [LessonOutput] {
        guard let exercise = currentExercise else { return [] }
        var outputs: [LessonOutput] = []
        // Every attempt starts from the setup's state, as grading does, so what the
        // learner sees never contradicts the verdict (an earlier attempt may have
        // rebound or modified the setup's names).
        workspace.runSetup(exercise)
        let context = workspace.variables
        // Code typed at a prediction is not run: its value would give the answer away.
        if exercise.check == .predict, AnswerShape(input: text, exercise: exercise).codeNames != nil,
           case let .incorrect(feedback) = grader.grade(CodeText(text, line: 1), for: exercise, context: context) {
            return incorrectOutputs(feedback, raised: false, exercise: exercise)
        }
        let error = workspace.runInput(text, into: &outputs)
        workspaceIsDirty = true
        if let error, error.type == "SyntaxError" {
            outputs.append(.incorrect("That is not valid Python; try again (no try counted)."))
            return outputs
        }
        var verdict = grader.grade(CodeText(text, line: 1), for: exercise, context: context)
        // Typing a name that existed before is looking at it, not answering, unless the
        // lesson names it as a known mistake and has something to say about it.
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if case let .incorrect(feedback) = verdict, feedback.kind != .setupVariable, feedback.kind != .knownWrong,
           CodeNames.isIdentifier(trimmed), context[trimmed] != nil {
            verdict = .incorrect(Feedback(kind: .setupVariable, text: "That shows `\(trimmed)` as it is."))
        }
        // Looking at a variable, or code that raised, is part of working the answer
        // out: it costs no try.
        let countsAsTry: Bool
        switch verdict {
        case let .incorrect(feedback): countsAsTry = error == nil && feedback.kind != .setupVariable && feedback.kind != .notAPrediction
        default: countsAsTry = true
        }
        if countsAsTry { attempts += 1 }
        if countsAsTry, case .incorrect = verdict, !wrongInputs.contains(trimmed), wrongInputs.count < ExerciseResult.wrongAnswerLimit {
            wrongInputs.append(trimmed)
        }
        switch verdict {
        case .correct:
            outputs.append(.correct(praise()))
            results[exercise.number] = best(results[exercise.number], ExerciseResult(outcome: .correct, attempts: max(attempts, 1), hintsUsed: hintsShown, wrongAnswers: wrongInputs))
            outputs += advance()
        case let .incorrect(feedback):
            outputs += incorrectOutputs(feedback, raised: error != nil, exercise: exercise)
        case let .lessonError(message):
            outputs.append(.error("This exercise cannot be graded (a bug in the lesson): \(message)\nType :skip to go on."))
        }
        return outputs
    }

    func incorrectOutputs(_ feedback: Feedback, raised: Bool, exercise: Exercise) -> [LessonOutput] {
        if feedback.kind == .setupVariable || feedback.kind == .notAPrediction {
            return [.notice(feedback.text + " (No try counted.)")]
        }
        if raised {
            // The error is on screen already; a known mistake's message, else the next hint.
            var outputs: [LessonOutput] = [.incorrect((feedback.kind == .knownWrong ? feedback.text + "\n" : "") + "Not graded: your code raised an error (no try counted).")]
            if feedback.kind != .knownWrong { outputs += hint(quietWhenNoneLeft: true) }
            return outputs
        }
        var text = feedback.text
        if attempts >= 2 {
            text += hintsShown < exercise.hints.count ? "\nType :hint for a hint, or :skip to see the answer." : "\nType :skip to see the answer."
        }
        return [.incorrect(text)]
    }

    func praise() -> String {
        switch attempts {
        case 1: "Correct!"
        case 2: "Correct, on the second try."
        default: "Correct, after \(attempts) tries."
        }
    }

    /// A solve beats a skip when an exercise is replayed after `:back`; the wrong
    /// answers of both plays are kept, the earlier first.
    func best(_ old: ExerciseResult?, _ new: ExerciseResult) -> ExerciseResult {
        guard let old else { return new }
        var kept = old.outcome == .correct && new.outcome == .skipped ? old : new
        var wrong = old.wrongAnswers ?? []
        for answer in new.wrongAnswers ?? [] where !wrong.contains(answer) { wrong.append(answer) }
        kept.wrongAnswers = wrong.isEmpty ? nil : Array(wrong.prefix(ExerciseResult.wrongAnswerLimit))
        return kept
    }

    func hint(quietWhenNoneLeft: Bool = false) -> [LessonOutput] {
        guard let exercise = currentExercise else { return [.notice("Hints belong to exercises; press Enter to read on.")] }
        guard hintsShown < exercise.hints.count else {
            return quietWhenNoneLeft ? [] : [.notice("No more hints. :skip shows the answer.")]
        }
        hintsShown += 1
        let counter = exercise.hints.count > 1 ? "Hint \(hintsShown) of \(exercise.hints.count): " : "Hint: "
        return [.hint(counter + exercise.hints[hintsShown - 1])]
    }

    /// Shows the reference answer and its value, records a skip, and moves on.
    func skip() -> [LessonOutput] {
        guard let exercise = currentExercise else { return advance() }
        pendingLines = []
        var outputs: [LessonOutput] = [.reference(exercise.answer.text)]
        if let (value, interpreter) = grader.referenceValue(for: exercise, context: workspace.variables), !value.isNone {
            outputs.append(.result(LessonWorkspace.summarized((try? interpreter.repr(value)) ?? value.typeName, value: value)))
        }
        results[exercise.number] = best(results[exercise.number], ExerciseResult(outcome: .skipped, attempts: attempts, hintsUsed: hintsShown, wrongAnswers: wrongInputs))
        outputs += advance()
        return outputs
    }
}
