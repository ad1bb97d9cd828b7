import Glibc

/// Writes to the process's standard error without touching C's `stderr` global, which
/// Swift 6 rightly treats as shared mutable state. A failed write is dropped: there is
/// no better place left to report it.
func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { buffer in
        guard var address = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            let written = write(STDERR_FILENO, address, remaining)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            address += written
            remaining -= written
        }
    }
}
