/// Turning a program's bytes into source text, refusing what Python refuses.
///
/// Files and standard input are read as bytes. Decoding them with replacement
/// characters would run a program that is not the one on disk, and a NUL byte cuts
/// C strings short, so invalid UTF-8 and NUL bytes are a SyntaxError at their position,
/// as in CPython. Other control characters are left to the lexer, which refuses them
/// outside string literals.
public struct SourceDecodingError: Error, Sendable {
    public let message: String
    /// The bytes decoded with replacement characters, so the error can show its line.
    public let source: SourceFile
    /// Where the bad byte is, in `source`.
    public let span: Span
}

extension SourceFile {
    /// The default cap on a program's size: far above any lesson or pasted snippet, far
    /// below what would make lexing and parsing take seconds.
    public static let defaultMaximumByteCount = 10_000_000

    /// Decodes `bytes` as a program named `name`: strict UTF-8, no NUL bytes, at most
    /// `maximumByteCount` bytes. A UTF-8 byte order mark at the start is skipped.
    public static func decoding(
        _ bytes: [UInt8], name: String, maximumByteCount: Int = defaultMaximumByteCount
    ) throws(SourceDecodingError) -> SourceFile {
        if bytes.count > maximumByteCount {
            let shown = String(decoding: bytes.prefix(200), as: UTF8.self)
            throw SourceDecodingError(
                message: "the program is \(bytes.count) bytes long, above the limit of \(maximumByteCount) bytes",
                source: SourceFile(name: name, text: shown), span: Span(0, 0))
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let (offset, reason) = firstInvalidByte(body) {
            throw located(reason, at: offset, in: body, name: name)
        }
        return SourceFile(name: name, text: String(decoding: body, as: UTF8.self))
    }

    private static func located(_ message: String, at offset: Int, in bytes: [UInt8], name: String) -> SourceDecodingError {
        let source = SourceFile(name: name, text: String(decoding: bytes, as: UTF8.self))
        // Replacement characters change byte counts: find the offset in the decoded text.
        let decodedOffset = String(decoding: bytes[..<offset], as: UTF8.self).utf8.count
        let end = min(decodedOffset + 1, source.bytes.count)
        return SourceDecodingError(message: message, source: source, span: Span(decodedOffset, end))
    }

    /// The offset of the first byte that is not valid UTF-8 or is NUL, with the reason,
    /// in CPython's words.
    static func firstInvalidByte(_ bytes: [UInt8]) -> (Int, String)? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead == 0 { return (index, "source code cannot contain null bytes") }
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            switch lead {
            case 0xC2...0xDF: (length, minimum) = (2, 0x80)
            case 0xE0...0xEF: (length, minimum) = (3, 0x800)
            case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
            default: return (index, decodeError(lead, at: index, "invalid start byte"))
            }
            guard index + length <= bytes.count else {
                return (index, decodeError(lead, at: index, "unexpected end of data"))
            }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for continuation in bytes[(index + 1)..<(index + length)] {
                guard continuation & 0xC0 == 0x80 else {
                    return (index, decodeError(lead, at: index, "invalid continuation byte"))
                }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                return (index, decodeError(lead, at: index, "invalid continuation byte"))
            }
            index += length
        }
        return nil
    }

    private static func decodeError(_ byte: UInt8, at offset: Int, _ reason: String) -> String {
        let hex = String(byte, radix: 16)
        return "(unicode error) 'utf-8' codec can't decode byte 0x\(hex.count < 2 ? "0" + hex : hex) in position \(offset): \(reason)"
    }
}
