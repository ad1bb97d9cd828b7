import Foundation
import Testing
import Diagnostics
@testable import REPL

struct CommandTests {
    @Test(":help lists every command")
    func help() {
        let (session, output) = makeSession()
        #expect(session.feed(":help") == .ran(entry: ":help"))
        let text = output.take().output
        for command in ["help", "vars", "explain", "time", "load", "reset", "lesson", "quit"] {
            #expect(text.contains(":" + command), "missing :\(command)")
        }
    }

    @Test(":help NAME shows signature, meaning, formula and example")
    func helpName() {
        let (session, output) = makeSession()
        _ = session.feed(":help softmax")
        let text = output.take().output
        #expect(text.contains("torch.softmax(input, dim, *, dtype=None)"))
        #expect(text.contains("F.softmax"))
        #expect(text.contains("formula:"))
        #expect(text.contains(">>> torch.softmax(torch.tensor([1., 2., 3.]), dim=0)"))
        for spelling in ["F.softmax", "torch.nn.functional.softmax", "Tensor.softmax", "view", "x.view", "F.linear"] {
            _ = session.feed(":help \(spelling)")
            #expect(!output.take().output.isEmpty, "no doc for \(spelling)")
        }
        _ = session.feed(":help sofmax")
        #expect(output.take().errors.contains("did you mean 'softmax'?"))
    }

    @Test("a misspelled command gets a did-you-mean")
    func didYouMean() {
        let (session, output) = makeSession()
        _ = session.feed(":hepl")
        #expect(output.take().errors.contains("did you mean ':help'?"))
        _ = session.feed(":varz")
        #expect(output.take().errors.contains("did you mean ':vars'?"))
        _ = session.feed(":xyzzy")
        #expect(output.take().errors.contains("unknown command ':xyzzy'"))
        _ = session.feed(":l")
        #expect(output.take().errors.contains("ambiguous"))
    }

    @Test(":vars shows type, dtype, shape and view-of relations")
    func vars() {
        let (session, output) = makeSession()
        _ = session.feed(":vars")
        #expect(output.take().output.contains("no variables"))
        _ = session.feed("x = torch.arange(6.).view(2, 3)")
        _ = session.feed("base = torch.zeros(4, 4)")
        _ = session.feed("row = base[1]")
        _ = session.feed("n = 3")
        _ = session.feed(":vars")
        let lines = output.take().output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("name") == true)
        let row = lines.first { $0.hasPrefix("row ") } ?? ""
        #expect(row.contains("Tensor") && row.contains("float32") && row.contains("[4]") && row.contains("view of base"))
        let base = lines.first { $0.hasPrefix("base ") } ?? ""
        #expect(base.contains("viewed by row"))
        let n = lines.first { $0.hasPrefix("n ") } ?? ""
        #expect(n.contains("int") && n.hasSuffix("3"))
        #expect(!lines.contains { $0.hasPrefix("torch ") || $0.hasPrefix("F ") })
    }

    @Test(":vars fits long values to the terminal width")
    func varsWidth() {
        let (session, output) = makeSession(width: 40)
        _ = session.feed("names = ['a' * 30, 'b' * 30]")
        _ = session.feed(":vars")
        for line in output.take().output.split(separator: "\n") { #expect(line.count <= 40) }
    }

    @Test(":time reports a median per loop and keeps the session")
    func time() {
        let (session, output) = makeSession()
        _ = session.feed("x = torch.ones(4)")
        _ = session.feed(":time x + 1")
        let text = output.take().output
        #expect(text.contains("per loop (median of"))
        #expect(text.contains("loops each") || text.contains("loop each"))
        _ = session.feed(":time 1 +")
        #expect(output.take().errors.contains("SyntaxError"))
        _ = session.feed(":time undefined_name")
        #expect(output.take().errors.contains("NameError"))
    }

    @Test(":load runs a file into the session, :reset forgets everything")
    func loadAndReset() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tt-load-\(UUID().uuidString).py").path
        try "w = torch.ones(2) * 3\nprint('loading')\nw\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (session, output) = makeSession()
        _ = session.feed(":load \(path)")
        let text = output.take().output
        #expect(text.contains("loading\n"))
        #expect(text.contains("new names: w"))
        _ = session.feed("w")
        #expect(output.take().output == "tensor([3., 3.])\n")
        _ = session.feed(":load /nonexistent/file.py")
        #expect(output.take().errors.contains("cannot read file"))
        _ = session.feed(":reset")
        _ = session.feed("w")
        #expect(output.take().errors.contains("NameError"))
        _ = session.feed("torch.ones(1)")
        #expect(output.take().output == "tensor([1.])\n")
    }

    @Test(":load decodes strictly and refuses a file above the source limit")
    func loadRefusesBadFiles() throws {
        let directory = FileManager.default.temporaryDirectory
        let binary = directory.appendingPathComponent("tt-load-\(UUID().uuidString).py").path
        FileManager.default.createFile(atPath: binary, contents: Data([0x78, 0x20, 0x3D, 0x20, 0x27, 0xFF, 0x27, 0x0A]))
        defer { try? FileManager.default.removeItem(atPath: binary) }
        let (session, output) = makeSession()
        _ = session.feed(":load \(binary)")
        #expect(output.take().errors.contains("can't decode byte 0xff in position 5"))
        let huge = directory.appendingPathComponent("tt-load-\(UUID().uuidString).py").path
        FileManager.default.createFile(atPath: huge, contents: Data(repeating: 0x23, count: SourceFile.defaultMaximumByteCount + 10))
        defer { try? FileManager.default.removeItem(atPath: huge) }
        _ = session.feed(":load \(huge)")
        #expect(output.take().errors.contains("above the limit of \(SourceFile.defaultMaximumByteCount) bytes"))
    }

    @Test(":explain EXPR runs the code once and explains its steps; on/off toggles")
    func explain() {
        let (session, output) = makeSession()
        _ = session.feed(":explain")
        #expect(output.take().errors.contains("usage: :explain"))
        _ = session.feed("counter = torch.zeros(1)")
        _ = session.feed(":explain counter.add_(1).view(1, 1)")
        let text = output.take().output
        #expect(text.contains("tensor([[1.]])"))
        #expect(text.contains("step 1"))
        _ = session.feed("counter")
        #expect(output.take().output == "tensor([1.])\n", "explained code runs exactly once")
        _ = session.feed(":explain on")
        #expect(session.explainsEveryInput)
        _ = output.take()
        _ = session.feed("counter + 1")
        let explained = output.take().output
        #expect(explained.contains("tensor([2.])") && explained.contains("step"))
        _ = session.feed(":explain off")
        _ = output.take()
        _ = session.feed("counter + 1")
        #expect(output.take().output == "tensor([2.])\n")
    }

    @Test(":lesson lists the checkout's lessons by number, title and summary, and names a missing one")
    func lessonList() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons").path
        let (session, output) = makeSession(lessonDirectory: directory)
        _ = session.feed(":lesson")
        let listing = output.take()
        #expect(listing.errors.isEmpty)
        let rows = listing.output.split(separator: "\n").map(String.init)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".md") && $0 != "README.md" }
        #expect(!files.isEmpty)
        // One row per lesson file, each starting with the file's number (`03r` for a review).
        for file in files {
            let number = String(file.prefix { $0 != "-" })
            #expect(rows.contains { $0.hasPrefix(number + " ") }, "no row for \(file)")
        }
        #expect(rows.contains { $0.contains("Shapes and slicing") })
        #expect(listing.output.contains("start one with :lesson NAME"))

        _ = session.feed(":lesson shapes-and-slicng")
        #expect(output.take().errors == "no lesson named 'shapes-and-slicng'; did you mean 'shapes-and-slicing'?; :lesson lists them\n")
    }

    @Test(":lesson with no lessons found says where to put them")
    func lessonWithoutLessons() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-lessons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let (session, output) = makeSession(lessonDirectory: empty.path)
        _ = session.feed(":lesson")
        let result = output.take()
        #expect(result.output.isEmpty)
        #expect(result.errors == "no lessons found: set TENSORTUTOR_LESSONS to a lessons directory\n")
    }
}
