import Foundation
import Testing

/// Replays every case recorded from real PyTorch through the interpreter. Serialized,
/// because cases seed and draw from the one global generator, as PyTorch programs do.
@Suite("Recorded PyTorch cases", .serialized)
struct RecordedCaseReplayTests {
    static let cases = RecordedCase.loadAll()

    @Test("the fixtures were found")
    func fixturesArePresent() {
        #expect(Self.cases.count >= 200)
    }

    @Test("the known gaps name recorded cases")
    func knownGapsExist() {
        let ids = Set(Self.cases.map(\.id))
        #expect(!KnownGaps.shared.reasons.isEmpty)
        for id in KnownGaps.shared.reasons.keys { #expect(ids.contains(id), "KnownGaps.txt lists unknown case \(id)") }
    }

    @Test("value, error type, prints and warnings match PyTorch", arguments: cases)
    func replay(_ recorded: RecordedCase) {
        if let reason = KnownGaps.shared.reason(recorded.id, "value") {
            withKnownIssue(Comment(rawValue: reason)) { checkValue(recorded) }
        } else {
            checkValue(recorded)
        }
    }

    private func checkValue(_ recorded: RecordedCase) {
        let outcome = recorded.run()
        if let expectedError = recorded.errorType {
            #expect(outcome.errorType == expectedError, "expected \(expectedError), got \(outcome.errorType ?? "no error") \(outcome.errorMessage ?? "")")
        } else if let expected = recorded.result {
            #expect(outcome.errorType == nil, "raised \(outcome.errorType ?? ""): \(outcome.errorMessage ?? "")")
            #expect(encodedValuesMatch(expected, outcome.lastValue, exact: recorded.isBitExact),
                    "expected \(expected["repr"]?.string ?? ""), got \(outcome.lastValue?["repr"]?.string ?? "nothing")")
        }
        #expect(outcome.printed == recorded.stdout)
        #expect(outcome.warnings == recorded.warnings)
    }

    @Test("error messages start with PyTorch's first line", arguments: cases.filter { $0.errorFirstLine != nil })
    func errorMessageMatches(_ recorded: RecordedCase) {
        let check = {
            let outcome = recorded.run()
            let firstLine = outcome.errorMessage.map { String($0.prefix { $0 != "\n" }) }
            #expect(firstLine == recorded.errorFirstLine)
        }
        if let reason = KnownGaps.shared.reason(recorded.id, "message") {
            withKnownIssue(Comment(rawValue: reason), check)
        } else {
            check()
        }
    }

    @Test("tensor reprs are PyTorch's, character for character", arguments: cases.filter { $0.result?["type"]?.string == "tensor" })
    func reprMatches(_ recorded: RecordedCase) {
        let check = {
            let outcome = recorded.run()
            #expect(outcome.lastValue?["repr"]?.string == recorded.result?["repr"]?.string)
        }
        if let reason = KnownGaps.shared.reason(recorded.id, "repr") {
            withKnownIssue(Comment(rawValue: reason), check)
        } else {
            check()
        }
    }
}

extension RecordedCase {
    /// Random draws, and the cases recorded to pin a kernel's rounding (categories ending
    /// in "-bits"), must match to the bit; the rest within the conformance tolerance.
    var isBitExact: Bool { category == "rng" || category.hasSuffix("-bits") }
}
