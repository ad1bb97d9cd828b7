import Foundation
import StateFiles

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
    /// Warnings not yet shown (a corrupt file set aside, a save that failed).
    public private(set) var warnings: [String] = []
    /// A failed save warns once; the next lines would only repeat it.
    private var warnedAboutSaving = false

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

    public func takeWarnings() -> [String] {
        defer { warnings = [] }
        return warnings
    }

    /// The entries on disk, oldest first; none when the file is missing. A file that is
    /// not UTF-8 text is set aside, never rewritten: the next save would lose it.
    public func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        guard let text = String(validating: data, as: UTF8.self) else {
            setAside()
            return []
        }
        return Self.decode(text)
    }

    /// Renames an unreadable file to `history.corrupt-<time>`, as the progress store does.
    private func setAside() {
        warnings.append(StateFile.setAside(path, what: "history"))
    }

    private func warnNotSaved(_ reason: String) -> Bool {
        if !warnedAboutSaving { warnings.append("warning: \(reason): history is not saved") }
        warnedAboutSaving = true
        return false
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
            return warnNotSaved("cannot create the directory for \(path)")
        }
        // Never through a symlink: one planted at the lock's name must not be followed.
        let lock = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard lock >= 0 else { return warnNotSaved("cannot lock \(path).lock") }
        flock(lock, LOCK_EX)
        defer {
            flock(lock, LOCK_UN)
            Glibc.close(lock)
        }
        var merged = load()
        for entry in entries where merged.last != entry {
            merged.append(entry)
        }
        if merged.count > capacity { merged.removeFirst(merged.count - capacity) }
        return StateFile.replace(path, with: Array(Self.encode(merged).utf8), mode: 0o600) || warnNotSaved("cannot write \(path)")
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
