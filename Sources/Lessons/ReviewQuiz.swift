import PySyntax
import Diagnostics
import Interpreter

/// A review lesson (`review: [a, b, c]` in its front matter) asks again the exercises
/// of those lessons that the learner's progress shows they got wrong, skipped, or
/// needed a hint for, before the review's own mixed exercises. When the progress kept
/// the learner's own wrong answer, the review starts from it: what does that code give
/// (a prediction), and then the fix, graded by value as the exercise was.
public enum ReviewQuiz {
    /// At most this many earlier exercises come back.
    static let limit = 6

    /// The lesson with the learner's earlier mistakes inserted before its first
    /// exercise, under a heading, and every exercise numbered again in order.
    public static func expand(_ review: Lesson, progress: ProgressFile, lessons: [Lesson]) -> Lesson {
        guard !review.reviews.isEmpty else { return review }
        var missed: [(exercise: Exercise, wrongAnswer: String?)] = []
        for id in review.reviews {
            guard let lesson = lessons.first(where: { $0.id == id }), let record = progress.lessons[id] else { continue }
            for exercise in lesson.exercises where isSelfContained(exercise) {
                guard let result = record.exercises[String(exercise.number)] else { continue }
                if result.outcome == .skipped || result.attempts > 1 || result.hintsUsed > 0 {
                    // The first wrong answer shows the misunderstanding best; later ones often chase the feedback.
                    let wrongAnswer = result.wrongAnswers?.first { isSelfContained(exercise, alsoReading: $0) }
                    missed.append((exercise, wrongAnswer))
                }
            }
        }
        let chosen = missed.prefix(limit).flatMap { reasked($0.exercise, wrongAnswer: $0.wrongAnswer) }
        var blocks: [LessonBlock] = []
        let firstExercise = review.blocks.firstIndex { if case .exercise = $0 { true } else { false } } ?? review.blocks.endIndex
        blocks += review.blocks[..<firstExercise]
        if !chosen.isEmpty {
            blocks.append(.heading(level: 2, text: "Your earlier mistakes", line: 0))
            blocks.append(.paragraph("These exercises gave you trouble the first time (a wrong try, a hint or a skip). "
                + "Where you typed a wrong answer, you see it again: first say what it gives, then fix it. "
                + "Your answers are graded on new data, as before.", line: 0))
            blocks += chosen.map { .exercise($0) }
        }
        blocks += review.blocks[firstExercise...]
        return Lesson(path: review.path, title: review.title, id: review.id, summary: review.summary, requires: review.requires,
                      blocks: renumbered(blocks), reviews: review.reviews)
    }

    /// An exercise that needs nothing from its lesson's earlier code: every name its
    /// setup, answer and check read (and `alsoReading`, a learner's answer) is bound by
    /// its own setup, or is a module.
    static func isSelfContained(_ exercise: Exercise, alsoReading extra: String? = nil) -> Bool {
        var bound = CodeNames.assignedNames(exercise.setup?.text ?? "")
        bound.formUnion(CodeNames.assignedNames(exercise.randomInputs?.text ?? ""))
        var code = [exercise.setup?.text, exercise.randomInputs?.text, exercise.answer.text, extra].compactMap { $0 }
        if case let .expression(check) = exercise.check { code.append(check.text); bound.formUnion(["answer", "expected"]) }
        let reads = code.reduce(into: Set<String>()) { names, text in
            names.formUnion(CodeNames.readNames(text))
            bound.formUnion(CodeNames.localNames(text))
            bound.formUnion(CodeNames.assignedNames(text))
        }
        return reads.isSubset(of: bound.union(CodeNames.dataFreeNames))
    }

    static func renumbered(_ blocks: [LessonBlock]) -> [LessonBlock] {
        var number = 0
        return blocks.map { block in
            guard case let .exercise(exercise) = block else { return block }
            number += 1
            return .exercise(exercise.with(number: number))
        }
    }
}

extension ReviewQuiz {
    /// The exercises that bring `exercise` back: itself, or, with the learner's wrong
    /// answer, a prediction of what that answer gives and the exercise again with the
    /// answer shown and recognised.
    static func reasked(_ exercise: Exercise, wrongAnswer: String?) -> [Exercise] {
        guard let wrongAnswer else { return [exercise] }
        let shown = !wrongAnswer.contains("\n") ? "`\(wrongAnswer)`" : "\n\n" + indented(wrongAnswer)
        let own = WrongAnswer(code: CodeText(wrongAnswer, line: exercise.line), message: "That is your earlier answer again, and it is still wrong: compare what it gives with what the task asks.")
        if exercise.check == .predict {
            let prompt = "Last time you predicted \(shown) here, which is not right. Try again.\n\n" + exercise.prompt
            return [exercise.with(prompt: prompt, wrongAnswers: exercise.wrongAnswers + [own])]
        }
        var exercises: [Exercise] = []
        if let kind = predictionKind(of: wrongAnswer, for: exercise) {
            exercises.append(prediction(of: wrongAnswer, kind: kind, shown: shown, for: exercise))
        }
        let prompt = "Last time you answered this with \(shown), which is wrong. Write a corrected answer.\n\n" + exercise.prompt
        exercises.append(exercise.with(prompt: prompt, wrongAnswers: exercise.wrongAnswers + [own]))
        return exercises
    }

    /// What a prediction of a value asks for: the shape of a tensor with dims, else the
    /// value of a number or a 0-dim tensor.
    enum PredictionKind {
        case shape, value
    }

    /// Nil when the answer is not one expression, raises on the shown data, or gives a
    /// value that cannot be typed in (a list, a module).
    static func predictionKind(of wrongAnswer: String, for exercise: Exercise) -> PredictionKind? {
        guard isSingleExpression(wrongAnswer) else { return nil }
        let probe = exercise.with(answer: CodeText(wrongAnswer, line: exercise.line))
        guard let (value, _) = Grader(file: "<review>").referenceValue(for: probe, context: [:]) else { return nil }
        switch value {
        case let .tensor(tensor): return tensor.rank > 0 ? .shape : .value
        case .int, .float, .bool: return .value
        default: return nil
        }
    }

    /// "What does your earlier answer give?", predicted on the setup's data before
    /// running anything.
    static func prediction(of wrongAnswer: String, kind: PredictionKind, shown: String, for exercise: Exercise) -> Exercise {
        let firstLine = exercise.prompt.split(separator: "\n").first.map(String.init) ?? exercise.prompt
        let asked = kind == .shape ? "its shape, as a tuple such as `(3, 4)`" : "its value (to 2 decimals)"
        let prompt = "An earlier task: \(firstLine)\n\nYou answered \(shown). Before running anything, predict what it gives "
            + "for the setup below: \(asked)."
        let answer = CodeText(kind == .shape ? "(\(wrongAnswer)).shape" : wrongAnswer, line: exercise.line)
        let hints = [
            "Work out each step of \(shown) on the setup's values; `:try CODE` runs it once you have predicted.",
            kind == .shape ? "Go through the index or the call dim by dim: which dims does it keep, drop or add?" : "Compute it by hand on the values shown, step by step.",
        ]
        return Exercise(number: exercise.number, line: exercise.line, prompt: prompt, setup: exercise.setup, answer: answer,
                        check: .predict, hints: hints, wrongAnswers: [])
    }

    /// One expression, so its value can be named and predicted.
    static func isSingleExpression(_ code: String) -> Bool {
        guard let module = try? PythonParser.parseModule(SourceFile(name: "<answer>", text: code)), module.body.count == 1,
              case .expression = module.body[0].kind else { return false }
        return true
    }

    static func indented(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}

extension Exercise {
    /// A copy with another number, prompt, answer or list of known mistakes.
    func with(number: Int? = nil, prompt: String? = nil, answer: CodeText? = nil, wrongAnswers: [WrongAnswer]? = nil) -> Exercise {
        Exercise(number: number ?? self.number, line: line, prompt: prompt ?? self.prompt, setup: setup, answer: answer ?? self.answer, check: check, hints: hints,
                 wrongAnswers: wrongAnswers ?? self.wrongAnswers, randomInputs: randomInputs, edgeCases: edgeCases)
    }
}

extension ReviewQuiz {
    /// `expand` with the lessons of `library` and the progress in `store`: what the
    /// command line and the REPL call before playing a lesson.
    public static func prepare(_ lesson: Lesson, library: LessonLibrary, store: ProgressStore?) -> Lesson {
        guard !lesson.reviews.isEmpty, let store else { return lesson }
        let lessons = library.lessonPaths.compactMap { try? LessonParser.parseFile(atPath: $0) }
        let progress = store.load()
        _ = store.takeWarnings()
        return expand(lesson, progress: progress, lessons: lessons)
    }
}
