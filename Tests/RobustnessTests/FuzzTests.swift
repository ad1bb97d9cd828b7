import Foundation
import Testing

/// Mutated conformance programs, random token streams, corrupted bytes and programs from
/// the edge families (`EdgeGenerators.swift`: edge shapes × ops, protocol classes,
/// builtins with edge arguments), run through the parser and interpreter in this
/// process for a bounded time.
///
/// `make test` runs it for a few seconds; `make fuzz` for minutes. Set
/// `TENSORTUTOR_FUZZ_SECONDS` and `TENSORTUTOR_FUZZ_SEED` to choose. A Swift trap or a
/// stack overflow takes the test process down: the program that did it is then in
/// `Sandbox.lastProgramPath`. Each crash found goes into `Fixtures/hostile_snippets.py`
/// with its fix, so it is replayed by `HostileSnippetTests` on every run.
@Suite(.serialized)
struct FuzzTests {
    static let seconds = Double(ProcessInfo.processInfo.environment["TENSORTUTOR_FUZZ_SECONDS"] ?? "") ?? 4
    static let seed = UInt64(ProcessInfo.processInfo.environment["TENSORTUTOR_FUZZ_SEED"] ?? "") ?? 1

    @Test("hostile variations of real programs end with a value or a Python error, never a crash or hang")
    func fuzzesPrograms() {
        var mutator = Mutator(seed: FuzzTests.seed)
        let seeds = SeedPrograms.all
        let deadline = Date().addingTimeInterval(FuzzTests.seconds)
        var counts = (programs: 0, errors: 0)
        var slowest = (seconds: 0.0, program: "")
        print("fuzzing for \(FuzzTests.seconds) s from seed \(FuzzTests.seed); a crashing program is left in \(Sandbox.lastProgramPath)")
        while Date() < deadline {
            let outcome: SandboxOutcome
            let program: String
            switch Int.random(in: 0..<13, using: &mutator.random) {
            case 0:
                program = mutator.tokenStream()
                outcome = Sandbox.run(program, timeLimit: 0.5)
            case 10, 11, 12:
                program = [mutator.edgeShapeProgram(), mutator.protocolClassProgram(), mutator.builtinCallProgram()][Int.random(in: 0..<3, using: &mutator.random)]
                outcome = Sandbox.run(program, timeLimit: 0.5)
            case 1:
                let bytes = mutator.corruptBytes(mutator.pick(seeds))
                program = String(decoding: bytes, as: UTF8.self)
                outcome = Sandbox.run(bytes: bytes, timeLimit: 0.5)
            default:
                program = mutator.mutate(mutator.pick(seeds))
                outcome = Sandbox.run(program, timeLimit: 0.5)
            }
            counts.programs += 1
            if outcome.errorType != nil { counts.errors += 1 }
            if outcome.seconds > slowest.seconds { slowest = (outcome.seconds, program) }
            #expect(outcome.finished, "did not stop within the hang limit:\n\(program)")
            if !outcome.finished { return }
            // Internal errors have no Python type: a Swift error leaked through.
            #expect(outcome.errorType.map { !$0.isEmpty && !$0.contains(" ") } ?? true,
                    "odd error type \(outcome.errorType ?? "") for:\n\(program)")
        }
        print("fuzzed \(counts.programs) programs (\(counts.errors) ended in an error); slowest \(String(format: "%.2f", slowest.seconds)) s")
        // The stop signal should end any program promptly after its time limit.
        #expect(slowest.seconds < 10, "slowest program took \(slowest.seconds) s:\n\(slowest.program.prefix(2000))")
    }
}
