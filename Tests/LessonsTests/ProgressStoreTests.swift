import Foundation
import Testing
@testable import Lessons

final class ProgressStoreTests {
    var directory: String!

    init() {
        directory = NSTemporaryDirectory() + "lessons-progress-\(UUID().uuidString)"
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func symlinkAtTheOldTemporaryNameIsNotFollowed() throws {
        try FileManager.default.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        let victim = directory + "/victim"
        FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8))
        let path = directory + "/state/progress.json"
        try FileManager.default.createSymbolicLink(atPath: path + ".tmp.\(getpid())", withDestinationPath: victim)
        let store = ProgressStore(path: path)
        #expect(store.update("shapes") { $0.position = 2 })
        #expect(FileManager.default.contents(atPath: victim) == Data("keep".utf8))
        #expect(ProgressStore(path: path).load().lessons["shapes"]?.position == 2)
    }

    @Test func updateRoundTripsAndLeavesNoTemporaryFile() throws {
        let store = ProgressStore(path: directory + "/state/progress.json")
        #expect(store.update("shapes") { record in
            record.position = 3
            record.exercises["1"] = ExerciseResult(outcome: .correct, attempts: 2, hintsUsed: 1)
        })
        store.update("views") { $0.completed = true }
        let reloaded = ProgressStore(path: store.path).load()
        #expect(reloaded.lessons["shapes"]?.position == 3)
        #expect(reloaded.lessons["shapes"]?.exercises["1"] == ExerciseResult(outcome: .correct, attempts: 2, hintsUsed: 1))
        #expect(reloaded.lessons["views"]?.completed == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/state")
        #expect(files == ["progress.json"], "the temporary file is renamed over the target")
        #expect(store.takeWarnings().isEmpty)
    }

    @Test func corruptFileIsSetAsideWithAWarning() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/progress.json"
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: path))
        let store = ProgressStore(path: path)
        #expect(store.load() == ProgressFile())
        let warnings = store.takeWarnings()
        #expect(warnings.count == 1)
        #expect(warnings[0].contains("set aside as \(path).corrupt-"), "\(warnings[0])")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(names.filter { $0.hasPrefix("progress.json.corrupt-") }.count == 1)
        let aside = directory + "/" + names.first { $0.hasPrefix("progress.json.corrupt-") }!
        #expect(FileManager.default.contents(atPath: aside) == Data("{ not json".utf8), "nothing is lost")
        // Saving afterwards starts a fresh, valid file.
        #expect(store.update("shapes") { $0.position = 1 })
        #expect(ProgressStore(path: path).load().lessons["shapes"]?.position == 1)
    }

    @Test func defaultPath() {
        #expect(ProgressStore.defaultPath(environment: ["XDG_STATE_HOME": "/state", "HOME": "/home/u"]) == "/state/tensortutor/progress.json")
        #expect(ProgressStore.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.local/state/tensortutor/progress.json")
        #expect(ProgressStore.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/u"]) == "/home/u/.local/state/tensortutor/progress.json")
        #expect(ProgressStore.defaultPath(environment: [:]) == nil)
    }

    @Test func filesWithoutWrongAnswersStillLoadAndEmptyListsAreNotWritten() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/progress.json"
        let older = #"{"version": 1, "lessons": {"shapes": {"position": 2, "stepCount": 9, "completed": false, "exerciseCount": 3, "#
            + #""exercises": {"1": {"outcome": "correct", "attempts": 2, "hintsUsed": 0}}, "updated": ""}}}"#
        FileManager.default.createFile(atPath: path, contents: Data(older.utf8))
        let store = ProgressStore(path: path)
        #expect(store.load().lessons["shapes"]?.exercises["1"] == ExerciseResult(outcome: .correct, attempts: 2, hintsUsed: 0))
        #expect(store.takeWarnings().isEmpty)
        store.update("shapes") { $0.exercises["2"] = ExerciseResult(outcome: .skipped, attempts: 1, hintsUsed: 0, wrongAnswers: ["x[1:2]"]) }
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        #expect(text.components(separatedBy: "wrongAnswers").count - 1 == 1, "\(text)")
        #expect(store.load().lessons["shapes"]?.exercises["2"]?.wrongAnswers == ["x[1:2]"])
    }
}
