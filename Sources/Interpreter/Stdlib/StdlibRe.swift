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
}
