import Foundation

/// Reads the `key: value` fields of one ```exercise block. A value continues on the
/// following indented lines, dedented together, so multi-line code keeps its shape:
///
///     setup:
///       x = torch.arange(6)
///       y = x.view(2, 3)
struct ExerciseFieldParser {
    let path: String
    let lines: [String]
    /// The file line of `lines[0]`.
    let firstLine: Int
    private(set) var issues: [LessonIssue] = []

    static let repeatableKeys: Set<String> = ["hint", "wrong", "edge"]
    static let knownKeys: Set<String> = ["prompt", "setup", "inputs", "edge", "answer", "check", "hint", "wrong"]

    init(path: String, lines: [String], firstLine: Int) {
        self.path = path
        self.lines = lines
        self.firstLine = firstLine
    }

    struct Field {
        let key: String
        let line: Int
        /// The text after `key:` on the field's own line.
        let inline: String
        /// Indented lines that follow, dedented, interior blank lines kept.
        var continuation: [String]

        /// The whole value and the file line of its first line.
        var value: CodeText {
            if inline.isEmpty {
                return CodeText(continuation.joined(separator: "\n"), line: line + 1)
            }
            return CodeText(([inline] + continuation).joined(separator: "\n"), line: line)
        }
    }

    mutating func report(_ line: Int, _ message: String) {
        issues.append(LessonIssue(path: path, line: line, message: message))
    }

    mutating func parse(number: Int, fenceLine: Int) -> Exercise? {
        let fields = readFields()
        var byKey: [String: Field] = [:]
        for field in fields {
            if byKey[field.key] != nil, !Self.repeatableKeys.contains(field.key) {
                report(field.line, "`\(field.key):` appears twice in this exercise; continue a value on indented lines instead")
            }
            if byKey[field.key] == nil { byKey[field.key] = field }
        }
        for key in ["prompt", "answer", "hint"] where byKey[key] == nil {
            report(fenceLine, "this exercise needs a `\(key):` line")
        }
        for field in fields where field.value.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            report(field.line, "`\(field.key):` is empty")
        }
        let check = byKey["check"].flatMap { parseCheck($0) } ?? .value
        let wrongAnswers = fields.filter { $0.key == "wrong" }.compactMap { parseWrongAnswer($0) }
        let edgeCases = fields.filter { $0.key == "edge" }.compactMap { field in
            parseArrowField(field).map { EdgeCase(code: $0.code, name: $0.message) }
        }
        guard let prompt = byKey["prompt"], let answer = byKey["answer"] else { return nil }
        return Exercise(
            number: number, line: fenceLine, prompt: prompt.value.text, setup: byKey["setup"]?.value,
            answer: answer.value, check: check,
            hints: fields.filter { $0.key == "hint" }.map(\.value.text), wrongAnswers: wrongAnswers,
            randomInputs: byKey["inputs"]?.value, edgeCases: edgeCases
        )
    }

    mutating func readFields() -> [Field] {
        var fields: [Field] = []
        // Blank lines count only once an indented line follows them: then they are
        // part of the value (a blank line inside multi-line code), else a separator.
        var pendingBlank = 0
        for (offset, text) in lines.enumerated() {
            let number = firstLine + offset
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                pendingBlank += 1
                continue
            }
            if text.first == " " || text.first == "\t" {
                guard let last = fields.last else {
                    report(number, "an exercise starts with a field such as `prompt:`")
                    continue
                }
                let hasValue = !last.inline.isEmpty || !last.continuation.isEmpty
                fields[fields.count - 1].continuation += Array(repeating: "", count: hasValue ? pendingBlank : 0) + [text]
                pendingBlank = 0
                continue
            }
            pendingBlank = 0
            guard let (key, inline) = Self.fieldStart(text) else {
                report(number, "expected a field (prompt:, setup:, inputs:, edge:, answer:, check:, hint:, wrong:); continuation lines must be indented")
                continue
            }
            fields.append(Field(key: key, line: number, inline: inline, continuation: []))
        }
        return fields.map { field in
            var dedented = field
            dedented.continuation = Self.dedent(field.continuation)
            return dedented
        }
    }

    /// `key: rest` at the start of a line, for a known key.
    static func fieldStart(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = String(text[..<colon])
        guard knownKeys.contains(key) else { return nil }
        return (key, text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    static func dedent(_ lines: [String]) -> [String] {
        let indents = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0.prefix { $0 == " " || $0 == "\t" }.count }
        let common = indents.min() ?? 0
        return lines.map { $0.count >= common ? String($0.dropFirst(common)) : "" }
    }

    mutating func parseCheck(_ field: Field) -> Check? {
        let text = field.value.text.trimmingCharacters(in: .whitespaces)
        switch text {
        case "value": return .value
        case "shape": return .shape
        case "predict": return .predict
        default:
            if text.hasPrefix("expr:") {
                let expression = text.dropFirst("expr:".count).trimmingCharacters(in: .whitespacesAndNewlines)
                if expression.isEmpty {
                    report(field.line, "`check: expr:` needs a boolean expression over `answer` and `expected`")
                    return nil
                }
                return .expression(CodeText(expression, line: field.value.line))
            }
            report(field.line, "unknown check `\(text)` (use `value`, `shape`, `predict` or `expr: <bool expression>`)")
            return nil
        }
    }

    mutating func parseWrongAnswer(_ field: Field) -> WrongAnswer? {
        parseArrowField(field).map { WrongAnswer(code: $0.code, message: $0.message) }
    }

    /// `wrong: CODE => message` and `edge: CODE => name`. Python never writes `=>`, so
    /// the first one splits.
    mutating func parseArrowField(_ field: Field) -> (code: CodeText, message: String)? {
        let value = field.value
        let meaning = field.key == "edge" ? "what the case is" : "message shown when the learner's value matches CODE's"
        guard let arrow = value.text.range(of: "=>") else {
            report(field.line, "a `\(field.key):` line reads `\(field.key): CODE => \(meaning)`")
            return nil
        }
        let code = value.text[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
        let message = value.text[arrow.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        if code.isEmpty || code.contains("\n") || message.isEmpty {
            report(field.line, "a `\(field.key):` line reads `\(field.key): CODE => \(field.key == "edge" ? "name" : "message")`, with CODE on the field's own line")
            return nil
        }
        return (CodeText(code, line: value.line), message)
    }
}
