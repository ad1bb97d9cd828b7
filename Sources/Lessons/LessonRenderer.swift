import Foundation

/// Renders lesson output for a terminal or a pipe. Color is ANSI and optional; the
/// plain form is the piped transcript.
public struct LessonTextRenderer {
    public var useColor: Bool
    /// Repeat the learner's input: on for piped play (the terminal did not echo it).
    public var echoesInput: Bool
    public var width: Int

    public init(useColor: Bool = false, echoesInput: Bool = true, width: Int = 80) {
        self.useColor = useColor
        self.echoesInput = echoesInput
        self.width = width
    }

    public func render(_ outputs: [LessonOutput]) -> String {
        var text = ""
        var previous: LessonOutput?
        for output in outputs {
            guard let rendered = render(output) else { continue }
            // A block of code after prose gets a blank line above it.
            if case .code = output, let previous, !Self.isCodeOrOutput(previous) { text += "\n" }
            text += rendered + "\n"
            previous = output
        }
        return text
    }

    static func isCodeOrOutput(_ output: LessonOutput) -> Bool {
        switch output {
        case .code, .result, .error, .warning, .explanation, .input: true
        default: false
        }
    }

    public func render(_ output: LessonOutput) -> String? {
        switch output {
        case let .title(text):
            let rule = String(repeating: "=", count: min(width, max(text.count, 20)))
            return "\n" + paint(text, "1") + "\n" + rule
        case let .heading(text, level):
            let underline = level <= 2 ? "\n" + String(repeating: "-", count: min(width, text.count)) : ""
            return "\n" + paint(text, "1") + underline
        case let .prose(text):
            return "\n" + prose(text)
        case let .listing(text):
            // Listings in lessons are Python (```python blocks shown, not run).
            return "\n" + indent(CodeLayout.fit(text, width: width - 4))
        case let .code(text):
            return paint(CodeLayout.fit(text, width: width), "36")
        case let .result(text):
            return text
        case let .explanation(text), let .error(text):
            // Source lines, carets and step text are cut or wrapped to the terminal.
            return ExplanationLayout.fit(text, width: width)
        case let .warning(text):
            return paint(ExplanationLayout.fit(text, width: width), "33")
        case let .exercise(number, total, prompt):
            return "\n" + paint("Exercise \(number) of \(total)", "1;35") + "\n" + prose(prompt)
        case let .progress(step, total):
            return "\n" + paint(progressBar(step: step, total: total), "2")
        case let .setup(code):
            return paint("Setup (already run):", "2") + "\n" + paint(indent(CodeLayout.fit(code, width: width - 4)), "36")
        case let .input(prompt, text):
            return echoesInput ? prompt + text : nil
        case let .correct(text):
            return paint("✓ " + text, "32;1")
        case let .incorrect(text):
            return paint("✗ ", "31;1") + feedback(text)
        case let .hint(text):
            return prose(text)
        case let .reference(code):
            return "The reference answer:\n" + paint(indent(CodeLayout.fit(code, width: width - 4)), "36")
        case let .notice(text):
            return text.contains("\n") ? paint(text, "2") : paint(TerminalText.reflow(text, width: width, useColor: false), "2")
        case let .recap(text):
            return "\n" + paint(text, "1")
        }
    }

    func prose(_ text: String) -> String {
        TerminalText.reflow(text, width: width, useColor: useColor)
    }

    /// Feedback mixes sentences with tensors printed side by side: only the sentences
    /// are reflowed; lines that start with a space or a tensor keep their layout.
    func feedback(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let keepsLayout = line.first == " " || line.hasPrefix("tensor") || line.hasPrefix("yours") || line.hasPrefix("expected")
            return keepsLayout ? String(line) : TerminalText.reflow(String(line), width: max(20, width - 2), useColor: useColor)
        }.joined(separator: "\n")
    }

    /// `step 5 of 19  ━━━━━━─────────────`, as wide as the terminal allows.
    func progressBar(step: Int, total: Int) -> String {
        let label = "step \(step) of \(total)  "
        let barWidth = max(10, min(40, width - label.count))
        let filled = total > 0 ? barWidth * step / total : 0
        let (done, left) = useColor ? ("━", "─") : ("#", "-")
        return label + String(repeating: done, count: filled) + String(repeating: left, count: barWidth - filled)
    }

    func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }

    func paint(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// Renders a session as Markdown, for `--transcript FILE.md`: prose as prose, code
/// and output in fenced blocks, feedback as quotes.
public struct LessonMarkdownRenderer {
    public init() {}

    public func render(_ outputs: [LessonOutput]) -> String {
        var parts: [String] = []
        var pendingCode: [String] = []

        func flushCode() {
            if !pendingCode.isEmpty { parts.append("```python\n" + pendingCode.joined(separator: "\n") + "\n```") }
            pendingCode = []
        }

        for output in outputs {
            switch output {
            case let .code(text), let .result(text), let .error(text), let .warning(text), let .explanation(text):
                pendingCode.append(text)
                continue
            case let .input(prompt, text):
                // Pressing Enter at a pause is not worth recording.
                if !text.trimmingCharacters(in: .whitespaces).isEmpty {
                    pendingCode.append((prompt.hasPrefix("...") ? "... " : ">>> ") + text)
                }
                continue
            default:
                break
            }
            flushCode()
            switch output {
            case let .title(text): parts.append("# " + text)
            case let .heading(text, level): parts.append(String(repeating: "#", count: max(2, level)) + " " + text)
            case let .prose(text): parts.append(text)
            case let .listing(text): parts.append("```\n" + text + "\n```")
            case let .exercise(number, total, prompt): parts.append("### Exercise \(number) of \(total)\n\n" + prompt)
            case .progress: break
            case let .setup(code): parts.append("Setup:\n\n```python\n" + code + "\n```")
            case let .correct(text): parts.append("> ✓ " + text)
            case let .incorrect(text): parts.append(quote("✗ " + text))
            case let .hint(text): parts.append(quote(text))
            case let .reference(code): parts.append("The reference answer:\n\n```python\n" + code + "\n```")
            case let .notice(text): parts.append(quote(text))
            case let .recap(text): parts.append("## Recap\n\n```\n" + text + "\n```")
            default: break
            }
        }
        flushCode()
        return parts.joined(separator: "\n\n") + "\n"
    }

    func quote(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
    }
}
