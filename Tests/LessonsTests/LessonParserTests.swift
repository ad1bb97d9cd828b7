import Foundation
import Testing
@testable import Lessons

struct LessonParserTests {
    static let sample = """
        ---
        title: Sample lesson
        id: sample
        summary: A small lesson for tests.
        requires: [one, two]
        ---

        # Sample lesson

        First paragraph,
        on two lines.

        ## Part A

        ```tensor
        x = torch.arange(6)
        x.view(2, 3)
        ```

        ```tensor explain
        x[:0:2]
        ```

        ```tensor hidden
        assert x.shape == (6,)
        ```

        ```python
        not run
        ```

        ```exercise
        prompt: Take the first two.
          Second prompt line.
        setup:
          x = torch.arange(6)
          y = x * 2
        answer: x[:2]
        check: shape
        hint: first hint
        hint: second hint
        wrong: x[:0:2] => one slice on dim 0
          selects nothing.
        ```

        ```exercise
        prompt: Anything equal.
        answer: x.sum()
        check: expr: torch.equal(answer, expected)
        hint: sum it
        ```
        """

    func lesson() throws -> Lesson {
        try LessonParser.parse(Self.sample, path: "sample.md")
    }

    @Test func frontMatter() throws {
        let lesson = try lesson()
        #expect(lesson.title == "Sample lesson")
        #expect(lesson.id == "sample")
        #expect(lesson.summary == "A small lesson for tests.")
        #expect(lesson.requires == ["one", "two"])
        #expect(LessonParser.parseList("a, b") == ["a", "b"])
        #expect(LessonParser.parseList("[]") == [])
    }

    @Test func blocksInOrderWithLines() throws {
        let blocks = try lesson().blocks
        guard blocks.count == 9 else { Issue.record("got \(blocks.count) blocks: \(blocks)"); return }
        guard case let .heading(1, "Sample lesson", 8) = blocks[0] else { Issue.record("\(blocks[0])"); return }
        guard case let .paragraph(text, 10) = blocks[1] else { Issue.record("\(blocks[1])"); return }
        #expect(text == "First paragraph,\non two lines.")
        guard case .heading(2, "Part A", 13) = blocks[2] else { Issue.record("\(blocks[2])"); return }
        guard case let .code(shown) = blocks[3] else { Issue.record(); return }
        #expect(shown.mode == .show)
        #expect(shown.code == CodeText("x = torch.arange(6)\nx.view(2, 3)", line: 16))
        guard case let .code(explained) = blocks[4], case let .code(hidden) = blocks[5] else { Issue.record(); return }
        #expect(explained.mode == .explain)
        #expect(hidden.mode == .hidden)
        guard case let .listing("python", listing, 29) = blocks[6] else { Issue.record("\(blocks[6])"); return }
        #expect(listing == "not run")
    }

    @Test func exerciseFields() throws {
        let exercises = try lesson().exercises
        #expect(exercises.count == 2)
        let first = exercises[0]
        #expect(first.number == 1)
        #expect(first.line == 32)
        #expect(first.prompt == "Take the first two.\nSecond prompt line.")
        #expect(first.setup == CodeText("x = torch.arange(6)\ny = x * 2", line: 36))
        #expect(first.answer == CodeText("x[:2]", line: 38))
        #expect(first.check == .shape)
        #expect(first.hints == ["first hint", "second hint"])
        #expect(first.wrongAnswers.count == 1)
        #expect(first.wrongAnswers[0].code == CodeText("x[:0:2]", line: 42))
        #expect(first.wrongAnswers[0].message == "one slice on dim 0\nselects nothing.")
        let second = exercises[1]
        #expect(second.setup == nil)
        #expect(second.check == .expression(CodeText("torch.equal(answer, expected)", line: 49)))
    }

    @Test func checkDefaultsToValue() throws {
        let text = Self.sample.replacingOccurrences(of: "check: shape\n", with: "")
        #expect(try LessonParser.parse(text, path: "s.md").exercises[0].check == .value)
    }

    func issues(_ text: String) -> [LessonIssue] {
        do {
            _ = try LessonParser.parse(text, path: "bad.md")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func missingFrontMatter() {
        #expect(issues("# Just markdown\n").map(\.line) == [1])
        #expect(issues("# Just markdown\n")[0].message.contains("front matter"))
    }

    @Test func frontMatterErrors() {
        let found = issues("---\ntitle: T\nid: bad id\ncolour: red\n---\n\n```exercise\nprompt: p\nanswer: 1\nhint: h\n```\n")
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.line == 4 && $0.message.contains("unknown front-matter key `colour`") })
        #expect(found.contains { $0.line == 3 && $0.message.contains("may use only") })
        #expect(found.contains { $0.message.contains("`summary:`") })
    }

    @Test func exerciseErrorsCarryLines() {
        let text = """
            ---
            title: T
            id: t
            summary: s
            ---

            ```exercise
            prompt: p
            answer: 1
            note: unknown
            wrong: 2 without an arrow
            check: sometimes
            ```

            ```tensor
            never closed
            """
        let found = issues(text)
        #expect(found.contains { $0.line == 7 && $0.message.contains("`hint:`") }, "\(found)")
        #expect(found.contains { $0.line == 10 && $0.message.contains("expected a field") }, "\(found)")
        #expect(found.contains { $0.line == 11 && $0.message.contains("=>") }, "\(found)")
        #expect(found.contains { $0.line == 12 && $0.message.contains("unknown check") }, "\(found)")
        #expect(found.contains { $0.line == 15 && $0.message.contains("never closed") }, "\(found)")
        #expect(found.map(\.line) == found.map(\.line).sorted())
        #expect(found.first?.description.hasPrefix("bad.md:7: error: ") == true)
    }

    @Test func repeatedSingleFieldIsAnError() {
        let text = "---\ntitle: T\nid: t\nsummary: s\n---\n\n```exercise\nprompt: p\nanswer: 1\nanswer: 2\nhint: h\n```\n"
        #expect(issues(text).contains { $0.line == 10 && $0.message.contains("appears twice") })
    }

    @Test func stepsSplitAtHeadingsAndExercises() throws {
        let steps = LessonStep.steps(of: try lesson().blocks)
        // The title's screen, Part A's screen (its code blocks), then one step per exercise.
        #expect(steps.count == 4)
        guard case .screen = steps[0], case .screen = steps[1], case .exercise = steps[2], case .exercise = steps[3] else {
            Issue.record("\(steps)")
            return
        }
    }
}
