/// Escapes (`\d`, `\x41`, `\1`), character classes and fixed-width checks of `RegexParser`.
extension RegexParser {
    mutating func parseEscape(start: Int) throws -> RegexNode {
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

    func classEscape(_ letter: Character) -> RegexCharacterSet.Item {
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
    mutating func literalEscape(_ character: Character, start: Int) throws -> Character {
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

    mutating func hexEscape(digits count: Int, start: Int, letter: Character) throws -> Character {
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

    mutating func parseClass(start: Int) throws -> RegexNode {
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

    mutating func parseClassMember() throws -> RegexCharacterSet.Item {
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
    func fixedWidth(_ node: RegexNode) -> Int? {
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
