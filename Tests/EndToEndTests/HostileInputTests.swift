import Foundation
import Testing

/// Hostile programs through the real binary: each ends with status 0, 1 or 2, promptly,
/// with a Python-style message. (The long battery is `Tests/Scripts/hostile.py`.)
struct HostileInputTests {
    @Test("--timeout stops an endless loop with status 1 and a TimeoutError")
    func timeoutStopsLoops() throws {
        let started = Date()
        let result = try runHostile(["run", "-", "--timeout", "1"], input: Array("x = 1\nwhile True:\n    x += 1\n".utf8))
        #expect(result.status == 1)
        #expect(result.stderr.contains("TimeoutError"))
        #expect(result.stderr.contains("1 s"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("--timeout stops a long single op too, after a grace period")
    func timeoutStopsLongOps() throws {
        let started = Date()
        let result = try runHostile(["run", "-", "--timeout", "1"],
                                    input: Array("a = torch.ones(3000, 3000)\nfor i in range(1000):\n    a = a @ a\n".utf8))
        #expect(result.status == 1)
        #expect(result.stderr.contains("TimeoutError"))
        #expect(Date().timeIntervalSince(started) < 15)
    }

    @Test("--timeout in JSON mode ends with an error record")
    func timeoutInJSON() throws {
        let result = try runHostile(["run", "-", "--json", "--timeout", "1"], input: Array("print('hi')\nwhile True:\n    pass\n".utf8))
        #expect(result.status == 1)
        #expect(result.stdout.contains("{\"kind\": \"print\""))
        #expect(result.stdout.contains("\"type\": \"TimeoutError\""))
    }

    @Test("invalid UTF-8 on standard input is a SyntaxError with its position")
    func invalidUTF8() throws {
        let result = try runHostile(["run", "-"], input: [0x78, 0x20, 0x3D, 0x20, 0x31, 0x0A, 0x79, 0x20, 0x3D, 0x20, 0x27, 0xFF, 0x27, 0x0A])
        #expect(result.status == 1)
        #expect(result.stderr.contains("SyntaxError"))
        #expect(result.stderr.contains("can't decode byte 0xff"))
        #expect(result.stderr.contains(" 2 | "))
    }

    @Test("a NUL byte in a file is a SyntaxError")
    func nulInFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tensortutor-nul-\(UUID().uuidString).py").path
        FileManager.default.createFile(atPath: path, contents: Data([0x78, 0x20, 0x3D, 0x20, 0x31, 0x00, 0x0A]))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try runHostile(["run", path], input: [])
        #expect(result.status == 1)
        #expect(result.stderr.contains("source code cannot contain null bytes"))
    }

    @Test("printed escape sequences stay byte-exact in a pipe; messages never carry them raw")
    func escapeSequences() throws {
        let result = try runHostile(["run", "-"], input: Array("print('\\x1b[2J')\nraise ValueError('\\x1b]0;pwned\\x07')\n".utf8))
        #expect(result.status == 1)
        #expect(result.stdout == "\u{1B}[2J\n")
        #expect(!result.stderr.contains("\u{1B}"))
        #expect(result.stderr.contains("\\x1b]0;pwned\\x07"))
    }

    @Test("a program above --max-source-bytes is refused")
    func sourceLimit() throws {
        let result = try runHostile(["run", "-", "--max-source-bytes", "100"], input: Array(String(repeating: "x = 1\n", count: 100).utf8))
        #expect(result.status == 1)
        #expect(result.stderr.contains("above the limit of 100 bytes"))
    }

    @Test("printing past --max-output-bytes stops the program")
    func outputLimit() throws {
        let result = try runHostile(["run", "-", "--max-output-bytes", "1000"], input: Array("while True:\n    print('spam' * 10)\n".utf8))
        #expect(result.status == 1)
        #expect(result.stdout.utf8.count <= 1000)
        #expect(result.stderr.contains("--max-output-bytes"))
    }

    @Test("huge sizes are errors, not crashes", arguments: [
        ("'a' * 10**12", "MemoryError"), ("[0] * 10**12", "MemoryError"), ("list(range(10**12))", "MemoryError"),
        // CPython would spend minutes and gigabytes on 10 ** 10 ** 10; big ints stop at a width.
        ("10 ** 10 ** 10", "MemoryError"), ("torch.zeros(2**62)", "RuntimeError"),
        ("torch.ones(1).expand(2**62, 2**62)", "RuntimeError"), ("torch.eye(2**40)", "RuntimeError"),
        ("torch.arange(0, 1e30)", "RuntimeError"), ("torch.linspace(0, 1, 2**62)", "RuntimeError"),
        ("def f(n):\n    return f(n + 1)\nf(0)", "RecursionError"),
        ("(" + String(repeating: "(", count: 20000) + ")" + String(repeating: ")", count: 20000), "SyntaxError"),
    ])
    func hugeSizes(_ program: String, _ errorType: String) throws {
        let result = try runHostile(["run", "-"], input: Array(program.utf8))
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[\(errorType)]"), "\(result.stderr)")
    }

    @Test("extreme print options are clamped, not trapped on", arguments: [
        "torch.set_printoptions(edgeitems=2**62)\nprint(torch.arange(2000))",
        "torch.set_printoptions(edgeitems=-3)\nprint(torch.arange(2000))",
        "torch.set_printoptions(precision=2**62)\nprint(torch.ones(2))",
        "torch.set_printoptions(linewidth=-2**62)\nprint(torch.ones(20))",
        "torch.set_printoptions(threshold=float('inf'))\nprint(torch.arange(10))",
    ])
    func printOptions(_ program: String) throws {
        let result = try runHostile(["run", "-"], input: Array(program.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("tensor("))
    }

    @Test("--max-memory lowers the tensor memory limit")
    func memoryLimit() throws {
        let result = try runHostile(["run", "-", "--max-memory", "0.001"], input: Array("torch.zeros(1000, 1000)\n".utf8))
        #expect(result.status == 1)
        #expect(result.stderr.contains("this would allocate"))
        #expect(try runHostile(["run", "-", "--max-memory", "-1"], input: []).status == 2)
        #expect(try runHostile(["run", "-", "--timeout", "-1"], input: []).status == 2)
    }
}

/// Runs the binary built next to the test bundle with raw bytes on standard input.
func runHostile(_ arguments: [String], input: [UInt8]) throws -> ToolResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tensortutor")
    if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
        process.executableURL = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("tensortutor")
    }
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let standardInput = Pipe()
    let standardOutput = Pipe()
    let standardError = Pipe()
    process.standardInput = standardInput
    process.standardOutput = standardOutput
    process.standardError = standardError
    try process.run()
    // Written from another thread: a large input must not block on a full pipe while
    // the tool waits for us to read its output.
    let writer = Thread {
        standardInput.fileHandleForWriting.write(Data(input))
        try? standardInput.fileHandleForWriting.close()
    }
    writer.start()
    let errorData = LockedData()
    let errorReader = Thread { errorData.set(standardError.fileHandleForReading.readDataToEndOfFile()) }
    errorReader.start()
    let output = standardOutput.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorData.isSet { Thread.sleep(forTimeInterval: 0.01) }
    return ToolResult(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                      stderr: String(decoding: errorData.value, as: UTF8.self))
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}
