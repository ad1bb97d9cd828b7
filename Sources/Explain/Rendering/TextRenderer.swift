import Diagnostics

/// How an explanation is drawn on text outputs.
public struct RenderOptions: Sendable {
    public var useColor: Bool
    public var pictures: PictureStyle
    /// Show names and literals as steps too.
    public var showTrivialSteps: Bool

    public init(useColor: Bool = false, pictures: PictureStyle = .plain, showTrivialSteps: Bool = false) {
        self.useColor = useColor
        self.pictures = pictures
        self.showTrivialSteps = showTrivialSteps
    }
}

extension Explanation {
    /// The steps a reader sees: operations, and names and literals only on request.
    public func visibleSteps(_ options: RenderOptions) -> [Step] {
        steps.filter { options.showTrivialSteps || !$0.isTrivial }
    }

    /// "2 errors, 3 warnings, 1 info" (or "no findings").
    public var findingSummary: String {
        let counts = [Finding.Severity.error, .warning, .info].map { severity in (severity, findings.filter { $0.severity == severity }.count) }
        let parts = counts.filter { $0.1 > 0 }.map { severity, count in
            severity == .info ? "\(count) info" : plural(count, severity.rawValue)
        }
        return parts.isEmpty ? "no findings" : parts.joined(separator: ", ")
    }
}

/// The full text form: each step with its source line and caret span, the operation in
/// words, shapes, view or copy, a preview and pictures; findings right after their step.
public struct TextRenderer {
    public var options: RenderOptions
    /// Notes wrap at spaces to keep lines within this many columns.
    static let width = 100

    public init(options: RenderOptions = RenderOptions()) { self.options = options }

    public func render(_ explanation: Explanation) -> String {
        let renderer = DiagnosticRenderer(useColor: options.useColor, width: Self.width)
        let steps = explanation.visibleSteps(options)
        var blocks: [String] = ["explaining \(explanation.source.name): \(plural(steps.count, "step")), \(explanation.findingSummary)"]
        var shown = Set<Int>()
        for step in steps {
            var lines = [renderer.paint(step.isTrivial ? "· \(step.operation)" : "step \(step.number) · \(step.operation)", "1")]
            lines += renderer.snippet(span: step.span, label: step.shapeLine ?? step.scalarResult.map { "= \($0)" }, in: explanation.source, colorCode: "32;1")
            let pad = String(repeating: " ", count: String(step.line).count + 1)
            func note(_ text: String) { lines.append("\(pad) = " + indent(wrap(text, width: Self.width - pad.count - 3), by: pad.count + 3)) }
            if !step.text.isEmpty { note(step.text) }
            step.notes.forEach(note)
            if let aliasing = step.aliasing { note(aliasing) } else if step.output != nil && !step.isTrivial && step.inputs.count > 0 { note("a new tensor: it shares no storage with its inputs") }
            if step.evaluations > 1 {
                note("this ran \(groupedDigits(step.evaluations)) times (a loop); the first run is shown, "
                     + "\(groupedDigits(step.evaluations - 1)) more \(step.evaluations == 2 ? "run is" : "runs are") not")
            }
            if let preview = step.preview { note("value: " + preview) }
            for picture in step.pictures { lines.append(indent(pad + "   " + picture.render(options.pictures), by: pad.count + 3)) }
            for (offset, finding) in explanation.findings.enumerated() where finding.stepNumber == step.number {
                lines.append("")
                lines.append(renderer.render(wrapped(finding), in: explanation.source))
                shown.insert(offset)
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        let remaining = explanation.findings.enumerated().filter { !shown.contains($0.offset) }.map(\.element)
        if !remaining.isEmpty {
            blocks.append(remaining.map { renderer.render(wrapped($0), in: explanation.source) }.joined(separator: "\n\n"))
        }
        blocks.append("summary: \(explanation.findingSummary)" + findingList(explanation))
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// The finding's diagnostic with its notes wrapped to fit beside their `= note: ` gutter.
    private func wrapped(_ finding: Finding) -> Diagnostic {
        var diagnostic = finding.diagnostic
        let gutter = String(finding.line).count + 1 + 9
        diagnostic.notes = diagnostic.notes.map { wrap($0, width: Self.width - gutter) }
        return diagnostic
    }

    private func findingList(_ explanation: Explanation) -> String {
        guard !explanation.findings.isEmpty else { return "" }
        return "\n" + explanation.findings.map { "  line \($0.line): \($0.severity.rawValue)[\($0.code)] \($0.message)" }.joined(separator: "\n")
    }
}

/// `--brief`: one line per operation, then one line per finding.
public struct BriefRenderer {
    public var options: RenderOptions

    public init(options: RenderOptions = RenderOptions()) { self.options = options }

    public func render(_ explanation: Explanation) -> String {
        var lines: [String] = []
        for step in explanation.visibleSteps(options) {
            var source = step.source.split(separator: "\n").joined(separator: " ")
            if source.count > 48 { source = String(source.prefix(47)) + "…" }
            var line = "\(String(step.number).leftPad(3))  line \(String(step.line).leftPad(3))  \(source.padding(toLength: 48, withPad: " ", startingAt: 0))  \(step.operation.padding(toLength: 20, withPad: " ", startingAt: 0))"
            if let shapes = step.shapeLine { line += "  " + shapes } else if let scalar = step.scalarResult { line += "  = " + scalar }
            if step.returnsInput { line += "  (same tensor)" } else if step.isView { line += "  (view)" }
            lines.append(line)
        }
        for finding in explanation.findings {
            var line = "line \(finding.line): \(finding.severity.rawValue)[\(finding.code)] \(finding.message)"
            if let fix = finding.fix { line += " — fix: `\(fix.replacement)`" }
            lines.append(line)
        }
        lines.append("summary: \(explanation.findingSummary)")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Indents every line after the first, so multi-line values stay under their label.
func indent(_ text: String, by width: Int) -> String {
    let pad = String(repeating: " ", count: width)
    return text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + pad)
}

/// Breaks each line longer than `width` at its last space that fits (Diagnostics' rule).
func wrap(_ text: String, width: Int) -> String { wrapAtSpaces(text, width: width) }

/// 100000 as "100,000": loop counts are read at a glance.
private func groupedDigits(_ number: Int) -> String {
    let digits = Array(String(number))
    var text = ""
    for (position, digit) in digits.enumerated() {
        if position > 0, (digits.count - position) % 3 == 0, digit != "-", digits[position - 1] != "-" { text.append(",") }
        text.append(digit)
    }
    return text
}
