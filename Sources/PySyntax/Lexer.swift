import Diagnostics

/// Turns source bytes into tokens, the way CPython's tokenizer does: NEWLINE ends a
/// logical line, INDENT and DEDENT mark block structure, and line breaks inside
/// brackets or after a backslash are ignored.
///
/// The lexer never throws to its caller. It stops at the first error and appends it as
/// a `.lexError` token, so the parser can report an earlier syntax error first.
struct Lexer {
    /// CPython's limits: deeper nesting is almost surely generated input, and refusing
    /// it keeps the recursive-descent parser's stack bounded.
    static let maximumBracketDepth = 200
    static let maximumIndentationDepth = 100

    let source: SourceFile
    let bytes: [UInt8]
    var position: Int
    let end: Int
    /// An f-string replacement field: one expression, as if inside parentheses.
    let isExpressionOnly: Bool

    var tokens: [Token] = []
    var openBrackets: [(byte: UInt8, span: Span)] = []
    /// Indentation widths with tabs to multiples of 8, and with tabs counted as 1; when
    /// the two orders disagree the indentation depends on the tab size (a TabError).
    var indentationStack: [(columns: Int, tabsAsOne: Int)] = [(0, 0)]
    var isAtLineStart = true
    var lineHasTokens = false

    init(source: SourceFile, range: Range<Int>, isExpressionOnly: Bool) {
        self.source = source
        self.bytes = source.bytes
        self.position = max(0, min(range.lowerBound, source.bytes.count))
        self.end = max(position, min(range.upperBound, source.bytes.count))
        self.isExpressionOnly = isExpressionOnly
        // A byte order mark at the start of a file is not part of the program.
        if position == 0 && end >= 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// Tokenizes `range` of `source`. The result always ends in `.endOfFile` or `.lexError`.
    static func tokenize(_ source: SourceFile, range: Range<Int>? = nil, isExpressionOnly: Bool = false) -> [Token] {
        var lexer = Lexer(source: source, range: range ?? 0..<source.bytes.count, isExpressionOnly: isExpressionOnly)
        do throws(ParseError) {
            try lexer.lexAll()
        } catch {
            lexer.tokens.append(Token(kind: .lexError(error), span: error.span))
        }
        return lexer.tokens
    }

    private var isInsideBrackets: Bool { isExpressionOnly || !openBrackets.isEmpty }

    private mutating func lexAll() throws(ParseError) {
        while true {
            if isAtLineStart && !isInsideBrackets {
                try lexIndentation()
            }
            guard position < end else { break }
            try lexNextToken()
        }
        try finish()
    }

    private mutating func lexNextToken() throws(ParseError) {
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
            position += 1
        case UInt8(ascii: "#"):
            skipComment()
        case UInt8(ascii: "\\"):
            try lexLineContinuation()
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            lexLineBreak()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            try lexNumber()
        case UInt8(ascii: ".") where isDecimalDigit(at: position + 1):
            try lexNumber()
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            try lexString(prefix: "", start: position)
        default:
            if isIdentifierStart(at: position) {
                try lexIdentifierOrPrefixedString()
            } else {
                try lexPunctuation()
            }
        }
    }

    mutating func append(_ kind: Token.Kind, _ span: Span) {
        tokens.append(Token(kind: kind, span: span))
        lineHasTokens = true
    }

    func byte(at index: Int) -> UInt8? {
        index >= 0 && index < end ? bytes[index] : nil
    }

    func error(_ message: String, _ span: Span, atEndOfInput: Bool = false) -> ParseError {
        ParseError(message: message, span: span, isUnexpectedEndOfInput: atEndOfInput)
    }

    // MARK: Lines

    private mutating func skipComment() {
        while position < end, bytes[position] != UInt8(ascii: "\n"), bytes[position] != UInt8(ascii: "\r") {
            position += 1
        }
    }

    /// The length of the line break at `index` (`\n`, `\r\n` or `\r`), or 0.
    func lineBreakLength(at index: Int) -> Int {
        switch byte(at: index) {
        case UInt8(ascii: "\n"): 1
        case UInt8(ascii: "\r"): byte(at: index + 1) == UInt8(ascii: "\n") ? 2 : 1
        default: 0
        }
    }

    private mutating func lexLineBreak() {
        let length = max(1, lineBreakLength(at: position))
        if !isInsideBrackets && lineHasTokens {
            tokens.append(Token(kind: .newline, span: Span(position, position + length)))
            lineHasTokens = false
        }
        position += length
        if !isInsideBrackets { isAtLineStart = true }
    }

    private mutating func lexLineContinuation() throws(ParseError) {
        let breakLength = lineBreakLength(at: position + 1)
        if position + 1 >= end || (breakLength > 0 && position + 1 + breakLength >= end) {
            throw error("unexpected EOF while parsing", Span(end, end), atEndOfInput: true)
        }
        guard breakLength > 0 else {
            throw error("unexpected character after line continuation character", Span(position, position + 1))
        }
        position += 1 + breakLength
    }

    /// Measures the indentation of the next non-blank line and emits INDENT or DEDENTs.
    private mutating func lexIndentation() throws(ParseError) {
        while true {
            let lineStart = position
            var columns = 0
            var tabsAsOne = 0
            scan: while position < end {
                switch bytes[position] {
                case UInt8(ascii: " "): columns += 1; tabsAsOne += 1
                case UInt8(ascii: "\t"): columns = (columns / 8 + 1) * 8; tabsAsOne += 1
                case 0x0C: columns = 0; tabsAsOne = 0
                default: break scan
                }
                position += 1
            }
            guard let next = byte(at: position) else { return }
            if next == UInt8(ascii: "#") || lineBreakLength(at: position) > 0 {
                skipComment()
                position += lineBreakLength(at: position)
                continue
            }
            isAtLineStart = false
            try applyIndentation(columns: columns, tabsAsOne: tabsAsOne, span: Span(lineStart, position))
            return
        }
    }

    private mutating func applyIndentation(columns: Int, tabsAsOne: Int, span: Span) throws(ParseError) {
        let inconsistentTabs = "inconsistent use of tabs and spaces in indentation"
        guard let current = indentationStack.last else { return }
        if columns == current.columns {
            if tabsAsOne != current.tabsAsOne { throw error(inconsistentTabs, span) }
        } else if columns > current.columns {
            if tabsAsOne <= current.tabsAsOne { throw error(inconsistentTabs, span) }
            if indentationStack.count > Lexer.maximumIndentationDepth {
                throw error("too many levels of indentation", span)
            }
            indentationStack.append((columns, tabsAsOne))
            append(.indent, span)
        } else {
            while let top = indentationStack.last, indentationStack.count > 1, columns < top.columns {
                indentationStack.removeLast()
                append(.dedent, Span(span.end, span.end))
            }
            guard let top = indentationStack.last, columns == top.columns else {
                throw error("unindent does not match any outer indentation level", span)
            }
            if tabsAsOne != top.tabsAsOne { throw error(inconsistentTabs, span) }
        }
        lineHasTokens = false
    }

    private mutating func finish() throws(ParseError) {
        if let innermost = openBrackets.last {
            let bracket = String(UnicodeScalar(innermost.byte))
            throw error("'\(bracket)' was never closed", innermost.span, atEndOfInput: true)
        }
        if lineHasTokens && !isExpressionOnly {
            tokens.append(Token(kind: .newline, span: Span(end, end)))
        }
        for _ in 1..<max(1, indentationStack.count) {
            tokens.append(Token(kind: .dedent, span: Span(end, end)))
        }
        tokens.append(Token(kind: .endOfFile, span: Span(end, end)))
    }

    // MARK: Names and punctuation

    private mutating func lexIdentifierOrPrefixedString() throws(ParseError) {
        let start = position
        while position < end, let length = identifierCharacterLength(at: position, isFirst: position == start) {
            position += length
        }
        let word = String(decoding: bytes[start..<position], as: UTF8.self)
        if let quote = byte(at: position), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\""),
           Lexer.stringPrefixes.contains(word.lowercased()) {
            try lexString(prefix: word.lowercased(), start: start)
            return
        }
        if let keyword = Keyword(rawValue: word) {
            append(.keyword(keyword), Span(start, position))
        } else {
            append(.name(word), Span(start, position))
        }
    }

    static let stringPrefixes: Set<String> = ["r", "u", "b", "f", "br", "rb", "fr", "rf"]

    private mutating func lexPunctuation() throws(ParseError) {
        let start = position
        guard let punctuation = longestPunctuation(at: position) else {
            throw invalidCharacterError(at: position)
        }
        position += punctuation.rawValue.utf8.count
        let span = Span(start, position)
        switch punctuation {
        case .leftParen, .leftBracket, .leftBrace:
            if openBrackets.count >= Lexer.maximumBracketDepth {
                throw error("too many nested parentheses", span)
            }
            openBrackets.append((bytes[start], span))
        case .rightParen, .rightBracket, .rightBrace:
            try closeBracket(bytes[start], span: span)
        default:
            break
        }
        append(.punctuation(punctuation), span)
    }

    private mutating func closeBracket(_ closing: UInt8, span: Span) throws(ParseError) {
        let closingText = String(UnicodeScalar(closing))
        guard let opening = openBrackets.popLast() else {
            throw error("unmatched '\(closingText)'", span)
        }
        let expected: UInt8 = switch opening.byte {
        case UInt8(ascii: "("): UInt8(ascii: ")")
        case UInt8(ascii: "["): UInt8(ascii: "]")
        default: UInt8(ascii: "}")
        }
        if closing != expected {
            var message = "closing parenthesis '\(closingText)' does not match opening parenthesis '\(String(UnicodeScalar(opening.byte)))'"
            let openingLine = source.line(of: opening.span.start)
            if openingLine != source.line(of: span.start) { message += " on line \(openingLine)" }
            throw error(message, span)
        }
    }

    private func longestPunctuation(at index: Int) -> Punctuation? {
        guard let first = byte(at: index), first < 0x80 else { return nil }
        for (spelling, punctuation) in Punctuation.byFirstByteLongestFirst[Int(first)] {
            guard index + spelling.count <= end else { continue }
            var matches = true
            for offset in 0..<spelling.count where bytes[index + offset] != spelling[offset] {
                matches = false
                break
            }
            if matches { return punctuation }
        }
        return nil
    }
}
