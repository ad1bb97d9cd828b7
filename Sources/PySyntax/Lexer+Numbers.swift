import Diagnostics

// Integer and float literals: decimal, 0x, 0o and 0b integers with `_` separators, and
// floats such as `1.`, `.5`, `1e-3`. Integers beyond 64 bits keep their digits only.

extension Lexer {
    mutating func lexNumber() throws(ParseError) {
        let start = position
        if bytes[start] == UInt8(ascii: "0"), let marker = byte(at: start + 1) {
            switch marker | 0x20 {
            case UInt8(ascii: "x"): return try lexRadixInteger(start: start, radix: 16, name: "hexadecimal")
            case UInt8(ascii: "o"): return try lexRadixInteger(start: start, radix: 8, name: "octal")
            case UInt8(ascii: "b"): return try lexRadixInteger(start: start, radix: 2, name: "binary")
            default: break
            }
        }
        try lexDecimalNumber(start: start)
    }

    private mutating func lexDecimalNumber(start: Int) throws(ParseError) {
        var isFloat = false
        var integerDigits = ""
        if bytes[start] != UInt8(ascii: ".") {
            integerDigits = try readDigits(radix: 10, literalName: "decimal")
        }
        if byte(at: position) == UInt8(ascii: ".") {
            isFloat = true
            position += 1
            if isDecimalDigit(at: position) { _ = try readDigits(radix: 10, literalName: "decimal") }
        }
        if let marker = byte(at: position), marker | 0x20 == UInt8(ascii: "e") {
            var digitsStart = position + 1
            if let sign = byte(at: digitsStart), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                digitsStart += 1
            }
            if isDecimalDigit(at: digitsStart) {
                isFloat = true
                position = digitsStart
                _ = try readDigits(radix: 10, literalName: "decimal")
            }
        }
        if let marker = byte(at: position), marker | 0x20 == UInt8(ascii: "j") {
            throw error("complex (imaginary) literals are not supported", Span(start, position + 1))
        }
        try rejectLetterAfterNumber(start: start, literalName: "decimal")
        let text = String(decoding: bytes[start..<position], as: UTF8.self).filter { $0 != "_" }
        let span = Span(start, position)
        if isFloat {
            append(.float(Double(text) ?? .infinity), span)
            return
        }
        let isAllZeros = integerDigits.allSatisfy { $0 == "0" }
        if integerDigits.count > 1, integerDigits.first == "0", !isAllZeros {
            throw error(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                span)
        }
        append(.integer(Int64(text), digits: text), span)
    }

    private mutating func lexRadixInteger(start: Int, radix: Int, name: String) throws(ParseError) {
        position = start + 2
        // `0x_1f` is valid: an underscore may follow the prefix.
        if byte(at: position) == UInt8(ascii: "_") { position += 1 }
        guard digitValue(at: position, radix: radix) != nil else {
            if let digit = digitValue(at: position, radix: 10) {
                throw error("invalid digit '\(digit)' in \(name) literal", Span(position, position + 1))
            }
            throw error("invalid \(name) literal", Span(start, position + 1))
        }
        let digits = try readDigits(radix: radix, literalName: name)
        if let digit = digitValue(at: position, radix: 10) {
            throw error("invalid digit '\(digit)' in \(name) literal", Span(position, position + 1))
        }
        try rejectLetterAfterNumber(start: start, literalName: name)
        let text = String(decoding: bytes[start..<position], as: UTF8.self).filter { $0 != "_" }
        append(.integer(Int64(digits, radix: radix), digits: text), Span(start, position))
    }

    /// Reads digits of `radix` separated by single underscores, and returns them without
    /// the underscores. The caller has checked that a digit comes first.
    private mutating func readDigits(radix: Int, literalName: String) throws(ParseError) -> String {
        var digits = ""
        while position < end {
            if let digit = digitValue(at: position, radix: radix) {
                digits.append(String(digit, radix: radix))
                position += 1
            } else if bytes[position] == UInt8(ascii: "_") {
                guard digitValue(at: position + 1, radix: radix) != nil else {
                    throw error("invalid \(literalName) literal", Span(position, position + 1))
                }
                position += 1
            } else {
                break
            }
        }
        return digits
    }

    private func digitValue(at index: Int, radix: Int) -> Int? {
        guard let byte = byte(at: index) else { return nil }
        let value: Int
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): value = Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
        return value < radix ? value : nil
    }

    /// `1abc` is an error, but CPython still accepts a keyword glued to a number, as in
    /// `1if x else 2`, so those few keywords are let through.
    private func rejectLetterAfterNumber(start: Int, literalName: String) throws(ParseError) {
        guard identifierCharacterLength(at: position, isFirst: false) != nil else { return }
        var wordEnd = position
        while let length = identifierCharacterLength(at: wordEnd, isFirst: false) { wordEnd += length }
        let word = String(decoding: bytes[position..<wordEnd], as: UTF8.self)
        let keywordsAllowedAfterNumber: Set<String> = ["and", "else", "for", "if", "in", "is", "not", "or"]
        if !keywordsAllowedAfterNumber.contains(word) {
            throw error("invalid \(literalName) literal", Span(start, position + 1))
        }
    }
}
