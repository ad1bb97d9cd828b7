import Foundation

/// Every byte the tool writes to standard output or standard error goes through here.
/// `FileHandle.write` traps when a write fails; a closed stream, a full disk
/// (`>/dev/full`) or a reader that went away (`| head`) must instead end the process
/// quietly with status 1, as nothing more can be said on a stream that is gone.
enum StandardStreams {
    static func writeOutput(_ text: String) { write(text, to: STDOUT_FILENO) }
    static func writeError(_ text: String) { write(text, to: STDERR_FILENO) }

    /// A broken pipe then shows up as EPIPE from write(), handled like any failed write,
    /// rather than as a signal that kills the process.
    static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    static func write(_ text: String, to descriptor: Int32) {
        var text = text
        let succeeded = text.withUTF8 { buffer -> Bool in
            guard var address = buffer.baseAddress else { return true }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Glibc.write(descriptor, address, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                address += written
                remaining -= written
            }
            return true
        }
        if !succeeded { exit(1) }
    }
}
