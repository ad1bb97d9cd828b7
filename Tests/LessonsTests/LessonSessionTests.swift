import Foundation
import Testing
@testable import Lessons
import Interpreter
import TensorEngine

final class LessonSessionTests {
    static let text = """
        ---
        title: Tiny
        id: tiny
        summary: Two exercises.
        ---

        # Tiny

        ## Columns

        Some prose.

        ```tensor
        x = torch.arange(12).view(3, 4)
        x[:, :2]
        ```

        ```exercise
        prompt: First two columns of `x`.
        setup: x = torch.arange(12).view(3, 4)
        answer: x[:, :2]
        hint: a comma separates dims
        hint: x[:, :2]
        wrong: x[:2] => rows, not columns
        ```

        ## Sums

        More prose.

        ```exercise
        prompt: Sum of `r`.
        setup: r = torch.randn(4)
        answer: r.sum()
        hint: .sum()
        ```
        """

    var directory: String!

    init() {
        directory = NSTemporaryDirectory() + "lessons-session-\(UUID().uuidString)"
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func makeSession(pauses: Bool = false, store: ProgressStore? = nil) throws -> LessonSession {
        let lesson = try LessonParser.parse(Self.text, path: "tiny.md")
        return LessonSession(lesson: lesson, settings: .init(pausesBetweenScreens: pauses), progress: store ?? ProgressStore(path: directory + "/progress.json"))
    }

    /// Feeds lines as piped input would, then end of input; returns the plain transcript.
    func play(_ session: LessonSession, _ lines: [String]) -> String {
        var outputs = session.start()
        for line in lines where !session.isFinished { outputs += session.feed(line) }
        outputs += session.endOfInput()
        return LessonTextRenderer().render(outputs)
    }

    @Test func skipLinesCompleteTheLesson() throws {
        let session = try makeSession()
        let transcript = play(session, [":skip", ":skip"])
        #expect(session.isFinished)
        #expect(transcript.contains("The reference answer:\n    x[:, :2]"), "\(transcript)")
        #expect(transcript.contains("Score: 0 of 2 solved, 2 skipped."), "\(transcript)")
        #expect(transcript.contains("You covered:\n  - Columns\n  - Sums"), "\(transcript)")
        #expect(transcript.components(separatedBy: "Recap").count == 2, "one recap: \(transcript)")
        let record = ProgressStore(path: directory + "/progress.json").record(for: "tiny")
        #expect(record?.completed == true)
        #expect(record?.skippedCount == 2)
    }

    @Test func answersAreGradedAndFeedbackShown() throws {
        let session = try makeSession()
        let transcript = play(session, ["x[:2]", "x[:, 0:3]", ":hint", ":hint", ":hint", "x[:, 0:2]", "r.sum(0)"])
        #expect(transcript.contains(">>> x[:2]\ntensor([[0, 1, 2, 3],\n        [4, 5, 6, 7]])\n✗ rows, not columns"), "\(transcript)")
        #expect(transcript.contains("✗ Dim 1 differs: yours has size 3, expected 2"), "\(transcript)")
        #expect(transcript.contains("Hint 1 of 2: a comma separates dims"), "\(transcript)")
        #expect(transcript.contains("Hint 2 of 2: x[:, :2]"), "\(transcript)")
        #expect(transcript.contains("No more hints."), "\(transcript)")
        #expect(transcript.contains("✓ Correct, after 3 tries."), "\(transcript)")
        #expect(transcript.contains("✓ Correct!"), "\(transcript)")
        #expect(transcript.contains("Score: 2 of 2 solved."), "\(transcript)")
        #expect(session.results[1] == ExerciseResult(outcome: .correct, attempts: 3, hintsUsed: 2, wrongAnswers: ["x[:2]", "x[:, 0:3]"]))
    }

    @Test func endOfInputQuitsWithProgressSaved() throws {
        let session = try makeSession()
        let transcript = play(session, [":skip"])
        #expect(transcript.contains("End of input. Progress saved at step 4 of 4"), "\(transcript)")
        let record = ProgressStore(path: directory + "/progress.json").record(for: "tiny")
        #expect(record?.completed == false)
        #expect(record?.position == 3)
        #expect(record?.exercises["1"]?.outcome == .skipped)
    }

    @Test func resumeRestartAndBack() throws {
        _ = play(try makeSession(), [":skip"])
        let resumed = try makeSession(pauses: true)
        let outputs = resumed.start(resume: true)
        // Resuming at exercise 2 (step 4, where it stopped) shows the screen that leads up to it again.
        #expect(outputs.contains(.notice("Resuming at step 4 of 4. Type :restart to start over.")), "\(outputs)")
        #expect(outputs.contains(.prose("More prose.")), "\(outputs)")
        #expect(resumed.position == 3)
        #expect(resumed.phase == .answering)
        let back = LessonTextRenderer().render(resumed.feed(":back"))
        #expect(back.contains("Some prose.") && back.contains("Exercise 1 of 2"), "\(back)")
        #expect(resumed.position == 1)
        #expect(LessonTextRenderer().render(resumed.feed(":back")) == ">>> :back\nThis is the first step.\n")
        let restarted = LessonTextRenderer().render(resumed.feed(":restart"))
        #expect(restarted.contains("Starting over.") && restarted.contains("Some prose."), "\(restarted)")
        #expect(resumed.position == 1, "back at exercise 1, after the first screen")
        #expect(resumed.results.isEmpty)
    }

    @Test func pausesBetweenScreensOnATerminal() throws {
        let text = "---\ntitle: P\nid: p\nsummary: s\n---\n\nScreen one.\n\n## Two\n\nSome prose.\n\n"
            + "```exercise\nprompt: p\nanswer: 1\nhint: h\n```\n"
        let session = LessonSession(lesson: try LessonParser.parse(text, path: "p.md"), settings: .init(pausesBetweenScreens: true), progress: nil)
        let first = LessonTextRenderer().render(session.start())
        #expect(session.phase == .paused)
        #expect(first.contains("Screen one."))
        #expect(!(first.contains("Some prose.")))
        #expect(session.prompt.hasPrefix("(Enter to continue"))
        // Code typed at a pause runs; Enter goes on.
        let explored = LessonTextRenderer().render(session.feed("1 + 1"))
        #expect(explored.hasSuffix("2\n"), "\(explored)")
        let next = LessonTextRenderer().render(session.feed(""))
        #expect(next.contains("Some prose.") && next.contains("Exercise 1 of 1"), "\(next)")
        #expect(session.prompt == ">>> ")
    }

    @Test func learnerSideEffectsAreDroppedAfterAnExercise() throws {
        let session = try makeSession()
        _ = session.start()
        _ = session.feed("x[0, 0] = 100")
        _ = session.feed(":skip")
        if case let .tensor(x)? = session.workspace.runner.interpreter.variable("x") {
            #expect(x.int64s().first == 0, "the workspace was rebuilt from the lesson's own code")
        } else {
            Issue.record("x is gone")
        }
    }

    @Test func multiLineInputAndQuit() throws {
        let session = try makeSession()
        _ = session.start()
        #expect(session.feed("for i in range(2):") == [.input(prompt: ">>> ", text: "for i in range(2):")])
        #expect(session.prompt == "... ")
        _ = session.feed("    pass")
        _ = session.feed("")
        #expect(session.prompt == ">>> ")
        let quit = LessonTextRenderer().render(session.feed(":quit"))
        #expect(quit.contains("Progress saved at step 2 of 4"), "\(quit)")
        #expect(session.isFinished)
    }

    @Test func markdownTranscript() throws {
        let session = try makeSession()
        _ = play(session, ["x[:2]", ":skip", ":skip"])
        let markdown = LessonMarkdownRenderer().render(session.transcript)
        #expect(markdown.hasPrefix("# Tiny\n"), "\(markdown)")
        #expect(markdown.contains("### Exercise 1 of 2"), "\(markdown)")
        #expect(markdown.contains("```python\n>>> x[:2]\ntensor([[0, 1, 2, 3],"), "\(markdown)")
        #expect(markdown.contains("> ✗ rows, not columns"), "\(markdown)")
    }

    @Test func lookingScratchAndErrorsCostNoTry() throws {
        let session = try makeSession()
        let transcript = play(session, ["x", "?x.sum()", ":try x.shape", "x.nope()", "x[:2]", "x[:, :2]"])
        #expect(transcript.contains("That is `x` from the setup, as it is"), "\(transcript)")
        #expect(transcript.contains(">>> ?x.sum()\ntensor(66)"), "\(transcript)")
        #expect(transcript.contains(">>> :try x.shape\ntorch.Size([3, 4])"), "\(transcript)")
        #expect(transcript.contains("Not graded: your code raised an error (no try counted).\nHint 1 of 2: a comma separates dims"), "\(transcript)")
        // Only `x[:2]` counted: looking, scratch and the error did not.
        #expect(transcript.contains("✓ Correct, on the second try."), "\(transcript)")
    }

    /// The note under a summarised tensor fits the terminal: one line when it can,
    /// else the pointer to `print` on a line of its own.
    @Test func summaryNoteFitsTheWidth() throws {
        let shape = [2, 3, 4, 4]
        let tensor = try Tensor.zeros(shape: shape, dtype: .float32)
        let repr = (0..<40).map { "row \($0)" }.joined(separator: "\n")
        for width in [80, 60] {
            let summary = LessonWorkspace.summarized(repr, value: .tensor(tensor), width: width)
            let lines = summary.split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= width }, "\(summary)")
            #expect(lines.count == (width == 80 ? 7 : 8), "\(summary)")
            #expect(summary.contains("34 more lines: a tensor float32[2, 3, 4, 4]") && summary.hasSuffix("(print(...) shows it all)"))
        }
    }

    @Test func longValuesAreSummarisedAndExplanationsFold() throws {
        let text = "---\ntitle: L\nid: l\nsummary: s\n---\n\n```tensor explain\nx = torch.arange(24.).view(2, 3, 4)\n"
            + (0..<8).map { "y\($0) = x.permute(2, 0, 1).reshape(4, 6)[:\($0)].exp()" }.joined(separator: "\n")
            + "\n```\n\n```exercise\nprompt: p\nsetup: z = torch.zeros(40, 3)\nanswer: z + 1\nhint: h\n```\n"
        let session = LessonSession(lesson: try LessonParser.parse(text, path: "l.md"), settings: .init(pausesBetweenScreens: false), progress: nil)
        let start = LessonTextRenderer().render(session.start())
        #expect(start.contains("more lines of explanation: type :more to see it all."), "\(start)")
        #expect(start.contains("step 1 of 2") || start.contains("step 2 of 2"), "\(start)")
        let more = LessonTextRenderer().render(session.feed(":more"))
        #expect(more.split(separator: "\n").count > 20, "\(more)")
        let echoed = LessonTextRenderer().render(session.feed("z"))
        #expect(echoed.contains("... 34 more lines: a tensor float32[40, 3] (print(...) shows it all)"), "\(echoed)")
    }

    @Test func explanationsFoldByTheLinesTheyTakeOnceWrapped() throws {
        let lesson = try LessonParser.parse(Self.text, path: "tiny.md")
        // 12 lines: short enough unwrapped, but each wraps to 4 lines at 80 columns.
        let wide = (0..<12).map { "step \($0): " + Array(repeating: "word", count: 60).joined(separator: " ") }.joined(separator: "\n")
        func fold(width: Int) -> [LessonOutput] {
            var settings = LessonSession.Settings(pausesBetweenScreens: false)
            settings.width = width
            return LessonSession(lesson: lesson, settings: settings, progress: nil).folded([.explanation(wide)])
        }
        #expect(fold(width: 400) == [.explanation(wide)])
        let folded = fold(width: 80)
        guard folded.count == 2, case let .explanation(brief) = folded[0], case let .notice(notice) = folded[1] else {
            Issue.record("not folded at 80 columns: \(folded)")
            return
        }
        let shownBrief = LessonTextRenderer(width: 80).render(.explanation(brief)) ?? ""
        let limit = max(10, LessonSession.Settings(pausesBetweenScreens: false).screenLines - 8)
        #expect(shownBrief.split(separator: "\n", omittingEmptySubsequences: false).count <= limit, "\(shownBrief)")
        let shownWhole = LessonTextRenderer(width: 80).render(.explanation(wide)) ?? ""
        let hidden = shownWhole.split(separator: "\n", omittingEmptySubsequences: false).count
            - shownBrief.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(notice == "(\(hidden) more lines of explanation: type :more to see it all.)")
    }

    @Test func gridBlocksDrawSelectionsRearrangementsAndMasks() throws {
        let text = "---\ntitle: G\nid: g\nsummary: s\n---\n\n```tensor grid\nx = torch.arange(6).view(2, 3)\nx[:, 1:]\n"
            + "torch.roll(x, 1, 1)\nx > 2\nx\n```\n\n```exercise\nprompt: p\nanswer: 1\nhint: h\n```\n"
        let session = LessonSession(lesson: try LessonParser.parse(text, path: "g.md"), settings: .init(pausesBetweenScreens: false), progress: nil)
        let shown = LessonTextRenderer().render(session.start())
        #expect(shown.contains("`x[:, 1:]` reads 4 of the 6 cells of `x`:\n   0 [1][2]\n   3 [4][5]\n"), "\(shown)")
        #expect(shown.contains("where each cell of the result comes from in `x` (row, column):\n  (0,2) (0,0) (0,1)\n  (1,2) (1,0) (1,1)"), "\(shown)")
        #expect(shown.contains("True cells are #:\n  ......\n  ######"), "\(shown)")
        #expect(shown.components(separatedBy: "cells of `x`").count + shown.components(separatedBy: "comes from").count == 4, "`x` itself gets no picture: \(shown)")
    }

    @Test func wrongAnswersAreKeptInProgressForTheReview() throws {
        let store = ProgressStore(path: directory + "/progress.json")
        let session = try makeSession(store: store)
        // Looking at `x` and code that raises are not wrong answers; a repeat is kept once.
        _ = play(session, ["x", "x[:, 9] + y", "x[:2]", "x[:2]", "x[:, 1:3]", "x[:, :2]", ":skip"])
        let record = store.record(for: "tiny")
        #expect(record?.exercises["1"]?.wrongAnswers == ["x[:2]", "x[:, 1:3]"])
        #expect(record?.exercises["1"]?.attempts == 4)
        #expect(record?.exercises["2"]?.wrongAnswers == nil)
    }
}
