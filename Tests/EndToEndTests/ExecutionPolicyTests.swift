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
}
