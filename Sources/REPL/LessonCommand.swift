import Foundation
import Lessons

/// `:lesson` lists the lessons; `:lesson NAME` plays one inside the session. While a
/// lesson runs, lines, completion and Ctrl-C/Ctrl-D go to it, and its own `:` commands
/// (`:hint`, `:skip`, `:quit`, ...) apply; when it ends the session's prompt returns.
extension ReplSession {
    func lessonCommand(_ argument: String) {
        let library = LessonLibrary.locate()
        guard library.directory != nil, !library.lessonPaths.isEmpty else {
            writeError("no lessons found: set TENSORTUTOR_LESSONS to a lessons directory\n")
            return
        }
        var lessons: [(path: String, lesson: Lesson)] = []
        for path in library.lessonPaths {
            if let lesson = try? LessonParser.parseFile(atPath: path) { lessons.append((path, lesson)) }
        }
        guard !argument.isEmpty else {
            var rows: [[String]] = [["lesson", "title", "about"]]
            for (path, lesson) in lessons {
                let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                let number = String(stem.prefix { $0.isNumber })
                rows.append([number.isEmpty ? lesson.id : number, lesson.title, lesson.summary])
            }
            write(table(rows) + "\nstart one with :lesson NAME (a number or an id)\n")
            return
        }
        let ids = Dictionary(lessons.map { ($0.path, $0.lesson.id) }, uniquingKeysWith: { first, _ in first })
        switch library.resolve(argument, ids: ids) {
        case let .found(path):
            do {
                let store = ProgressStore.defaultPath().map { ProgressStore(path: $0) }
                startLesson(ReviewQuiz.prepare(try LessonParser.parseFile(atPath: path), library: library, store: store))
            } catch {
                writeError(error.issues.map(\.description).joined(separator: "\n") + "\n")
            }
        case .notFound:
            let names = lessons.map(\.lesson.id)
            var message = "no lesson named '\(argument)'"
            if let suggestion = closestMatch(to: argument, among: names) { message += "; did you mean '\(suggestion)'?" }
            writeError(message + "; :lesson lists them\n")
        case let .ambiguous(candidates):
            writeError("'\(argument)' could mean \(candidates.joined(separator: ", "))\n")
        }
    }

    private func startLesson(_ lesson: Lesson) {
        var lessonSettings = LessonSession.Settings(pausesBetweenScreens: settings.interactive, useColor: settings.useColor)
        lessonSettings.screenLines = max(20, settings.height() - 4)
        let store = ProgressStore.defaultPath().map { ProgressStore(path: $0) }
        let session = LessonSession(lesson: lesson, settings: lessonSettings, progress: store)
        session.workspace.unicodePictures = settings.useColor
        activeLesson = session
        show(session.start(resume: settings.interactive))
        finishLessonIfDone()
    }

    /// A line typed while a lesson runs.
    func feedLesson(_ session: LessonSession, _ line: String) -> FeedResult {
        show(session.feed(line))
        finishLessonIfDone()
        return .ran(entry: line.trimmingCharacters(in: .whitespaces).isEmpty ? "" : line)
    }

    /// Ctrl-D in a lesson leaves the lesson (progress saved), not the session.
    func endLessonInput(_ session: LessonSession) {
        show(session.endOfInput())
        finishLessonIfDone()
    }

    private func finishLessonIfDone() {
        guard let session = activeLesson, session.isFinished else { return }
        activeLesson = nil
        write(paint("back in the session; your variables are as you left them", "2") + "\n")
    }

    private func show(_ outputs: [LessonOutput]) {
        let renderer = LessonTextRenderer(useColor: settings.useColor, echoesInput: !settings.interactive, width: settings.width())
        write(renderer.render(outputs))
    }
}
