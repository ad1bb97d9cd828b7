import Foundation
import Testing

/// The write-failure family of `make fuzz`: the built tool, run as a learner's shell
/// would run it, with standard output closed or full and standard error closed or full,
/// across `run`, `-e`, `--json`, `explain` and `lesson --check`. Whatever the program,
/// the tool must end with a status (0, 1, or Python's 120 for a failed flush at exit),
/// never a signal or a Swift trap.
extension FuzzTests {
    /// Where the output goes; `2>&-` with a program that fails makes the error report
    /// itself the failed write.
    static let brokenSinks = [">&-", ">/dev/full", "2>&-", "2>/dev/full", ">&- 2>&-", ">/dev/full 2>/dev/full"]

    @Test("closed and full standard streams end every mode with a status, never a signal")
    func fuzzesWriteFailures() throws {
        var mutator = Mutator(seed: FuzzTests.seed &+ 7)
        let deadline = Date().addingTimeInterval(max(1, FuzzTests.seconds / 4))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tensortutor-write-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let programFile = directory.appendingPathComponent("program.py").path
        var runs = 0
        while Date() < deadline {
            let program = Int.random(in: 0..<3, using: &mutator.random) == 0
                ? mutator.edgeShapeProgram() : mutator.mutate(mutator.pick(SeedPrograms.all))
            try program.write(toFile: programFile, atomically: true, encoding: .utf8)
            let quoted = "'" + program.replacingOccurrences(of: "'", with: "'\\''") + "'"
            var modes = ["run \(programFile)", "-e \(quoted)", "--json run \(programFile)", "explain \(programFile)"]
            if !Self.lessonFiles.isEmpty { modes.append("lesson --check \(mutator.pick(Self.lessonFiles))") }
            let command = "--timeout 2 " + mutator.pick(modes) + " " + mutator.pick(Self.brokenSinks)
            let status = try Self.runTool(command)
            runs += 1
            // bash reports a death by signal N as 128 + N.
            #expect([0, 1, 120].contains(status), "status \(status) for: tensortutor \(command)")
            if ![0, 1, 120].contains(status) {
                FileManager.default.createFile(atPath: Sandbox.lastProgramPath, contents: Data(program.utf8))
                return
            }
        }
        print("ran \(runs) programs with broken standard streams")
    }

    static let lessonFiles: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let lessons = root.appendingPathComponent("lessons")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lessons.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().map { lessons.appendingPathComponent($0).path }
    }()

    /// Runs the built tool under bash with `arguments` (redirections included); its status.
    static func runTool(_ arguments: String) throws -> Int32 {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var binary = directory.appendingPathComponent("tensortutor").path
        if !FileManager.default.isExecutableFile(atPath: binary) {
            binary = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("tensortutor").path
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "\"$0\" " + arguments, binary]
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
