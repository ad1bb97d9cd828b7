/// Renders diagnostics as rustc/Elm-style text: the header, the source line with a
/// gutter, a caret underline under the span, then notes and help.
public struct DiagnosticRenderer: Sendable {
    public var useColor: Bool
    /// When set, the header and `help:` lines wrap at spaces to fit this many columns, each
    /// continuation indented under the text it continues, as rustc does. The source line and
    /// its carets are never wrapped.
    public var width: Int?

    public init(useColor: Bool = false, width: Int? = nil) {
        self.useColor = useColor
        self.width = width
    }

    public func render(_ diagnostic: Diagnostic, in source: SourceFile?) -> String {
        var lines: [String] = []
        let header: String
        // Messages quote program values (`raise ValueError('\x1b[2J')`): never raw escapes.
        let message = escapeTerminalControls(diagnostic.message)
        if let code = diagnostic.code {
            header = "\(diagnostic.severity.rawValue)[\(escapeTerminalControls(code))]: "
        } else {
            header = "\(diagnostic.severity.rawValue): "
        }
        lines.append(paint(header + fitted(message, after: header.count), Self.colorCode(for: diagnostic.severity)))
        var gutterWidth = 1
        if let span = diagnostic.span, let source {
            lines.append(contentsOf: snippet(span: span, label: diagnostic.label, in: source, colorCode: Self.colorCode(for: diagnostic.severity)))
            gutterWidth = String(source.line(of: span.start)).count
        }
        let notePad = String(repeating: " ", count: gutterWidth + 1)
        for note in diagnostic.notes {
            // Multi-line notes (drawn shapes, tables) stay aligned under the first line.
            let indented = escapeTerminalControls(note).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + notePad + "         ")
            lines.append("\(notePad) = note: \(indented)")
        }
        if let help = diagnostic.help {
            lines.append(paint("help", "36;1") + ": " + fitted(escapeTerminalControls(help), after: "help: ".count))
        }
        return lines.joined(separator: "\n")
    }

    /// `text` wrapped to the width left after a prefix of `prefixWidth` columns, its later
    /// lines indented by that prefix.
    private func fitted(_ text: String, after prefixWidth: Int) -> String {
        guard let width else { return text }
        let pad = "\n" + String(repeating: " ", count: prefixWidth)
        return wrapAtSpaces(text, width: width - prefixWidth, keepingCode: true).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: pad)
    }

    /// The source line of `span` with its number and a caret underline.
    public func snippet(span: Span, label: String?, in source: SourceFile, colorCode: String = "31;1") -> [String] {
        let line = source.line(of: span.start)
        let text = source.lineText(line)
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        let startColumn = source.column(of: span.start)
        let lastLine = source.line(of: max(span.start, span.end - 1))
        let endColumn = lastLine == line ? source.column(of: span.end) : text.count + 1
        let width = max(1, endColumn - startColumn)
        var underline = String(repeating: " ", count: startColumn - 1) + String(repeating: "^", count: width)
        if let label { underline += " " + escapeTerminalControls(label) }
        return [
            " \(gutter) | \(escapeControls(text))",
            " \(pad) | " + paint(underline, colorCode),
        ]
    }

    static func colorCode(for severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: "31;1"
        case .warning: "33;1"
        case .note, .info: "36;1"
        }
    }

    public func paint(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// Replaces control characters (terminal escapes among them) by visible escapes, so
/// echoing untrusted text can never drive the terminal.
public func escapeControls(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x09: out += "\t"
        case 0x00..<0x20, 0x7F, 0x80..<0xA0:
            out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

/// Breaks each line longer than `width` at its last space that fits; a word longer than
/// the width stays whole on its own line. Widths under 21 leave the text as it is.
/// `keepingCode` never breaks inside a `backtick` span, so quoted code stays whole.
public func wrapAtSpaces(_ text: String, width: Int, keepingCode: Bool = false) -> String {
    guard width > 20 else { return text }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        var rest = Substring(line)
        var pieces: [Substring] = []
        var startsInCode = false
        while rest.count > width {
            let window = rest.prefix(width + 1)
            guard let space = lastBreak(in: window, startsInCode: startsInCode, keepingCode: keepingCode) else { break }
            var nextStartsInCode = startsInCode
            if keepingCode, rest[..<space].filter({ $0 == "`" }).count % 2 == 1 { nextStartsInCode.toggle() }
            let next = rest[rest.index(after: space)...]
            // Code too long for any line stays on the line that introduces it ("write `...`").
            if keepingCode, next.count > width, lastBreak(in: next, startsInCode: nextStartsInCode, keepingCode: true) == nil { break }
            startsInCode = nextStartsInCode
            pieces.append(rest[..<space])
            rest = next
        }
        pieces.append(rest)
        return pieces.joined(separator: "\n")
    }.joined(separator: "\n")
}

/// The last space of `window` after its first character, outside backtick spans when
/// `keepingCode`.
private func lastBreak(in window: Substring, startsInCode: Bool, keepingCode: Bool) -> Substring.Index? {
    guard keepingCode else {
        guard let space = window.lastIndex(of: " "), space > window.startIndex else { return nil }
        return space
    }
    var inCode = startsInCode
    var found: Substring.Index?
    for index in window.indices {
        if window[index] == "`" { inCode.toggle() }
        if window[index] == " ", !inCode, index > window.startIndex { found = index }
    }
    return found
}
