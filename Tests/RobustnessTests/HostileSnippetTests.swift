import Foundation
import Testing

/// One program from `Fixtures/hostile_snippets.py`.
struct HostileSnippet: CustomTestStringConvertible, Sendable {
    let name: String
    /// The exception type it must end with; "ok" for none, "any" for any.
    let expected: String
    /// The exact message it must end with, when the header gives one (`-> Type: message`).
    var expectedMessage: String?
    let source: String

    var testDescription: String { name }

    /// The fixture file: snippets separated by `### name -> Expected` header lines.
    static let all: [HostileSnippet] = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/hostile_snippets.py").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var snippets: [HostileSnippet] = []
        var header: (name: String, expected: String)?
        var body: [Substring] = []
        func finish() {
            if let header {
                let typeAndMessage = header.expected.split(separator: ":", maxSplits: 1)
                snippets.append(HostileSnippet(name: header.name, expected: String(typeAndMessage[0]),
                                               expectedMessage: typeAndMessage.count > 1 ? String(typeAndMessage[1].dropFirst()) : nil,
                                               source: body.joined(separator: "\n")))
            }
            body = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") {
                finish()
                let parts = line.dropFirst(4).components(separatedBy: " -> ")
                header = (parts[0].trimmingCharacters(in: .whitespaces),
                          parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "any")
            } else if header != nil {
                body.append(line)
            }
        }
        finish()
        return snippets
    }()
}

/// Every program that ever crashed or hung the tool, and the hostile programs of the
/// robustness issue, replayed: each must end promptly with the expected Python error.
@Suite(.serialized)
struct HostileSnippetTests {
    @Test("the snippet file parses")
    func fixtureLoads() {
        #expect(HostileSnippet.all.count > 50)
    }

    @Test("each hostile snippet ends with its expected error", arguments: HostileSnippet.all)
    func replays(_ snippet: HostileSnippet) {
        let outcome = Sandbox.run(snippet.source, timeLimit: 2)
        #expect(outcome.finished, "still running at the hang limit")
        switch snippet.expected {
        case "any": break
        case "ok": #expect(outcome.errorType == nil, "\(outcome.errorType ?? ""): \(outcome.message)")
        default: #expect(outcome.errorType == snippet.expected, "got \(outcome.errorType ?? "no error"): \(outcome.message)")
        }
        if let message = snippet.expectedMessage { #expect(outcome.message == message) }
        #expect(outcome.seconds < 10)
    }
}
