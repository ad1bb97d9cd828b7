/// Explanations and errors come from the explainer and the diagnostic renderer as wide
/// as their source lines (a snippet line can run to 200 columns). In a lesson they must
/// fit the terminal:
/// - a numbered source line and the caret lines under it are cut to one window of
///   columns around the marked span, with `…` where text was cut, so the carets stay
///   under the code they mark; a caret label that no longer fits moves to the lines
///   below, under the carets;
/// - any other line wraps at spaces, its later lines hanging under its text
///   (`= note: ` and `help: ` lines under the note's first word).
/// Colour escapes take no columns and survive every cut.
enum ExplanationLayout {
    /// Below this the layout stops shrinking: a narrower terminal wraps what is left.
    static let narrowest = 24

    static func fit(_ text: String, width requested: Int) -> String {
        let width = max(narrowest, requested)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { StyledLine(String($0)) }
        var output: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if let gutter = sourceGutter(line.plain) {
                var carets: [StyledLine] = []
                while index + 1 + carets.count < lines.count, let caretGutter = caretGutter(lines[index + 1 + carets.count].plain), caretGutter == gutter {
                    carets.append(lines[index + 1 + carets.count])
                }
                output += snippet(line, carets: carets, gutter: gutter, width: width)
                index += 1 + carets.count
                continue
            }
            output += wrapped(line, width: width)
            index += 1
        }
        return output.joined(separator: "\n")
    }

    // MARK: Snippets

    /// The length of ` 12 | ` when `plain` is a numbered source line.
    static func sourceGutter(_ plain: String) -> Int? {
        let characters = Array(plain)
        var index = 0
        while index < characters.count, characters[index] == " " { index += 1 }
        let digitsStart = index
        while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
        guard index > digitsStart, index + 1 < characters.count, characters[index] == " ", characters[index + 1] == "|" else { return nil }
        return min(index + 3, characters.count)
    }

    /// The length of `    | ` when `plain` is a caret line: a bar, then spaces and a run
    /// of `^`, `-` or `~`.
    static func caretGutter(_ plain: String) -> Int? {
        let characters = Array(plain)
        var index = 0
        while index < characters.count, characters[index] == " " { index += 1 }
        guard index > 0, index < characters.count, characters[index] == "|" else { return nil }
        let gutter = min(index + 2, characters.count)
        let body = characters[gutter...].drop { $0 == " " }
        guard let first = body.first, "^-~".contains(first) else { return nil }
        return gutter
    }

    /// A caret line's marks: where the run starts and ends, in code columns, and the
    /// label after it.
    struct Marks {
        let start: Int
        let end: Int
        let labelStart: Int?
    }

    static func marks(of caret: StyledLine, gutter: Int) -> Marks {
        let body = Array(caret.characters.dropFirst(gutter))
        let start = body.firstIndex { $0 != " " } ?? 0
        let mark = body[start]
        var end = start
        while end < body.count, body[end] == mark { end += 1 }
        let labelStart = end + 1 < body.count ? end + 1 : nil
        return Marks(start: start, end: end, labelStart: labelStart)
    }

    static func snippet(_ source: StyledLine, carets: [StyledLine], gutter: Int, width: Int) -> [String] {
        let available = width - gutter
        let codeLength = source.count - gutter
        let allMarks = carets.map { marks(of: $0, gutter: gutter) }
        let fits = codeLength <= available && carets.allSatisfy { $0.count <= width }
        if fits { return [source.text()] + carets.map { $0.text() } }
        let window = codeWindow(length: codeLength, available: available, span: allMarks.first.map { $0.start..<$0.end })
        var lines = [source.text(0..<gutter) + source.text(window.shifted(by: gutter), cutBefore: window.lowerBound > 0, cutAfter: window.upperBound < codeLength)]
        for (caret, mark) in zip(carets, allMarks) {
            let shownStart = max(mark.start, window.lowerBound)
            let shown = shownStart..<max(shownStart, min(mark.end, window.upperBound))
            let padding = String(repeating: " ", count: max(0, shown.lowerBound - window.lowerBound))
            var caretLine = caret.text(0..<gutter) + padding + (shown.isEmpty ? "" : caret.text(shown.shifted(by: gutter)))
            guard let labelStart = mark.labelStart else { lines.append(caretLine); continue }
            let label = caret.text((labelStart + gutter)..<caret.count)
            let labelWidth = caret.count - gutter - labelStart
            let column = padding.count + shown.count
            if column + 1 + labelWidth <= available {
                caretLine += " " + label
                lines.append(caretLine)
                continue
            }
            lines.append(caretLine)
            // The label goes below, under the carets when they leave it room.
            let indent = available - padding.count >= 30 ? padding.count : 0
            let labelLine = StyledLine(String(repeating: " ", count: gutter + indent) + label)
            let blankGutter = String(repeating: " ", count: gutter - 2) + "| "
            lines += wrapped(labelLine, width: width, hang: gutter + indent).map { blankGutter + String($0.dropFirst(gutter)) }
        }
        return lines
    }

    /// The columns of code to show: all of it when it fits; else `available` columns
    /// that hold the span with a column to spare on each cut side for the `…`.
    static func codeWindow(length: Int, available: Int, span: Range<Int>?) -> Range<Int> {
        guard length > available else { return 0..<length }
        guard let span, span.upperBound > available - 1 else { return 0..<available }
        if span.count > available - 2 { return max(0, span.lowerBound - 1)..<min(length, max(0, span.lowerBound - 1) + available) }
        // Centre the span in what is left, then keep the window inside the line.
        let centred = span.lowerBound - (available - span.count) / 2
        let start = min(max(centred, span.upperBound - available + 1), span.lowerBound - 1, length - available)
        return max(0, start)..<(max(0, start) + available)
    }

    // MARK: Wrapping

    static func wrapped(_ line: StyledLine, width: Int, hang: Int? = nil) -> [String] {
        guard line.count > width else { return [line.text()] }
        let hang = min(hang ?? hangingIndent(line.plain), width / 2)
        let characters = line.characters
        var lines: [String] = []
        var start = 0
        var first = true
        while start < characters.count {
            let room = first ? width : width - hang
            var end = min(characters.count, start + room)
            if end < characters.count {
                // Break at the last space that fits, else mid-word.
                if let space = characters[start..<end].lastIndex(of: " "), space > start + (first ? hang : 0) { end = space }
            }
            let prefix = first ? "" : String(repeating: " ", count: hang)
            lines.append(prefix + line.text(start..<end))
            start = end
            while start < characters.count, characters[start] == " " { start += 1 }
            first = false
        }
        return lines
    }

    /// Where a wrapped line's later lines start: under the text after `= note: `, `= `,
    /// `help: ` or a short `label: `, else under the line's own indentation.
    static func hangingIndent(_ plain: String) -> Int {
        let indent = plain.prefix { $0 == " " }.count
        let rest = plain.dropFirst(indent)
        if rest.hasPrefix("= note: ") { return indent + 8 }
        if rest.hasPrefix("= ") { return indent + 2 }
        if let colon = rest.firstIndex(of: ":"), rest.distance(from: rest.startIndex, to: colon) <= 16,
           !rest[..<colon].contains(" "), rest[colon...].hasPrefix(": ") {
            return indent + rest.distance(from: rest.startIndex, to: colon) + 2
        }
        return indent
    }
}

extension Range where Bound == Int {
    func shifted(by offset: Int) -> Range<Int> { (lowerBound + offset)..<(upperBound + offset) }
}

/// A line of terminal text: its visible characters, and the colour escapes that come
/// before each (index `count`: at its end). Cutting keeps every escape, so a style
/// opened before a cut is still closed after it.
struct StyledLine {
    private(set) var characters: [Character] = []
    private var escapes: [Int: String] = [:]

    init(_ text: String) {
        var pending = ""
        var inEscape = false
        for character in text {
            if character == "\u{1B}" { inEscape = true; pending.append(character); continue }
            if inEscape {
                pending.append(character)
                if character.isLetter { inEscape = false }
                continue
            }
            if !pending.isEmpty { escapes[characters.count, default: ""] += pending; pending = "" }
            characters.append(character)
        }
        if !pending.isEmpty { escapes[characters.count, default: ""] += pending }
    }

    var count: Int { characters.count }
    var plain: String { String(characters) }

    /// The style in force just before column `index` (empty after a reset).
    func style(before index: Int) -> String {
        guard let last = escapes.keys.filter({ $0 < index }).max(), let escape = escapes[last] else { return "" }
        return escape.hasSuffix("\u{1B}[0m") ? "" : escape
    }

    func text() -> String { text(0..<count) }

    /// The columns `range`, with their style, and `…` in place of the first or last
    /// character when text was cut there.
    func text(_ range: Range<Int>, cutBefore: Bool = false, cutAfter: Bool = false) -> String {
        let range = range.clamped(to: 0..<count)
        var result = style(before: range.lowerBound)
        for index in range {
            result += escapes[index] ?? ""
            let isCutEdge = (cutBefore && index == range.lowerBound) || (cutAfter && index == range.upperBound - 1)
            result.append(isCutEdge ? "…" : characters[index])
        }
        if range.upperBound == count {
            result += escapes[count] ?? ""
        } else if !style(before: range.upperBound).isEmpty {
            // A style still open at the cut is closed, so the next line starts plain.
            result += "\u{1B}[0m"
        }
        return result
    }
}
