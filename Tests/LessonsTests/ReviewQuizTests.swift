import Foundation
import Testing
@testable import Lessons

struct ReviewQuizTests {
    let source = """
        ---
        title: Source
        id: source
        summary: s
        ---

        ```tensor
        helper = 3
        ```

        ```exercise
        prompt: first
        setup: x = torch.arange(6)
        answer: x[1:]
        hint: h
        ```

        ```exercise
        prompt: second
        setup: y = torch.arange(4)
        answer: y * 2
        hint: h
        ```

        ```exercise
        prompt: needs the lesson's helper
        setup: z = torch.arange(3)
        answer: z + helper
        hint: h
        ```
        """

    let review = """
        ---
        title: Review
        id: review
        summary: s
        review: [source]
        ---

        Intro.

        ## Quiz

        ```exercise
        prompt: own
        answer: 1 + 1
        hint: h
        ```
        """

    @Test func mistakesComeBackBeforeTheReviewsOwnExercises() throws {
        let sourceLesson = try LessonParser.parse(source, path: "source.md")
        let reviewLesson = try LessonParser.parse(review, path: "review.md")
        #expect(reviewLesson.reviews == ["source"])
        var progress = ProgressFile()
        var record = LessonRecord()
        record.exercises = [
            "1": ExerciseResult(outcome: .correct, attempts: 1, hintsUsed: 0),
            "2": ExerciseResult(outcome: .correct, attempts: 3, hintsUsed: 0),
            "3": ExerciseResult(outcome: .skipped, attempts: 0, hintsUsed: 0),
        ]
        progress.lessons["source"] = record
        let expanded = ReviewQuiz.expand(reviewLesson, progress: progress, lessons: [sourceLesson])
        // Exercise 1 went well; exercise 3 reads a name from its lesson's code, so it cannot stand alone.
        #expect(expanded.exercises.map(\.prompt) == ["second", "own"])
        #expect(expanded.exercises.map(\.number) == [1, 2])
        #expect(expanded.topics.contains("Your earlier mistakes"))
        let untouched = ReviewQuiz.expand(reviewLesson, progress: ProgressFile(), lessons: [sourceLesson])
        #expect(untouched.exercises.map(\.prompt) == ["own"])
    }

    let predictions = """
        ---
        title: Predictions
        id: predictions
        summary: s
        ---

        ```exercise
        prompt: Predict the shape of `x[1:, ::2]`.
        setup: x = torch.arange(12).view(3, 4)
        answer: x[1:, ::2].shape
        check: predict
        hint: h
        wrong: (2, 4) => `::2` steps over the columns.
        ```

        ```exercise
        prompt: Take the last two columns of `m`.
        setup: m = torch.arange(12).view(3, 4)
        inputs: m = torch.randint(0, 9, (int(torch.randint(2, 6, ())), int(torch.randint(3, 7, ()))))
        answer: m[:, -2:]
        hint: h
        wrong: m[-2:] => That is the last two *rows*.
        ```
        """

    func reviewOf(_ wrong: [String: [String]]) throws -> Lesson {
        let source = try LessonParser.parse(predictions, path: "predictions.md")
        let reviewLesson = try LessonParser.parse(review.replacingOccurrences(of: "review: [source]", with: "review: [predictions]"), path: "review.md")
        var record = LessonRecord()
        for (number, answers) in wrong {
            record.exercises[number] = ExerciseResult(outcome: .correct, attempts: answers.count + 1, hintsUsed: 0, wrongAnswers: answers)
        }
        var progress = ProgressFile()
        progress.lessons["predictions"] = record
        return ReviewQuiz.expand(reviewLesson, progress: progress, lessons: [source])
    }

    func play(_ lesson: Lesson, _ lines: [String]) -> String {
        let session = LessonSession(lesson: lesson, settings: .init(pausesBetweenScreens: false), progress: nil)
        var outputs = session.start()
        for line in lines where !session.isFinished { outputs += session.feed(line) }
        outputs += session.endOfInput()
        return LessonTextRenderer(width: 200).render(outputs)
    }

    @Test func aWrongAnswerComesBackAsAPredictionOfWhatItGivesThenAFix() throws {
        let expanded = try reviewOf(["2": ["m[:, -2]", "m[:, 2:]"]])
        let prompts = expanded.exercises.map(\.prompt)
        #expect(prompts.count == 3, "\(prompts)")
        // The first wrong answer is the one shown, in both new exercises.
        #expect(prompts[0].contains("You answered `m[:, -2]`"), "\(prompts[0])")
        #expect(prompts[1].contains("answered this with `m[:, -2]`, which is wrong"), "\(prompts[1])")
        #expect(expanded.exercises[0].check == .predict)

        // m[:, -2] is one column: shape (3,). The fix is graded on redrawn inputs.
        let transcript = play(expanded, ["(3, 2)", "(3,)", "m[:, -2]", "m[:, 2:]", "m[:, -2:]", "2"])
        #expect(transcript.contains("✗ Not quite."), "\(transcript)")
        #expect(transcript.contains("That is your earlier answer again"), "\(transcript)")
        // Right on the 4 columns shown, wrong on the redrawn ones.
        #expect(transcript.contains("not when the setup's inputs are re-drawn"), "\(transcript)")
        #expect(transcript.components(separatedBy: "✓ Correct").count - 1 == 3, "\(transcript)")
    }

    @Test func aWrongPredictionIsShownAndRecognised() throws {
        let expanded = try reviewOf(["1": ["(3, 2)"]])
        #expect(expanded.exercises.count == 2)
        #expect(expanded.exercises[0].prompt.hasPrefix("Last time you predicted `(3, 2)` here"), "\(expanded.exercises[0].prompt)")
        let transcript = play(expanded, ["(3, 2)", "(2, 4)", "(2, 2)", "2"])
        #expect(transcript.contains("That is your earlier answer again"), "\(transcript)")
        // The lesson's own message for a known mistake still comes first.
        #expect(transcript.contains("`::2` steps over the columns."), "\(transcript)")
        #expect(transcript.components(separatedBy: "✓ Correct").count - 1 == 2, "\(transcript)")
    }

    @Test func aStatementAnswerIsNotPredictedButStillFixed() throws {
        let expanded = try reviewOf(["2": ["y = m[-2:]"]])
        #expect(expanded.exercises.map(\.check) == [.value, .value])
        #expect(expanded.exercises[0].prompt.contains("`y = m[-2:]`"), "\(expanded.exercises[0].prompt)")
        // The lesson's message for this mistake is found before the generic one.
        let transcript = play(expanded, ["y = m[-2:]", "m[:, -2:]", "2"])
        #expect(transcript.contains("That is the last two *rows*") || transcript.contains("That is the last two rows"), "\(transcript)")
    }

    @Test func aWrongAnswerThatGivesANumberIsPredictedByValue() throws {
        let expanded = try reviewOf(["2": ["m[:, -2:].sum()"]])
        #expect(expanded.exercises.first?.check == .predict)
        #expect(expanded.exercises[0].prompt.contains("its value (to 2 decimals)"), "\(expanded.exercises[0].prompt)")
        // 2 + 3 + 6 + 7 + 10 + 11 on the shown `m`.
        let transcript = play(expanded, ["38", "39", "m[:, -2:]", "2"])
        #expect(transcript.contains("is not the value"), "\(transcript)")
        #expect(transcript.components(separatedBy: "✓ Correct").count - 1 == 3, "\(transcript)")
    }
}
