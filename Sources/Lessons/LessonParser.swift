import Foundation

/// Reads a lesson file: front matter between `---` lines, then Markdown whose fenced
/// blocks are code (```tensor), exercises (```exercise) or plain listings. Every issue
/// found is reported with its line, not only the first.
public struct LessonParser {
    let path: String
    let lines: [String]
    private var issues: [LessonIssue] = []

    public static func parse(_ text: String, path: String) throws(LessonParseFailure) -> Lesson {
        var parser = LessonParser(path: path, text: text)
        let lesson = parser.parseLesson()
        if let lesson, parser.issues.isEmpty { return lesson }
        throw LessonParseFailure(issues: parser.issues.sorted { $0.line < $1.line })
    }

    public static func parseFile(atPath path: String) throws(LessonParseFailure) -> Lesson {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LessonParseFailure(issues: [LessonIssue(path: path, line: 1, message: "cannot read the file")])
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    init(path: String, text: String) {
        self.path = path
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        self.lines = lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
    }

    mutating func report(_ line: Int, _ message: String) {
        issues.append(LessonIssue(path: path, line: line, message: message))
    }

    /// The text of 1-based `number`.
    func line(_ number: Int) -> String { lines[number - 1] }

    mutating func parseLesson() -> Lesson? {
        guard let (fields, bodyStart) = parseFrontMatter() else { return nil }
        let blocks = parseBody(from: bodyStart)
        let title = fields["title"]?.value ?? ""
        let id = fields["id"]?.value ?? ""
        for required in ["title", "id", "summary"] where (fields[required]?.value ?? "").isEmpty {
            report(fields[required]?.line ?? 1, "front matter needs a non-empty `\(required):`")
        }
        if !id.isEmpty, id.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            report(fields["id"]?.line ?? 1, "lesson id `\(id)` may use only letters, digits, `-` and `_`")
        }
        if !blocks.contains(where: { if case .exercise = $0 { true } else { false } }) {
            report(bodyStart, "a lesson needs at least one ```exercise block")
        }
        return Lesson(
            path: path, title: title, id: id, summary: fields["summary"]?.value ?? "",
            requires: Self.parseList(fields["requires"]?.value ?? ""), blocks: blocks,
            reviews: Self.parseList(fields["review"]?.value ?? "")
        )
    }

    /// `requires: a, b` or `requires: [a, b]`.
    static func parseList(_ text: String) -> [String] {
        var inner = text.trimmingCharacters(in: .whitespaces)
        if inner.hasPrefix("["), inner.hasSuffix("]") { inner = String(inner.dropFirst().dropLast()) }
        return inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    // MARK: Front matter

    private static let frontMatterKeys: Set<String> = ["title", "id", "summary", "requires", "review"]

    /// The `key: value` fields and the first line after the closing `---`.
    mutating func parseFrontMatter() -> ([String: (value: String, line: Int)], Int)? {
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            report(1, "a lesson starts with front matter: a `---` line, `title:`, `id:`, `summary:`, `requires:`, and `---`")
            return nil
        }
        var fields: [String: (value: String, line: Int)] = [:]
        var number = 2
        while number <= lines.count {
            let text = line(number)
            if text.trimmingCharacters(in: .whitespaces) == "---" { return (fields, number + 1) }
            defer { number += 1 }
            if text.trimmingCharacters(in: .whitespaces).isEmpty || text.hasPrefix("#") { continue }
            guard let colon = text.firstIndex(of: ":") else {
                report(number, "expected `key: value` in the front matter")
                continue
            }
            let key = text[..<colon].trimmingCharacters(in: .whitespaces)
            let value = Self.unquoted(text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            if !Self.frontMatterKeys.contains(key) {
                report(number, "unknown front-matter key `\(key)` (known: title, id, summary, requires, review)")
            } else if fields[key] != nil {
                report(number, "`\(key):` appears twice in the front matter")
            }
            fields[key] = (value, number)
        }
        report(1, "the front matter has no closing `---` line")
        return nil
    }

    static func unquoted(_ text: String) -> String {
        for quote in ["\"", "'"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
            return String(text.dropFirst().dropLast())
        }
        return text
    }

    // MARK: Body

    mutating func parseBody(from start: Int) -> [LessonBlock] {
        var blocks: [LessonBlock] = []
        var paragraph: [String] = []
        var paragraphLine = start
        var exerciseCount = 0
        var number = start

        func flushParagraph(into blocks: inout [LessonBlock]) {
            let text = paragraph.joined(separator: "\n")
            // An HTML comment is a note for lesson authors, never shown to learners.
            if !text.isEmpty, !(text.hasPrefix("<!--") && text.hasSuffix("-->")) {
                blocks.append(.paragraph(text, line: paragraphLine))
            }
            paragraph = []
        }

        while number <= lines.count {
            let text = line(number)
            if let fence = Fence(opening: text) {
                flushParagraph(into: &blocks)
                guard let close = findClosing(fence, after: number) else {
                    report(number, "this ``` block is never closed")
                    break
                }
                let contentLines = Array(lines[number..<(close - 1)])
                if let block = makeBlock(fence, contentLines: contentLines, fenceLine: number, exerciseCount: &exerciseCount) {
                    blocks.append(block)
                }
                number = close + 1
                continue
            }
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                flushParagraph(into: &blocks)
            } else if let heading = Self.heading(text) {
                flushParagraph(into: &blocks)
                blocks.append(.heading(level: heading.level, text: heading.text, line: number))
            } else {
                if paragraph.isEmpty { paragraphLine = number }
                paragraph.append(text)
            }
            number += 1
        }
        flushParagraph(into: &blocks)
        return blocks
    }

    static func heading(_ text: String) -> (level: Int, text: String)? {
        let hashes = text.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = text.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        return (hashes, rest.trimmingCharacters(in: .whitespaces))
    }

    /// The 1-based line of the fence that closes `fence`, opened at `openLine`.
    func findClosing(_ fence: Fence, after openLine: Int) -> Int? {
        var number = openLine + 1
        while number <= lines.count {
            if fence.isClosed(by: line(number)) { return number }
            number += 1
        }
        return nil
    }

    mutating func makeBlock(_ fence: Fence, contentLines: [String], fenceLine: Int, exerciseCount: inout Int) -> LessonBlock? {
        let words = fence.info.split(separator: " ").map(String.init)
        let code = CodeText(contentLines.joined(separator: "\n"), line: fenceLine + 1)
        switch words.first {
        case "tensor":
            let modeWord = words.dropFirst().first ?? "show"
            guard words.count <= 2, let mode = CodeBlock.Mode(rawValue: modeWord), modeWord != "show" || words.count == 1 else {
                report(fenceLine, "unknown ```tensor block kind `\(words.dropFirst().joined(separator: " "))` (use ```tensor, ```tensor explain, ```tensor grid or ```tensor hidden)")
                return nil
            }
            return .code(CodeBlock(code: code, mode: mode))
        case "exercise":
            exerciseCount += 1
            var fields = ExerciseFieldParser(path: path, lines: contentLines, firstLine: fenceLine + 1)
            let exercise = fields.parse(number: exerciseCount, fenceLine: fenceLine)
            issues += fields.issues
            return exercise.map { .exercise($0) }
        default:
            return .listing(language: words.first ?? "", text: code.text, line: code.line)
        }
    }
}

/// An opening code fence: three or more backticks (or tildes) and an info string.
struct Fence {
    let marker: Character
    let length: Int
    let info: String

    init?(opening text: String) {
        guard let first = text.first, first == "`" || first == "~" else { return nil }
        let length = text.prefix { $0 == first }.count
        guard length >= 3 else { return nil }
        let info = text.dropFirst(length).trimmingCharacters(in: .whitespaces)
        if first == "`", info.contains("`") { return nil }
        self.marker = first
        self.length = length
        self.info = info
    }

    func isClosed(by text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.count >= length && trimmed.allSatisfy { $0 == marker }
    }
}
