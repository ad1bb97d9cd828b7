import Foundation
import Testing

/// Standard streams that cannot be written (closed, full, a reader gone) and output
/// limits: the tool ends with a status, never a signal or a trap.
struct WriteFailureTests {
    @Test("a full standard output ends the run quietly with status 1", arguments: [
        "-e 'print(1)' >/dev/full", "run - >/dev/full <<'EOF'\nprint('x' * 100000)\nEOF",
    ])
    func fullOutput(_ command: String) throws {
        let result = try runThroughShell(command)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test("a closed standard output ends the run with status 1")
    func closedOutput() throws {
        let result = try runThroughShell("-e 'print(1)' >&-")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test("a closed standard error with an error to report ends with status 1")
    func closedError() throws {
        #expect(try runThroughShell("-e '1/0' 2>&-").status == 1)
    }

    @Test("a reader that goes away ends the run, not a SIGPIPE")
    func brokenPipe() throws {
        let result = try runThroughShell("-e 'for i in range(10**6): print(i)' | head -1; echo \"status ${PIPESTATUS[0]}\"")
        #expect(result.stdout == "0\nstatus 1\n")
    }

    @Test("one print larger than --max-output-bytes is an error, status 1")
    func singleHugePrint() throws {
        let result = try runHostile(["run", "-", "--max-output-bytes", "1000"], input: Array("print('a' * 5000)\n".utf8))
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error[RuntimeError]: the program printed more than 1000 bytes (--max-output-bytes) and was stopped"))
    }

    @Test("--max-memory above the machine's memory is a usage error")
    func memoryAboveMachine() throws {
        let result = try runHostile(["-e", "torch.empty(2**40)", "--max-memory", "999999"], input: [])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--max-memory must be at most this machine's memory"))
    }
}

/// Runs the built binary (as `$0`) under bash, so a test can close or redirect its streams.
func runThroughShell(_ arguments: String, environment extra: [String: String] = [:]) throws -> ToolResult {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tensortutor")
    let path = FileManager.default.isExecutableFile(atPath: binary.path) ? binary.path
        : Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("tensortutor").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", "\"$0\" " + arguments, path]
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.merge(extra) { $1 }
    process.environment = environment
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    nonisolated(unsafe) var errorData = Data()
    let done = DispatchSemaphore(value: 0)
    let reader = Thread {
        errorData = error.fileHandleForReading.readDataToEndOfFile()
        done.signal()
    }
    reader.start()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    done.wait()
    return ToolResult(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                      stderr: String(decoding: errorData, as: UTF8.self))
}
