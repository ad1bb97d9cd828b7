import XCTest
@testable import Lessons

final class ReviewQuizTests: XCTestCase {
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

    func testMistakesComeBackBeforeTheReviewsOwnExercises() throws {
        let sourceLesson = try LessonParser.parse(source, path: "source.md")
        let reviewLesson = try LessonParser.parse(review, path: "review.md")
        XCTAssertEqual(reviewLesson.reviews, ["source"])
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
        XCTAssertEqual(expanded.exercises.map(\.prompt), ["second", "own"])
        XCTAssertEqual(expanded.exercises.map(\.number), [1, 2])
        XCTAssertTrue(expanded.topics.contains("Your earlier mistakes"))
        let untouched = ReviewQuiz.expand(reviewLesson, progress: ProgressFile(), lessons: [sourceLesson])
        XCTAssertEqual(untouched.exercises.map(\.prompt), ["own"])
    }
}
