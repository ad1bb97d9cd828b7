/// Python's `re` pattern syntax, read into a `RegexNode` tree, with CPython's errors.
struct RegexParser {
    let pattern: [Character]
    var index = 0
    var flags: Int
    var groupCount = 0
    var groupNames: [(name: String, index: Int)] = []
    var openGroups: Set<Int> = []

    static func compile(_ pattern: String, flags: Int) throws -> CompiledRegex {
        var parser = RegexParser(pattern: Array(pattern), flags: flags)
        let root = try parser.parseAlternation(depth: 0)
        if parser.index < parser.pattern.count {
            throw RegexSyntaxError(message: "unbalanced parenthesis", position: parser.index)
        }
        var finalFlags = parser.flags
        if finalFlags & RegexFlag.ascii == 0 { finalFlags |= RegexFlag.unicode }
        return CompiledRegex(pattern: pattern, root: root, flags: finalFlags,
                             groupCount: parser.groupCount, groupNames: parser.groupNames)
    }

    private init(pattern: [Character], flags: Int) {
        self.pattern = pattern
        self.flags = flags
    }

    var ignoreCase: Bool { flags & RegexFlag.ignoreCase != 0 }
    var ascii: Bool { flags & RegexFlag.ascii != 0 }
    var peek: Character? { index < pattern.count ? pattern[index] : nil }

    func error(_ message: String, at position: Int?) -> RegexSyntaxError {
        RegexSyntaxError(message: message, position: position)
    }

    private mutating func skipVerboseSpace() {
        guard flags & RegexFlag.verbose != 0 else { return }
        while let character = peek {
            if character.isWhitespace {
                index += 1
            } else if character == "#" {
                while let next = peek, next != "\n" { index += 1 }
            } else {
                return
            }
        }
    }

    private mutating func parseAlternation(depth: Int) throws -> RegexNode {
        guard depth < 200 else { throw error("too many nested groups", at: index) }
        var branches = [try parseSequence(depth: depth)]
        while peek == "|" {
            index += 1
            branches.append(try parseSequence(depth: depth))
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence(depth: Int) throws -> RegexNode {
        var items: [RegexNode] = []
        while true {
            skipVerboseSpace()
            guard let character = peek, character != "|", character != ")" else { break }
            let start = index
            if "*+?".contains(character) || (character == "{" && isRepeatBrace(at: index)) {
                throw error("nothing to repeat", at: start)
            }
            guard let atom = try parseAtom(depth: depth) else { continue }
            items.append(try parseQuantifiers(atom))
        }
        if items.isEmpty { return .empty }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    /// Whether `{` at `position` starts `{m}`, `{m,}`, `{,n}` or `{m,n}`; otherwise it is a literal.
    private func isRepeatBrace(at position: Int) -> Bool {
        var cursor = position + 1
        var sawComma = false
        while cursor < pattern.count {
            let character = pattern[cursor]
            if character == "}" { return true }
            if character == "," && !sawComma { sawComma = true } else if !character.isASCII || !character.isWholeNumber { return false }
            cursor += 1
        }
        return false
    }

    private mutating func parseQuantifiers(_ atom: RegexNode) throws -> RegexNode {
        skipVerboseSpace()
        guard let character = peek else { return atom }
        let start = index
        var minimum = 0
        var maximum: Int?
        switch character {
        case "*": index += 1
        case "+": index += 1; minimum = 1
        case "?": index += 1; maximum = 1
        case "{" where isRepeatBrace(at: index):
            index += 1
            let low = readDigits()
            var high = low
            if peek == "," {
                index += 1
                high = readDigits()
            }
            index += 1  // "}"
            // CPython's limit, MAXREPEAT, is 2**32 - 1, and it refuses the limit itself.
            for digits in [low, high].compactMap({ $0 }) where digits.count > 10 || (UInt64(digits) ?? .max) >= 4_294_967_295 {
                throw PythonError.overflow("the repetition number is too large")
            }
            minimum = low.flatMap { Int($0) } ?? 0
            maximum = high.flatMap { Int($0) }
            if let maximum, maximum < minimum { throw error("min repeat greater than max repeat", at: start + 1) }
        default: return atom
        }
        if case .anchor = atom { throw error("nothing to repeat", at: start) }
        if case .empty = atom { throw error("nothing to repeat", at: start) }
        var greedy = true
        var possessive = false
        if peek == "?" {
            index += 1
            greedy = false
        } else if peek == "+" {
            index += 1
            possessive = true
        }
        skipVerboseSpace()
        if let next = peek, "*+?".contains(next) || (next == "{" && isRepeatBrace(at: index)) {
            throw error("multiple repeat", at: index)
        }
        return .repetition(atom, minimum: minimum, maximum: maximum, greedy: greedy, possessive: possessive)
    }

    private mutating func readDigits() -> String? {
        var digits = ""
        while let character = peek, character.isASCII, character.isWholeNumber {
            digits.append(character)
            index += 1
        }
        return digits.isEmpty ? nil : digits
    }

    /// One atom; nil for what matches nothing and takes no quantifier (`(?#...)`, global flags).
    private mutating func parseAtom(depth: Int) throws -> RegexNode? {
        let start = index
        let character = pattern[index]
        index += 1
        switch character {
        case ".": return .any(dotAll: flags & RegexFlag.dotAll != 0)
        case "^": return .anchor(.lineStart(multiline: flags & RegexFlag.multiline != 0))
        case "$": return .anchor(.lineEnd(multiline: flags & RegexFlag.multiline != 0))
        case "[": return try parseClass(start: start)
        case "(": return try parseGroup(start: start, depth: depth)
        case "\\": return try parseEscape(start: start)
        default: return .character(character, ignoreCase: ignoreCase)
        }
    }

    private mutating func parseGroup(start: Int, depth: Int) throws -> RegexNode? {
        var capture: Int?
        var kind = "group"
        var savedFlags: Int?
        if peek == "?" {
            index += 1
            guard let marker = peek else { throw error("unexpected end of pattern", at: index) }
            index += 1
            switch marker {
            case ":": kind = "plain"
            case ">": kind = "atomic"
            case "=": kind = "ahead"
            case "!": kind = "not ahead"
            case "#":
                while let next = peek, next != ")" { index += 1 }
                guard peek == ")" else { throw error("missing ), unterminated comment", at: start) }
                index += 1
                return nil
            case "<":
                guard let next = peek, next == "=" || next == "!" else {
                    throw error("unknown extension ?<" + (peek.map(String.init) ?? ""), at: start + 1)
                }
                index += 1
                kind = next == "=" ? "behind" : "not behind"
            case "P":
                if peek == "<" {
                    index += 1
                    let name = try readGroupName(terminator: ">")
                    if groupNames.contains(where: { $0.name == name }) {
                        throw error("redefinition of group name '\(name)' as group \(groupCount + 1); was group \(groupNames.first { $0.name == name }!.index)", at: start + 4)
                    }
                    groupNames.append((name, groupCount + 1))
                } else if peek == "=" {
                    index += 1
                    let nameStart = index
                    let name = try readGroupName(terminator: ")")
                    guard let group = groupNames.first(where: { $0.name == name })?.index else {
                        throw error("unknown group name '\(name)'", at: nameStart)
                    }
                    if openGroups.contains(group) { throw error("cannot refer to an open group", at: start) }
                    return .backReference(group, ignoreCase: ignoreCase)
                } else {
                    throw error("unknown extension ?P" + (peek.map(String.init) ?? ""), at: start + 1)
                }
            default:
                index -= 1
                return try parseInlineFlags(start: start, depth: depth, savedFlags: &savedFlags)
            }
        }
        if kind == "group" {
            groupCount += 1
            capture = groupCount
            openGroups.insert(groupCount)
        }
        let body = try parseAlternation(depth: depth + 1)
        guard peek == ")" else { throw error("missing ), unterminated subpattern", at: start) }
        index += 1
        if let capture { openGroups.remove(capture) }
        switch kind {
        case "atomic": return .atomic(body)
        case "ahead", "not ahead": return .lookaround(body, ahead: true, negative: kind == "not ahead", width: 0)
        case "behind", "not behind":
            guard let width = fixedWidth(body) else { throw error("look-behind requires fixed-width pattern", at: nil) }
            return .lookaround(body, ahead: false, negative: kind == "not behind", width: width)
        default: return .group(index: capture, body)
        }
    }

    /// `(?i)` at the start sets flags for the whole pattern; `(?i:...)` only inside.
    private mutating func parseInlineFlags(start: Int, depth: Int, savedFlags: inout Int?) throws -> RegexNode? {
        let letters: [Character: Int] = ["i": RegexFlag.ignoreCase, "m": RegexFlag.multiline, "s": RegexFlag.dotAll,
                                         "x": RegexFlag.verbose, "a": RegexFlag.ascii, "u": RegexFlag.unicode, "L": RegexFlag.locale]
        var added = 0
        var removed = 0
        var removing = false
        while let character = peek, character != ")", character != ":" {
            index += 1
            if character == "-" && !removing {
                removing = true
                continue
            }
            guard let flag = letters[character] else {
                throw error(added == 0 && !removing ? "unknown extension ?\(character)" : "unknown flag", at: added == 0 && !removing ? start + 1 : index - 1)
            }
            if removing { removed |= flag } else { added |= flag }
        }
        guard let terminator = peek else { throw error("missing -, : or )", at: index) }
        index += 1
        if terminator == ")" {
            if removing { throw error("missing :", at: index - 1) }
            guard start == 0 || isOnlyGlobalFlagsBefore(start) else {
                throw error("global flags not at the start of the expression", at: start)
            }
            flags |= added
            return nil
        }
        let outer = flags
        flags = (flags | added) & ~removed
        defer { flags = outer }
        let body = try parseAlternation(depth: depth + 1)
        guard peek == ")" else { throw error("missing ), unterminated subpattern", at: start) }
        index += 1
        return .group(index: nil, body)
    }

    /// Whether everything before `position` is itself global flag groups (`(?i)(?m)...`).
    private func isOnlyGlobalFlagsBefore(_ position: Int) -> Bool {
        var cursor = 0
        while cursor < position {
            guard pattern[cursor] == "(", cursor + 1 < position, pattern[cursor + 1] == "?" else { return false }
            guard let close = pattern[cursor...].firstIndex(of: ")"), close < position else { return false }
            guard pattern[(cursor + 2)..<close].allSatisfy({ "imsxauL".contains($0) }) else { return false }
            cursor = close + 1
        }
        return true
    }

    private mutating func readGroupName(terminator: Character) throws -> String {
        let nameStart = index
        var name = ""
        while let character = peek, character != terminator {
            name.append(character)
            index += 1
        }
        guard peek == terminator else { throw error("missing \(terminator), unterminated name", at: nameStart) }
        guard !name.isEmpty else { throw error("missing group name", at: nameStart) }
        let first = name.first!
        guard first == "_" || first.isLetter, name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else {
            throw error("bad character in group name '\(name)'", at: nameStart)
        }
        index += 1
        return name
    }

}
