import Foundation

/// The persistent history: one entry per line (a multi-line block is one entry, with
/// its newlines escaped), capped at `capacity` entries.
///
/// Saving never rewrites the file in place. It takes an advisory lock, re-reads what is
/// on disk (other sessions may have appended since), appends this session's new entries,
/// and replaces the file with a temporary file and `rename`, so a reader always sees a
/// whole file and two sessions at once lose neither's entries.
public final class HistoryFile {
    public let path: String
    public let capacity: Int
    static let header = "# tensortutor history v1"

    public init(path: String, capacity: Int = 1000) {
        self.path = path
        self.capacity = capacity
    }

    /// `$XDG_STATE_HOME/tensortutor/history`, else `~/.local/state/tensortutor/history`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/tensortutor/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/tensortutor/history"
    }

    /// The entries on disk, oldest first; none when the file is missing or unreadable.
    public func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return Self.decode(String(decoding: data, as: UTF8.self))
    }

    /// Appends `entries` to what is on disk now, keeping the newest `capacity` entries.
    /// Returns false when the file could not be written (history is then best-effort).
    @discardableResult
    public func append(_ entries: [String]) -> Bool {
        guard !entries.isEmpty else { return true }
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return false
        }
        let lock = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        if lock >= 0 {
            flock(lock, LOCK_EX)
        }
        defer {
            if lock >= 0 {
                flock(lock, LOCK_UN)
                Glibc.close(lock)
            }
        }
        var merged = load()
        for entry in entries where merged.last != entry {
            merged.append(entry)
        }
        if merged.count > capacity { merged.removeFirst(merged.count - capacity) }
        return writeAtomically(Self.encode(merged))
    }

    private func writeAtomically(_ text: String) -> Bool {
        let temporary = path + ".tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                Glibc.close(descriptor)
                unlink(temporary)
                return false
            }
            written += result
        }
        fsync(descriptor)
        Glibc.close(descriptor)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    static func encode(_ entries: [String]) -> String {
        var text = header + "\n"
        for entry in entries {
            text += entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n") + "\n"
        }
        return text
    }

    static func decode(_ text: String) -> [String] {
        var entries: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where line != header {
            var entry = ""
            var escaped = false
            for character in line {
                if escaped {
                    entry.append(character == "n" ? "\n" : character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    entry.append(character)
                }
            }
            entries.append(entry)
        }
        return entries
    }
}
