import Foundation
import LineEditor
import Testing

struct HistoryFileTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tt-history-\(UUID().uuidString)/history").path
    }

    @Test("entries round-trip, multi-line blocks stay one entry")
    func roundTrip() {
        let file = HistoryFile(path: temporaryPath())
        #expect(file.append(["x = 1", "for i in range(3):\n    print(i)", "s = 'a\\\\nb'"]))
        #expect(file.load() == ["x = 1", "for i in range(3):\n    print(i)", "s = 'a\\\\nb'"])
    }

    @Test("saving merges with what another session wrote")
    func mergesSessions() {
        let path = temporaryPath()
        let first = HistoryFile(path: path)
        let second = HistoryFile(path: path)
        first.append(["a = 1"])
        second.append(["b = 2"])
        first.append(["c = 3"])
        #expect(HistoryFile(path: path).load() == ["a = 1", "b = 2", "c = 3"])
    }

    @Test("the file keeps the newest entries up to its capacity")
    func capped() {
        let file = HistoryFile(path: temporaryPath(), capacity: 1000)
        file.append((0..<1200).map { "x = \($0)" })
        let entries = file.load()
        #expect(entries.count == 1000)
        #expect(entries.first == "x = 200")
        #expect(entries.last == "x = 1199")
    }

    @Test("concurrent writers never corrupt the file or lose entries")
    func concurrentWriters() async {
        let path = temporaryPath()
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let file = HistoryFile(path: path)
                    for index in 0..<25 { file.append(["w\(writer) = \(index)"]) }
                }
            }
        }
        let entries = HistoryFile(path: path).load()
        #expect(entries.count == 100)
        #expect(Set(entries).count == 100)
    }

    @Test("a file of invalid bytes is set aside with a warning, never rewritten")
    func corruptFileSetAside() throws {
        let path = temporaryPath()
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let original = Data([0x78, 0x0A, 0xFF, 0xFE, 0x0A])
        FileManager.default.createFile(atPath: path, contents: original)
        let file = HistoryFile(path: path)
        #expect(file.load().isEmpty)
        let warnings = file.takeWarnings()
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("it was set aside as \(path).corrupt-") == true)
        let aside = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("history.corrupt-") }
        #expect(aside.count == 1)
        #expect(FileManager.default.contents(atPath: directory + "/" + aside[0]) == original)
        #expect(file.append(["y = 2"]))
        #expect(file.load() == ["y = 2"])
    }

    @Test("a symlink at the lock's name is not followed, and the failed save warns once")
    func lockSymlinkRefused() throws {
        let path = temporaryPath()
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let victim = directory + "/victim"
        FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8))
        try FileManager.default.createSymbolicLink(atPath: path + ".lock", withDestinationPath: victim)
        let file = HistoryFile(path: path)
        #expect(!file.append(["x = 1"]))
        #expect(!file.append(["x = 2"]))
        #expect(file.takeWarnings() == ["warning: cannot lock \(path).lock: history is not saved"])
        #expect(FileManager.default.contents(atPath: victim) == Data("keep".utf8))
    }

    @Test("XDG_STATE_HOME wins, else ~/.local/state")
    func defaultPath() {
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/tensortutor/history")
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/tensortutor/history")
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/tensortutor/history")
    }
}
