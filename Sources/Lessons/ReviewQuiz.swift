/// A review lesson (`review: [a, b, c]` in its front matter) asks again the exercises
/// of those lessons that the learner's progress shows they got wrong, skipped, or
/// needed a hint for, before the review's own mixed exercises.
public enum ReviewQuiz {
    /// At most this many earlier exercises come back.
    static let limit = 6

    /// The lesson with the learner's earlier mistakes inserted before its first
    /// exercise, under a heading, and every exercise numbered again in order.
    public static func expand(_ review: Lesson, progress: ProgressFile, lessons: [Lesson]) -> Lesson {
        guard !review.reviews.isEmpty else { return review }
        var missed: [(lesson: Lesson, exercise: Exercise)] = []
        for id in review.reviews {
            guard let lesson = lessons.first(where: { $0.id == id }), let record = progress.lessons[id] else { continue }
            for exercise in lesson.exercises where isSelfContained(exercise) {
                guard let result = record.exercises[String(exercise.number)] else { continue }
                if result.outcome == .skipped || result.attempts > 1 || result.hintsUsed > 0 { missed.append((lesson, exercise)) }
            }
        }
        let chosen = Array(missed.prefix(limit))
        var blocks: [LessonBlock] = []
        let firstExercise = review.blocks.firstIndex { if case .exercise = $0 { true } else { false } } ?? review.blocks.endIndex
        blocks += review.blocks[..<firstExercise]
        if !chosen.isEmpty {
            blocks.append(.heading(level: 2, text: "Your earlier mistakes", line: 0))
            blocks.append(.paragraph("These exercises gave you trouble the first time (a wrong try, a hint or a skip). Each one is asked again as it was, with new data.", line: 0))
            blocks += chosen.map { .exercise($0.exercise) }
        }
        blocks += review.blocks[firstExercise...]
        return Lesson(path: review.path, title: review.title, id: review.id, summary: review.summary, requires: review.requires,
                      blocks: renumbered(blocks), reviews: review.reviews)
    }

    /// An exercise that needs nothing from its lesson's earlier code: every name its
    /// setup, answer and check read is bound by its own setup, or is a module.
    static func isSelfContained(_ exercise: Exercise) -> Bool {
        var bound = CodeNames.assignedNames(exercise.setup?.text ?? "")
        bound.formUnion(CodeNames.assignedNames(exercise.randomInputs?.text ?? ""))
        var code = [exercise.setup?.text, exercise.randomInputs?.text, exercise.answer.text].compactMap { $0 }
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
            return .exercise(Exercise(number: number, line: exercise.line, prompt: exercise.prompt, setup: exercise.setup, answer: exercise.answer,
                                      check: exercise.check, hints: exercise.hints, wrongAnswers: exercise.wrongAnswers,
                                      randomInputs: exercise.randomInputs, edgeCases: exercise.edgeCases))
        }
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
