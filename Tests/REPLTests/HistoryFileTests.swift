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

    @Test("XDG_STATE_HOME wins, else ~/.local/state")
    func defaultPath() {
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/tensortutor/history")
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/tensortutor/history")
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/tensortutor/history")
    }
}
