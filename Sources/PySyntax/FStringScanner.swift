import Diagnostics

/// Splits the content of an f-string into literal text and `{expression!conversion:spec}`
/// fields. Expressions are kept as byte ranges; the parser parses them in place, so
/// their spans point into the original source.
struct FStringScanner {
    let lexer: Lexer
    let isRaw: Bool

    init(lexer: Lexer, isRaw: Bool) {
        self.lexer = lexer
        self.isRaw = isRaw
    }

    private var bytes: [UInt8] { lexer.bytes }

    func scanPieces(in content: Range<Int>) throws(ParseError) -> [StringPiece] {
        try scanPieces(from: content.lowerBound, limit: content.upperBound, inFormatSpec: false, nesting: 0).pieces
    }

    /// Scans up to `limit`; inside a format spec, up to the `}` that closes the field,
    /// whose index is returned.
    private func scanPieces(from start: Int, limit: Int, inFormatSpec: Bool, nesting: Int) throws(ParseError) -> (pieces: [StringPiece], end: Int) {
        var pieces: [StringPiece] = []
        var text: [UInt8] = []
        var index = start
        while index < limit {
            let byte = bytes[index]
            let next = index + 1 < limit ? bytes[index + 1] : nil
            if byte == UInt8(ascii: "{") {
                if !inFormatSpec && next == UInt8(ascii: "{") {
                    text.append(byte)
                    index += 2
                    continue
                }
                if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))) }
                text = []
                let (field, afterField) = try scanField(openingBrace: index, limit: limit, nesting: nesting)
                pieces.append(.field(field))
                index = afterField
                continue
            }
            if byte == UInt8(ascii: "}") {
                if inFormatSpec { break }
                guard next == UInt8(ascii: "}") else {
                    throw lexer.error("f-string: single '}' is not allowed", Span(index, index + 1))
                }
                text.append(byte)
                index += 2
                continue
            }
            index = try lexer.decodeCharacter(at: index, limit: limit, isRaw: isRaw, isBytes: false, into: &text)
        }
        if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))) }
        return (pieces, index)
    }

    private func scanField(openingBrace: Int, limit: Int, nesting: Int) throws(ParseError) -> (FStringField, Int) {
        let braceSpan = Span(openingBrace, openingBrace + 1)
        guard nesting < 2 else {
            throw lexer.error("f-string: expressions nested too deeply", braceSpan)
        }
        let expressionStart = openingBrace + 1
        var index = try findExpressionEnd(from: expressionStart, limit: limit, braceSpan: braceSpan)
        let expressionRange = expressionStart..<index
        let isBlank = bytes[expressionRange].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        if isBlank {
            throw lexer.error("f-string: empty expression not allowed", Span(openingBrace, index + 1))
        }
        var selfDocumentingText: String?
        if bytes[index] == UInt8(ascii: "=") {
            selfDocumentingText = String(decoding: bytes[expressionStart...index], as: UTF8.self)
            index += 1
        }
        var conversion: Character?
        if index < limit, bytes[index] == UInt8(ascii: "!") {
            let letter = index + 1 < limit ? bytes[index + 1] : 0
            let after = index + 2 < limit ? bytes[index + 2] : 0
            guard [UInt8(ascii: "s"), UInt8(ascii: "r"), UInt8(ascii: "a")].contains(letter),
                  after == UInt8(ascii: ":") || after == UInt8(ascii: "}") else {
                throw lexer.error("f-string: invalid conversion character: expected 's', 'r', or 'a'",
                                  Span(index, min(limit, index + 2)))
            }
            conversion = Character(UnicodeScalar(letter))
            index += 2
        }
        var formatSpec: [StringPiece] = []
        if index < limit, bytes[index] == UInt8(ascii: ":") {
            (formatSpec, index) = try scanPieces(from: index + 1, limit: limit, inFormatSpec: true, nesting: nesting + 1)
        }
        guard index < limit, bytes[index] == UInt8(ascii: "}") else {
            throw lexer.error("f-string: expecting '}'", braceSpan)
        }
        // `{x=}` shows the repr unless a conversion or format spec says otherwise.
        if selfDocumentingText != nil && conversion == nil && formatSpec.isEmpty { conversion = "r" }
        let field = FStringField(expressionRange: expressionRange, conversion: conversion,
                                 formatSpec: formatSpec, selfDocumentingText: selfDocumentingText)
        return (field, index + 1)
    }

    /// Finds where the field's expression stops: at a top-level `!`, `:`, `=` or `}`,
    /// skipping brackets, nested strings and the operators `!=`, `==`, `<=`, `>=`.
    private func findExpressionEnd(from start: Int, limit: Int, braceSpan: Span) throws(ParseError) -> Int {
        var index = start
        var depth = 0
        while index < limit {
            let byte = bytes[index]
            let followedByEqual = index + 1 < limit && bytes[index + 1] == UInt8(ascii: "=")
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                if depth == 0 {
                    throw lexer.error("f-string: unmatched '\(String(UnicodeScalar(byte)))'", Span(index, index + 1))
                }
                depth -= 1
            case UInt8(ascii: "}"):
                if depth == 0 { return index }
                depth -= 1
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                index = try skipNestedString(at: index, limit: limit)
                continue
            case UInt8(ascii: "\\"):
                throw lexer.error("f-string expression part cannot include a backslash", Span(index, index + 1))
            case UInt8(ascii: "#"):
                throw lexer.error("f-string expression part cannot include '#'", Span(index, index + 1))
            case UInt8(ascii: "!"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"):
                if followedByEqual {
                    index += 2
                    continue
                }
                if depth == 0 && (byte == UInt8(ascii: "!") || byte == UInt8(ascii: "=")) { return index }
            case UInt8(ascii: ":"):
                if depth == 0 { return index }
            default:
                break
            }
            index += 1
        }
        throw lexer.error("f-string: expecting '}'", braceSpan)
    }

    /// Skips a string literal inside a field expression; returns the index after it.
    private func skipNestedString(at start: Int, limit: Int) throws(ParseError) -> Int {
        let quote = bytes[start]
        let isTriple = start + 2 < limit && bytes[start + 1] == quote && bytes[start + 2] == quote
        let quoteLength = isTriple ? 3 : 1
        var index = start + quoteLength
        while index + quoteLength <= limit {
            if bytes[index..<(index + quoteLength)].allSatisfy({ $0 == quote }) {
                return index + quoteLength
            }
            index += 1
        }
        throw lexer.error("f-string: unterminated string", Span(start, start + 1))
    }
}
