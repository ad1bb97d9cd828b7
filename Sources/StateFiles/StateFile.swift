import Foundation

/// The tool's files under `$XDG_STATE_HOME/tensortutor` (history, lesson progress):
/// replaced whole and never written through a link someone planted, and set aside
/// rather than overwritten when they cannot be read.
public enum StateFile {
    /// Replaces `path` with `bytes`: a temporary file with a fresh random name, created
    /// exclusively and never through a symlink, is written, synced and renamed over it,
    /// so a reader sees the old file or the new one and nothing else is touched.
    public static func replace(_ path: String, with bytes: [UInt8], mode: mode_t) -> Bool {
        var temporary = ""
        var descriptor: Int32 = -1
        for _ in 0..<8 where descriptor < 0 {
            temporary = path + ".tmp.\(getpid()).\(UInt64.random(in: 0...UInt64.max))"
            descriptor = open(temporary, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, mode)
            if descriptor < 0 && errno != EEXIST { return false }
        }
        guard descriptor >= 0 else { return false }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                close(descriptor)
                unlink(temporary)
                return false
            }
            written += result
        }
        fsync(descriptor)
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Renames an unreadable file to `<path>.corrupt-<time>` so nothing is lost, and
    /// returns the warning to show; `what` names what starts afresh ("progress").
    public static func setAside(_ path: String, what: String) -> String {
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "-")
        var aside = path + ".corrupt-" + stamp
        var suffix = 1
        while FileManager.default.fileExists(atPath: aside) {
            aside = path + ".corrupt-" + stamp + "-\(suffix)"
            suffix += 1
        }
        if rename(path, aside) == 0 {
            return "warning: \(path) could not be read; it was set aside as \(aside) and \(what) starts afresh"
        }
        return "warning: \(path) could not be read and could not be set aside; \(what) starts afresh"
    }
}
