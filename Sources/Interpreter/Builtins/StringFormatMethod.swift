/// `str.format`: replacement fields `{name.attr[key]!r:spec}`, as Python's `string.Formatter`
/// parses them. Training loops print meters this way (`'{loss.val:.3f} ({loss.avg:.3f})'`).
extension Interpreter {
    /// `"{} {:.2f}".format(a, b)`.
    func formatMethod(_ template: String, _ arguments: CallArguments) throws -> String {
        var automaticIndex = 0
        return try expandFormatFields(template, arguments, automaticIndex: &automaticIndex, depth: 0)
    }

    /// The template with each field replaced. A spec may itself hold fields (`{:{width}}`),
    /// one level deep as in Python.
    private func expandFormatFields(_ template: String, _ arguments: CallArguments, automaticIndex: inout Int, depth: Int) throws -> String {
        guard depth < 2 else { throw PythonError.valueError("Max string recursion exceeded") }
        var output = ""
        var characters = template[...]
        while let character = characters.first {
            characters = characters.dropFirst()
            if character == "{" && characters.first == "{" { output.append("{"); characters = characters.dropFirst(); continue }
            if character == "}" {
                guard characters.first == "}" else { throw PythonError.valueError("Single '}' encountered in format string") }
                output.append("}")
                characters = characters.dropFirst()
                continue
            }
            guard character == "{" else { output.append(character); continue }
            let field = try takeReplacementField(&characters)
            output += try expandFormatField(field, arguments, automaticIndex: &automaticIndex, depth: depth)
        }
        return output
    }

    /// The text between a field's braces, with nested braces kept (`{:{w}}` gives `:{w}`).
    private func takeReplacementField(_ characters: inout Substring) throws -> String {
        var field = ""
        var nesting = 0
        var inIndex = false
        while let next = characters.first {
            characters = characters.dropFirst()
            // Inside `[...]` of the field name, braces and colons are plain key text.
            if next == "[" && nesting == 0 && !field.contains(":") && !field.contains("!") { inIndex = true }
            if next == "]" && inIndex { inIndex = false }
            if !inIndex {
                if next == "{" { nesting += 1 }
                if next == "}" {
                    if nesting == 0 { return field }
                    nesting -= 1
                }
            }
            field.append(next)
        }
        if field.isEmpty { throw PythonError.valueError("Single '{' encountered in format string") }
        throw PythonError.valueError(field.contains("{") ? "unmatched '{' in format spec" : "expected '}' before end of string")
    }

    /// One field's text, formatted: its value looked up, converted (`!r`), then formatted by its spec.
    private func expandFormatField(_ field: String, _ arguments: CallArguments, automaticIndex: inout Int, depth: Int) throws -> String {
        let (name, conversion, rawSpec) = try splitFormatField(field)
        let spec = rawSpec.contains("{") ? try expandFormatFields(rawSpec, arguments, automaticIndex: &automaticIndex, depth: depth + 1) : rawSpec
        var value = try formatFieldValue(name, arguments, automaticIndex: &automaticIndex)
        switch conversion {
        case nil: break
        case "r": value = .string(try repr(value))
        case "s": value = .string(try str(value))
        case "a": value = .string(asciiEscaped(try repr(value)))
        case let other?: throw PythonError.valueError("Unknown conversion specifier \(other)")
        }
        return try format(value, spec: spec)
    }

    /// `name!r:spec` split into its three parts. The name ends at the first `!` or `:`
    /// outside an index's brackets.
    private func splitFormatField(_ field: String) throws -> (name: String, conversion: String?, spec: String) {
        var name = ""
        var rest = field[...]
        var inIndex = false
        while let next = rest.first {
            if !inIndex && (next == "!" || next == ":") { break }
            if next == "[" { inIndex = true }
            if next == "]" { inIndex = false }
            name.append(next)
            rest = rest.dropFirst()
        }
        var conversion: String?
        if rest.first == "!" {
            rest = rest.dropFirst()
            guard let letter = rest.first else { throw PythonError.valueError("end of string while looking for conversion specifier") }
            conversion = String(letter)
            rest = rest.dropFirst()
            guard rest.isEmpty || rest.first == ":" else { throw PythonError.valueError("expected ':' after conversion specifier") }
        }
        if rest.first == ":" { rest = rest.dropFirst() }
        return (name, conversion, String(rest))
    }

    /// The value a field name selects: an argument (by position or keyword), then each
    /// `.attribute` and `[key]` in turn. A key of digits is an int, anything else a str.
    private func formatFieldValue(_ name: String, _ arguments: CallArguments, automaticIndex: inout Int) throws -> Value {
        let first = name.prefix { $0 != "." && $0 != "[" }
        var value: Value
        if first.isEmpty {
            guard automaticIndex >= 0 else {
                throw PythonError.valueError("cannot switch from manual field specification to automatic field numbering")
            }
            guard automaticIndex < arguments.positional.count else {
                throw PythonError.indexError("Replacement index \(automaticIndex) out of range for positional args tuple")
            }
            value = arguments.positional[automaticIndex]
            automaticIndex += 1
        } else if first.allSatisfy({ $0.isASCII && $0.isNumber }), let index = Int(first) {
            // Only digits make an index: Python reads "{-1}" as a keyword, a KeyError.
            if automaticIndex > 0 { throw PythonError.valueError("cannot switch from automatic field numbering to manual field specification") }
            automaticIndex = -1
            guard index < arguments.positional.count else {
                throw PythonError.indexError("Replacement index \(index) out of range for positional args tuple")
            }
            value = arguments.positional[index]
        } else if let keyword = arguments.keywords.first(where: { $0.name == String(first) }) {
            value = keyword.value
        } else {
            throw PythonError("KeyError", pythonStringRepr(String(first)))
        }
        var rest = name.dropFirst(first.count)
        while let next = rest.first {
            rest = rest.dropFirst()
            if next == "." {
                let part = rest.prefix { $0 != "." && $0 != "[" }
                rest = rest.dropFirst(part.count)
                guard !part.isEmpty else { throw PythonError.valueError("Empty attribute in format string") }
                value = try attribute(of: value, String(part))
            } else if next == "[" {
                let part = rest.prefix { $0 != "]" }
                rest = rest.dropFirst(part.count)
                guard rest.first == "]" else { throw PythonError.valueError("Missing ']' in format string") }
                rest = rest.dropFirst()
                guard !part.isEmpty else { throw PythonError.valueError("Empty attribute in format string") }
                let key: Value = part.allSatisfy({ $0.isASCII && $0.isNumber }) ? .int(Int64(part) ?? 0) : .string(String(part))
                value = try subscriptValue(value, key)
            } else {
                throw PythonError.valueError("Only '.' or '[' may follow ']' in format field specifier")
            }
        }
        return value
    }

    /// What `ascii()` makes of a repr: every non-ASCII character as an escape.
    private func asciiEscaped(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII { output.unicodeScalars.append(scalar); continue }
            let value = scalar.value
            if value <= 0xff { output += "\\x" + hexDigits(value, 2) }
            else if value <= 0xffff { output += "\\u" + hexDigits(value, 4) }
            else { output += "\\U" + hexDigits(value, 8) }
        }
        return output
    }

    private func hexDigits(_ value: UInt32, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
