import Foundation
import Testing

/// Every way code runs gets the same limits: `explain` and `timeit` as well as `run`.
struct ExecutionPolicyTests {
    @Test("explain - refuses endless standard input at the source limit")
    func explainSourceLimit() throws {
        let started = Date()
        let result = try runThroughShell("explain - --max-source-bytes 1000 < /dev/zero")
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[SyntaxError]: the program is 1001 bytes long, above the limit of 1000 bytes"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("explain's text counts toward --max-output-bytes")
    func explainOutputLimit() throws {
        let program = "x = torch.ones(3)\nfor i in range(30):\n    y = x * i + 1\n"
        let result = try runHostile(["explain", "-", "--max-output-bytes", "300"], input: Array(program.utf8))
        #expect(result.status == 1)
        #expect(result.stdout.utf8.count <= 301)
        #expect(result.stderr.contains("the explanation is longer than 300 bytes (--max-output-bytes)"))
    }

    @Test("timeit stops an endless statement at --timeout")
    func timeitTimeout() throws {
        let started = Date()
        let result = try runHostile(["timeit", "while True: pass", "--timeout", "1"], input: [])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[TimeoutError]: the program ran longer than 1 s (--timeout) and was stopped"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    // cumsum keeps one row of running sums now, so only sort still needs a large scratch.
    @Test("sort's scratch arrays count toward --max-memory", arguments: [
        ("torch.ones(3000, 3000).sort()", "412.0 MiB"),
    ])
    func scratchCounted(_ program: String, _ size: String) throws {
        let result = try runHostile(["-e", "y = " + program, "--max-memory", "0.1"], input: [])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[RuntimeError]: this would allocate \(size), above the tensor memory limit of 102.4 MiB"))
    }

    @Test("lesson --check stops a block that loops forever")
    func lessonCheckTimeout() throws {
        let path = try writeLoopingLesson()
        let started = Date()
        let result = try runHostile(["lesson", "--check", path, "--timeout", "1"], input: [])
        #expect(result.status == 1)
        #expect(result.stderr.contains("TimeoutError: the program ran longer than 1 s (--timeout) and was stopped"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test("a learner's endless answer in piped play times out and the lesson goes on")
    func lessonAnswerTimeout() throws {
        let path = try writeLoopingLesson(blockLoops: false)
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("tt-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let result = try runThroughShell("lesson '\(path)' --timeout 1 <<'EOF'\nwhile True: pass\n1\nEOF\n", environment: ["XDG_STATE_HOME": state])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("error[TimeoutError]: the program ran longer than 1 s (--timeout) and was stopped"))
        // An answer that raises (a timeout included) costs no try.
        #expect(result.stdout.contains("Not graded: your code raised an error (no try counted)."))
        #expect(result.stdout.contains("(solved at the first try)"))
    }

    @Test("an unknown lesson name is echoed with its escapes shown, not obeyed")
    func lessonNameEscaped() throws {
        let result = try runHostile(["lesson", "\u{1B}[31mred"], input: [])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: no lesson named '\\x1b[31mred'"))
        #expect(!result.stderr.contains("\u{1B}"))
    }

    /// A lesson whose block (or, with `blockLoops` false, nothing) loops forever, and
    /// whose one exercise's answer is `1`.
    private func writeLoopingLesson(blockLoops: Bool = true) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tt-lesson-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let block = blockLoops ? "x = 1\nwhile True:\n    x += 1" : "x = 1"
        let text = "---\ntitle: Loops\nid: loops\nsummary: A loop.\nrequires: []\n---\n\n# Loops\n\n```tensor\n\(block)\n```\n\n"
            + "```exercise\nprompt: Give the number one.\nanswer: 1\nhint: `1`\n```\n"
        let path = directory.appendingPathComponent("99-loops.md").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
