/// The `re` module's flags, with CPython's values, so `re.I | re.M` combine as there.
enum RegexFlag {
    static let ignoreCase = 2
    static let locale = 4
    static let multiline = 8
    static let dotAll = 16
    static let unicode = 32
    static let verbose = 64
    static let ascii = 256
}

/// A parsed regular expression: what `RegexMatcher` walks.
indirect enum RegexNode {
    case empty
    case character(Character, ignoreCase: Bool)
    /// `.`; with DOTALL it also matches a newline.
    case any(dotAll: Bool)
    case set(RegexCharacterSet, ignoreCase: Bool)
    case sequence([RegexNode])
    case alternation([RegexNode])
    /// A group; `index` numbers a capturing one, nil for `(?:...)`.
    case group(index: Int?, RegexNode)
    /// `x*`, `x+?`, `x{2,5}`...; `maximum` nil is unbounded. Possessive ones never give back.
    case repetition(RegexNode, minimum: Int, maximum: Int?, greedy: Bool, possessive: Bool)
    case backReference(Int, ignoreCase: Bool)
    case anchor(RegexAnchor)
    /// `(?=...)`, `(?!...)`, and the fixed-width `(?<=...)`, `(?<!...)` of `width` characters.
    case lookaround(RegexNode, ahead: Bool, negative: Bool, width: Int)
    /// `(?>...)`: the first way the body matches, never retried.
    case atomic(RegexNode)
}

enum RegexAnchor {
    case lineStart(multiline: Bool)
    case lineEnd(multiline: Bool)
    case stringStart
    case stringEnd
    case wordBoundary(ascii: Bool)
    case notWordBoundary(ascii: Bool)
}

/// `[a-z_\d]`, `\w`, `[^,]`: the characters one position may hold.
struct RegexCharacterSet {
    enum Item {
        case character(Character)
        case range(UInt32, UInt32)
        case digit(negated: Bool)
        case word(negated: Bool)
        case space(negated: Bool)
    }

    var items: [Item] = []
    var negated = false
    var ascii = false

    func contains(_ character: Character, ignoreCase: Bool) -> Bool {
        let found = ignoreCase
            ? caseVariants(character).contains { matchesItem($0) }
            : matchesItem(character)
        return found != negated
    }

    private func matchesItem(_ character: Character) -> Bool {
        items.contains { item in
            switch item {
            case let .character(member): return member == character
            case let .range(low, high):
                guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return false }
                return (low...high).contains(scalar.value)
            case let .digit(negated): return RegexCharacterSet.isDigit(character, ascii: ascii) != negated
            case let .word(negated): return RegexCharacterSet.isWord(character, ascii: ascii) != negated
            case let .space(negated): return RegexCharacterSet.isSpace(character, ascii: ascii) != negated
            }
        }
    }

    static func isDigit(_ character: Character, ascii: Bool) -> Bool {
        ascii ? character.isASCII && character.isWholeNumber : character.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal }
    }

    /// Python's `\w`: what `str.isalnum()` accepts, and the underscore.
    static func isWord(_ character: Character, ascii: Bool) -> Bool {
        if character == "_" { return true }
        if ascii { return character.isASCII && (character.isLetter || character.isNumber) }
        return character.isLetter || character.isNumber
    }

    static func isSpace(_ character: Character, ascii: Bool) -> Bool {
        if ascii { return [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"].contains(character) }
        return character.isWhitespace || ["\u{1C}", "\u{1D}", "\u{1E}", "\u{1F}"].contains(character)
    }
}

/// The character itself and its other cases, for IGNORECASE.
func caseVariants(_ character: Character) -> [Character] {
    var variants = [character]
    for text in [character.lowercased(), character.uppercased()] where text.count == 1 {
        if let variant = text.first, !variants.contains(variant) { variants.append(variant) }
    }
    return variants
}

func regexCharactersEqual(_ a: Character, _ b: Character, ignoreCase: Bool) -> Bool {
    a == b || (ignoreCase && caseVariants(a).contains(b))
}

/// `re.error`'s message and the pattern position it names, as CPython words them.
struct RegexSyntaxError: Error {
    let message: String
    /// Nil for errors CPython reports without a position (a variable-width look-behind).
    let position: Int?
}

/// A compiled pattern: its tree, its groups, and the flags it ended with (inline ones too).
struct CompiledRegex {
    let pattern: String
    let root: RegexNode
    let flags: Int
    let groupCount: Int
    let groupNames: [(name: String, index: Int)]
}

/// Python's `re` pattern syntax, read into a `RegexNode` tree, with CPython's errors.
struct RegexParser {
    private let pattern: [Character]
    private var index = 0
    private var flags: Int
    private var groupCount = 0
    private var groupNames: [(name: String, index: Int)] = []
    private var openGroups: Set<Int> = []

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

    private var ignoreCase: Bool { flags & RegexFlag.ignoreCase != 0 }
    private var ascii: Bool { flags & RegexFlag.ascii != 0 }
    private var peek: Character? { index < pattern.count ? pattern[index] : nil }

    private func error(_ message: String, at position: Int?) -> RegexSyntaxError {
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

    private mutating func parseEscape(start: Int) throws -> RegexNode {
        guard let character = peek else { throw error("bad escape (end of pattern)", at: start) }
        index += 1
        switch character {
        case "A": return .anchor(.stringStart)
        case "Z": return .anchor(.stringEnd)
        case "b": return .anchor(.wordBoundary(ascii: ascii))
        case "B": return .anchor(.notWordBoundary(ascii: ascii))
        case "d", "D", "w", "W", "s", "S":
            return .set(RegexCharacterSet(items: [classEscape(character)], ascii: ascii), ignoreCase: false)
        case "1"..."9":
            var digits = String(character)
            // Three octal digits are a character; otherwise up to two digits name a group.
            if let next = peek, next.isASCII, next.isWholeNumber {
                if character <= "7", next <= "7", index + 1 < pattern.count, ("0"..."7").contains(pattern[index + 1]) {
                    let octal = String(character) + String(next) + String(pattern[index + 1])
                    index += 2
                    guard let value = UInt32(octal, radix: 8), value <= 0o377, let scalar = Unicode.Scalar(value) else {
                        throw error("octal escape value \\\(octal) outside of range 0-0o377", at: start)
                    }
                    return .character(Character(scalar), ignoreCase: ignoreCase)
                }
                digits.append(next)
                index += 1
            }
            let group = Int(digits) ?? 0
            guard group <= groupCount else { throw error("invalid group reference \(group)", at: start + 1) }
            if openGroups.contains(group) { throw error("cannot refer to an open group", at: start) }
            return .backReference(group, ignoreCase: ignoreCase)
        default:
            return .character(try literalEscape(character, start: start), ignoreCase: ignoreCase)
        }
    }

    private func classEscape(_ letter: Character) -> RegexCharacterSet.Item {
        switch letter {
        case "d": return .digit(negated: false)
        case "D": return .digit(negated: true)
        case "w": return .word(negated: false)
        case "W": return .word(negated: true)
        case "s": return .space(negated: false)
        default: return .space(negated: true)
        }
    }

    /// The character an escape that is not a class, anchor or group stands for.
    private mutating func literalEscape(_ character: Character, start: Int) throws -> Character {
        switch character {
        case "a": return "\u{07}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "v": return "\u{0B}"
        case "x": return try hexEscape(digits: 2, start: start, letter: "x")
        case "u": return try hexEscape(digits: 4, start: start, letter: "u")
        case "U": return try hexEscape(digits: 8, start: start, letter: "U")
        case "0":
            var octal = "0"
            while octal.count < 3, let next = peek, ("0"..."7").contains(next) {
                octal.append(next)
                index += 1
            }
            return Character(Unicode.Scalar(UInt32(octal, radix: 8) ?? 0) ?? "\0")
        default:
            if character.isASCII && (character.isLetter || character.isNumber) {
                throw error("bad escape \\\(character)", at: start)
            }
            return character
        }
    }

    private mutating func hexEscape(digits count: Int, start: Int, letter: Character) throws -> Character {
        var digits = ""
        while digits.count < count, let next = peek, next.isHexDigit {
            digits.append(next)
            index += 1
        }
        guard digits.count == count else { throw error("incomplete escape \\\(letter)\(digits)", at: start) }
        guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw error("bad escape \\\(letter)\(digits)", at: start)
        }
        return Character(scalar)
    }

    private mutating func parseClass(start: Int) throws -> RegexNode {
        var set = RegexCharacterSet(ascii: ascii)
        if peek == "^" {
            index += 1
            set.negated = true
        }
        var first = true
        while true {
            guard let character = peek else { throw error("unterminated character set", at: start) }
            if character == "]" && !first {
                index += 1
                break
            }
            first = false
            let itemStart = index
            let low = try parseClassMember()
            // A range: `a-z`, unless the `-` ends the class.
            if peek == "-", index + 1 < pattern.count, pattern[index + 1] != "]" {
                index += 1
                let high = try parseClassMember()
                guard case let .character(lowCharacter) = low, case let .character(highCharacter) = high else {
                    throw error("bad character range \(String(pattern[itemStart..<index]))", at: itemStart)
                }
                let lowValue = lowCharacter.unicodeScalars.first!.value
                let highValue = highCharacter.unicodeScalars.first!.value
                guard lowValue <= highValue else {
                    throw error("bad character range \(String(pattern[itemStart..<index]))", at: itemStart)
                }
                set.items.append(.range(lowValue, highValue))
            } else {
                set.items.append(low)
            }
        }
        return .set(set, ignoreCase: ignoreCase)
    }

    private mutating func parseClassMember() throws -> RegexCharacterSet.Item {
        let start = index
        guard let character = peek else { throw error("unterminated character set", at: start) }
        index += 1
        guard character == "\\" else { return .character(character) }
        guard let escaped = peek else { throw error("unterminated character set", at: start) }
        index += 1
        switch escaped {
        case "d", "D", "w", "W", "s", "S": return classEscape(escaped)
        case "b": return .character("\u{08}")
        case "1"..."7":
            var octal = String(escaped)
            while octal.count < 3, let next = peek, ("0"..."7").contains(next) {
                octal.append(next)
                index += 1
            }
            guard octal.count > 1 || true, let value = UInt32(octal, radix: 8), value <= 0o377 else {
                throw error("octal escape value \\\(octal) outside of range 0-0o377", at: start)
            }
            return .character(Character(Unicode.Scalar(value)!))
        case "8", "9": throw error("bad escape \\\(escaped)", at: start)
        default: return .character(try literalEscape(escaped, start: start))
        }
    }

    /// The number of characters `node` always matches, or nil when that varies.
    private func fixedWidth(_ node: RegexNode) -> Int? {
        switch node {
        case .empty, .anchor, .lookaround: return 0
        case .character, .any, .set: return 1
        case let .sequence(items):
            var total = 0
            for item in items {
                guard let width = fixedWidth(item) else { return nil }
                total += width
            }
            return total
        case let .alternation(branches):
            let widths = branches.map(fixedWidth)
            guard let first = widths.first ?? nil, widths.allSatisfy({ $0 == first }) else { return nil }
            return first
        case let .group(_, body), let .atomic(body): return fixedWidth(body)
        case let .repetition(body, minimum, maximum, _, _):
            guard maximum == minimum, let width = fixedWidth(body) else { return nil }
            return width * minimum
        case .backReference: return nil
        }
    }
}
