import Foundation

/// The lessons of a library, each file parsed once. `tensortutor lesson` and the REPL's
/// `:lesson` both list, name and start lessons through it, so a lesson found by one is
/// found, numbered and prepared the same way by the other.
public struct LessonCatalogue {
    public struct Entry {
        public let path: String
        /// Nil when the file does not parse; `lesson --check` says why.
        public let lesson: Lesson?

        /// The file name without `.md`: `03-broadcasting`.
        public var stem: String { ((path as NSString).lastPathComponent as NSString).deletingPathExtension }

        /// `03` for `03-broadcasting.md`, `03r` for the review `03r-review.md`, empty for a
        /// file name that does not start with a number.
        public var number: String {
            let head = stem.prefix { $0 != "-" }
            return head.first?.isNumber == true ? String(head) : ""
        }

        /// How the lesson is named in a list: its number, else its id, else its file name.
        public var listedName: String { number.isEmpty ? lesson?.id ?? stem : number }
    }

    public let library: LessonLibrary
    public let entries: [Entry]

    public init(library: LessonLibrary = .locate()) {
        self.library = library
        entries = library.lessonPaths.map { path in Entry(path: path, lesson: try? LessonParser.parseFile(atPath: path)) }
    }

    /// No lesson directory was found, or it holds no lessons.
    public var isEmpty: Bool { library.directory == nil || entries.isEmpty }

    /// The lessons that parse.
    public var lessons: [Lesson] { entries.compactMap(\.lesson) }

    /// A name typed by the learner: a number, an id, a file name or a path.
    public func resolve(_ name: String) -> LessonLibrary.Resolution {
        var ids: [String: String] = [:]
        for entry in entries {
            if let lesson = entry.lesson, ids[entry.path] == nil { ids[entry.path] = lesson.id }
        }
        return library.resolve(name, ids: ids)
    }

    /// The lesson at `path`, ready to play: a review quiz is filled with the learner's
    /// own earlier mistakes from `progress`.
    public func prepare(_ path: String, progress: ProgressStore?) throws(LessonParseFailure) -> Lesson {
        ReviewQuiz.prepare(try LessonParser.parseFile(atPath: path), library: library, store: progress)
    }
}

extension ProgressStore {
    /// The learner's progress file in its usual place, or nil when there is no home to
    /// keep it in.
    public static func standard() -> ProgressStore? {
        defaultPath().map { ProgressStore(path: $0) }
    }
}

extension LessonSession {
    /// A session as the command line and the REPL play it. On a terminal it pauses
    /// between screens and fits them to `terminalRows`; piped, it runs straight through
    /// with the default screen size, so a transcript does not depend on the terminal.
    public static func playing(_ lesson: Lesson, interactive: Bool, useColor: Bool, terminalRows: Int,
                               terminalColumns: Int, progress: ProgressStore?) -> LessonSession {
        var settings = Settings(pausesBetweenScreens: interactive, useColor: useColor)
        if interactive { settings.screenLines = max(20, terminalRows - 4) }
        settings.width = terminalColumns
        return LessonSession(lesson: lesson, settings: settings, progress: progress)
    }
}
