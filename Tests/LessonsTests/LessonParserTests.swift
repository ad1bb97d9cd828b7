import XCTest
@testable import Lessons

final class LessonParserTests: XCTestCase {
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

    func testFrontMatter() throws {
        let lesson = try lesson()
        XCTAssertEqual(lesson.title, "Sample lesson")
        XCTAssertEqual(lesson.id, "sample")
        XCTAssertEqual(lesson.summary, "A small lesson for tests.")
        XCTAssertEqual(lesson.requires, ["one", "two"])
        XCTAssertEqual(LessonParser.parseList("a, b"), ["a", "b"])
        XCTAssertEqual(LessonParser.parseList("[]"), [])
    }

    func testBlocksInOrderWithLines() throws {
        let blocks = try lesson().blocks
        guard blocks.count == 9 else { return XCTFail("got \(blocks.count) blocks: \(blocks)") }
        guard case let .heading(1, "Sample lesson", 8) = blocks[0] else { return XCTFail("\(blocks[0])") }
        guard case let .paragraph(text, 10) = blocks[1] else { return XCTFail("\(blocks[1])") }
        XCTAssertEqual(text, "First paragraph,\non two lines.")
        guard case .heading(2, "Part A", 13) = blocks[2] else { return XCTFail("\(blocks[2])") }
        guard case let .code(shown) = blocks[3] else { return XCTFail() }
        XCTAssertEqual(shown.mode, .show)
        XCTAssertEqual(shown.code, CodeText("x = torch.arange(6)\nx.view(2, 3)", line: 16))
        guard case let .code(explained) = blocks[4], case let .code(hidden) = blocks[5] else { return XCTFail() }
        XCTAssertEqual(explained.mode, .explain)
        XCTAssertEqual(hidden.mode, .hidden)
        guard case let .listing("python", listing, 29) = blocks[6] else { return XCTFail("\(blocks[6])") }
        XCTAssertEqual(listing, "not run")
    }

    func testExerciseFields() throws {
        let exercises = try lesson().exercises
        XCTAssertEqual(exercises.count, 2)
        let first = exercises[0]
        XCTAssertEqual(first.number, 1)
        XCTAssertEqual(first.line, 32)
        XCTAssertEqual(first.prompt, "Take the first two.\nSecond prompt line.")
        XCTAssertEqual(first.setup, CodeText("x = torch.arange(6)\ny = x * 2", line: 36))
        XCTAssertEqual(first.answer, CodeText("x[:2]", line: 38))
        XCTAssertEqual(first.check, .shape)
        XCTAssertEqual(first.hints, ["first hint", "second hint"])
        XCTAssertEqual(first.wrongAnswers.count, 1)
        XCTAssertEqual(first.wrongAnswers[0].code, CodeText("x[:0:2]", line: 42))
        XCTAssertEqual(first.wrongAnswers[0].message, "one slice on dim 0\nselects nothing.")
        let second = exercises[1]
        XCTAssertNil(second.setup)
        XCTAssertEqual(second.check, .expression(CodeText("torch.equal(answer, expected)", line: 49)))
    }

    func testCheckDefaultsToValue() throws {
        let text = Self.sample.replacingOccurrences(of: "check: shape\n", with: "")
        XCTAssertEqual(try LessonParser.parse(text, path: "s.md").exercises[0].check, .value)
    }

    func issues(_ text: String) -> [LessonIssue] {
        do {
            _ = try LessonParser.parse(text, path: "bad.md")
            return []
        } catch {
            return error.issues
        }
    }

    func testMissingFrontMatter() {
        XCTAssertEqual(issues("# Just markdown\n").map(\.line), [1])
        XCTAssertTrue(issues("# Just markdown\n")[0].message.contains("front matter"))
    }

    func testFrontMatterErrors() {
        let found = issues("---\ntitle: T\nid: bad id\ncolour: red\n---\n\n```exercise\nprompt: p\nanswer: 1\nhint: h\n```\n")
        XCTAssertEqual(found.count, 3, "\(found)")
        XCTAssertTrue(found.contains { $0.line == 4 && $0.message.contains("unknown front-matter key `colour`") })
        XCTAssertTrue(found.contains { $0.line == 3 && $0.message.contains("may use only") })
        XCTAssertTrue(found.contains { $0.message.contains("`summary:`") })
    }

    func testExerciseErrorsCarryLines() {
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
        XCTAssertTrue(found.contains { $0.line == 7 && $0.message.contains("`hint:`") }, "\(found)")
        XCTAssertTrue(found.contains { $0.line == 10 && $0.message.contains("expected a field") }, "\(found)")
        XCTAssertTrue(found.contains { $0.line == 11 && $0.message.contains("=>") }, "\(found)")
        XCTAssertTrue(found.contains { $0.line == 12 && $0.message.contains("unknown check") }, "\(found)")
        XCTAssertTrue(found.contains { $0.line == 15 && $0.message.contains("never closed") }, "\(found)")
        XCTAssertEqual(found.map(\.line), found.map(\.line).sorted())
        XCTAssertEqual(found.first?.description.hasPrefix("bad.md:7: error: "), true)
    }

    func testRepeatedSingleFieldIsAnError() {
        let text = "---\ntitle: T\nid: t\nsummary: s\n---\n\n```exercise\nprompt: p\nanswer: 1\nanswer: 2\nhint: h\n```\n"
        XCTAssertTrue(issues(text).contains { $0.line == 10 && $0.message.contains("appears twice") })
    }

    func testStepsSplitAtHeadingsAndExercises() throws {
        let steps = LessonStep.steps(of: try lesson().blocks)
        // The title's screen, Part A's screen (its code blocks), then one step per exercise.
        XCTAssertEqual(steps.count, 4)
        guard case .screen = steps[0], case .screen = steps[1], case .exercise = steps[2], case .exercise = steps[3] else {
            return XCTFail("\(steps)")
        }
    }
}
