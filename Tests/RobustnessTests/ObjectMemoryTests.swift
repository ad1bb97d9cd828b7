import Diagnostics
import Interpreter
import TensorEngine
import Testing

/// Python containers count against the memory limit: millions of small lists end in a
/// MemoryError, which frees them, and the session goes on.
@Suite("Python objects under the memory limit", .serialized)
struct ObjectMemoryTests {
    /// Runs `body` with the process-wide budget set to what is in use plus `headroom`.
    private func withBudget(headroom: Int, _ body: () -> Void) {
        let saved = MemoryBudget.limit
        MemoryBudget.limit = MemoryBudget.liveBytes + headroom
        defer { MemoryBudget.limit = saved }
        body()
    }

    @Test("growing containers end in MemoryError and give their memory back", arguments: [
        // A condition keeps the comprehension from being refused up front by the item
        // limit, so these grow until the memory budget stops them.
        "x = [[0] for _ in range(10**7) if _ >= 0]",
        "x = [[i] for i in range(10**8) if i >= 0]",
        // In functions: the frame, and so the container, is freed as the error leaves it.
        "def grow():\n    d = {}\n    for i in range(10**7): d[i] = (i, i)\ngrow()",
        "def grow():\n    parts = []\n    for i in range(10**5): parts.append('x' * 10**4)\ngrow()",
        "rows = [(0,) * 1000 for _ in range(10**5)]",
        "def grow():\n    s = set()\n    for i in range(10**7): s.add(i)\ngrow()",
    ])
    func endsInMemoryError(_ program: String) {
        withBudget(headroom: 32 << 20) {
            let before = MemoryBudget.liveBytes
            let outcome = Sandbox.run(program, timeLimit: 60, hangLimit: 120)
            #expect(outcome.errorType == "MemoryError", "\(outcome.errorType ?? "no error"): \(outcome.message)")
            #expect(outcome.message.contains("--max-memory"), "\(outcome.message)")
            #expect(MemoryBudget.liveBytes - before < 1 << 20, "\(MemoryBudget.liveBytes - before) bytes still charged")
        }
    }

    @Test("the error is raised once, so a session can still free what it holds")
    func sessionRecovers() {
        withBudget(headroom: 32 << 20) {
            var errors: [String] = []
            var printed = ""
            let runner = ProgramRunner { event in
                if case let .error(error) = event { errors.append(error.type) }
                if case let .printed(text) = event { printed += text }
            }
            runner.run(SourceFile(name: "<a>", text: "try:\n    x = [[i] for i in range(10**7)]\nexcept MemoryError:\n    print('caught')\n"))
            runner.run(SourceFile(name: "<b>", text: "y = [[i] for i in range(1000)]\nprint(len(y))\n"))
            #expect(errors.isEmpty, "\(errors)")
            #expect(printed == "caught\n1000\n")
        }
    }
}
