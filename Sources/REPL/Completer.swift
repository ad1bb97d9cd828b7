import Foundation
import Ops
import Interpreter

/// Tab completion over the live session: what is offered depends on where the cursor
/// is, and nothing is evaluated (a dotted name is resolved by lookups only).
public struct Completion: Equatable {
    /// The text before the cursor that the candidates would replace.
    public var fragment: String
    public var candidates: [String]
}

extension ReplSession {
    static let pythonKeywords = [
        "and", "as", "assert", "break", "class", "continue", "def", "del", "elif", "else", "except", "False",
        "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "None", "nonlocal", "not",
        "or", "pass", "raise", "return", "True", "try", "while", "with", "yield",
    ]

    /// Completions for the current line's text before the cursor.
    public func complete(_ textBeforeCursor: String) -> Completion {
        let text = textBeforeCursor
        if let activeLesson {
            let completion = activeLesson.complete(text)
            return Completion(fragment: completion.fragment, candidates: completion.candidates)
        }
        if text.allSatisfy({ $0 == " " || $0 == "\t" }) {
            // At the start of a line Tab indents, as in Python's REPL.
            return Completion(fragment: "", candidates: ["    "])
        }
        if pendingLines.isEmpty, text.trimmingCharacters(in: .whitespaces).hasPrefix(":") {
            return completeCommand(text.trimmingCharacters(in: .whitespaces))
        }
        return completeCode(text)
    }

    private func completeCommand(_ text: String) -> Completion {
        guard let space = text.firstIndex(of: " ") else {
            let fragment = String(text.dropFirst())
            let names = Self.commandNames.filter { $0.hasPrefix(fragment.lowercased()) }.sorted()
            return Completion(fragment: fragment, candidates: names)
        }
        let command = String(text[text.index(after: text.startIndex)..<space])
        let argument = String(text[space...].drop { $0 == " " })
        switch command {
        case "help":
            let names = FunctionDocs.lookupNames.filter { $0.hasPrefix(argument) }
            return Completion(fragment: argument, candidates: names)
        case "load":
            return completePath(argument)
        case "explain", "time":
            if command == "explain", !argument.contains(" ") {
                let code = completeCode(argument)
                let switches = ["on", "off"].filter { $0.hasPrefix(argument) && !argument.isEmpty }
                return Completion(fragment: code.fragment, candidates: (switches + code.candidates).uniqueSorted())
            }
            return completeCode(argument)
        default:
            return Completion(fragment: "", candidates: [])
        }
    }

    /// Python code: members after a dot, keyword arguments inside a call, else names.
    func completeCode(_ text: String) -> Completion {
        if isInsideString(text) { return Completion(fragment: "", candidates: []) }
        let chain = String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }.reversed())
        if let dot = chain.lastIndex(of: ".") {
            let base = String(chain[..<dot])
            let fragment = String(chain[chain.index(after: dot)...])
            let before = text.dropLast(chain.count).last
            // `x.sum().` or `a[0].` would need evaluation; and `1.` is a number.
            guard before != ")" && before != "]", let first = base.first, !first.isNumber, let value = resolve(base) else {
                return Completion(fragment: fragment, candidates: [])
            }
            return Completion(fragment: fragment, candidates: filter(memberNames(of: value), fragment))
        }
        let fragment = chain
        if let callee = enclosingCallee(text.dropLast(fragment.count)) {
            var keywords = keywordArguments(of: callee, alreadyGiven: text).filter { $0.hasPrefix(fragment) }
            // The parameter this argument's position would fill comes first: in
            // `F.softmax(x, d` that is `dim`, not `dtype`.
            if let slot = positionalParameter(of: callee, in: text), keywords.contains(slot) { keywords = [slot] }
            keywords = keywords.map { $0 + "=" }
            if !keywords.isEmpty {
                let variables = userVariableNames().filter { $0.hasPrefix(fragment) }
                return Completion(fragment: fragment, candidates: (keywords + variables).uniqueSorted())
            }
        }
        let names = interpreter.variableNames + interpreter.builtinFunctionNames + Self.pythonKeywords
        return Completion(fragment: fragment, candidates: filter(names, fragment))
    }

    private func filter(_ names: [String], _ fragment: String) -> [String] {
        names.filter { $0.hasPrefix(fragment) && (fragment.hasPrefix("_") || !$0.hasPrefix("_")) }.uniqueSorted()
    }

    /// A dotted name's value, by lookups only: variables, then members and attributes.
    func resolve(_ dotted: String) -> Value? {
        let parts = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, var value = interpreter.variable(first) else { return nil }
        for part in parts.dropFirst() {
            guard let next = member(part, of: value) else { return nil }
            value = next
        }
        return value
    }

    private func member(_ name: String, of value: Value) -> Value? {
        switch value {
        case let .module(namespace): return namespace.members[name]
        case let .instance(instance):
            return instance.attributes[name] ?? classAttribute(name, instance.classObject) ?? interpreter.registeredModuleMember(name, of: value)
        case let .classObject(classObject): return classAttribute(name, classObject)
        default: return interpreter.registeredModuleMember(name, of: value)
        }
    }

    private func classAttribute(_ name: String, _ classObject: ClassObject) -> Value? {
        if let value = classObject.attributes[name] { return value }
        for base in classObject.bases { if let value = classAttribute(name, base) { return value } }
        return nil
    }

    func memberNames(of value: Value) -> [String] {
        switch value {
        case let .module(namespace): return Array(namespace.members.keys)
        case .tensor: return Interpreter.tensorMethodNames + Interpreter.tensorAttributeNames
        case let .instance(instance):
            return Array(instance.attributes.keys) + classMemberNames(instance.classObject) + interpreter.registeredModuleMemberNames(value)
        case let .classObject(classObject): return classMemberNames(classObject)
        case .list: return ["append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse", "clear", "copy"]
        case .dict: return ["keys", "values", "items", "get", "pop", "update", "setdefault", "clear", "copy"]
        case .string: return ["join", "split", "strip", "replace", "format", "startswith", "endswith", "upper", "lower", "find"]
        default: return interpreter.registeredModuleMemberNames(value)
        }
    }

    private func classMemberNames(_ classObject: ClassObject) -> [String] {
        Array(classObject.attributes.keys) + classObject.bases.flatMap(classMemberNames)
    }

    /// The dotted callee of the innermost unclosed `(` when the cursor sits at an
    /// argument's start (right after `(` or `,`), e.g. `F.softmax` in `F.softmax(x, d`.
    func enclosingCallee(_ text: Substring) -> String? {
        let beforeFragment = text.trimmingCharacters(in: .whitespaces)
        guard let last = beforeFragment.last, last == "(" || last == "," else { return nil }
        var quote: Character?
        var index = text.startIndex
        var opens: [String.Index] = []
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == "\\" { index = text.index(after: index) } else if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if "([{".contains(character) {
                opens.append(index)
            } else if ")]}".contains(character), !opens.isEmpty {
                opens.removeLast()
            }
            if index < text.endIndex { index = text.index(after: index) }
        }
        guard let open = opens.last, text[open] == "(" else { return nil }
        let callee = String(text[..<open].reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }.reversed())
        return callee.isEmpty ? nil : callee
    }

    /// The keyword parameters of a callee, minus those already passed in this call.
    func keywordArguments(of callee: String, alreadyGiven text: String) -> [String] {
        guard let name = qualifiedName(of: callee), let parameters = FunctionDocs.parameters(of: name) else { return [] }
        let callStart = text.range(of: callee + "(", options: .backwards)?.upperBound ?? text.startIndex
        let given = Set(text[callStart...].matches(of: #/([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/#).map { String($0.output.1) })
        return parameters.filter { !given.contains($0) }
    }

    /// The positional parameter the argument at the cursor would bind to, counting the
    /// positional arguments already written in the call.
    func positionalParameter(of callee: String, in text: String) -> String? {
        guard let name = qualifiedName(of: callee), let entry = OpTable.byQualifiedName[name] else { return nil }
        let positional = entry.signature(as: name).parameters.filter { $0.kind == .positional }.map(\.name)
        guard let callStart = text.range(of: callee + "(", options: .backwards)?.upperBound else { return nil }
        var depth = 0
        var arguments: [String] = [""]
        for character in text[callStart...] {
            if "([{".contains(character) { depth += 1 }
            if ")]}".contains(character) { depth -= 1 }
            if character == ",", depth == 0 { arguments.append("") } else { arguments[arguments.count - 1].append(character) }
        }
        let earlier = arguments.dropLast()
        if earlier.contains(where: { $0.contains("=") && !$0.contains("==") }) { return nil }
        return earlier.count < positional.count ? positional[earlier.count] : nil
    }

    /// `F.softmax` → `torch.nn.functional.softmax`; `x.sum` → `Tensor.sum` for a tensor x.
    func qualifiedName(of callee: String) -> String? {
        guard let dot = callee.lastIndex(of: ".") else {
            if case let .builtin(builtin)? = interpreter.variable(callee) { return builtin.name }
            return callee
        }
        let base = String(callee[..<dot])
        let member = String(callee[callee.index(after: dot)...])
        switch resolve(base) {
        case let .module(namespace)?: return namespace.name + "." + member
        case .tensor?: return "Tensor." + member
        default: return nil
        }
    }

    /// Paths for `:load`, directories with a trailing slash.
    private func completePath(_ argument: String) -> Completion {
        let expanded = (argument as NSString).expandingTildeInPath
        let directory: String
        let fragment: String
        if argument.hasSuffix("/") {
            directory = expanded
            fragment = ""
        } else {
            directory = argument.contains("/") ? (expanded as NSString).deletingLastPathComponent : "."
            fragment = (argument as NSString).lastPathComponent
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "/" : directory)) ?? []
        let candidates = entries.filter { $0.hasPrefix(fragment) && (fragment.hasPrefix(".") || !$0.hasPrefix(".")) }.map { entry -> String in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(entry), isDirectory: &isDirectory)
            return isDirectory.boolValue ? entry + "/" : entry
        }
        return Completion(fragment: fragment, candidates: candidates.sorted())
    }

    /// Whether the cursor is inside a string literal (quotes are unbalanced).
    private func isInsideString(_ text: String) -> Bool {
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped { escaped = false; continue }
            if let open = quote {
                if character == "\\" { escaped = true } else if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                return true
            }
        }
        return quote != nil
    }
}

extension Array where Element == String {
    func uniqueSorted() -> [String] { Array(Set(self)).sorted() }
}
