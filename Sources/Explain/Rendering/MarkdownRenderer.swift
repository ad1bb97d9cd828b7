import Diagnostics
import Interpreter

/// `--markdown`: the explanation as Markdown, ready to paste into a forum answer or a
/// code review. Pictures and diagnostics sit in code blocks so they keep their columns.
public struct MarkdownRenderer {
    public var options: RenderOptions

    public init(options: RenderOptions = RenderOptions(pictures: .terminal)) { self.options = options }

    public func render(_ explanation: Explanation) -> String {
        var out = "## What `\(explanation.source.name)` does, step by step\n\n"
        out += "Run on real values: \(plural(explanation.visibleSteps(options).count, "step")), \(explanation.findingSummary).\n"
        var currentLine = 0
        for step in explanation.visibleSteps(options) {
            if step.line != currentLine {
                currentLine = step.line
                out += "\n**Line \(step.line):** `\(explanation.source.lineText(step.line).trimmingCharacters(in: " "))`\n\n"
            }
            out += "\(step.number). `\(inline(step.source))` — \(step.text.isEmpty ? step.operation : step.text)"
            if let shapes = step.shapeLine { out += "  \n   `\(shapes)`" } else if let scalar = step.scalarResult { out += "  \n   = `\(scalar)`" }
            if let aliasing = step.aliasing { out += "; \(aliasing)" }
            out += "\n"
            for note in step.notes { out += "   - \(note)\n" }
            if let preview = step.preview {
                out += preview.contains("\n") || preview.count > 60 ? "\n   ```\n   " + indent(preview, by: 3) + "\n   ```\n" : "   - value: `\(preview)`\n"
            }
            for picture in step.pictures { out += "\n   ```\n   " + indent(picture.render(options.pictures), by: 3) + "\n   ```\n" }
        }
        if !explanation.findings.isEmpty {
            out += "\n## Problems found\n"
            let renderer = DiagnosticRenderer(useColor: false)
            for finding in explanation.findings {
                out += "\n- **\(finding.severity.rawValue)[\(finding.code)]** (line \(finding.line)): \(finding.message)"
                if let fix = finding.fix { out += "  \n  fix: `\(inline(fix.replacement))`" }
                out += "\n\n  ```\n  " + indent(renderer.render(finding.diagnostic, in: explanation.source), by: 2) + "\n  ```\n"
            }
        }
        return out
    }

    private func inline(_ code: String) -> String {
        code.split(separator: "\n").map { $0.trimmingCharacters(in: " ") }.joined(separator: " ").replacingBackticks()
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        String(drop(while: { $0 == set }).reversed().drop(while: { $0 == set }).reversed())
    }

    /// Backticks would end an inline code span early.
    func replacingBackticks() -> String { String(map { $0 == "`" ? "'" : $0 }) }
}

/// `--json`: one JSON object per step and per finding, alongside `run --json` records.
public enum JSONRecords {
    public static func step(_ step: Step) -> String {
        let inputs = "[" + step.inputs.map { jsonObject([("shape", "[" + $0.shape.map(String.init).joined(separator: ", ") + "]"), ("dtype", jsonString($0.dtype.rawValue))]) }.joined(separator: ", ") + "]"
        var fields: [(String, String)] = [
            ("kind", jsonString("step")), ("step", String(step.number)), ("line", String(step.line)), ("col", String(step.column)),
            ("end_col", String(step.endColumn)), ("source", jsonString(step.source)), ("op", jsonString(step.operation)), ("inputs", inputs),
            ("shape", step.output.map { "[" + $0.shape.map(String.init).joined(separator: ", ") + "]" } ?? "null"),
            ("dtype", step.output.map { jsonString($0.dtype.rawValue) } ?? "null"),
            ("view", step.isView ? "true" : "false"), ("text", jsonString(step.text)),
        ]
        if !step.notes.isEmpty { fields.append(("notes", "[" + step.notes.map(jsonString).joined(separator: ", ") + "]")) }
        if let scalar = step.scalarResult { fields.append(("value", jsonString(scalar))) }
        if let preview = step.preview { fields.append(("preview", jsonString(preview))) }
        return jsonObject(fields)
    }

    public static func finding(_ finding: Finding) -> String {
        var fields: [(String, String)] = [
            ("kind", jsonString("finding")), ("line", String(finding.line)), ("col", String(finding.column)),
            ("code", jsonString(finding.code)), ("severity", jsonString(finding.severity.rawValue)), ("message", jsonString(finding.message)),
        ]
        if let fix = finding.fix { fields.append(("fix", jsonString(fix.replacement))) }
        if let help = finding.help { fields.append(("help", jsonString(help))) }
        if !finding.notes.isEmpty { fields.append(("notes", "[" + finding.notes.map(jsonString).joined(separator: ", ") + "]")) }
        if let step = finding.stepNumber { fields.append(("step", String(step))) }
        return jsonObject(fields)
    }
}
