/// `int(text, base)` with Python's grammar: surrounding whitespace, one sign, a `0x`/`0o`/`0b`
/// prefix (required to choose the base when it is 0, allowed when it matches the base),
/// and single underscores between digits.
enum PythonIntLiteral {
    /// The value of `text` in `base`; nil when Python would call it an invalid literal.
    /// Throws for a base outside 2...36 (other than 0) and for values past 64 bits.
    static func parse(_ text: String, base: Int64) throws -> Int64? {
        guard base == 0 || (2...36).contains(base) else {
            throw PythonError.valueError("int() base must be >= 2 and <= 36, or 0")
        }
        var characters = text.drop(while: \.isWhitespace)
        while characters.last?.isWhitespace == true { characters = characters.dropLast() }
        var negative = false
        if let sign = characters.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            characters = characters.dropFirst()
        }
        var radix = Int(base)
        let prefixes: [(Int, String)] = [(16, "0x"), (8, "0o"), (2, "0b")]
        for (prefixBase, prefix) in prefixes where radix == 0 || radix == prefixBase {
            if characters.lowercased().hasPrefix(prefix) {
                radix = prefixBase
                characters = characters.dropFirst(2)
                // After a prefix, one underscore may come before the first digit.
                if characters.first == "_" { characters = characters.dropFirst() }
                break
            }
        }
        if radix == 0 {
            radix = 10
            // Base 0 refuses leading zeros on a nonzero decimal ("010" is ambiguous).
            if characters.first == "0", characters.contains(where: { $0 != "0" && $0 != "_" }) { return nil }
        }
        return try value(of: characters, radix: radix, negative: negative)
    }

    /// Like `parse`, with values past 64 bits as big ints, as Python reads them.
    static func parseValue(_ text: String, base: Int64) throws -> Value? {
        do {
            return try parse(text, base: base).map { .int($0) }
        } catch let error as PythonError where error.message == tooLarge.message {
            let compact = text.filter { !$0.isWhitespace && $0 != "_" }
            var digits = Substring(compact)
            let negative = digits.first == "-"
            if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
            var radix = base == 0 ? 10 : Int(base)
            for (prefixBase, prefix) in [(16, "0x"), (8, "0o"), (2, "0b")] where digits.lowercased().hasPrefix(prefix) && (base == 0 || radix == prefixBase) {
                radix = prefixBase
                digits = digits.dropFirst(2)
            }
            // CPython refuses long decimal conversions, which take quadratic time.
            if radix & (radix - 1) != 0, digits.count > BigInt.maximumDecimalDigits {
                throw PythonError.valueError("Exceeds the limit (\(BigInt.maximumDecimalDigits) digits) for integer string conversion: value has \(digits.count) digits; use sys.set_int_max_str_digits() to increase the limit")
            }
            guard let big = BigInt(digits: digits, radix: radix, isNegative: negative) else { return nil }
            return try .integer(big)
        }
    }

    private static func value(of characters: Substring, radix: Int, negative: Bool) throws -> Int64? {
        guard let magnitude = digitsValue(characters, radix: radix) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw tooLarge }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw tooLarge }
        return Int64(magnitude)
    }

    private static let tooLarge = PythonError.overflow("Python int too large to convert to C long")

    /// The digits' value, or nil for an empty string, a digit outside the radix, or a
    /// misplaced underscore. Values past UInt64 saturate (the caller reports overflow).
    private static func digitsValue(_ characters: Substring, radix: Int) -> UInt64? {
        var value: UInt64 = 0
        var saturated = false
        var previousWasDigit = false
        for character in characters {
            if character == "_" {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
                continue
            }
            guard let digit = digitValue(character), digit < radix else { return nil }
            previousWasDigit = true
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: UInt64(radix))
            let (sum, overflowB) = shifted.addingReportingOverflow(UInt64(digit))
            saturated = saturated || overflowA || overflowB
            value = sum
        }
        guard previousWasDigit else { return nil }
        return saturated ? UInt64.max : value
    }

    /// An ASCII letter or any Unicode decimal digit, as Python's int() reads them.
    private static func digitValue(_ character: Character) -> Int? {
        if let ascii = character.asciiValue {
            switch ascii {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(ascii - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(ascii - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(ascii - UInt8(ascii: "A")) + 10
            default: return nil
            }
        }
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
              scalar.properties.numericType == .decimal else { return nil }
        return character.wholeNumberValue
    }
}
