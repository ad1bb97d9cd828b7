import Foundation
import Ops

/// The documentation `:help NAME` shows: signature, one-line meaning, the formula
/// where there is one, and an example whose output is checked by the tests.
/// It is read from the op table, where each op declares its doc next to its signature.
struct FunctionDoc {
    /// The canonical name, e.g. `torch.softmax`.
    let name: String
    /// Other spellings that reach the same function (`F.softmax`, `Tensor.softmax`).
    let aliases: [String]
    /// Python-style parameters, e.g. `input, dim, *, dtype=None`.
    let parameters: String
    let summary: String
    let formula: String?
    /// Lines typed at `>>> ` followed by the output they print, as in a doctest.
    let example: String
    let entry: OpEntry

    init?(_ entry: OpEntry) {
        guard let doc = entry.doc else { return nil }
        self.entry = entry
        name = FunctionDocs.displayName(entry.primaryName)
        aliases = entry.qualifiedNames.dropFirst().map(FunctionDocs.displayName)
        parameters = entry.signature(as: entry.primaryName).pythonText
        summary = doc.summary
        formula = doc.formula
        example = doc.example
    }

    var signature: String { "\(name)(\(parameters))" }

    /// The parameters that may be passed by position through `qualifiedName`.
    func positionalParameterNames(as qualifiedName: String) -> [String] {
        entry.signature(as: qualifiedName).positionalNames
    }
}

enum FunctionDocs {
    static let all: [FunctionDoc] = OpTable.all.compactMap(FunctionDoc.init)

    /// `torch.nn.functional.softmax` is shown as people write it: `F.softmax`.
    static func displayName(_ qualifiedName: String) -> String {
        qualifiedName.hasPrefix("torch.nn.functional.") ? "F." + qualifiedName.dropFirst("torch.nn.functional.".count) : qualifiedName
    }

    static let byName: [String: FunctionDoc] = {
        var table: [String: FunctionDoc] = [:]
        for doc in all {
            table[OpTable.expand(doc.name)] = doc
            for alias in doc.aliases { table[OpTable.expand(alias)] = table[OpTable.expand(alias)] ?? doc }
        }
        return table
    }()

    /// The doc for `name` as typed: qualified (`torch.cat`, `F.relu`, `Tensor.view`,
    /// `x.view`) or bare (`cat`, tried as torch, then F, then Tensor, then nn and special).
    static func lookup(_ typed: String) -> FunctionDoc? {
        let name = typed.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "()", with: "")
        if let doc = byName[OpTable.expand(name)] { return doc }
        let bare = String(name.split(separator: ".").last ?? "")
        for prefix in ["torch.", "torch.nn.functional.", "Tensor.", "torch.nn.", "torch.special."] {
            if let doc = byName[prefix + bare] { return doc }
        }
        return nil
    }

    /// Names offered by `:help <TAB>`: bare names and the usual spellings.
    static let lookupNames: [String] = {
        var names: Set<String> = []
        for doc in all {
            for name in [doc.name] + doc.aliases {
                names.insert(name)
                names.insert(String(name.split(separator: ".").last ?? ""))
            }
        }
        return names.sorted()
    }()

    /// Parameter names of a qualified callable, for keyword completion. A tensor
    /// method takes the torch function's parameters without `input`.
    static func parameters(of qualifiedName: String) -> [String]? {
        guard let entry = OpTable.byQualifiedName[qualifiedName] else { return nil }
        return entry.signature(as: qualifiedName).parameters.filter { $0.kind != .variadic }.map(\.name)
    }
}

extension ReplSession {
    func showDocumentation(for name: String) {
        guard let doc = FunctionDocs.lookup(name) else {
            var message = "no documentation for '\(name)'"
            let bare = String(name.split(separator: ".").last ?? "")
            if let suggestion = closestMatch(to: bare, among: FunctionDocs.lookupNames) {
                message += "; did you mean '\(suggestion)'?"
            }
            writeError(message + "\n")
            return
        }
        var lines = [paint(doc.signature, "1")]
        if !doc.aliases.isEmpty { lines.append("  also: " + doc.aliases.joined(separator: ", ")) }
        lines.append("")
        lines.append(wrapped(doc.summary, indent: 0))
        if let formula = doc.formula {
            lines.append("")
            lines.append(paint("formula:", "1") + "  " + formula)
        }
        lines.append("")
        lines.append(paint("example:", "1"))
        lines.append(contentsOf: doc.example.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 })
        write(lines.joined(separator: "\n") + "\n")
    }
}
