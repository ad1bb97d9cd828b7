import Foundation

/// SplitMix64: small, fast, and the same sequence on every machine for one seed, so a
/// fuzz run can be repeated exactly (`TENSORTUTOR_FUZZ_SEED`).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Makes hostile programs: edits of real programs (what a careless paste or a fuzzer
/// does to them), streams of random tokens, and raw bytes.
struct Mutator {
    var random: SeededGenerator

    /// Values at the edges: sizes that overflow Int64 products, NaN and infinity where
    /// integers are expected, and the like.
    static let extremeNumbers = [
        "2**62", "-2**63", "2**63-1", "10**18", "0", "-1", "1e308", "-1e308", "2**31", "float('nan')",
        "float('inf')", "-0.0", "10**10**10", "1e-320",
    ]

    /// Tokens of the language as the conformance programs use it, and some it does not expect.
    static let tokens = [
        "(", ")", "[", "]", "{", "}", ":", ",", ".", "**", "*", "-", "+", "~", "not ", "@", "//", "%", "<<", ">>",
        "=", "==", "<", "lambda x: x", "lambda: 0", "if ", " else ", "for ", " in ", "while ", "def ", "class ",
        "return ", "yield ", "global ", "try:", "except:", "finally:", "with ", "import ", "from ", "as ",
        "None", "True", "False", "x", "y", "self", "f", "torch", "torch.ones(2, 3)", "torch.zeros(2**62)",
        "torch.ones(1).expand(2**40)", "torch.arange(6).view(2, 3)", "range(10**12)", "[0] * 10**9", "'a' * 10**9",
        "'\\x1b[2J'", "\"\\n\"", "f'{x}'", "\n", "\n    ", "\n        ", "\\", "'", "\"", "#", "...", "x[...]",
        "[:, None]", "[::-1]", "[2**62]", ".sum(", ".view(", ".expand(", ".repeat(", ".reshape(", ".t()", ".T",
        "torch.cat(", "torch.stack(", "torch.matmul(", "torch.einsum('ij,jk->ik', ", "F.softmax(", "nn.Linear(",
        "dim=", "keepdim=True", "dtype=torch.int64", "dtype=torch.float16", "out=", "*args", "**kwargs",
    ] + extremeNumbers

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    /// One to four random edits of `program`.
    mutating func mutate(_ program: String) -> String {
        var text = Array(program.unicodeScalars)
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let position = Int.random(in: 0...text.count, using: &random)
            // Extreme numbers twice as often: they keep the program valid and reach the
            // size and index arithmetic, where the traps were.
            switch pick([0, 1, 2, 3, 3, 3, 4, 5, 6]) {
            case 0 where !text.isEmpty:
                let end = min(text.count, position + Int.random(in: 1...8, using: &random))
                text.removeSubrange(position..<end)
            case 1:
                text.insert(contentsOf: pick(Mutator.tokens).unicodeScalars, at: position)
            case 2 where !text.isEmpty:
                let end = min(text.count, position + Int.random(in: 1...30, using: &random))
                let piece = text[position..<end]
                let copies = Int.random(in: 2...40, using: &random)
                text.replaceSubrange(position..<end, with: Array(repeatElement(piece, count: copies).joined()))
            case 3:
                let digits = text.indices.filter { text[$0].properties.numericType != nil }
                if let index = digits.isEmpty ? nil : pick(digits) {
                    text.replaceSubrange(index...index, with: pick(Mutator.extremeNumbers).unicodeScalars)
                }
            case 4:
                var lines = String(String.UnicodeScalarView(text)).components(separatedBy: "\n")
                let a = Int.random(in: 0..<lines.count, using: &random)
                let b = Int.random(in: 0..<lines.count, using: &random)
                lines.swapAt(a, b)
                text = Array(lines.joined(separator: "\n").unicodeScalars)
            case 5:
                let wrapper = pick(["for _ in range(3):\n    ", "if 1:\n    ", "def g():\n    ", "while True:\n    "])
                let body = String(String.UnicodeScalarView(text)).replacingOccurrences(of: "\n", with: "\n    ")
                text = Array((wrapper + body).unicodeScalars)
            default:
                let nesting = Int.random(in: 1...400, using: &random)
                let (open, close) = pick([("(", ")"), ("[", "]"), ("-", ""), ("not ", ""), ("f(", ")")])
                text.insert(contentsOf: String(repeating: open, count: nesting).unicodeScalars, at: position)
                let end = min(text.count, position + nesting * open.unicodeScalars.count + Int.random(in: 0...10, using: &random))
                text.insert(contentsOf: String(repeating: close, count: nesting).unicodeScalars, at: end)
            }
        }
        return String(String.UnicodeScalarView(text))
    }

    /// A program of random tokens, mostly nonsense, sometimes valid.
    mutating func tokenStream() -> String {
        (0..<Int.random(in: 1...60, using: &random)).map { _ in pick(Mutator.tokens) }.joined(separator: chance(50) ? " " : "")
    }

    /// `program` with a few raw bytes inserted: invalid UTF-8, NUL, controls, escapes.
    mutating func corruptBytes(_ program: String) -> [UInt8] {
        var bytes = Array(program.utf8)
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let position = Int.random(in: 0...bytes.count, using: &random)
            let insert: [UInt8] = pick([[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x00], [0x01], [0x1B, 0x5B, 0x32, 0x4A],
                                        [0x0D], [0x0C], [0xEF, 0xBB, 0xBF], [UInt8.random(in: 0...255, using: &random)]])
            bytes.insert(contentsOf: insert, at: position)
        }
        return bytes
    }
}

/// The programs the fuzzer starts from: every conformance and fixture program.
enum SeedPrograms {
    static let all: [String] = {
        let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let fixtures = testsDirectory.appendingPathComponent("InterpreterTests/Fixtures")
        var files = ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? [])
            .filter { $0.hasSuffix(".jsonl") }.sorted().map { fixtures.appendingPathComponent($0).path }
        files.append("/work/shared/conformance/cases.jsonl")
        var programs: [String] = []
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                guard let data = line.data(using: .utf8),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let source = object["source"] as? String else { continue }
                programs.append(source)
            }
        }
        // Print options are process-wide: changing them would disturb suites running alongside.
        programs.removeAll { $0.contains("set_printoptions") }
        return programs.isEmpty ? ["x = torch.ones(2, 3)\ny = x.sum(0)\nprint(y)"] : programs
    }()
}
