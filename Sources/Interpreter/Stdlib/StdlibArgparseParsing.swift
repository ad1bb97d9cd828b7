/// How `ArgumentParser.parse_args` reads a list of strings, with argparse's error messages.
extension Interpreter {
    func argumentSpec(_ arguments: CallArguments) throws -> ArgumentSpec {
        let bound = try arguments.bind("add_argument", ["*", "action", "nargs", "const", "default", "type", "choices", "required", "help", "metavar", "dest"], variadic: true)
        let flags = try bound.extra.map(str)
        guard let first = flags.first else { throw PythonError.typeError("add_argument() missing a name or flag") }
        let isPositional = !first.hasPrefix("-")
        let long = flags.first { $0.hasPrefix("--") } ?? first
        let inferred = String(long.drop { $0 == "-" }).replacingOccurrences(of: "-", with: "_")
        var spec = ArgumentSpec(flags: isPositional ? [] : flags, dest: try bound.string("dest", default: isPositional ? first : inferred))
        spec.action = try bound.string("action", default: "store")
        guard ["store", "store_true", "store_false", "store_const", "append", "count"].contains(spec.action) else {
            throw PythonError.valueError("unknown action \(pythonStringRepr(spec.action))")
        }
        spec.type = bound.optional("type")
        spec.nargs = bound.values["nargs"] ?? .none
        spec.const = bound.values["const"] ?? .none
        spec.choices = try bound.optional("choices").map { try iterate($0) }
        spec.choicesText = try spec.choices.map { "{" + (try $0.map(str)).joined(separator: ",") + "}" }
        spec.required = try bound.bool("required", default: isPositional && spec.nargs.isNone)
        spec.help = try bound.optional("help").map(str)
        spec.metavar = try bound.optional("metavar").map(str)
        switch spec.action {
        case "store_true": spec.defaultValue = bound.values["default"] ?? .bool(false)
        case "store_false": spec.defaultValue = bound.values["default"] ?? .bool(true)
        default: spec.defaultValue = bound.values["default"] ?? .none
        }
        if case let .string(nargs) = spec.nargs, ["?", "*"].contains(nargs), isPositional { spec.required = false }
        return spec
    }

    /// Raises what argparse's `error()` does: the usage and message on standard error, then SystemExit(2).
    func argparseFailure(_ parser: ArgumentParserObject, _ message: String) throws -> PythonError {
        output?.writeError(parser.usage() + "\n\(parser.program): error: \(message)\n")
        return PythonError("SystemExit", "2")
    }

    func parse(_ tokens: [String], with parser: ArgumentParserObject, into namespace: ArgparseNamespace,
               allowExtras: Bool) throws -> (ArgparseNamespace, [String]) {
        // Defaults fill in only what the given namespace does not already hold, as in argparse.
        for spec in parser.specs where spec.action != "help" && namespace.attributeValue(spec.dest) == nil {
            var value = spec.defaultValue
            if case let .string(text) = value, spec.type != nil, spec.takesValue {
                value = try convertArgument(text, spec, parser)
            }
            namespace.set(spec.dest, value)
        }
        for (name, value) in parser.defaults where namespace.attributeValue(name) == nil { namespace.set(name, value) }
        var seen: Set<String> = []
        var positionals: [String] = []
        var extras: [String] = []
        var index = 0
        func isOption(_ token: String) -> Bool { token.count > 1 && token.hasPrefix("-") && Double(token) == nil }
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if token == "--" { positionals += tokens[index...]; break }
            guard isOption(token) else { positionals.append(token); continue }
            let (flag, attached) = token.hasPrefix("--") && token.contains("=")
                ? (String(token.prefix { $0 != "=" }), String(token.drop { $0 != "=" }.dropFirst())) : (token, nil as String?)
            guard let spec = try optionSpec(flag, parser) else { extras.append(token); continue }
            if spec.action == "help" {
                output?.write(parser.helpText())
                throw PythonError("SystemExit", "0")
            }
            seen.insert(spec.dest)
            var values: [String] = attached.map { [$0] } ?? []
            if attached == nil {
                while index < tokens.count, !isOption(tokens[index]), values.count < maximumValues(spec) {
                    values.append(tokens[index])
                    index += 1
                }
            }
            try store(values, spec, in: namespace, parser)
        }
        try assignPositionals(positionals, parser, namespace, &extras, &seen)
        let missing = parser.specs.filter { $0.required && !seen.contains($0.dest) }.map(\.displayName)
        if !missing.isEmpty { throw try argparseFailure(parser, "the following arguments are required: \(missing.joined(separator: ", "))") }
        if !extras.isEmpty && !allowExtras { throw try argparseFailure(parser, "unrecognized arguments: \(extras.joined(separator: " "))") }
        return (namespace, extras)
    }

    /// The option a flag names: exactly, or as the one long option it abbreviates.
    private func optionSpec(_ flag: String, _ parser: ArgumentParserObject) throws -> ArgumentSpec? {
        if let exact = parser.specs.first(where: { $0.flags.contains(flag) }) { return exact }
        guard flag.hasPrefix("--"), parser.allowsAbbreviations else { return nil }
        let matches = parser.specs.filter { $0.flags.contains { $0.hasPrefix(flag) } }
        if matches.count > 1 {
            let names = matches.flatMap { $0.flags.filter { $0.hasPrefix(flag) } }.joined(separator: ", ")
            throw try argparseFailure(parser, "ambiguous option: \(flag) could match \(names)")
        }
        return matches.first
    }

    private func maximumValues(_ spec: ArgumentSpec) -> Int {
        guard spec.takesValue else { return 0 }
        switch spec.nargs {
        case .none: return 1
        case let .int(count): return Int(count)
        case .string("?"): return 1
        default: return Int.max
        }
    }

    private func store(_ values: [String], _ spec: ArgumentSpec, in namespace: ArgparseNamespace, _ parser: ArgumentParserObject) throws {
        switch spec.action {
        case "store_true": namespace.set(spec.dest, .bool(true))
        case "store_false": namespace.set(spec.dest, .bool(false))
        case "store_const": namespace.set(spec.dest, spec.const)
        case "count":
            let current = namespace.attributeValue(spec.dest)
            namespace.set(spec.dest, .int((current.flatMap { if case let .int(n) = $0 { n } else { nil } } ?? 0) + 1))
        default:
            let converted = try values.map { try convertArgument($0, spec, parser) }
            let value: Value
            switch spec.nargs {
            case .none:
                guard let single = converted.first else { throw try argparseFailure(parser, "argument \(spec.displayName): expected one argument") }
                value = single
            case .string("?"): value = converted.first ?? spec.const
            case .string("+") where converted.isEmpty:
                throw try argparseFailure(parser, "argument \(spec.displayName): expected at least one argument")
            case let .int(count) where converted.count != Int(count):
                throw try argparseFailure(parser, "argument \(spec.displayName): expected \(count) arguments")
            default: value = .list(ListStorage(converted))
            }
            if spec.action == "append", case let .list(existing)? = namespace.attributeValue(spec.dest) {
                namespace.set(spec.dest, .list(ListStorage(existing.items + [value])))
            } else {
                namespace.set(spec.dest, spec.action == "append" ? .list(ListStorage([value])) : value)
            }
        }
    }

    /// Positional strings go to positional arguments in order; `*` and `+` take the rest.
    private func assignPositionals(_ strings: [String], _ parser: ArgumentParserObject, _ namespace: ArgparseNamespace,
                                   _ extras: inout [String], _ seen: inout Set<String>) throws {
        var remaining = strings[...]
        for spec in parser.specs where spec.isPositional {
            let count: Int
            switch spec.nargs {
            case .string("?"): count = min(1, remaining.count)
            case .string("*"), .string("+"): count = remaining.count
            case let .int(number): count = min(Int(number), remaining.count)
            default: count = min(1, remaining.count)
            }
            if count == 0, spec.nargs.isNone || { if case .string("+") = spec.nargs { true } else { false } }() { continue }
            try store(Array(remaining.prefix(count)), spec, in: namespace, parser)
            remaining = remaining.dropFirst(count)
            seen.insert(spec.dest)
        }
        extras += remaining
    }

    /// The string passed through `type=`; a failure is argparse's "invalid <type> value".
    private func convertArgument(_ text: String, _ spec: ArgumentSpec, _ parser: ArgumentParserObject) throws -> Value {
        var value = Value.string(text)
        if let type = spec.type {
            do {
                value = try call(type, CallArguments([value]))
            } catch let error as PythonError where ["ValueError", "TypeError"].contains(error.type) {
                let typeName = (try? str(try attribute(of: type, "__name__"))) ?? "type"
                throw try argparseFailure(parser, "argument \(spec.displayName): invalid \(typeName) value: \(pythonStringRepr(text))")
            }
        }
        if let choices = spec.choices, !choices.contains(where: { pythonEquals($0, value) }) {
            let options = try choices.map(repr).joined(separator: ", ")
            throw try argparseFailure(parser, "argument \(spec.displayName): invalid choice: \(try repr(value)) (choose from \(options))")
        }
        return value
    }
}

extension ArgparseNamespace {
    func attributeValue(_ name: String) -> Value? { values.first { $0.name == name }?.value }
}
