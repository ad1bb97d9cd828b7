import Foundation

/// What one read from the user produced.
public enum LineInput: Equatable {
    /// A line (or a recalled multi-line history entry), without its final newline.
    case line(String)
    /// Ctrl-C while typing: the caller drops what was typed.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfFile
}

/// What tab completion offers for the text before the cursor: the `fragment` being
/// completed (a suffix of that text) and the full words that could replace it.
public struct CompletionOffer: Equatable {
    public var fragment: String
    public var candidates: [String]

    public init(fragment: String, candidates: [String]) {
        self.fragment = fragment
        self.candidates = candidates
    }

    /// The text to insert after the fragment: the candidates' longest common prefix,
    /// minus what is already typed.
    public var insertion: String {
        guard let first = candidates.first else { return "" }
        var prefix = Substring(first)
        for candidate in candidates.dropFirst() {
            prefix = prefix.prefix(zip(prefix, candidate).prefix { $0 == $1 }.count)
        }
        return prefix.count > fragment.count ? String(prefix.dropFirst(fragment.count)) : ""
    }
}

/// The line editor behind three operations, as in Lua's `lua.c` (read, save to
/// history, free), so a terminal editor and a plain reader can stand in for each other.
public protocol LineEditing: AnyObject {
    /// Shows `prompt` and reads one line.
    func readLine(prompt: String) -> LineInput
    /// Records one finished entry (a whole block for multi-line input) in the history.
    func saveToHistory(_ entry: String)
    /// Restores the terminal and releases the editor.
    func close()
}

/// Picks libedit when both ends are a terminal, and the plain reader otherwise.
public func makeLineEditor(history: HistoryFile?, complete: @escaping (String) -> CompletionOffer) -> LineEditing {
    if isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0,
       let editor = LibeditLineEditor(history: history, complete: complete) {
        return editor
    }
    return PlainLineEditor(showsPrompt: isatty(STDIN_FILENO) != 0)
}

/// The terminal's width in columns, or 80 when output is not a terminal.
public func terminalColumns() -> Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
    return 80
}

/// The terminal's height in rows, or 24 when output is not a terminal.
public func terminalRows() -> Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
    return 24
}

/// Candidates laid out in columns across `width`, as shells list completions.
public func columnLayout(_ items: [String], width: Int) -> String {
    guard !items.isEmpty else { return "" }
    let cellWidth = (items.map(\.count).max() ?? 0) + 2
    let columns = max(1, width / cellWidth)
    let rows = (items.count + columns - 1) / columns
    var lines: [String] = []
    for row in 0..<rows {
        var line = ""
        for column in 0..<columns {
            let index = column * rows + row
            guard index < items.count else { break }
            let item = items[index]
            let isLast = column == columns - 1 || (column + 1) * rows + row >= items.count
            line += isLast ? item : item.padding(toLength: cellWidth, withPad: " ", startingAt: 0)
        }
        lines.append(line)
    }
    return lines.joined(separator: "\n")
}
