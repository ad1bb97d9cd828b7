import Testing
@testable import REPL

/// Every `:help` example must print exactly what its documentation shows.
struct FunctionDocExampleTests {
    @Test("every documented example is true", arguments: FunctionDocs.all.map(\.name))
    func exampleRuns(name: String) throws {
        let doc = try #require(FunctionDocs.lookup(name))
        // The global generator is shared with tests running alongside; an example that
        // seeds it may lose a race, so it gets a few tries. Others run once.
        let attempts = doc.example.contains("torch.manual_seed") ? 5 : 1
        for attempt in 1...attempts {
            let (expected, produced, output) = run(doc.example)
            // A deprecated op's example warns, as PyTorch does; nothing may raise.
            let errors = output.split(separator: "\n").filter { !$0.contains("Warning: ") && !$0.allSatisfy(\.isWhitespace) }
            if expected == produced && errors.isEmpty { return }
            if attempt == attempts {
                #expect(errors.isEmpty, "\(name) raised \(errors)")
                #expect(produced == expected, "\(name)")
            }
        }
    }

    private func run(_ example: String) -> (expected: String, produced: String, errors: String) {
        let (session, output) = makeSession()
        var expected = ""
        var produced = ""
        var errors = ""
        for line in example.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(">>> ") {
                let taken = output.take()
                produced += taken.output
                errors += taken.errors
                _ = session.feed(String(line.dropFirst(4)))
            } else {
                expected += line + "\n"
            }
        }
        let taken = output.take()
        return (expected, produced + taken.output, errors + taken.errors)
    }

    @Test("every documented name exists in the interpreter")
    func namesExist() {
        let (session, output) = makeSession()
        for doc in FunctionDocs.all {
            for name in [doc.name] + doc.aliases {
                let parts = name.split(separator: ".").map(String.init)
                if parts.first == "Tensor" {
                    _ = session.feed("__probe = torch.ones(1).\(parts[1])")
                } else {
                    _ = session.feed("__probe = \(name)")
                }
                #expect(output.take().errors.isEmpty, "\(name) does not exist")
            }
        }
    }
}
