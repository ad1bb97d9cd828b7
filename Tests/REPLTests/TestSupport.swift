import Foundation
@testable import REPL

/// Collects what a session writes, per stream.
final class CollectedOutput: ReplOutput {
    var output = ""
    var errors = ""

    func write(_ text: String, to stream: ReplStream) {
        if stream == .output { output += text } else { errors += text }
    }

    func take() -> (output: String, errors: String) {
        defer { output = ""; errors = "" }
        return (output, errors)
    }
}

func makeSession(width: Int = 80, lessonDirectory: String? = nil) -> (ReplSession, CollectedOutput) {
    let output = CollectedOutput()
    let settings = ReplSession.Settings(version: "test", useColor: false, width: { width }, lessonDirectory: lessonDirectory)
    let session = ReplSession(settings: settings, output: output)
    return (session, output)
}
