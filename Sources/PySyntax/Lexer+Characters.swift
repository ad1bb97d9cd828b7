import Diagnostics

// Classifying source characters. ASCII takes the fast path; anything else is decoded
// to a Unicode scalar so identifiers may use letters of any script, as in Python 3.

extension Lexer {
    func isDecimalDigit(at index: Int) -> Bool {
        guard let byte = byte(at: index) else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    func isIdentifierStart(at index: Int) -> Bool {
        identifierCharacterLength(at: index, isFirst: true) != nil
    }

    /// The byte length of the identifier character at `index`, or nil if there is none.
    func identifierCharacterLength(at index: Int, isFirst: Bool) -> Int? {
        guard let byte = byte(at: index) else { return nil }
        if byte < 0x80 {
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            return isLetter || byte == UInt8(ascii: "_") || (!isFirst && isDigit) ? 1 : nil
        }
        guard let (scalar, length) = scalar(at: index) else { return nil }
        let properties = scalar.properties
        return (isFirst ? properties.isXIDStart : properties.isXIDContinue) ? length : nil
    }

    /// Decodes the UTF-8 scalar starting at `index`. The bytes come from a Swift String,
    /// so they are valid UTF-8; a truncated range still yields nil rather than a trap.
    func scalar(at index: Int) -> (Unicode.Scalar, Int)? {
        guard let first = byte(at: index) else { return nil }
        let length: Int
        var value: UInt32
        switch first {
        case 0..<0x80: return (Unicode.Scalar(first), 1)
        case 0xC0..<0xE0: length = 2; value = UInt32(first & 0x1F)
        case 0xE0..<0xF0: length = 3; value = UInt32(first & 0x0F)
        case 0xF0..<0xF8: length = 4; value = UInt32(first & 0x07)
        default: return nil
        }
        for offset in 1..<length {
            guard let continuation = byte(at: index + offset) else { return nil }
            value = value << 6 | UInt32(continuation & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// CPython's messages for a character that cannot start any token.
    func invalidCharacterError(at index: Int) -> ParseError {
        guard let (scalar, length) = scalar(at: index) else {
            return error("invalid syntax", Span(index, index + 1))
        }
        let span = Span(index, index + length)
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPaddedWithZeros(to: 4)
        if !Lexer.isPrintable(scalar) {
            return error("invalid non-printable character \(code)", span)
        }
        if scalar.isASCII {
            // `$`, `?`, `!` and the backquote are printable ASCII that Python gives no meaning.
            return error("invalid syntax", span)
        }
        return error("invalid character '\(Character(scalar))' (\(code))", span)
    }

    /// Python's `str.isprintable` for one character, except that space counts as printable.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return false
        case .spaceSeparator:
            return scalar == " "
        default:
            return true
        }
    }
}

extension String {
    func leftPaddedWithZeros(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
