import Diagnostics
import Foundation
import Interpreter
import Testing

/// One case recorded from real PyTorch (the format of the shared conformance
/// cases), and the check that the interpreter reproduces it.
struct RecordedCase: CustomTestStringConvertible, Sendable {
    let id: String
    let category: String
    let source: String
    /// The encoded last value, or nil for a case that raises.
    let result: JSONValue?
    let errorType: String?
    /// The first line of PyTorch's (or CPython's) error message, for a case that raises.
    let errorFirstLine: String?
    let stdout: String
    let warnings: [String]

    var testDescription: String { id }

    /// Every `*.jsonl` file in Fixtures/, read from the source tree.
    static func loadAll() -> [RecordedCase] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.filter { $0.hasSuffix(".jsonl") }.sorted() ?? []
        return files.flatMap { file -> [RecordedCase] in
            let text = (try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { JSONValue.parse($0).flatMap(RecordedCase.init) }
        }
    }

    init?(_ object: JSONValue) {
        guard let id = object["id"]?.string, let source = object["source"]?.string else { return nil }
        self.id = id
        self.category = object["category"]?.string ?? ""
        self.source = source
        self.result = object["result"]
        self.errorType = object["error"]?.string
        self.errorFirstLine = object["message"]?.string.map { String($0.prefix { $0 != "\n" }) }
        self.stdout = object["stdout"]?.string ?? ""
        self.warnings = object["warnings"]?.array?.compactMap(\.string) ?? []
    }

    /// What the interpreter did with the source.
    struct Outcome {
        var lastValue: JSONValue?
        var errorType: String?
        var errorMessage: String?
        var printed = ""
        var warnings: [String] = []
    }

    func run() -> Outcome {
        var outcome = Outcome()
        let runner = ProgramRunner()
        runner.onEvent = { event in
            switch event {
            case let .value(value, _):
                outcome.lastValue = JSONValue.parse((try? runner.interpreter.jsonEncode(value)) ?? "{}")
            case let .printed(text): outcome.printed += text
            case let .warning(message, _): outcome.warnings.append(message)
            case let .error(error):
                outcome.errorType = error.type
                outcome.errorMessage = error.message
            }
        }
        runner.run(SourceFile(name: "<case>", text: source))
        return outcome
    }
}

/// The judging rules of the conformance README: same type, dtype and shape; floats
/// within 1e-6 + 1e-5·|expected| (bit-identical after rounding for rng cases).
func encodedValuesMatch(_ expected: JSONValue, _ actual: JSONValue?, exact: Bool) -> Bool {
    guard let actual, let type = expected["type"]?.string, type == actual["type"]?.string else { return false }
    switch type {
    case "tensor":
        guard expected["dtype"] == actual["dtype"], expected["shape"] == actual["shape"] else { return false }
        let single = expected["dtype"]?.string == "float32"
        return numbersMatch(expected["values"]?.array ?? [], actual["values"]?.array ?? [], exact: exact, single: single)
    case "tuple", "list":
        let expectedItems = expected["items"]?.array ?? []
        let actualItems = actual["items"]?.array ?? []
        return expectedItems.count == actualItems.count
            && zip(expectedItems, actualItems).allSatisfy { encodedValuesMatch($0, $1, exact: exact) }
    case "float":
        return numbersMatch([expected["value"] ?? .null], [actual["value"] ?? .null], exact: exact, single: false)
    case "none", "object":
        return true
    case "int":
        // Past 2**53 the JSON numbers decode as doubles; the digits tell big ints apart.
        return expected["value"] == actual["value"] && expected["repr"] == actual["repr"]
    default:
        return expected["value"] == actual["value"]
    }
}

private func numbersMatch(_ expected: [JSONValue], _ actual: [JSONValue], exact: Bool, single: Bool) -> Bool {
    guard expected.count == actual.count else { return false }
    for (left, right) in zip(expected, actual) {
        if case .bool = left {
            guard left == right else { return false }
            continue
        }
        guard let e = left.number, let a = right.number else { return false }
        if e.isNaN || a.isNaN {
            if !(e.isNaN && a.isNaN) { return false }
        } else if exact {
            if single ? Float(e) != Float(a) : e != a { return false }
        } else if e.isInfinite || a.isInfinite {
            if e != a { return false }
        } else if abs(e - a) > 1e-6 + 1e-5 * abs(e) {
            return false
        }
    }
    return true
}
