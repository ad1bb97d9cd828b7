/// `argparse`: ArgumentParser, its arguments, and Namespace. `parse_args` parses the list
/// it is given and never the command line: called with nothing, it parses an empty list,
/// so a training script's defaults apply.
extension Interpreter {
    func makeArgparseMembers() -> [String: Value] {
        [
            "ArgumentParser": stdlibFunction("ArgumentParser") { interpreter, arguments in
                let bound = try arguments.bind("ArgumentParser", ["prog", "usage", "description", "epilog", "parents", "formatter_class",
                                                                  "prefix_chars", "fromfile_prefix_chars", "argument_default",
                                                                  "conflict_handler", "add_help", "allow_abbrev", "exit_on_error"])
                let program = try bound.string("prog", default: String(interpreter.source.name.split(separator: "/").last ?? "prog"))
                if try bound.has("fromfile_prefix_chars") || bound.string("prefix_chars", default: "-") != "-" || bound.has("exit_on_error") {
                    throw PythonError.valueError("ArgumentParser: prefix_chars, fromfile_prefix_chars and exit_on_error are not supported here")
                }
                let parser = ArgumentParserObject(program: program, description: try bound.optional("description").map(interpreter.str))
                parser.allowsAbbreviations = try bound.bool("allow_abbrev", default: true)
                if try bound.bool("add_help", default: true) {
                    parser.specs.append(ArgumentSpec(flags: ["-h", "--help"], dest: "help", action: "help", help: "show this help message and exit"))
                }
                for parent in try bound.optional("parents").map(interpreter.iterate) ?? [] {
                    guard case let .native(parentParser as ArgumentParserObject) = parent else { throw PythonError.typeError("parents must be ArgumentParsers") }
                    parser.specs += parentParser.specs.filter { $0.action != "help" }
                    parser.defaults += parentParser.defaults
                }
                return .native(parser)
            },
            "Namespace": stdlibFunction("Namespace") { _, arguments in
                let namespace = ArgparseNamespace()
                for (name, value) in arguments.keywords { namespace.set(name, value) }
                return .native(namespace)
            },
            "ArgumentError": .classObject(ClassObject(name: "ArgumentError", attributes: [:], bases: [])),
            // What a `type=` function raises for a bad value (DINO's `bool_flag`).
            "ArgumentTypeError": .classObject(ClassObject(name: "ArgumentTypeError", attributes: [:], bases: [])),
            "HelpFormatter": .none,
            "ArgumentDefaultsHelpFormatter": .none,
            "RawTextHelpFormatter": .none,
            "SUPPRESS": .string("==SUPPRESS=="),
        ]
    }
}

/// One `add_argument(...)`.
struct ArgumentSpec {
    var flags: [String]
    var dest: String
    var action = "store"
    var type: Value?
    var defaultValue: Value = .none
    var choices: [Value]?
    /// `{a,b}`, the choices as usage shows them.
    var choicesText: String?
    var nargs: Value = .none
    var const: Value = .none
    var required = false
    var help: String?
    var metavar: String?

    var isPositional: Bool { flags.isEmpty }
    /// How the argument is named in error messages: `--alpha`, or `name` for a positional.
    var displayName: String { isPositional ? (metavar ?? dest) : flags.joined(separator: "/") }
    var takesValue: Bool { ["store", "append"].contains(action) }
}

final class ArgumentParserObject: NativeObject {
    let program: String
    let description: String?
    var specs: [ArgumentSpec] = []
    var defaults: [(String, Value)] = []
    /// `--alp` for `--alpha`, unless `allow_abbrev=False`.
    var allowsAbbreviations = true

    init(program: String, description: String?) {
        self.program = program
        self.description = description
    }

    var typeName: String { "ArgumentParser" }
    func repr() -> String { "ArgumentParser(prog=\(pythonStringRepr(program)), usage=None, description=\(description.map(pythonStringRepr) ?? "None"))" }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(name, owner: "ArgumentParser", body)) }
        switch name {
        case "add_argument":
            return method { [self] interpreter, arguments in
                specs.append(try interpreter.argumentSpec(arguments))
                return .none
            }
        case "parse_args", "parse_known_args":
            return method { [self] interpreter, arguments in
                let bound = try arguments.bind(name, ["args", "namespace"])
                let tokens = try bound.optional("args").map { try interpreter.iterate($0).map(interpreter.str) } ?? []
                var target = ArgparseNamespace()
                if let given = bound.optional("namespace") {
                    guard case let .native(namespace as ArgparseNamespace) = given else { throw PythonError.typeError("namespace must be an argparse.Namespace") }
                    target = namespace
                }
                let (namespace, extras) = try interpreter.parse(tokens, with: self, into: target, allowExtras: name == "parse_known_args")
                if name == "parse_args" { return .native(namespace) }
                return .tuple([.native(namespace), .list(ListStorage(extras.map { .string($0) }))])
            }
        case "set_defaults":
            return method { [self] _, arguments in
                defaults += arguments.keywords.map { ($0.name, $0.value) }
                return .none
            }
        case "add_argument_group", "add_mutually_exclusive_group":
            // Groups only change how help is laid out; their arguments belong to this parser.
            return method { [self] _, _ in .native(self) }
        case "format_usage": return method { [self] _, _ in .string(usage() + "\n") }
        case "format_help": return method { [self] _, _ in .string(helpText()) }
        case "print_help":
            return method { [self] interpreter, _ in
                interpreter.output?.write(helpText())
                return .none
            }
        case "error":
            return method { [self] interpreter, arguments in
                throw try interpreter.argparseFailure(self, try interpreter.str(arguments.positional.first ?? .string("")))
            }
        case "prog": return .string(program)
        case "description": return description.map { .string($0) } ?? .none
        default: return nil
        }
    }

    /// argparse's usage line, wrapped as its HelpFormatter wraps it at 78 columns: options
    /// on the first lines, positionals after them, aligned under the first option.
    func usage() -> String {
        let prefix = "usage: "
        let options = specs.filter { !$0.isPositional }.map { spec in
            let value = spec.takesValue ? " " + valueText(spec) : ""
            return spec.required ? "\(spec.flags[0])\(value)" : "[\(spec.flags[0])\(value)]"
        }
        let positionals = specs.filter(\.isPositional).map(valueText)
        let oneLine = ([program] + options + positionals).joined(separator: " ")
        let width = 78
        guard prefix.count + oneLine.count > width else { return prefix + oneLine }
        let indent = String(repeating: " ", count: prefix.count + program.count + 1)
        func lines(_ parts: [String], first: Bool) -> [String] {
            var result: [String] = []
            var line: [String] = []
            var length = first ? prefix.count - 1 : indent.count - 1
            for part in parts {
                if length + 1 + part.count > width && !line.isEmpty {
                    result.append(indent + line.joined(separator: " "))
                    line = []
                    length = indent.count - 1
                }
                line.append(part)
                length += part.count + 1
            }
            if !line.isEmpty { result.append(indent + line.joined(separator: " ")) }
            if first, !result.isEmpty { result[0] = String(result[0].dropFirst(indent.count)) }
            return result
        }
        let wrapped = options.isEmpty ? lines([program] + positionals, first: true)
            : lines([program] + options, first: true) + lines(positionals, first: false)
        return prefix + wrapped.joined(separator: "\n")
    }

    /// How an argument's value shows in usage: `ALPHA`, `{a,b}`, `TAGS [TAGS ...]`.
    func valueText(_ spec: ArgumentSpec) -> String {
        let name = spec.metavar ?? spec.choicesText ?? (spec.isPositional ? spec.dest : spec.dest.uppercased())
        switch spec.nargs {
        case .string("?"): return "[\(name)]"
        case .string("*"): return "[\(name) ...]"
        case .string("+"): return "\(name) [\(name) ...]"
        case let .int(count): return Array(repeating: name, count: Int(count)).joined(separator: " ")
        default: return name
        }
    }

    func helpText() -> String {
        var lines = [usage(), ""]
        if let description { lines += [description, ""] }
        func row(_ spec: ArgumentSpec) -> String {
            let value = spec.takesValue && !spec.isPositional ? " " + (spec.metavar ?? spec.dest.uppercased()) : ""
            let name = spec.isPositional ? spec.displayName : spec.flags.map { $0 + value }.joined(separator: ", ")
            return "  " + name + (spec.help.map { "  " + $0 } ?? "")
        }
        let positionals = specs.filter(\.isPositional)
        if !positionals.isEmpty { lines += ["positional arguments:"] + positionals.map(row) + [""] }
        lines += ["options:"] + specs.filter { !$0.isPositional }.map(row)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// What `parse_args` returns: attributes in the order the arguments were added.
final class ArgparseNamespace: NativeContainerRepr {
    var values: [(name: String, value: Value)] = []

    var typeName: String { "Namespace" }
    func repr() -> String { "Namespace(...)" }

    func repr(_ interpreter: Interpreter) throws -> String {
        "Namespace(" + (try values.map { "\($0.name)=\(try interpreter.repr($0.value))" }).joined(separator: ", ") + ")"
    }

    func set(_ name: String, _ value: Value) {
        if let index = values.firstIndex(where: { $0.name == name }) { values[index].value = value } else { values.append((name, value)) }
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        if name == "__dict__" { return .dict(DictStorage(values.map { (Value.string($0.name), $0.value) })) }
        return values.first { $0.name == name }?.value
    }

    func setAttribute(_ name: String, _ value: Value) throws -> Bool {
        set(name, value)
        return true
    }
}
