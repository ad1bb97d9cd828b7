import CEditLine
import Foundation

/// The terminal line editor: libedit in emacs mode (arrows, Ctrl-A/E/K/W, Ctrl-R
/// reverse search), with tab completion, persistent history, and Ctrl-C that clears
/// the line instead of killing the process.
public final class LibeditLineEditor: LineEditing {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: HistoryFile?
    fileprivate let complete: (String) -> CompletionOffer
    fileprivate var interrupted = false

    public init?(history historyFile: HistoryFile?, complete: @escaping (String) -> CompletionOffer) {
        guard LibeditLineEditor.active == nil else { return nil }
        Self.prepareEnvironment()
        guard let editLine = tt_el_init("tensortutor") else { return nil }
        guard let history = tt_history_init(Int32(historyFile?.capacity ?? 1000)) else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.historyFile = historyFile
        self.complete = complete
        for entry in historyFile?.load() ?? [] {
            _ = tt_history_enter(history, entry)
        }
        configure()
        LibeditLineEditor.active = self
    }

    nonisolated(unsafe) fileprivate static var active: LibeditLineEditor?
    nonisolated(unsafe) fileprivate static var prompt: UnsafeMutablePointer<CChar>? = strdup("")

    /// libedit reads `TERM` and the locale when it starts: UTF-8 input needs a UTF-8
    /// ctype, and an unset `TERM` would leave it without cursor motion.
    private static func prepareEnvironment() {
        if setlocale(LC_CTYPE, "") == nil || String(cString: setlocale(LC_CTYPE, nil)) == "C" {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
        if (getenv("TERM").map { String(cString: $0) } ?? "").isEmpty {
            setenv("TERM", "xterm", 1)
        }
    }

    private func configure() {
        _ = tt_el_set_editor(editLine, "emacs")
        _ = tt_el_set_prompt(editLine) { _ in LibeditLineEditor.prompt }
        _ = tt_el_set_history(editLine, history)
        // Ctrl-C reaches the editor as a key, not as SIGINT, so it can clear the line.
        _ = tt_el_set_tty(editLine, "-d", "-isig")
        _ = tt_el_add_function(editLine, "tt-complete", "complete the word before the cursor") { editLine, _ in
            LibeditLineEditor.active?.completeWord(editLine) ?? UInt8(CC_ERROR)
        }
        _ = tt_el_add_function(editLine, "tt-interrupt", "discard the line being typed") { editLine, _ in
            LibeditLineEditor.active?.interruptLine(editLine) ?? UInt8(CC_ERROR)
        }
        _ = tt_el_add_function(editLine, "tt-delete-or-eof", "delete the next character, or end input on an empty line") { editLine, _ in
            LibeditLineEditor.deleteOrEndOfFile(editLine)
        }
        _ = tt_el_bind(editLine, "^I", "tt-complete")
        _ = tt_el_bind(editLine, "^C", "tt-interrupt")
        _ = tt_el_bind(editLine, "^D", "tt-delete-or-eof")
        _ = tt_el_bind(editLine, "^R", "em-inc-search-prev")
        _ = tt_el_bind(editLine, "^S", "em-inc-search-next")
        // Users' own bindings in ~/.editrc win.
        _ = el_source(editLine, nil)
    }

    public func readLine(prompt: String) -> LineInput {
        free(LibeditLineEditor.prompt)
        LibeditLineEditor.prompt = strdup(prompt)
        interrupted = false
        el_resize(editLine)
        _ = tt_el_prepare_terminal(editLine)
        var count: Int32 = 0
        guard let text = el_gets(editLine, &count), count > 0 else {
            if interrupted { return .interrupted }
            FileHandle.standardOutput.write(Data("\n".utf8))
            return .endOfFile
        }
        if interrupted { return .interrupted }
        var line = String(cString: text)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    public func saveToHistory(_ entry: String) {
        guard !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        _ = tt_history_enter(history, entry)
        historyFile?.append([entry])
    }

    public func close() {
        if LibeditLineEditor.active === self { LibeditLineEditor.active = nil }
        el_end(editLine)
        history_end(history)
    }

    // MARK: key handlers

    private func textBeforeCursor(_ editLine: OpaquePointer?) -> String {
        guard let info = el_line(editLine)?.pointee, let buffer = info.buffer, let cursor = info.cursor else { return "" }
        let length = buffer.distance(to: cursor)
        return buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    fileprivate func completeWord(_ editLine: OpaquePointer?) -> UInt8 {
        let offer = complete(textBeforeCursor(editLine))
        if offer.candidates.isEmpty { return UInt8(CC_REFRESH_BEEP) }
        let insertion = offer.insertion
        if !insertion.isEmpty { _ = el_insertstr(editLine, insertion) }
        if offer.candidates.count == 1 { return UInt8(CC_REFRESH) }
        let listing = columnLayout(offer.candidates, width: terminalColumns())
        FileHandle.standardOutput.write(Data(("\n" + listing + "\n").utf8))
        return UInt8(CC_REDISPLAY)
    }

    /// Marks the line as dropped, shows `^C` after it, and ends the read through the
    /// editor's own newline so the display is left tidy.
    fileprivate func interruptLine(_ editLine: OpaquePointer?) -> UInt8 {
        interrupted = true
        if let info = el_line(editLine)?.pointee, let cursor = info.cursor, let end = info.lastchar {
            let rest = cursor.withMemoryRebound(to: UInt8.self, capacity: cursor.distance(to: end)) {
                String(decoding: UnsafeBufferPointer(start: $0, count: cursor.distance(to: end)), as: UTF8.self)
            }
            _ = el_cursor(editLine, Int32(rest.unicodeScalars.count))
        }
        _ = el_insertstr(editLine, "^C")
        el_push(editLine, "\n")
        return UInt8(CC_REFRESH)
    }

    fileprivate static func deleteOrEndOfFile(_ editLine: OpaquePointer?) -> UInt8 {
        guard let info = el_line(editLine)?.pointee else { return UInt8(CC_ERROR) }
        if info.buffer == info.lastchar { return UInt8(CC_EOF) }
        if info.cursor == info.lastchar { return UInt8(CC_REFRESH_BEEP) }
        _ = el_cursor(editLine, 1)
        el_deletestr(editLine, 1)
        return UInt8(CC_REFRESH)
    }
}
