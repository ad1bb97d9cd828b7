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
