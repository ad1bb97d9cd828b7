/// Text from a program (its prints, its exception messages) shown on a terminal.
///
/// A string can hold terminal escape sequences: `print('\x1b[2J')` would clear the
/// screen, an OSC sequence could retitle the window or write to the clipboard. On a
/// terminal such text is shown escaped, `\x1b[2J`, like Python's repr shows it. Line
/// breaks and tabs stay as they are, since printing lines is what programs do. Text
/// written to a pipe or file is left byte-exact: that is a contract, not a display.
public func escapeTerminalControls(_ text: String) -> String {
    // The common case, plain text, is returned without copying.
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
        if needsEscape(scalar) {
            out += scalar.value < 0x100
                ? "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                : "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// C0 and C1 controls other than newline and tab, DEL, and the bidirectional overrides
/// that make text read differently from how it is stored.
private func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09: false
    case 0x00..<0x20, 0x7F, 0x80..<0xA0: true
    case 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
}
