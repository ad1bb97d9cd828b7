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
