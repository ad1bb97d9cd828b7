enum RegexTemplatePiece {
    case literal(String)
    case group(Int)
}

extension RegexPattern {
    /// A replacement template's text and group references (`\1`, `\g<name>`), with CPython's errors.
    func parseTemplate(_ template: String, _ interpreter: Interpreter) throws -> [RegexTemplatePiece] {
        var parser = RegexTemplateParser(pattern: self, template: template, interpreter: interpreter)
        return try parser.parse()
    }
}

/// Reads a `re.sub` template left to right, gathering literal text between group references.
private struct RegexTemplateParser {
    let pattern: RegexPattern
    let template: String
    let interpreter: Interpreter
    let characters: [Character]
    var pieces: [RegexTemplatePiece] = []
    var literal = ""
    var index = 0

    init(pattern: RegexPattern, template: String, interpreter: Interpreter) {
        self.pattern = pattern
        self.template = template
        self.interpreter = interpreter
        characters = Array(template)
    }

    mutating func parse() throws -> [RegexTemplatePiece] {
        while index < characters.count {
            let character = characters[index]
            guard character == "\\", index + 1 < characters.count else {
                if character == "\\" { throw fail("bad escape (end of pattern)", index) }
                literal.append(character)
                index += 1
                continue
            }
            let start = index
            let escaped = characters[index + 1]
            index += 2
            switch escaped {
            case "g": try readNamedReference()
            case "0": readOctalAfterZero()
            case "1"..."9": try readNumberedReference(first: escaped, start: start)
            default: try readEscape(escaped, start: start)
            }
        }
        flush()
        return pieces
    }

    private mutating func flush() {
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        literal = ""
    }

    private func fail(_ message: String, _ position: Int) -> PythonError {
        pattern.module.raise(RegexSyntaxError(message: message, position: position), in: template, interpreter)
    }

    private mutating func groupReference(_ number: Int, at position: Int) throws {
        guard number <= pattern.compiled.groupCount else { throw fail("invalid group reference \(number)", position) }
        flush()
        pieces.append(.group(number))
    }

    /// `\g<name>` or `\g<2>`.
    private mutating func readNamedReference() throws {
        guard index < characters.count, characters[index] == "<" else { throw fail("missing <", index) }
        let nameStart = index + 1
        guard let close = characters[nameStart...].firstIndex(of: ">") else { throw fail("missing >, unterminated name", nameStart) }
        let name = String(characters[nameStart..<close])
        index = close + 1
        if name.isEmpty { throw fail("missing group name", nameStart) }
        if let number = Int(name), name.allSatisfy({ $0.isASCII && $0.isWholeNumber }) {
            try groupReference(number, at: nameStart)
        } else if let group = pattern.compiled.groupNames.first(where: { $0.name == name }) {
            flush()
            pieces.append(.group(group.index))
        } else if name.first.map({ $0 == "_" || $0.isLetter }) == true, name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) {
            throw PythonError.indexError("unknown group name '\(name)'")
        } else {
            throw fail("bad character in group name '\(name)'", nameStart)
        }
    }

    /// `\0` followed by up to two more octal digits.
    private mutating func readOctalAfterZero() {
        var octal = ""
        while octal.count < 2, index < characters.count, ("0"..."7").contains(characters[index]) {
            octal.append(characters[index])
            index += 1
        }
        literal.append(Character(Unicode.Scalar(UInt32(octal, radix: 8) ?? 0) ?? "\0"))
    }

    /// `\1`..`\99`, or a three-digit octal escape such as `\101`.
    private mutating func readNumberedReference(first escaped: Character, start: Int) throws {
        var digits = String(escaped)
        if index < characters.count, characters[index].isASCII, characters[index].isWholeNumber {
            let next = characters[index]
            if escaped <= "7", next <= "7", index + 1 < characters.count, ("0"..."7").contains(characters[index + 1]) {
                let octal = digits + String(next) + String(characters[index + 1])
                index += 2
                guard let value = UInt32(octal, radix: 8), value <= 0o377, let scalar = Unicode.Scalar(value) else {
                    throw fail("octal escape value \\\(octal) outside of range 0-0o377", start)
                }
                literal.append(Character(scalar))
                return
            }
            digits.append(next)
            index += 1
        }
        try groupReference(Int(digits) ?? 0, at: start + 1)
    }

    private mutating func readEscape(_ escaped: Character, start: Int) throws {
        let escapes: [Character: Character] = ["a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "n": "\n", "r": "\r",
                                              "t": "\t", "v": "\u{0B}", "\\": "\\"]
        if let value = escapes[escaped] {
            literal.append(value)
        } else if escaped.isASCII && escaped.isLetter {
            throw fail("bad escape \\\(escaped)", start)
        } else {
            literal.append("\\")
            literal.append(escaped)
        }
    }
}
