import Diagnostics
import Foundation
import Interpreter

/// The `:` commands. Each is a name, an argument synopsis, one line of help, and a
/// handler that returns false only to end the session.
struct ReplCommand {
    let name: String
    let arguments: String
    let summary: String
    let run: (ReplSession, String) -> Bool
}

extension ReplSession {
    /// Built on each use: a handful of values, and no global state to guard.
    static var commands: [ReplCommand] { [
        ReplCommand(name: "help", arguments: "[NAME]", summary: "this list, or the documentation of a torch function (:help softmax)") {
            $0.showHelp($1)
            return true
        },
        ReplCommand(name: "vars", arguments: "", summary: "the session's variables: type, dtype, shape, and which tensors are views of which") { session, _ in
            session.showVariables()
            return true
        },
        ReplCommand(name: "explain", arguments: "EXPR | on | off", summary: "explain what an expression does step by step; on/off explains every input") {
            $0.explainCommand($1)
            return true
        },
        ReplCommand(name: "graph", arguments: "EXPR", summary: "draw a tensor's autograd graph: PyTorch's node names, shapes, and the parameters it reaches") {
            $0.graphCommand($1)
            return true
        },
        ReplCommand(name: "time", arguments: "EXPR", summary: "time an expression, timeit-style: the median over several runs of many loops") {
            $0.timeCommand($1)
            return true
        },
        ReplCommand(name: "load", arguments: "FILE", summary: "run a Python file into the session; its variables stay defined") {
            $0.loadCommand($1)
            return true
        },
        ReplCommand(name: "reset", arguments: "", summary: "forget every variable and start a fresh session") { session, _ in
            session.resetSession()
            session.write("session reset: all variables cleared\n")
            return true
        },
        ReplCommand(name: "lesson", arguments: "[NAME]", summary: "list the lessons, or start one") {
            $0.lessonCommand($1)
            return true
        },
        ReplCommand(name: "quit", arguments: "", summary: "leave the session (Ctrl-D does too)") { _, _ in false },
    ] }

    static var commandNames: [String] { commands.map(\.name) }

    /// Runs `:name arguments`. Returns false when the session should end.
    func runCommand(_ line: String) -> Bool {
        let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
        let name = String(body.prefix { !$0.isWhitespace })
        let arguments = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
            writeError("type a command after ':', for example :help\n")
            return true
        }
        switch Self.resolveCommand(name) {
        case let .found(command):
            return command.run(self, arguments)
        case let .ambiguous(names):
            writeError("':\(name)' is ambiguous: " + names.map { ":" + $0 }.joined(separator: ", ") + "\n")
        case .unknown:
            var message = "unknown command ':\(name)'"
            if let suggestion = closestMatch(to: name, among: Self.commandNames) {
                message += "; did you mean ':\(suggestion)'?"
            } else {
                message += "; :help lists the commands"
            }
            writeError(message + "\n")
        }
        return true
    }

    enum CommandLookup {
        case found(ReplCommand)
        case ambiguous([String])
        case unknown
    }

    /// Exact names, plus unambiguous prefixes (`:q`, `:v`), as in many REPLs.
    static func resolveCommand(_ name: String) -> CommandLookup {
        let lowered = name.lowercased()
        if let command = commands.first(where: { $0.name == lowered }) { return .found(command) }
        if lowered == "exit" || lowered == "q" { return .found(commands.first { $0.name == "quit" }!) }
        let matches = commands.filter { $0.name.hasPrefix(lowered) }
        if matches.count == 1 { return .found(matches[0]) }
        if matches.count > 1 { return .ambiguous(matches.map(\.name)) }
        return .unknown
    }

    func showHelp(_ argument: String) {
        if !argument.isEmpty {
            showDocumentation(for: argument)
            return
        }
        var lines = [paint("Commands", "1")]
        let width = (Self.commands.map { $0.name.count + $0.arguments.count }.max() ?? 0) + 3
        for command in Self.commands {
            let synopsis = ":" + command.name + (command.arguments.isEmpty ? "" : " " + command.arguments)
            lines.append("  " + synopsis.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + wrapped(command.summary, indent: width + 4))
        }
        lines.append("")
        lines.append(paint("Typing code", "1"))
        lines.append("  Type Python as in PyTorch: torch, F (torch.nn.functional), nn and math are imported.")
        lines.append("  A block (for, def, if, ...) ends on an empty line. Tab completes names, members")
        lines.append("  and keyword arguments. Ctrl-C stops a running computation, Ctrl-R searches history.")
        write(lines.joined(separator: "\n") + "\n")
    }

    /// `text` wrapped to the terminal width, continuation lines indented by `indent`.
    func wrapped(_ text: String, indent: Int) -> String {
        let available = max(20, settings.width() - indent)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > available {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }

    func loadCommand(_ argument: String) {
        guard !argument.isEmpty else {
            writeError("usage: :load FILE\n")
            return
        }
        let path = (argument.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) as NSString).expandingTildeInPath
        // Read as `run FILE` reads: at most one byte past the source limit, then decoded
        // strictly, so a huge or binary file is a SyntaxError rather than a hang.
        let limit = SourceFile.defaultMaximumByteCount
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: path),
              let data = try? handle.read(upToCount: limit + 1) else {
            writeError("cannot read file '\(path)'\n")
            return
        }
        try? handle.close()
        let before = Set(interpreter.variableNames)
        echoesValues = false
        defer { echoesValues = true }
        let runner = self.runner
        var succeeded = false
        Interpreter.interruptRequested = false
        withLargeStack { succeeded = runner.run(bytes: [UInt8](data), name: path, maximumByteCount: limit) }
        Interpreter.interruptRequested = false
        let defined = interpreter.variableNames.filter { !before.contains($0) && !$0.hasPrefix("_") }.sorted()
        var message = succeeded ? "loaded \(path)" : "loaded \(path) up to the error"
        if !defined.isEmpty { message += "; new names: " + defined.joined(separator: ", ") }
        write(paint(message, "2") + "\n")
    }
}

/// The candidate nearest to `word` by edit distance, when it is near enough to be a
/// plausible typo.
func closestMatch(to word: String, among candidates: [String]) -> String? {
    let lowered = word.lowercased()
    let scored = candidates.map { ($0, editDistance(lowered, $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    let limit = max(1, min(3, word.count / 3 + 1))
    return best.1 <= limit ? best.0 : nil
}

/// Edit distance counting a swap of two neighbours as one edit (optimal string
/// alignment), so `:hepl` is one edit from `:help`.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        beforePrevious = previous
        previous = current
    }
    return previous[b.count]
}
