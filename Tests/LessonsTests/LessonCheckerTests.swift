import Foundation
import Testing
@testable import Lessons

/// The real lessons in `lessons/` must pass `--check` and complete with `:skip` lines.
struct LessonCheckerTests {
    static var lessonsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lessons").path
    }

    var lessonPaths: [String] { LessonLibrary(directory: Self.lessonsDirectory).lessonPaths }

    @Test func thereAreLessons() {
        #expect(lessonPaths.count >= 3)
        #expect(!(lessonPaths.contains { $0.hasSuffix("README.md") }))
    }

    @Test func everyLessonPassesTheCheck() {
        let issues = LessonChecker().check(paths: lessonPaths)
        #expect(issues.isEmpty, "\(issues.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyLessonCompletesWithSkips() throws {
        for path in lessonPaths {
            let lesson = try LessonParser.parseFile(atPath: path)
            let session = LessonSession(lesson: lesson, settings: .init(pausesBetweenScreens: false), progress: nil)
            var outputs = session.start()
            for _ in lesson.exercises where !session.isFinished { outputs += session.feed(":skip") }
            #expect(session.isFinished, "\(path) did not finish")
            #expect(outputs.contains { if case .recap = $0 { true } else { false } }, "\(path) showed no recap")
            let errors = outputs.compactMap { if case let .error(text) = $0 { text } else { nil } }
            #expect(errors.isEmpty, "\(path): \(errors)")
        }
    }

    /// Every lesson, piped with one known wrong answer, one error and then the reference
    /// answer per exercise, solves every exercise; the error costs no try.
    @Test func everyLessonPlaysToTheEndWithWrongAndRightAnswers() throws {
        for path in lessonPaths {
            let lesson = try LessonParser.parseFile(atPath: path)
            let session = LessonSession(lesson: lesson, settings: .init(pausesBetweenScreens: false), progress: nil)
            var outputs = session.start()
            for exercise in lesson.exercises where !session.isFinished {
                if let wrong = exercise.wrongAnswers.first { outputs += session.feed(wrong.code.text) }
                outputs += session.feed("undefined_name(1)")
                // A learner types a multi-statement answer on one line, joined by `;`, and
                // a prediction as the value itself.
                outputs += session.feed(try answerAsTyped(exercise, in: session))
            }
            #expect(session.isFinished, "\(path) did not finish")
            let solved = session.results.values.filter { $0.outcome == .correct }
            #expect(solved.count == lesson.exercises.count, "\(path): \(LessonTextRenderer().render(outputs).suffix(2000))")
            #expect(solved.allSatisfy { $0.attempts <= 2 }, "\(path): an error counted as a try")
        }
    }

    /// Answers that were accepted although wrong, or right only for the data shown, each
    /// with the lesson id and a phrase of its exercise's prompt.
    static let falseAccepts: [(lesson: String, prompt: String, answer: String)] = [
        ("shapes-and-slicing", "Select row 1", "torch.tensor([4, 5, 6, 7])"),
        ("shapes-and-slicing", "last two columns", "torch.tensor([[2, 3], [6, 7], [10, 11]])"),
        ("views-and-copies", "Flatten `t` into one dim", "t.clone().view(-1)"),
        ("softmax-and-temperature", "Build that limit directly", "F.one_hot(scores.argmax(dim=1)).float()"),
        ("softmax-and-temperature", "cannot overflow or underflow",
         "z = x - x.min(dim=1, keepdim=True).values; z.exp() / z.exp().sum(dim=1, keepdim=True)"),
        ("softmax-and-temperature", "log-probabilities over the classes", "x - 150"),
        ("softmax-and-temperature", "log-probabilities over the classes", "x - x.max(dim=1, keepdim=True).values"),
        ("masks", "Hide the padded **keys**", "sc.masked_fill(key_pad[:, None, None, :].expand(2, 2, 3, 3), float('-inf'))"),
        ("cross-entropy-and-targets", "the current task has classes", "F.cross_entropy(logits[:, 5:10], target - 5)"),
        ("relative-position-bias", "Build `coords_flatten`", "torch.tensor([[0, 0, 1, 1, 2, 2], [0, 1, 0, 1, 0, 1]])"),
        ("relative-position-bias", "temporal index", "torch.tensor([[3, 2, 1, 0], [4, 3, 2, 1], [5, 4, 3, 2], [6, 5, 4, 3]])"),
        ("relative-position-bias", "temporal index", "torch.arange(4)[:, None] - torch.arange(4)[None, :] + 3"),
        ("shifted-window-masks", "Undo the roll", "x"),
        ("shifted-window-masks", "count the", "torch.tensor([16, 8, 8, 4])"),
        ("gradients-and-distillation", "leaves in `scores.grad`", "(F.softmax(scores, dim=1) - F.one_hot(labels, 5)) / 4"),
        ("gradients-and-distillation", "leaves in `scores.grad`", "(F.softmax(scores, dim=1) - F.one_hot(labels)) / len(labels)"),
        ("gradients-and-distillation", "leaves in `s.grad`", "(F.softmax(s / T, dim=1) - F.softmax(t / T, dim=1)) / (2.0 * 4)"),
        ("gradients-and-distillation", "Fix its slices", "kd(logits[:, :5], old[:, :5], T).backward(); logits.grad"),
        ("gradients-and-distillation", "part of the graph", "teacher_logits = teacher(inputs)"),
    ]

    @Test func falseAcceptsAreRejected() throws {
        let lessons = try lessonPaths.map { try LessonParser.parseFile(atPath: $0) }
        for (id, phrase, answer) in Self.falseAccepts {
            let lesson = try #require(lessons.first { $0.id == id }, "\(id)")
            let exercise = try #require(lesson.exercises.first { $0.prompt.contains(phrase) }, "\(id): \(phrase)")
            // The session state the exercise sees in play: every block and setup before it.
            let session = LessonSession(lesson: lesson, settings: .init(pausesBetweenScreens: false), progress: nil)
            _ = session.start()
            while session.currentExercise?.number != exercise.number, !session.isFinished { _ = session.feed(":skip") }
            let verdict = Grader(file: lesson.path).grade(CodeText(answer, line: 1), for: exercise, context: session.workspace.variables)
            #expect(!verdict.isCorrect, "\(id) `\(answer)` is accepted")
            #expect(Grader(file: lesson.path).grade(exercise.answer, for: exercise, context: session.workspace.variables).isCorrect, "\(id): reference")
        }
    }

    func answerAsTyped(_ exercise: Exercise, in session: LessonSession) throws -> String {
        guard exercise.check == .predict else { return exercise.answer.text.components(separatedBy: "\n").joined(separator: "; ") }
        let (value, interpreter) = try #require(Grader(file: "t").referenceValue(for: exercise, context: session.workspace.variables))
        if let number = Prediction.number(value) { return number.isNaN ? "float('nan')" : String(number) }
        return try interpreter.repr(value)
    }

    func lesson(_ body: String) throws -> Lesson {
        try LessonParser.parse("---\ntitle: T\nid: t\nsummary: s\n---\n\n" + body, path: "t.md")
    }

    @Test func setupThatRebindsANameLaterCodeReadsIsReported() throws {
        let rebinding = try lesson("""
            ```tensor
            old = torch.arange(4)
            ```

            ```exercise
            prompt: p
            setup: old = torch.ones(3)
            answer: old * 2
            hint: h
            ```

            ```tensor
            for i in range(2):
                print(i)
            old.sum()
            ```
            """)
        let issues = LessonChecker().check(rebinding)
        #expect(issues.map(\.line) == [21], "the line that reads it: \(issues)")
        #expect(issues.first?.message.contains("reads `old`, which exercise 1's setup rebound") ?? false, "\(issues)")
        // The same name rebound by the later block before it is read is the lesson's own again.
        let rebound = try lesson("```tensor\nold = 1\n```\n\n```exercise\nprompt: p\nsetup: old = 2\nanswer: old\nhint: h\n```\n\n```tensor\nold = 3\nold\n```\n")
        #expect(LessonChecker().check(rebound) == [])
    }

    @Test func outputsAreRecomputedInTheLessonsOwnState() throws {
        let leaking = try lesson("```tensor\nx = torch.arange(4)\n```\n\n```exercise\nprompt: p\nsetup: x[0] = 99\nanswer: x + 1\nhint: h\n```\n\n```tensor\nx.sum()\n```\n")
        let issues = LessonChecker().check(leaking)
        #expect(issues.count == 1, "\(issues)")
        #expect(issues.first?.message.contains("in play `tensor(105)`, in the lesson's own state `tensor(6)`") ?? false, "\(issues)")
    }

    @Test func proseNumbersMustBeShown() throws {
        let claims = try lesson("The loss is 0.6931 here.\n\n```tensor\nimport math\nround(math.log(2), 3)\n```\n\n```exercise\nprompt: p\nanswer: 1\nhint: h\n```\n")
        #expect(LessonChecker().check(claims).map(\.message) == ["the prose states 0.6931, which no output of the lesson shows"])
    }

    @Test func theReadmeExampleIsAValidLesson() throws {
        let readme = try String(contentsOfFile: Self.lessonsDirectory + "/README.md", encoding: .utf8)
        let example = try #require(readme.components(separatedBy: "## A complete example").last)
        let body = try #require(example.components(separatedBy: "````markdown\n").dropFirst().first?.components(separatedBy: "\n````").first)
        let lesson = try LessonParser.parse(body + "\n", path: "README example")
        #expect(LessonChecker().check(lesson) == [])
    }

    @Test func checkerReportsBrokenExercisesWithLines() throws {
        let text = """
            ---
            title: Broken
            id: broken
            summary: s
            ---

            ```tensor
            x = torch.arange(4)
            x.nonexistent()
            ```

            ```exercise
            prompt: p
            setup: y = torch.arange(4)
            answer: y[:2]
            hint: h
            wrong: y[0:2] => passes, so it would never show
            wrong: y[:1] => one row
            wrong: y[0:1] => the same outcome as y[:1]
            ```

            ```exercise
            prompt: q
            setup: r = torch.randn(3)
            answer: torch.tensor([1.0, 2.0, 3.0])
            check: expr: torch.equal(answer, r)
            hint: h
            ```
            """
        let issues = LessonChecker().check(try LessonParser.parse(text, path: "broken.md"))
        #expect(issues.map(\.line) == [9, 17, 19, 25], "\(issues.map(\.description).joined(separator: "\n"))")
        #expect(issues[0].message.hasPrefix("this ```tensor block raised AttributeError"))
        #expect(issues[1].message.contains("wrong answer passes the check"))
        #expect(issues[2].message.contains("same result as the one on line 18"))
        #expect(issues[3].message.contains("fails its own check"))
    }

    @Test func resolvingLessonNames() throws {
        let library = LessonLibrary(directory: Self.lessonsDirectory)
        let first = try #require(lessonPaths.first)
        #expect(library.resolve("1") == .found(first))
        #expect(library.resolve("01") == .found(first))
        #expect(library.resolve("01-shapes-and-slicing") == .found(first))
        #expect(library.resolve("shapes-and-slicing", ids: [first: "shapes-and-slicing"]) == .found(first))
        #expect(library.resolve(first) == .found(first))
        #expect(library.resolve("no-such-lesson") == .notFound)
    }

    @Test func lessonDirectoryLookupOrder() {
        let fromEnvironment = LessonLibrary.candidateDirectories(environment: ["TENSORTUTOR_LESSONS": "/custom"], executablePath: "/opt/tt/bin/tensortutor")
        #expect(fromEnvironment.prefix(2) == ["/custom", "/opt/tt/share/tensortutor/lessons"])
        let checkout = LessonLibrary.candidateDirectories(environment: [:], executablePath: "/src/tt/.build/x86_64-unknown-linux-gnu/debug/tensortutor")
        #expect(checkout.contains("/src/tt/lessons"), "\(checkout)")
        #expect(LessonLibrary.locate(environment: [:], executablePath: nil).directory.map { URL(fileURLWithPath: $0).standardized.path } == URL(fileURLWithPath: Self.lessonsDirectory).standardized.path)
    }
}
