/// A piece of source text with a name, and the means to turn byte offsets into
/// 1-based line and column numbers for messages.
public struct SourceFile: Sendable {
    public let name: String
    public let text: String
    /// The UTF-8 bytes of `text`; spans index into these.
    public let bytes: [UInt8]
    /// Byte offset at which each line starts.
    public let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    /// The 1-based line that holds `offset`.
    public func line(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// The 1-based column of `offset`, counted in characters of its line.
    public func column(of offset: Int) -> Int {
        let lineStart = lineStarts[line(of: offset) - 1]
        let end = max(lineStart, min(offset, bytes.count))
        return String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1
    }

    /// The text of 1-based `line`, without its newline.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The source text covered by `span`.
    public func text(of span: Span) -> String {
        let start = max(0, min(span.start, bytes.count))
        let end = max(start, min(span.end, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// A half-open range of UTF-8 byte offsets into a `SourceFile`.
public struct Span: Hashable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public static let empty = Span(0, 0)

    /// The smallest span that covers both.
    public func to(_ other: Span) -> Span { Span(min(start, other.start), max(end, other.end)) }

    public var description: String { "\(start)..<\(end)" }
}
