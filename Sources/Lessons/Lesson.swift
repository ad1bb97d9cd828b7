/// A parsed lesson file: its front matter and its blocks in reading order.
public struct Lesson: Sendable {
    /// The path the lesson was read from; diagnostics and code errors name it.
    public let path: String
    public let title: String
    public let id: String
    public let summary: String
    /// Ids of lessons to play first. Informational: nothing is locked.
    public let requires: [String]
    public let blocks: [LessonBlock]
    /// Ids of lessons whose exercises the learner got wrong, skipped or needed hints for
    /// come back in this lesson (a review quiz), before its own exercises.
    public let reviews: [String]

    public init(path: String, title: String, id: String, summary: String, requires: [String], blocks: [LessonBlock], reviews: [String] = []) {
        self.path = path
        self.title = title
        self.id = id
        self.summary = summary
        self.requires = requires
        self.blocks = blocks
        self.reviews = reviews
    }

    public var exercises: [Exercise] {
        blocks.compactMap { if case let .exercise(exercise) = $0 { exercise } else { nil } }
    }

    /// The `##` headings: what the recap says the lesson covered. A closing
    /// `## Recap` or `## Summary` section is not a topic.
    public var topics: [String] {
        blocks.compactMap { block in
            guard case let .heading(level, text, _) = block, level == 2 else { return nil }
            return ["recap", "summary"].contains(text.lowercased()) ? nil : text
        }
    }
}

public enum LessonBlock: Sendable {
    case heading(level: Int, text: String, line: Int)
    /// A prose paragraph (or list), Markdown as written.
    case paragraph(String, line: Int)
    /// A ```tensor block: run in the lesson's session, shown with its output.
    case code(CodeBlock)
    /// Any other fenced block (```python, ```text): shown, never run.
    case listing(language: String, text: String, line: Int)
    case exercise(Exercise)

    public var line: Int {
        switch self {
        case let .heading(_, _, line), let .paragraph(_, line), let .listing(_, _, line): line
        case let .code(block): block.code.line
        case let .exercise(exercise): exercise.line
        }
    }
}

/// Code with the 1-based line of the lesson file where its first line sits, so that
/// errors point into the Markdown file.
public struct CodeText: Sendable, Equatable {
    public let text: String
    public let line: Int

    public init(_ text: String, line: Int) {
        self.text = text
        self.line = line
    }
}

public struct CodeBlock: Sendable {
    public enum Mode: String, Sendable {
        /// ```tensor: shown statement by statement with each value, as Python's REPL.
        case show
        /// ```tensor explain: shown, then explained step by step.
        case explain
        /// ```tensor hidden: run but not shown; for assertions that pin the prose's facts.
        case hidden
        /// ```tensor grid: shown as ```tensor, with a grid picture under each value: the
        /// cells a selection reads, where a rearrangement's cells come from, a mask.
        case grid
    }

    public let code: CodeText
    public let mode: Mode
}

public struct Exercise: Sendable {
    /// 1-based, in lesson order; progress is keyed by it.
    public let number: Int
    /// The line of the opening fence.
    public let line: Int
    public let prompt: String
    public let setup: CodeText?
    public let answer: CodeText
    public let check: Check
    public let hints: [String]
    public let wrongAnswers: [WrongAnswer]
    /// Code run after the setup in every grading case but the shown one: it redraws the
    /// inputs with other shapes and sizes, so an answer fitted to the data on screen fails.
    public let randomInputs: CodeText?
    /// Named inputs every answer must also handle (a row of equal logits, a large logit).
    public let edgeCases: [EdgeCase]

    public init(number: Int, line: Int, prompt: String, setup: CodeText?, answer: CodeText, check: Check, hints: [String], wrongAnswers: [WrongAnswer],
                randomInputs: CodeText? = nil, edgeCases: [EdgeCase] = []) {
        self.number = number
        self.line = line
        self.prompt = prompt
        self.setup = setup
        self.answer = answer
        self.check = check
        self.hints = hints
        self.wrongAnswers = wrongAnswers
        self.randomInputs = randomInputs
        self.edgeCases = edgeCases
    }
}

/// `edge: CODE => what it is`: code run after the setup that builds one edge case.
public struct EdgeCase: Sendable {
    public let code: CodeText
    public let name: String

    public init(code: CodeText, name: String) {
        self.code = code
        self.name = name
    }
}

/// How a learner's value is compared with the reference answer's.
public enum Check: Sendable, Equatable {
    /// Same type, shape, dtype and values (floats to a small tolerance).
    case value
    /// Same shape only.
    case shape
    /// The learner predicts without running code: their input must be a value typed in
    /// (a shape, a number), graded on the data shown; numbers to 2 decimals.
    case predict
    /// A boolean expression over `answer` (the learner's value) and `expected`.
    case expression(CodeText)
}

/// A common mistake and what to say when the learner's value matches it.
public struct WrongAnswer: Sendable {
    public let code: CodeText
    public let message: String
}

/// A problem in a lesson file, located by line.
public struct LessonIssue: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `lessons/01-shapes.md:42: error: ...`, the form editors jump to.
    public var description: String { "\(path):\(line): error: \(message)" }
}

/// Parsing stopped with at least one issue; all that were found are listed.
public struct LessonParseFailure: Error, Sendable {
    public let issues: [LessonIssue]
}
