import Foundation
import Lessons

/// `:lesson` lists the lessons; `:lesson NAME` plays one inside the session. While a
/// lesson runs, lines, completion and Ctrl-C/Ctrl-D go to it, and its own `:` commands
/// (`:hint`, `:skip`, `:quit`, ...) apply; when it ends the session's prompt returns.
extension ReplSession {
    func lessonCommand(_ argument: String) {
        let catalogue = LessonCatalogue(library: lessonLibrary())
        guard !catalogue.isEmpty else {
            writeError("no lessons found: set TENSORTUTOR_LESSONS to a lessons directory\n")
            return
        }
        guard !argument.isEmpty else {
            var rows: [[String]] = [["lesson", "title", "about"]]
            for entry in catalogue.entries {
                guard let lesson = entry.lesson else { continue }
                rows.append([entry.listedName, lesson.title, lesson.summary])
            }
            write(table(rows) + "\nstart one with :lesson NAME (a number or an id)\n")
            return
        }
        switch catalogue.resolve(argument) {
        case let .found(path):
            do {
                startLesson(try catalogue.prepare(path, progress: ProgressStore.standard()))
            } catch {
                writeError(error.issues.map(\.description).joined(separator: "\n") + "\n")
            }
        case .notFound:
            let names = catalogue.lessons.map(\.id)
            var message = "no lesson named '\(argument)'"
            if let suggestion = closestMatch(to: argument, among: names) { message += "; did you mean '\(suggestion)'?" }
            writeError(message + "; :lesson lists them\n")
        case let .ambiguous(candidates):
            writeError("'\(argument)' could mean \(candidates.joined(separator: ", "))\n")
        }
    }

    private func lessonLibrary() -> LessonLibrary {
        settings.lessonDirectory.map { LessonLibrary(directory: $0) } ?? .locate()
    }

    private func startLesson(_ lesson: Lesson) {
        let session = LessonSession.playing(lesson, interactive: settings.interactive, useColor: settings.useColor,
                                            terminalRows: settings.height(), terminalColumns: settings.width(),
                                            progress: ProgressStore.standard())
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
