import Foundation
import StateFiles

/// How one exercise went, in the learner's latest play of a lesson.
public struct ExerciseResult: Codable, Equatable, Sendable {
    public enum Outcome: String, Codable, Sendable {
        case correct, skipped
    }

    public var outcome: Outcome
    /// Attempts graded before the exercise was solved or skipped.
    public var attempts: Int
    public var hintsUsed: Int
    /// The code of the graded attempts that were wrong, first first (at most
    /// `wrongAnswerLimit`), for the review quizzes to show again. Optional, so files
    /// written before it existed still decode, and it is left out when empty.
    public var wrongAnswers: [String]?

    public static let wrongAnswerLimit = 3

    public init(outcome: Outcome, attempts: Int, hintsUsed: Int, wrongAnswers: [String] = []) {
        self.outcome = outcome
        self.attempts = attempts
        self.hintsUsed = hintsUsed
        self.wrongAnswers = wrongAnswers.isEmpty ? nil : Array(wrongAnswers.prefix(Self.wrongAnswerLimit))
    }
}

/// One lesson's saved state: where to resume, and the score with skips counted.
public struct LessonRecord: Codable, Equatable, Sendable {
    /// The step to resume at; 0 once the lesson is completed.
    public var position: Int = 0
    public var stepCount: Int = 0
    public var completed = false
    public var exerciseCount: Int = 0
    /// By exercise number ("1", "2", ...).
    public var exercises: [String: ExerciseResult] = [:]
    /// The most exercises solved without skipping in any completed play.
    public var bestCorrect: Int?
    public var updated: String = ""

    public init() {}

    public var correctCount: Int { exercises.values.filter { $0.outcome == .correct }.count }
    public var skippedCount: Int { exercises.values.filter { $0.outcome == .skipped }.count }
}

public struct ProgressFile: Codable, Equatable, Sendable {
    public var version = 1
    public var lessons: [String: LessonRecord] = [:]

    public init() {}
}

/// The progress file, `$XDG_STATE_HOME/tensortutor/progress.json`. Every save re-reads
/// the file, changes one lesson's record and replaces the file atomically (temporary
/// file, fsync, rename), so a crash never leaves half a file and two sessions playing
/// different lessons keep each other's records. A file that does not decode is renamed
/// aside with a warning, and play goes on from an empty record.
public final class ProgressStore {
    public let path: String
    /// Warnings not yet shown (a corrupt file set aside, a failed write).
    public private(set) var warnings: [String] = []

    public init(path: String) {
        self.path = path
    }

    /// `$XDG_STATE_HOME/tensortutor/progress.json`, else `~/.local/state/tensortutor/progress.json`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/tensortutor/progress.json"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/tensortutor/progress.json"
    }

    public func takeWarnings() -> [String] {
        defer { warnings = [] }
        return warnings
    }

    public func load() -> ProgressFile {
        guard let data = FileManager.default.contents(atPath: path) else { return ProgressFile() }
        if let file = try? JSONDecoder().decode(ProgressFile.self, from: data) { return file }
        setAside()
        return ProgressFile()
    }

    public func record(for lessonID: String) -> LessonRecord? { load().lessons[lessonID] }

    /// Applies `change` to the lesson's record on disk. Returns false when the file
    /// could not be written; the warning says why.
    @discardableResult
    public func update(_ lessonID: String, _ change: (inout LessonRecord) -> Void) -> Bool {
        var file = load()
        var record = file.lessons[lessonID] ?? LessonRecord()
        change(&record)
        record.updated = ISO8601DateFormatter().string(from: Date())
        file.lessons[lessonID] = record
        return save(file)
    }

    func save(_ file: ProgressFile) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(file) else { return false }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            warnings.append("warning: cannot create the directory for \(path): progress is not saved")
            return false
        }
        if StateFile.replace(path, with: [UInt8](data), mode: 0o644) { return true }
        warnings.append("warning: cannot write \(path): progress is not saved")
        return false
    }

    /// Renames an unreadable file to `progress.json.corrupt-<time>` so nothing is lost.
    private func setAside() {
        warnings.append(StateFile.setAside(path, what: "progress"))
    }
}
