import Diagnostics

// String literals: finding where one ends, then decoding escapes. The end is found first
// (as CPython 3.11 does), so an f-string's fields are split out of known content.

struct StringPrefix {
    let isRaw: Bool
    let isBytes: Bool
    let isFormatted: Bool

    init(_ text: String) {
        isRaw = text.contains("r")
        isBytes = text.contains("b")
        isFormatted = text.contains("f")
    }
}

extension Lexer {
    /// Lexes the literal whose opening quote is at `position`; `start` is where its prefix began.
    mutating func lexString(prefix: String, start: Int) throws(ParseError) {
        let flags = StringPrefix(prefix)
        let quote = bytes[position]
        let isTriple = byte(at: position + 1) == quote && byte(at: position + 2) == quote
        let quoteLength = isTriple ? 3 : 1
        let contentStart = position + quoteLength
        let contentEnd = try findStringEnd(from: contentStart, quote: quote, isTriple: isTriple, literalStart: start)
        position = contentEnd + quoteLength
        let content = contentStart..<contentEnd
        let pieces: [StringPiece]
        if flags.isFormatted {
            let scanner = FStringScanner(lexer: self, isRaw: flags.isRaw)
            pieces = try scanner.scanPieces(in: content)
        } else {
            pieces = [.text(try decodeStringContent(content, isRaw: flags.isRaw, isBytes: flags.isBytes))]
        }
        append(.string(StringLiteral(pieces: pieces, isFormatted: flags.isFormatted)), Span(start, position))
    }

    /// Returns the index of the closing quote. A backslash always escapes the next
    /// character for this purpose, even in raw strings, as in Python.
    private func findStringEnd(from contentStart: Int, quote: UInt8, isTriple: Bool, literalStart: Int) throws(ParseError) -> Int {
        var index = contentStart
        var endOfLastContinuation = -1
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                let breakLength = lineBreakLength(at: index + 1)
                let continuesLine = breakLength > 0 || index + 1 >= end
                index += 1 + max(1, breakLength)
                if continuesLine { endOfLastContinuation = index }
                continue
            }
            if byte == quote {
                if !isTriple { return index }
                if self.byte(at: index + 1) == quote && self.byte(at: index + 2) == quote { return index }
            } else if !isTriple && lineBreakLength(at: index) > 0 {
                let line = source.line(of: index)
                throw error("unterminated string literal (detected at line \(line))", Span(literalStart, index))
            }
            index += 1
        }
        let openingSpan = Span(literalStart, min(end, contentStart))
        if isTriple {
            let line = source.line(of: end)
            throw error("unterminated triple-quoted string literal (detected at line \(line))", openingSpan, atEndOfInput: true)
        }
        // `'abc\` at the end of input: a following line could still close the literal.
        let endsInContinuation = endOfLastContinuation >= end
        throw error("unterminated string literal (detected at line \(source.line(of: end)))",
                    Span(literalStart, end), atEndOfInput: endsInContinuation)
    }

    /// Decodes the literal text in `range`: escapes unless raw, and line breaks to `\n`.
    func decodeStringContent(_ range: Range<Int>, isRaw: Bool, isBytes: Bool) throws(ParseError) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            index = try decodeCharacter(at: index, limit: range.upperBound, isRaw: isRaw, isBytes: isBytes, into: &decoded)
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// Appends the character or escape at `index` to `output`; returns the index after it.
    func decodeCharacter(at index: Int, limit: Int, isRaw: Bool, isBytes: Bool, into output: inout [UInt8]) throws(ParseError) -> Int {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\r") {
            output.append(UInt8(ascii: "\n"))
            return index + lineBreakLength(at: index)
        }
        guard byte == UInt8(ascii: "\\"), index + 1 < limit else {
            output.append(byte)
            return index + 1
        }
        if isRaw {
            // The literal's end is already known, so a raw backslash is plain text.
            output.append(byte)
            return index + 1
        }
        return try decodeEscape(at: index, limit: limit, isBytes: isBytes, into: &output)
    }

    private func decodeEscape(at index: Int, limit: Int, isBytes: Bool, into output: inout [UInt8]) throws(ParseError) -> Int {
        let escaped = bytes[index + 1]
        let simple: UInt8? = switch escaped {
        case UInt8(ascii: "\\"): UInt8(ascii: "\\")
        case UInt8(ascii: "'"): UInt8(ascii: "'")
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "a"): 0x07
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        case UInt8(ascii: "v"): 0x0B
        default: nil
        }
        if let simple {
            output.append(simple)
            return index + 2
        }
        let breakLength = lineBreakLength(at: index + 1)
        if breakLength > 0 { return index + 1 + breakLength }
        switch escaped {
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value: UInt32 = 0
            var next = index + 1
            while next < limit, next < index + 4, bytes[next] >= UInt8(ascii: "0"), bytes[next] <= UInt8(ascii: "7") {
                value = value * 8 + UInt32(bytes[next] - UInt8(ascii: "0"))
                next += 1
            }
            appendScalar(value, to: &output)
            return next
        case UInt8(ascii: "x"):
            return try decodeHexEscape(at: index, digitCount: 2, limit: limit, name: "\\xXX", into: &output)
        case UInt8(ascii: "u") where !isBytes:
            return try decodeHexEscape(at: index, digitCount: 4, limit: limit, name: "\\uXXXX", into: &output)
        case UInt8(ascii: "U") where !isBytes:
            return try decodeHexEscape(at: index, digitCount: 8, limit: limit, name: "\\UXXXXXXXX", into: &output)
        case UInt8(ascii: "N") where !isBytes:
            throw error("\\N{...} escapes are not supported", Span(index, index + 2))
        default:
            // Python keeps unknown escapes such as `\d` as written (with a warning).
            output.append(UInt8(ascii: "\\"))
            return index + 1
        }
    }

    private func decodeHexEscape(at index: Int, digitCount: Int, limit: Int, name: String, into output: inout [UInt8]) throws(ParseError) -> Int {
        var value: UInt32 = 0
        for offset in 0..<digitCount {
            let position = index + 2 + offset
            guard position < limit, let digit = hexDigitValue(bytes[position]) else {
                throw error("(unicode error) truncated \(name) escape", Span(index, min(limit, position + 1)))
            }
            value = value * 16 + digit
        }
        guard value <= 0x10FFFF else {
            throw error("(unicode error) illegal Unicode character", Span(index, index + 2 + digitCount))
        }
        appendScalar(value, to: &output)
        return index + 2 + digitCount
    }

    private func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    /// A lone surrogate cannot live in a Swift String, so it becomes U+FFFD.
    private func appendScalar(_ value: UInt32, to output: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        output.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}
