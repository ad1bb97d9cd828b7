/// Code shown in a lesson (`>>> ` lines, listings, a setup block, a reference answer)
/// fitted to the terminal. A line wider than the terminal breaks where Python lets a
/// statement go on, so what the learner reads is still code they could type:
/// - inside brackets, after a space or before a `.method` call;
/// - outside brackets, the same places with a trailing `\`;
/// - inside a string literal, at a space, as two literals side by side
///   (`"a " "b"`, which Python joins);
/// - inside a comment, at a space, the rest going on as another comment.
/// The rest goes on a `... ` line (or a plain line, for code shown without prompts),
/// four spaces deeper than the line it continues.
enum CodeLayout {
    static func fit(_ text: String, width: Int) -> String {
        // A call's arguments can go on over several lines: its brackets stay open.
        var depth = 0
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { line in fitLine(String(line), width: width, depth: &depth) }
            .joined(separator: "\n")
    }

    static func fitLine(_ line: String, width: Int) -> [String] {
        var depth = 0
        return fitLine(line, width: width, depth: &depth)
    }

    /// One code line as lines of at most `width` columns, where it has places to break.
    /// `depth`: the brackets open before the line, then after it.
    static func fitLine(_ line: String, width: Int, depth: inout Int) -> [String] {
        let prompt = [">>> ", "... "].first { line.hasPrefix($0) } ?? ""
        let code = Array(line.dropFirst(prompt.count))
        // A new prompt starts a new statement: no bracket is open before it.
        if prompt == ">>> " { depth = 0 }
        let points = breakPoints(in: code, depth: &depth)
        guard line.count > width else { return [line] }
        let indent = code.prefix { $0 == " " }.count
        let continuation = (prompt.isEmpty ? "" : "... ") + String(repeating: " ", count: indent + 4)
        var lines: [String] = []
        var lead = prompt
        var start = 0
        var reopen = ""
        while lead.count + reopen.count + code.count - start > width {
            let room = width - lead.count - reopen.count
            let candidates = points.filter { $0.offset > start + (start == 0 ? indent : 0) }
            // The last break that fits; with none, the first, which overflows least.
            guard let point = candidates.last(where: { $0.offset - start + $0.closingWidth <= room }) ?? candidates.first else { break }
            var head = String(code[start..<point.offset])
            if case .code = point.kind { head = head.trimmingTrailingSpaces() }
            lines.append(lead + reopen + head + point.closing)
            start = point.offset
            if case .code = point.kind {
                while start < code.count, code[start] == " " { start += 1 }
            }
            reopen = point.reopening
            lead = continuation
        }
        lines.append(lead + reopen + String(code[start...]))
        return lines
    }

    struct BreakPoint {
        enum Kind {
            /// Between tokens: the spaces around the break are dropped.
            case code
            /// Inside a string literal that opened with `opening` (`f"`, `'`).
            case string(opening: String)
            /// Inside a comment.
            case comment
        }

        /// Where the next line starts, in the code's characters.
        let offset: Int
        let kind: Kind
        /// Outside brackets a line only goes on after a backslash.
        let needsBackslash: Bool

        /// What ends the first line: a closing quote, a backslash, or nothing.
        var closing: String {
            var text = ""
            if case let .string(opening) = kind, let quote = opening.last { text.append(quote) }
            if needsBackslash { text += " \\" }
            return text
        }

        var closingWidth: Int { closing.count }

        /// What starts the next line before the rest of the code.
        var reopening: String {
            switch kind {
            case .code: ""
            case let .string(opening): opening
            case .comment: "# "
            }
        }
    }

    /// The places where the line may break, found in one pass that follows brackets,
    /// string literals (with their prefix: `f"...{x}..."` is not broken inside braces)
    /// and a trailing comment.
    static func breakPoints(in code: [Character], depth: inout Int) -> [BreakPoint] {
        var points: [BreakPoint] = []
        var index = 0
        while index < code.count {
            let character = code[index]
            if character == "#" {
                for position in (index + 1)..<code.count where code[position] == " " && position + 1 < code.count && code[position + 1] != " " {
                    points.append(BreakPoint(offset: position + 1, kind: .comment, needsBackslash: false))
                }
                return points
            }
            if character == "\"" || character == "'" {
                index = scanString(code, from: index, depth: depth, into: &points)
                continue
            }
            switch character {
            case "(", "[", "{":
                depth += 1
                // Right after an opening bracket: the arguments go on the next line.
                if index + 1 < code.count, !")]} ".contains(code[index + 1]) {
                    points.append(BreakPoint(offset: index + 1, kind: .code, needsBackslash: false))
                }
            case ")", "]", "}": depth = max(0, depth - 1)
            case " " where index + 1 < code.count && code[index + 1] != " " && code[index + 1] != "#":
                points.append(BreakPoint(offset: index + 1, kind: .code, needsBackslash: depth == 0))
            case "." where index > 0 && (code[index - 1] == ")" || code[index - 1] == "]"):
                points.append(BreakPoint(offset: index, kind: .code, needsBackslash: depth == 0))
            default: break
            }
            index += 1
        }
        return points
    }

    /// Skips the string literal opening at `start`, recording where it may be split, and
    /// returns the index after it. Triple-quoted strings are never split.
    static func scanString(_ code: [Character], from start: Int, depth: Int, into points: inout [BreakPoint]) -> Int {
        let quote = code[start]
        if start + 2 < code.count, code[start + 1] == quote, code[start + 2] == quote {
            var index = start + 3
            while index + 2 < code.count, !(code[index] == quote && code[index + 1] == quote && code[index + 2] == quote) { index += 1 }
            return min(code.count, index + 3)
        }
        var prefixStart = start
        while prefixStart > 0, "fFrRbBuU".contains(code[prefixStart - 1]) { prefixStart -= 1 }
        let opening = String(code[prefixStart...start])
        let formatted = opening.lowercased().contains("f")
        var braces = 0
        var index = start + 1
        while index < code.count, code[index] != quote {
            switch code[index] {
            case "\\": index += 1
            case "{" where formatted: braces += 1
            case "}" where formatted: braces = max(0, braces - 1)
            case " " where braces == 0 && index + 1 < code.count && code[index + 1] != quote:
                points.append(BreakPoint(offset: index + 1, kind: .string(opening: opening), needsBackslash: depth == 0))
            default: break
            }
            index += 1
        }
        return index + 1
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
