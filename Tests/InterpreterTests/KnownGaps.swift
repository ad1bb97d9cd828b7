import Foundation

/// Recorded cases that are known not to pass yet, with the reason, read from
/// KnownGaps.txt. Listing a check keeps the suite honest both ways: the test still
/// runs it and expects the failure, so a fix that makes it pass must drop the line.
struct KnownGaps: Sendable {
    let reasons: [String: String]
    let checks: [String: Set<String>]

    static let shared = KnownGaps()

    init() {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("KnownGaps.txt")
        let text = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
        var reasons: [String: String] = [:]
        var checks: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
            guard fields.count == 3 else { continue }
            reasons[fields[0]] = fields[2]
            checks[fields[0]] = Set(fields[1].split(separator: ",").map(String.init))
        }
        self.reasons = reasons
        self.checks = checks
    }

    /// The reason `caseID`'s `check` ("value", "repr" or "message") is expected to fail, if it is.
    func reason(_ caseID: String, _ check: String) -> String? {
        checks[caseID]?.contains(check) == true ? reasons[caseID] : nil
    }
}
