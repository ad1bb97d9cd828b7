import Foundation

/// Reads lines from standard input with no editing: for pipes, files and terminals
/// libedit cannot drive. A SIGINT that interrupts the read counts as Ctrl-C.
public final class PlainLineEditor: LineEditing {
    private let showsPrompt: Bool
    private var pending: [UInt8] = []
    private var reachedEnd = false

    public init(showsPrompt: Bool) {
        self.showsPrompt = showsPrompt
    }

    public func readLine(prompt: String) -> LineInput {
        if showsPrompt {
            FileHandle.standardOutput.write(Data(prompt.utf8))
        }
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return .line(line)
            }
            if reachedEnd {
                guard !pending.isEmpty else { return .endOfFile }
                let line = String(decoding: pending, as: UTF8.self)
                pending.removeAll()
                return .line(line)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(STDIN_FILENO, &chunk, chunk.count)
            if count > 0 {
                pending.append(contentsOf: chunk[..<count])
            } else if count == 0 {
                reachedEnd = true
            } else if errno == EINTR {
                pending.removeAll()
                if showsPrompt { FileHandle.standardOutput.write(Data("\n".utf8)) }
                return .interrupted
            } else {
                reachedEnd = true
            }
        }
    }

    public func saveToHistory(_ entry: String) {}

    public func close() {}
}
