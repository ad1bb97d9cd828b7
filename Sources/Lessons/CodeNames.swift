import Foundation

/// A light reading of short Python code: which names it reads, which it assigns, and
/// its tokens. Enough to tell a typed-in literal from an answer computed from the
/// exercise's variables, and to compare a learner's code with a known mistake. It
/// needs no AST: answers and setups are a few lines.
enum CodeNames {
    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del", "elif", "else",
        "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    /// Names that carry no exercise data: modules and builtins. Code that reads only
    /// these is a literal, whatever functions it calls.
    static let dataFreeNames: Set<String> = [
        "torch", "F", "nn", "math", "np", "numpy", "float", "int", "bool", "str", "list", "tuple", "dict", "range",
        "len", "abs", "min", "max", "sum", "round", "print", "sorted", "reversed", "zip", "enumerate", "map",
    ]

    /// The code with string literals and comments blanked, so their words are not names.
    static func stripped(_ code: String) -> String {
        var result = ""
        var quote: Character?
        var inComment = false
        for character in code {
            if inComment {
                if character == "\n" { inComment = false; result.append(character) }
                continue
            }
            if let open = quote {
                if character == open { quote = nil }
                result.append(" ")
                continue
            }
            switch character {
            case "#": inComment = true
            case "'", "\"": quote = character; result.append(" ")
            default: result.append(character)
            }
        }
        return result
    }

    /// Words, numbers and single punctuation marks, in order.
    static func tokens(_ code: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in stripped(code) {
            if character.isLetter || character.isNumber || character == "_" || (character == "." && current.first?.isNumber == true) {
                current.append(character)
                continue
            }
            if !current.isEmpty { tokens.append(current); current = "" }
            if !character.isWhitespace { tokens.append(String(character)) }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Names the code reads: identifiers not after a `.` (attributes), not before a
    /// single `=` (keyword arguments and assignment targets), and not keywords.
    static func readNames(_ code: String) -> Set<String> {
        let tokens = tokens(code)
        var names: Set<String> = []
        for (index, token) in tokens.enumerated() where isIdentifier(token) && !keywords.contains(token) {
            if index > 0, tokens[index - 1] == "." { continue }
            let next = index + 1 < tokens.count ? tokens[index + 1] : ""
            let afterNext = index + 2 < tokens.count ? tokens[index + 2] : ""
            if next == "=", afterNext != "=" { continue }
            names.insert(token)
        }
        return names
    }

    /// Names bound by `name = ...` or `a, b = ...` at the start of a line.
    static func assignedNames(_ code: String) -> Set<String> {
        var names: Set<String> = []
        for line in stripped(code).split(separator: "\n") {
            for statement in line.split(separator: ";") {
                let text = statement.trimmingCharacters(in: .whitespaces)
                guard let equal = text.range(of: "="), !text[equal.upperBound...].hasPrefix("=") else { continue }
                let target = text[..<equal.lowerBound].trimmingCharacters(in: .whitespaces)
                let parts = target.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.allSatisfy(isIdentifier) { names.formUnion(parts) }
            }
        }
        return names
    }

    /// Names a line binds for its own use: `for` targets (loops and comprehensions),
    /// `def` and `lambda` parameters, `as` targets.
    static func localNames(_ code: String) -> Set<String> {
        let tokens = tokens(code)
        var names: Set<String> = []
        var collecting = false
        for (index, token) in tokens.enumerated() {
            switch token {
            case "for", "lambda": collecting = true
            case "def": collecting = true
            case "in", ":": collecting = false
            case "as":
                if index + 1 < tokens.count, isIdentifier(tokens[index + 1]) { names.insert(tokens[index + 1]) }
            default:
                if collecting, isIdentifier(token), !keywords.contains(token) { names.insert(token) }
            }
        }
        return names
    }

    static func isIdentifier<S: StringProtocol>(_ text: S) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// How alike two pieces of code are, from 0 to 1: the Dice coefficient of their
    /// token multisets, so reordered or lightly edited code still counts as alike.
    static func resemblance(_ first: String, _ second: String) -> Double {
        let left = tokens(first), right = tokens(second)
        guard !left.isEmpty || !right.isEmpty else { return 1 }
        var counts: [String: Int] = [:]
        for token in left { counts[token, default: 0] += 1 }
        var common = 0
        for token in right where (counts[token] ?? 0) > 0 {
            counts[token, default: 0] -= 1
            common += 1
        }
        return 2 * Double(common) / Double(left.count + right.count)
    }
}
