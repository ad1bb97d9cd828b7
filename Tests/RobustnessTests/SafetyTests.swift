import Diagnostics
import Foundation
import Interpreter
import Testing

/// Bad bytes in source, the sandbox's closed doors, and text that must never reach a
/// terminal raw.
struct SafetyTests {
    @Test("invalid UTF-8 is a SyntaxError at its line and column", arguments: [
        ([0x78, 0x20, 0x3D, 0x20, 0x31, 0x0A, 0x79, 0x20, 0x3D, 0x20, 0xFF, 0x0A] as [UInt8], 2, 5, "invalid start byte"),
        ([0x78, 0x3D, 0x27, 0xC0, 0xAF, 0x27] as [UInt8], 1, 4, "invalid start byte"),
        ([0x78, 0x3D, 0x27, 0xED, 0xA0, 0x80, 0x27] as [UInt8], 1, 4, "invalid continuation byte"),
        ([0x31, 0x0A, 0xE2, 0x82] as [UInt8], 2, 1, "unexpected end of data"),
        ([0x78, 0x20, 0x3D, 0x20, 0x31, 0x00] as [UInt8], 1, 6, "null bytes"),
    ])
    func refusesBadBytes(_ bytes: [UInt8], line: Int, column: Int, reason: String) {
        var errors: [RunError] = []
        let runner = ProgramRunner { event in if case let .error(error) = event { errors.append(error) } }
        #expect(!runner.run(bytes: bytes, name: "<bytes>"))
        #expect(errors.count == 1)
        #expect(errors.first?.type == "SyntaxError")
        #expect(errors.first?.message.contains(reason) == true, "\(errors.first?.message ?? "")")
        #expect(errors.first?.line == line)
        #expect(errors.first?.column == column)
    }

    @Test("a byte order mark is skipped and valid UTF-8 runs")
    func acceptsGoodBytes() {
        var values: [String] = []
        let runner = ProgramRunner()
        runner.onEvent = { event in if case let .value(value, _) = event { values.append((try? runner.interpreter.repr(value)) ?? "") } }
        #expect(runner.run(bytes: [0xEF, 0xBB, 0xBF] + Array("ñ = 'é'\nñ".utf8), name: "<bytes>"))
        #expect(values == ["'é'"])
    }

    @Test("programs above the size limit are refused before parsing")
    func refusesHugeSource() {
        var errors: [RunError] = []
        let runner = ProgramRunner { event in if case let .error(error) = event { errors.append(error) } }
        #expect(!runner.run(bytes: Array(repeating: UInt8(ascii: "1"), count: 2000), name: "<big>", maximumByteCount: 1000))
        #expect(errors.first?.type == "SyntaxError")
        #expect(errors.first?.message.contains("above the limit of 1000 bytes") == true)
    }

    @Test("a control character outside a string is a SyntaxError")
    func refusesControlCharacters() {
        let outcome = Sandbox.run("x = 1\u{01}\n")
        #expect(outcome.errorType == "SyntaxError")
    }

    @Test("no way out of the sandbox", arguments: [
        "import os\nos.system('ls')", "import os\nos.listdir('/')", "import os\nos.environ['HOME']", "import os\nos.path.exists('/etc')",
        "import sys\nsys.modules['os']", "import sys\nsys.stdin.read()", "import sys\nsys.settrace(None)",
        "import subprocess", "import socket", "import ctypes", "from os import system\nsystem('ls')",
        "__import__('os')", "open('/etc/passwd')", "open('/tmp/tensortutor-sandbox-test', 'w')", "eval('__import__(\\'os\\')')",
        "exec('x = 1')", "compile('1', 'f', 'eval')", "globals()['__builtins__']", "input()", "breakpoint()", "torch.load('/etc/passwd')",
        "torch.save(torch.ones(1), '/tmp/tensortutor-sandbox-test')", "torch.from_file('/etc/passwd')",
    ])
    func sandboxEscapesFail(_ program: String) {
        let outcome = Sandbox.run(program)
        #expect(outcome.errorType != nil, "\(program) ran")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/tensortutor-sandbox-test"))
    }

    @Test("imports and builtins that touch the system explain themselves")
    func sandboxErrorsAreClear() {
        #expect(Sandbox.run("import subprocess").message.contains("no file, network, process or environment access"))
        #expect(Sandbox.run("import os\nos.listdir('.')").message.contains("no file, network, process or environment access"))
        #expect(Sandbox.run("open('x')").message.contains("not available"))
        // eval runs an expression with the program's own builtins, so what they refuse it refuses.
        #expect(Sandbox.run("eval('open(\\'x\\')')").message.contains("not available"))
    }

    @Test("terminal escapes in printed text and messages are shown escaped")
    func escapesTerminalControls() {
        #expect(escapeTerminalControls("\u{1B}[2J\u{1B}]0;title\u{07}") == "\\x1b[2J\\x1b]0;title\\x07")
        #expect(escapeTerminalControls("line one\n\tline two") == "line one\n\tline two")
        #expect(escapeTerminalControls("a\rb\u{08}c\u{9B}d\u{202E}e") == "a\\x0db\\x08c\\x9bd\\u202ee")
        #expect(escapeTerminalControls("plain ñ 変数") == "plain ñ 変数")
        let rendered = DiagnosticRenderer().render(
            Diagnostic(severity: .error, code: "ValueError", message: "\u{1B}[2Jgone", span: nil), in: nil)
        #expect(!rendered.contains("\u{1B}"))
        #expect(rendered.contains("\\x1b[2Jgone"))
    }

    @Test("the timeout is not caught by except clauses")
    func timeoutIsUncatchable() {
        let outcome = Sandbox.run("while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass", timeLimit: 0.3)
        #expect(outcome.finished)
        #expect(outcome.errorType == "TimeoutError")
        #expect(outcome.seconds < 5)
    }

    @Test("limits are configurable per interpreter")
    func configurableLimits() {
        let runner = ProgramRunner()
        var errors: [RunError] = []
        runner.onEvent = { event in if case let .error(error) = event { errors.append(error) } }
        runner.interpreter.limits.maxContainerItems = 10
        runner.interpreter.limits.maxStringBytes = 10
        runner.interpreter.maxCallDepth = 5
        runner.run(SourceFile(name: "<t>", text: "x = [0] * 11"))
        runner.run(SourceFile(name: "<t>", text: "x = 'abcdef' * 2"))
        runner.run(SourceFile(name: "<t>", text: "def f(n):\n    return f(n + 1)\nf(0)"))
        #expect(errors.map(\.type) == ["MemoryError", "MemoryError", "RecursionError"])
        #expect(errors.first?.message.contains("above the limit of 10") == true)
    }
}
