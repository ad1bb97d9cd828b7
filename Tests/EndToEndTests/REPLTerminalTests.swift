import Foundation
import Glibc
import Testing

/// Drives the real binary in a pseudo-terminal, typing as a person would, with HOME and
/// XDG_STATE_HOME in a fresh directory and NO_COLOR=1. Every wait reads until the
/// expected text appears, with generous timeouts for slow CI machines.
@Suite(.serialized)
struct REPLTerminalTests {
    @Test("an expression typed at the prompt prints its value")
    func expression() throws {
        let terminal = try PseudoTerminal()
        try terminal.expect(">>> ")
        terminal.type("x = torch.arange(6).view(2, 3)\r")
        try terminal.expect(">>> ")
        terminal.type("x.sum(dim=0)\r")
        try terminal.expect("tensor([3, 5, 7])")
        try terminal.expect(">>> ")
        terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("a multi-line for block runs after the empty line")
    func forBlock() throws {
        let terminal = try PseudoTerminal()
        try terminal.expect(">>> ")
        terminal.type("for i in range(3):\r")
        try terminal.expect("... ")
        terminal.type("    print(i * 10)\r")
        try terminal.expect("... ")
        terminal.type("\r")
        try terminal.expect("0\n10\n20\n")
        try terminal.expect(">>> ")
        terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("Tab completes F.log_softm to F.log_softmax")
    func completion() throws {
        let terminal = try PseudoTerminal()
        try terminal.expect(">>> ")
        terminal.type("F.log_softm\t")
        try terminal.expect("F.log_softmax")
        terminal.type("(torch.tensor([0., 0.]), dim=0)\r")
        try terminal.expect("tensor([-0.6931, -0.6931])")
        try terminal.expect(">>> ")
        terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("an error is reported and the session goes on")
    func errorThenMoreInput() throws {
        let terminal = try PseudoTerminal()
        try terminal.expect(">>> ")
        terminal.type("y = torch.ones(2, 3)\r")
        try terminal.expect(">>> ")
        terminal.type("y[:, 3]\r")
        try terminal.expect("IndexError")
        try terminal.expect("index 3 is out of bounds for dimension 1 with size 3")
        try terminal.expect("^^^^^^^")
        try terminal.expect(">>> ")
        terminal.type("y.shape\r")
        try terminal.expect("torch.Size([2, 3])")
        try terminal.expect(">>> ")
        terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("Ctrl-C stops while True: pass and keeps the variables")
    func interruptEvaluation() throws {
        let terminal = try PseudoTerminal()
        try terminal.expect(">>> ")
        terminal.type("kept = 41\r")
        try terminal.expect(">>> ")
        terminal.type("while True: pass\r")
        try terminal.expect("... ")
        terminal.type("\r")
        // A Ctrl-C typed before the editor hands the terminal back would be read as a
        // key at the next prompt, so keep pressing it until the loop reports.
        try terminal.expect("KeyboardInterrupt", timeout: 20, whileWaiting: { terminal.type("\u{03}") }, every: 1)
        try terminal.expect(">>> ")
        terminal.type("kept + 1\r")
        try terminal.expect("42")
        try terminal.expect(">>> ")
        terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("Ctrl-C while typing clears the line")
    func interruptTyping() throws {
        let terminal = try PseudoTerminal()
        try terminal.expect(">>> ")
        terminal.type("undefined_thing")
        try terminal.expect("undefined_thing")
        terminal.type("\u{03}")
        try terminal.expect(">>> ")
        terminal.type("6 * 7\r")
        try terminal.expect("42")
        #expect(!terminal.transcript.contains("NameError"))
        try terminal.expect(">>> ")
        terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("Ctrl-D on an empty line exits with status 0")
    func endOfFile() throws {
        let terminal = try PseudoTerminal()
        try terminal.expect(">>> ")
        terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("the up arrow recalls a line from an earlier session")
    func historyAcrossSessions() throws {
        let home = try PseudoTerminal.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let first = try PseudoTerminal(home: home)
        try first.expect(">>> ")
        first.type("remembered = 12345\r")
        try first.expect(">>> ")
        first.type("\u{04}")
        #expect(try first.waitForExit() == 0)

        let second = try PseudoTerminal(home: home)
        try second.expect(">>> ")
        second.type("\u{1B}[A")
        try second.expect("remembered = 12345")
        second.type("\r")
        try second.expect(">>> ")
        second.type("remembered\r")
        try second.expect("12345")
        try second.expect(">>> ")
        second.type("\u{04}")
        #expect(try second.waitForExit() == 0)
    }
}

/// A child process on the slave side of a pseudo-terminal, and a transcript of what it
/// wrote (escape sequences and carriage returns removed, so tests match plain text).
final class PseudoTerminal {
    private let master: Int32
    private let pid: pid_t
    private let ownsHome: String?
    private var raw: [UInt8] = []
    /// Where the next `expect` starts looking in the cleaned transcript.
    private var searchStart: String.Index?
    private(set) var transcript = ""
    private var exitStatus: Int32?

    static func makeHome() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tt-pty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    init(home: String? = nil) throws {
        let directory = try home ?? Self.makeHome()
        ownsHome = home == nil ? directory : nil
        let executable = replToolPath()
        var environment = [
            "HOME=\(directory)", "XDG_STATE_HOME=\(directory)/state", "NO_COLOR=1", "TERM=xterm",
            "PATH=/usr/bin:/bin", "LANG=C.UTF-8",
        ]
        if let library = ProcessInfo.processInfo.environment["LD_LIBRARY_PATH"] { environment.append("LD_LIBRARY_PATH=\(library)") }
        // Everything the child needs is prepared before fork: after it, only exec.
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(executable), nil]
        let environmentPointers: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer {
            arguments.forEach { free($0) }
            environmentPointers.forEach { free($0) }
        }
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        var masterDescriptor: Int32 = -1
        let child = forkpty(&masterDescriptor, nil, nil, &size)
        if child == 0 {
            execve(executable, arguments, environmentPointers)
            _exit(127)
        }
        guard child > 0 else { throw PseudoTerminalError.spawnFailed }
        master = masterDescriptor
        pid = child
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
        if let ownsHome { try? FileManager.default.removeItem(atPath: ownsHome) }
    }

    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads until `text` appears after the previous match; fails after `timeout` seconds.
    func expect(_ text: String, timeout: Double = 10, whileWaiting action: (() -> Void)? = nil, every interval: Double = 1) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var nextAction = Date().addingTimeInterval(interval)
        while true {
            let start = searchStart ?? transcript.startIndex
            if let range = transcript.range(of: text, range: start..<transcript.endIndex) {
                searchStart = range.upperBound
                return
            }
            if Date() > deadline {
                Issue.record("timed out waiting for \(text.debugDescription); transcript:\n\(transcript)")
                throw PseudoTerminalError.timedOut(text)
            }
            if let action, Date() >= nextAction {
                action()
                nextAction = Date().addingTimeInterval(interval)
            }
            readAvailable(waitingMilliseconds: 100)
        }
    }

    private func readAvailable(waitingMilliseconds: Int32) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, waitingMilliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else {
            usleep(20_000)
            return
        }
        raw.append(contentsOf: buffer[..<count])
        let offset = searchStart.map { transcript.distance(from: transcript.startIndex, to: $0) }
        transcript = Self.clean(String(decoding: raw, as: UTF8.self))
        searchStart = offset.map { transcript.index(transcript.startIndex, offsetBy: min($0, transcript.count)) }
    }

    /// Drops CSI/OSC escape sequences, bells and carriage returns.
    static func clean(_ text: String) -> String {
        var result = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "\u{1B}":
                guard let next = scalars.next() else { break }
                if next == "[" {
                    while let c = scalars.next(), !(0x40...0x7E).contains(c.value) {}
                } else if next == "]" {
                    while let c = scalars.next(), c != "\u{07}" {}
                }
            case "\r", "\u{07}":
                continue
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Waits for the child to exit (draining its output) and returns its exit status.
    func waitForExit(timeout: Double = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                exitStatus = code
                return code
            }
            readAvailable(waitingMilliseconds: 50)
        }
        Issue.record("the REPL did not exit; transcript:\n\(transcript)")
        throw PseudoTerminalError.timedOut("exit")
    }
}

enum PseudoTerminalError: Error {
    case spawnFailed
    case timedOut(String)
}

private func replToolPath() -> String {
    let bundleDirectory = Bundle.main.bundleURL.deletingLastPathComponent()
    let candidates = [
        bundleDirectory.appendingPathComponent("tensortutor"),
        Bundle.main.bundleURL.appendingPathComponent("tensortutor"),
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tensortutor"),
    ]
    return (candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]).path
}
