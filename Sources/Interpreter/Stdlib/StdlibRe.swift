/// `re`: compile, match, search, fullmatch, findall, finditer, sub, subn, split and escape
/// over `RegexParser`'s syntax and `RegexMatcher`'s backtracking, with CPython's results,
/// reprs and errors (`re.error` at its position). Positions count characters, as the
/// interpreter's string indexing does. Built on first import.
extension Interpreter {
    func makeReMembers() -> [String: Value] {
        let errorClass = runLibrary("class error(Exception):\n    pass\n", bindings: [:])["error"] ?? .none
        let module = RegexModule(errorClass: errorClass)
        var members: [String: Value] = ["error": errorClass]
        let flags: [(String, String, Int)] = [
            ("I", "IGNORECASE", RegexFlag.ignoreCase), ("M", "MULTILINE", RegexFlag.multiline),
            ("S", "DOTALL", RegexFlag.dotAll), ("X", "VERBOSE", RegexFlag.verbose), ("A", "ASCII", RegexFlag.ascii),
            ("U", "UNICODE", RegexFlag.unicode), ("L", "LOCALE", RegexFlag.locale),
        ]
        for (short, long, value) in flags {
            members[short] = .int(Int64(value))
            members[long] = .int(Int64(value))
        }
        members["NOFLAG"] = .int(0)
        members["Pattern"] = .native(RegexTypeObject(name: "Pattern") { $0 is RegexPattern })
        members["Match"] = .native(RegexTypeObject(name: "Match") { $0 is RegexMatch })
        func function(_ name: String, _ parameters: [String], _ body: @escaping (Interpreter, BoundArguments, RegexPattern) throws -> Value) {
            members[name] = stdlibFunction(name) { interpreter, arguments in
                let bound = try arguments.bind(name, parameters)
                let pattern = try module.pattern(bound.value("pattern"), flags: bound.optional("flags"), interpreter)
                return try body(interpreter, bound, pattern)
            }
        }
        function("compile", ["pattern", "flags"]) { _, _, pattern in .native(pattern) }
        for (name, mode) in [("match", RegexMatcher.Mode.match), ("search", .search), ("fullmatch", .fullMatch)] {
            function(name, ["pattern", "string", "flags"]) { interpreter, bound, pattern in
                try pattern.firstMatch(bound.value("string"), mode: mode, interpreter)
            }
        }
        function("findall", ["pattern", "string", "flags"]) { interpreter, bound, pattern in
            try pattern.findAll(bound.value("string"), interpreter)
        }
        function("finditer", ["pattern", "string", "flags"]) { interpreter, bound, pattern in
            try pattern.findIterator(bound.value("string"), interpreter)
        }
        for name in ["sub", "subn"] {
            function(name, ["pattern", "repl", "string", "count", "flags"]) { interpreter, bound, pattern in
                try pattern.substitute(bound.value("repl"), bound.value("string"), count: bound.optional("count"),
                                       returnsCount: name == "subn", interpreter)
            }
        }
        function("split", ["pattern", "string", "maxsplit", "flags"]) { interpreter, bound, pattern in
            try pattern.split(bound.value("string"), maxSplit: bound.optional("maxsplit"), interpreter)
        }
        members["escape"] = stdlibFunction("escape") { _, arguments in
            guard case let .string(text) = try arguments.bind("escape", ["pattern"]).value("pattern") else {
                throw PythonError.typeError("escape() argument must be str")
            }
            // CPython escapes every ASCII character that is not a letter, digit or `_`, space included.
            let special = Set("()[]{}?*+-|^$\\.&~# \t\n\r\u{0B}\u{0C}")
            return .string(String(text.flatMap { special.contains($0) ? ["\\", $0] : [$0] }))
        }
        members["purge"] = stdlibFunction("purge") { _, _ in
            module.cache.removeAll()
            return .none
        }
        return members
    }
}

/// `re.Pattern` and `re.Match`, for `isinstance` and annotations.
final class RegexTypeObject: NativeInstanceCheck {
    let name: String
    let test: (NativeObject) -> Bool

    init(name: String, test: @escaping (NativeObject) -> Bool) {
        self.name = name
        self.test = test
    }

    var typeName: String { "type" }
    func repr() -> String { "<class 're.\(name)'>" }

    func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        attribute == "__name__" ? .string(name) : nil
    }

    func isInstance(_ value: Value, interpreter: Interpreter) throws -> Bool {
        if case let .native(object) = value { return test(object) }
        return false
    }
}

/// The state `re`'s functions share: `re.error`, and compiled patterns by source and flags.
final class RegexModule {
    let errorClass: Value
    var cache: [String: RegexPattern] = [:]

    init(errorClass: Value) { self.errorClass = errorClass }

    func pattern(_ value: Value, flags: Value?, _ interpreter: Interpreter) throws -> RegexPattern {
        let flagBits = try flags.map { Int(try interpreter.pythonInt($0)) } ?? 0
        if case let .native(compiled as RegexPattern) = value {
            guard flagBits == 0 else { throw PythonError.valueError("cannot process flags argument with a compiled pattern") }
            return compiled
        }
        guard case let .string(source) = value else { throw PythonError.typeError("first argument must be string or compiled pattern") }
        let key = "\(flagBits):\(source)"
        if let cached = cache[key] { return cached }
        let compiled: CompiledRegex
        do {
            compiled = try RegexParser.compile(source, flags: flagBits)
        } catch let syntax as RegexSyntaxError {
            throw raise(syntax, in: source, interpreter)
        }
        let pattern = RegexPattern(compiled, module: self)
        if cache.count >= 512 { cache.removeAll() }
        cache[key] = pattern
        return pattern
    }

    /// `re.error`, with CPython's "at position N" and, for a pattern of several lines, its line and column.
    func raise(_ syntax: RegexSyntaxError, in source: String, _ interpreter: Interpreter) -> PythonError {
        var message = syntax.message
        if let position = syntax.position {
            message += " at position \(position)"
            let characters = Array(source)
            if characters.contains("\n") {
                let before = characters[..<min(position, characters.count)]
                let line = before.filter { $0 == "\n" }.count + 1
                let column = position - (before.lastIndex(of: "\n").map { $0 + 1 } ?? 0) + 1
                message += " (line \(line), column \(column))"
            }
        }
        var error = PythonError("error", message)
        if case let .classObject(errorClass) = errorClass {
            error.payload = .native(ExceptionObject(type: "error", message: message, ancestry: classAncestry(errorClass)))
        }
        return error
    }
}

/// `re.compile(...)`'s result.
final class RegexPattern: NativeObject {
    let compiled: CompiledRegex
    unowned let module: RegexModule

    init(_ compiled: CompiledRegex, module: RegexModule) {
        self.compiled = compiled
        self.module = module
    }

    var typeName: String { "re.Pattern" }

    func repr() -> String {
        let names: [(Int, String)] = [
            (RegexFlag.ignoreCase, "re.IGNORECASE"), (RegexFlag.locale, "re.LOCALE"), (RegexFlag.multiline, "re.MULTILINE"),
            (RegexFlag.dotAll, "re.DOTALL"), (RegexFlag.verbose, "re.VERBOSE"), (RegexFlag.ascii, "re.ASCII"),
        ]
        let shown = names.filter { compiled.flags & $0.0 != 0 }.map(\.1)
        return "re.compile(\(pythonStringRepr(compiled.pattern))" + (shown.isEmpty ? ")" : ", " + shown.joined(separator: "|") + ")")
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ parameters: [String], _ body: @escaping (Interpreter, BoundArguments) throws -> Value) -> Value {
            .builtin(Builtin(name, owner: "re.Pattern") { interpreter, arguments in try body(interpreter, try arguments.bind(name, parameters)) })
        }
        switch name {
        case "pattern": return .string(compiled.pattern)
        case "flags": return .int(Int64(compiled.flags))
        case "groups": return .int(Int64(compiled.groupCount))
        case "groupindex": return .dict(DictStorage(compiled.groupNames.map { (.string($0.name), .int(Int64($0.index))) }))
        case "match", "search", "fullmatch":
            let mode: RegexMatcher.Mode = name == "match" ? .match : (name == "search" ? .search : .fullMatch)
            return method(["string", "pos", "endpos"]) { [self] interpreter, bound in
                try firstMatch(bound.value("string"), mode: mode, pos: bound.optional("pos"), endpos: bound.optional("endpos"), interpreter)
            }
        case "findall": return method(["string", "pos", "endpos"]) { [self] interpreter, bound in
            try findAll(bound.value("string"), pos: bound.optional("pos"), endpos: bound.optional("endpos"), interpreter)
        }
        case "finditer": return method(["string", "pos", "endpos"]) { [self] interpreter, bound in
            try findIterator(bound.value("string"), pos: bound.optional("pos"), endpos: bound.optional("endpos"), interpreter)
        }
        case "sub", "subn": return method(["repl", "string", "count"]) { [self] interpreter, bound in
            try substitute(bound.value("repl"), bound.value("string"), count: bound.optional("count"), returnsCount: name == "subn", interpreter)
        }
        case "split": return method(["string", "maxsplit"]) { [self] interpreter, bound in
            try split(bound.value("string"), maxSplit: bound.optional("maxsplit"), interpreter)
        }
        default: return nil
        }
    }

    /// The subject string's characters and the window `pos`/`endpos` select.
    private func subject(_ value: Value, pos: Value?, endpos: Value?, _ interpreter: Interpreter) throws -> (String, [Character], Int, Int) {
        guard case let .string(text) = value else { throw PythonError.typeError("expected string or bytes-like object, got '\(value.typeName)'") }
        let characters = Array(text)
        let start = try pos.map { Int(clamping: try interpreter.pythonInt($0)) } ?? 0
        let end = try endpos.map { Int(clamping: try interpreter.pythonInt($0)) } ?? characters.count
        return (text, characters, min(max(start, 0), characters.count), min(max(end, 0), characters.count))
    }

    private func matcher(_ characters: [Character], end: Int, _ interpreter: Interpreter) -> RegexMatcher {
        RegexMatcher(text: characters, end: end, groupCount: compiled.groupCount) { try interpreter.checkInterrupt() }
    }

    func firstMatch(_ string: Value, mode: RegexMatcher.Mode, pos: Value? = nil, endpos: Value? = nil, _ interpreter: Interpreter) throws -> Value {
        let (text, characters, start, end) = try subject(string, pos: pos, endpos: endpos, interpreter)
        guard let captures = try matcher(characters, end: end, interpreter).run(compiled.root, from: start, mode: mode) else { return .none }
        return .native(RegexMatch(pattern: self, text: text, characters: characters, captures: captures, pos: start, endpos: end))
    }

    /// Every match left to right, as `finditer` finds them: after an empty match, the next
    /// may not be empty at the same place.
    func allMatches(_ string: Value, pos: Value? = nil, endpos: Value? = nil, limit: Int = .max,
                    _ interpreter: Interpreter) throws -> (String, [Character], [[Int]]) {
        let (text, characters, start, end) = try subject(string, pos: pos, endpos: endpos, interpreter)
        let matcher = matcher(characters, end: end, interpreter)
        var found: [[Int]] = []
        var position = start
        var forbidden: Int?
        while found.count < limit, position <= end,
              let captures = try matcher.run(compiled.root, from: position, mode: .search, emptyForbiddenAt: forbidden) {
            found.append(captures)
            try interpreter.limits.checkItems(found.count)
            position = captures[1]
            forbidden = captures[0] == captures[1] ? captures[1] : nil
        }
        return (text, characters, found)
    }

    func findAll(_ string: Value, pos: Value? = nil, endpos: Value? = nil, _ interpreter: Interpreter) throws -> Value {
        let (_, characters, matches) = try allMatches(string, pos: pos, endpos: endpos, interpreter)
        func group(_ captures: [Int], _ index: Int) -> Value {
            let start = captures[2 * index], end = captures[2 * index + 1]
            return .string(start < 0 ? "" : String(characters[start..<end]))
        }
        return .list(ListStorage(matches.map { captures in
            switch compiled.groupCount {
            case 0: return group(captures, 0)
            case 1: return group(captures, 1)
            default: return .tuple((1...compiled.groupCount).map { group(captures, $0) })
            }
        }))
    }

    func findIterator(_ string: Value, pos: Value? = nil, endpos: Value? = nil, _ interpreter: Interpreter) throws -> Value {
        let (text, characters, matches) = try allMatches(string, pos: pos, endpos: endpos, interpreter)
        let (_, _, start, end) = try subject(string, pos: pos, endpos: endpos, interpreter)
        var remaining = matches[...]
        return .native(LazyIterator(kind: "callable_iterator", isFinite: true) { [self] in
            guard let captures = remaining.popFirst() else { return nil }
            return .native(RegexMatch(pattern: self, text: text, characters: characters, captures: captures, pos: start, endpos: end))
        })
    }

    func substitute(_ replacement: Value, _ string: Value, count: Value?, returnsCount: Bool, _ interpreter: Interpreter) throws -> Value {
        let limit = try count.map { Int(clamping: try interpreter.pythonInt($0)) } ?? 0
        let template: [RegexTemplatePiece]?
        switch replacement {
        case let .string(text): template = try parseTemplate(text, interpreter)
        case .function, .builtin, .native, .classObject, .instance: template = nil
        default: throw PythonError.typeError("decoding to str: need a bytes-like object, \(replacement.typeName) found")
        }
        // A negative count replaces nothing, as in CPython.
        let (text, characters, matches) = try allMatches(string, limit: limit > 0 ? limit : (limit == 0 ? .max : 0), interpreter)
        var result = ""
        var last = 0
        for captures in matches {
            result += String(characters[last..<captures[0]])
            if let template {
                for piece in template {
                    switch piece {
                    case let .literal(literal): result += literal
                    case let .group(index):
                        let start = captures[2 * index], end = captures[2 * index + 1]
                        if start >= 0 { result += String(characters[start..<end]) }
                    }
                }
            } else {
                let match = RegexMatch(pattern: self, text: text, characters: characters, captures: captures, pos: 0, endpos: characters.count)
                switch try interpreter.call(replacement, CallArguments([.native(match)])) {
                case let .string(piece): result += piece
                case .none: break
                case let other: throw PythonError.typeError("expected str instance, \(other.typeName) found")
                }
            }
            try interpreter.limits.checkStringBytes(result.utf8.count)
            last = captures[1]
        }
        result += String(characters[last...])
        return returnsCount ? .tuple([.string(result), .int(Int64(matches.count))]) : .string(result)
    }

    func split(_ string: Value, maxSplit: Value?, _ interpreter: Interpreter) throws -> Value {
        let limit = try maxSplit.map { Int(clamping: try interpreter.pythonInt($0)) } ?? 0
        guard limit >= 0 else { return .list(ListStorage([string])) }
        let (_, characters, matches) = try allMatches(string, limit: limit > 0 ? limit : .max, interpreter)
        var pieces: [Value] = []
        var last = 0
        for captures in matches {
            pieces.append(.string(String(characters[last..<captures[0]])))
            for index in stride(from: 1, through: compiled.groupCount, by: 1) {
                let start = captures[2 * index], end = captures[2 * index + 1]
                pieces.append(start < 0 ? .none : .string(String(characters[start..<end])))
            }
            last = captures[1]
        }
        pieces.append(.string(String(characters[last...])))
        return .list(ListStorage(pieces))
    }

    /// A replacement template's text and group references (`\1`, `\g<name>`), with CPython's errors.
    func parseTemplate(_ template: String, _ interpreter: Interpreter) throws -> [RegexTemplatePiece] {
        let characters = Array(template)
        var pieces: [RegexTemplatePiece] = []
        var literal = ""
        var index = 0
        func flush() {
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = ""
        }
        func fail(_ message: String, _ position: Int) -> PythonError {
            module.raise(RegexSyntaxError(message: message, position: position), in: template, interpreter)
        }
        func groupReference(_ number: Int, at position: Int) throws {
            guard number <= compiled.groupCount else { throw fail("invalid group reference \(number)", position) }
            flush()
            pieces.append(.group(number))
        }
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
            case "g":
                guard index < characters.count, characters[index] == "<" else { throw fail("missing <", index) }
                let nameStart = index + 1
                guard let close = characters[nameStart...].firstIndex(of: ">") else { throw fail("missing >, unterminated name", nameStart) }
                let name = String(characters[nameStart..<close])
                index = close + 1
                if name.isEmpty { throw fail("missing group name", nameStart) }
                if let number = Int(name), name.allSatisfy({ $0.isASCII && $0.isWholeNumber }) {
                    try groupReference(number, at: nameStart)
                } else if let group = compiled.groupNames.first(where: { $0.name == name }) {
                    flush()
                    pieces.append(.group(group.index))
                } else if name.first.map({ $0 == "_" || $0.isLetter }) == true, name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) {
                    throw PythonError.indexError("unknown group name '\(name)'")
                } else {
                    throw fail("bad character in group name '\(name)'", nameStart)
                }
            case "0":
                var octal = ""
                while octal.count < 2, index < characters.count, ("0"..."7").contains(characters[index]) {
                    octal.append(characters[index])
                    index += 1
                }
                literal.append(Character(Unicode.Scalar(UInt32(octal, radix: 8) ?? 0) ?? "\0"))
            case "1"..."9":
                var digits = String(escaped)
                if index < characters.count, characters[index].isASCII, characters[index].isWholeNumber {
                    let next = characters[index]
                    if escaped <= "7", next <= "7", index + 1 < characters.count, ("0"..."7").contains(characters[index + 1]) {
                        let octal = digits + String(next) + String(characters[index + 1])
                        index += 2
                        guard let value = UInt32(octal, radix: 8), value <= 0o377 else {
                            throw fail("octal escape value \\\(octal) outside of range 0-0o377", start)
                        }
                        literal.append(Character(Unicode.Scalar(value)!))
                        continue
                    }
                    digits.append(next)
                    index += 1
                }
                try groupReference(Int(digits) ?? 0, at: start + 1)
            default:
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
        flush()
        return pieces
    }
}

enum RegexTemplatePiece {
    case literal(String)
    case group(Int)
}

/// A successful match: its groups' spans over the subject string.
final class RegexMatch: NativeSubscriptable {
    let pattern: RegexPattern
    let text: String
    let characters: [Character]
    let captures: [Int]
    let pos: Int
    let endpos: Int

    init(pattern: RegexPattern, text: String, characters: [Character], captures: [Int], pos: Int, endpos: Int) {
        self.pattern = pattern
        self.text = text
        self.characters = characters
        self.captures = captures
        self.pos = pos
        self.endpos = endpos
    }

    var typeName: String { "re.Match" }

    func repr() -> String {
        "<re.Match object; span=(\(captures[0]), \(captures[1])), match=\(pythonStringRepr(String(characters[captures[0]..<captures[1]])))>"
    }

    private func groupIndex(_ value: Value, _ interpreter: Interpreter) throws -> Int {
        switch value {
        case let .string(name):
            guard let index = pattern.compiled.groupNames.first(where: { $0.name == name })?.index else { throw PythonError.indexError("no such group") }
            return index
        case .int, .bool:
            let index = try interpreter.pythonInt(value)
            guard index >= 0, index <= pattern.compiled.groupCount else { throw PythonError.indexError("no such group") }
            return Int(index)
        default: throw PythonError.indexError("no such group")
        }
    }

    private func group(_ index: Int, default fallback: Value = .none) -> Value {
        let start = captures[2 * index], end = captures[2 * index + 1]
        return start < 0 ? fallback : .string(String(characters[start..<end]))
    }

    func item(at index: Value, interpreter: Interpreter) throws -> Value {
        group(try groupIndex(index, interpreter))
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping (Interpreter, CallArguments) throws -> Value) -> Value {
            .builtin(Builtin(name, owner: "re.Match", body))
        }
        let groupCount = pattern.compiled.groupCount
        switch name {
        case "string": return .string(text)
        case "re": return .native(pattern)
        case "pos": return .int(Int64(pos))
        case "endpos": return .int(Int64(endpos))
        case "lastindex", "lastgroup":
            // The group that closed last: the one ending furthest right; on a tie, a later
            // group that starts where the other ended (`(a)(b?)`), else the enclosing one.
            var last: Int?
            for index in stride(from: 1, through: groupCount, by: 1) where captures[2 * index] >= 0 {
                guard let current = last else {
                    last = index
                    continue
                }
                let end = captures[2 * index + 1], currentEnd = captures[2 * current + 1]
                if end > currentEnd || (end == currentEnd && captures[2 * index] >= currentEnd) { last = index }
            }
            guard let last else { return Value.none }
            if name == "lastindex" { return .int(Int64(last)) }
            return pattern.compiled.groupNames.first { $0.index == last }.map { .string($0.name) } ?? Value.none
        case "group": return method { [self] interpreter, arguments in
            guard !arguments.positional.isEmpty else { return group(0) }
            let values = try arguments.positional.map { group(try groupIndex($0, interpreter)) }
            return values.count == 1 ? values[0] : .tuple(values)
        }
        case "groups": return method { [self] _, arguments in
            let fallback = try arguments.bind("groups", ["default"]).optional("default") ?? .none
            return .tuple(stride(from: 1, through: groupCount, by: 1).map { group($0, default: fallback) })
        }
        case "groupdict": return method { [self] _, arguments in
            let fallback = try arguments.bind("groupdict", ["default"]).optional("default") ?? .none
            return .dict(DictStorage(pattern.compiled.groupNames.map { (.string($0.name), group($0.index, default: fallback)) }))
        }
        case "start", "end", "span": return method { [self] interpreter, arguments in
            let index = try arguments.bind(name, ["group"]).optional("group").map { try groupIndex($0, interpreter) } ?? 0
            let start = Value.int(Int64(captures[2 * index])), end = Value.int(Int64(captures[2 * index + 1]))
            return name == "start" ? start : (name == "end" ? end : .tuple([start, end]))
        }
        case "expand": return method { [self] interpreter, arguments in
            guard case let .string(template) = try arguments.bind("expand", ["template"]).value("template") else {
                throw PythonError.typeError("expected str instance")
            }
            var result = ""
            for piece in try pattern.parseTemplate(template, interpreter) {
                switch piece {
                case let .literal(literal): result += literal
                case let .group(index): if case let .string(text) = group(index) { result += text }
                }
            }
            return .string(result)
        }
        default: return nil
        }
    }
}
