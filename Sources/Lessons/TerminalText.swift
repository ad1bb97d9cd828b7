/// Lesson prose for a terminal: paragraphs and list items reflowed to the terminal's
/// width, and Markdown's inline marks (`**strong**`, `*emphasis*`, `` `code` ``) drawn
/// as styles. Without colour the emphasis marks are dropped and code keeps its
/// backticks, which read as quotes in a plain transcript.
enum TerminalText {
    /// Reflows `text` to `width` columns. A line starting with `- `, `* ` or `1. ` starts
    /// a list item, whose later lines hang under its text; a table row (`|`) or an
    /// indented code line keeps its line as written.
    static func reflow(_ text: String, width: Int, useColor: Bool) -> String {
        var blocks: [(prefix: String, hang: Int, words: [String])] = []
        var verbatim: [Int: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.drop { $0 == " " }
            // An empty line separates paragraphs (a prompt may hold several).
            if trimmed.hasPrefix("|") || trimmed.isEmpty || line.hasPrefix("    ") && !(blocks.last.map { $0.hang > 0 } ?? false) {
                verbatim[blocks.count] = line
                blocks.append(("", 0, []))
                continue
            }
            if let marker = listMarker(String(trimmed)) {
                let indent = line.count - trimmed.count
                let words = String(trimmed.dropFirst(marker.count)).split(separator: " ").map(String.init)
                blocks.append((String(repeating: " ", count: indent) + marker, indent + marker.count, words))
            } else if blocks.isEmpty || verbatim[blocks.count - 1] != nil {
                blocks.append(("", 0, trimmed.split(separator: " ").map(String.init)))
            } else {
                blocks[blocks.count - 1].words += trimmed.split(separator: " ").map(String.init)
            }
        }
        var lines: [String] = []
        for (index, block) in blocks.enumerated() {
            if let line = verbatim[index] { lines.append(line); continue }
            let units = keepingCodeSpansWhole(block.words, width: width - block.hang)
            lines += wrap(units, width: width, firstPrefix: block.prefix, hang: block.hang)
        }
        return style(lines.joined(separator: "\n"), useColor: useColor)
    }

    /// Joins the words of each `code span` and each bracketed shape (`[8, 5]`) into one
    /// unit, so a line break never falls inside one, unless it is wider than a line.
    static func keepingCodeSpansWhole(_ words: [String], width: Int) -> [String] {
        var units: [String] = []
        var open: [String] = []
        var closer: Character = "`"
        for word in words {
            let ticks = word.filter { $0 == "`" }.count
            if open.isEmpty {
                if ticks % 2 == 1 {
                    open = [word]
                    closer = "`"
                } else if ticks == 0, word.filter({ $0 == "[" }).count > word.filter({ $0 == "]" }).count {
                    open = [word]
                    closer = "]"
                } else {
                    units.append(word)
                }
                continue
            }
            open.append(word)
            let closes = closer == "`" ? ticks % 2 == 1 : word.contains("]")
            if closes {
                let joined = open.joined(separator: " ")
                if visibleWidth(joined) <= width { units.append(joined) } else { units += open }
                open = []
            }
        }
        return units + open
    }

    /// `- `, `* `, `+ ` or `12. ` at the start of `text`.
    static func listMarker(_ text: String) -> String? {
        for bullet in ["- ", "* ", "+ "] where text.hasPrefix(bullet) { return bullet }
        let digits = text.prefix { $0.isNumber }
        if !digits.isEmpty, text.dropFirst(digits.count).hasPrefix(". ") { return String(digits) + ". " }
        return nil
    }

    /// Greedy wrapping by visible width (marks that will be hidden do not count).
    static func wrap(_ words: [String], width: Int, firstPrefix: String, hang: Int) -> [String] {
        var lines: [String] = []
        var current = firstPrefix
        var currentWidth = firstPrefix.count
        var lineHasWord = false
        for word in words {
            let wordWidth = visibleWidth(word)
            if lineHasWord, currentWidth + 1 + wordWidth > width {
                lines.append(current)
                current = String(repeating: " ", count: hang)
                currentWidth = hang
                lineHasWord = false
            }
            if lineHasWord { current += " "; currentWidth += 1 }
            current += word
            currentWidth += wordWidth
            lineHasWord = true
        }
        lines.append(current)
        return lines
    }

    /// The width a word takes once its emphasis marks are drawn as styles.
    static func visibleWidth(_ word: String) -> Int {
        var width = 0
        var inCode = false
        for character in word {
            if character == "`" { inCode.toggle(); width += 1; continue }
            if character == "*" && !inCode { continue }
            width += 1
        }
        return width
    }

    /// Draws inline marks. Styles close at each line end and reopen on the next line,
    /// so a line is never left coloured.
    static func style(_ text: String, useColor: Bool) -> String {
        let characters = Array(text)
        var output = ""
        var bold = false, italic = false, code = false
        func codes() -> String {
            guard useColor else { return "" }
            var active: [String] = []
            if bold { active.append("1") }
            if italic { active.append("3") }
            if code { active.append("36") }
            return "\u{1B}[0m" + (active.isEmpty ? "" : "\u{1B}[" + active.joined(separator: ";") + "m")
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let previous: Character = index > 0 ? characters[index - 1] : " "
            let next: Character = index + 1 < characters.count ? characters[index + 1] : " "
            switch character {
            case "`":
                code.toggle()
                output += useColor ? codes() : "`"
            case "*" where !code && next == "*":
                bold.toggle()
                output += codes()
                index += 1
            case "*" where !code && ((italic && !previous.isWhitespace) || (!italic && !next.isWhitespace && !previous.isLetter && !previous.isNumber)):
                italic.toggle()
                output += codes()
            case "\n":
                if useColor, bold || italic || code { output += "\u{1B}[0m" }
                output += "\n"
                if useColor, bold || italic || code { output += codes() }
            default:
                output.append(character)
            }
            index += 1
        }
        if useColor, bold || italic || code { output += "\u{1B}[0m" }
        return output
    }
}
