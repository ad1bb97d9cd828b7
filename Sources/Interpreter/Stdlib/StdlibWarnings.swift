import Glibc

/// One entry of `warnings.filters`: the first one that matches a warning decides its action.
struct WarningFilter {
    let action: String
    /// A regular expression matched, case-insensitively, at the start of the message; empty matches all.
    let message: String
    let category: String
    /// A regular expression matched at the start of the warning's module name; empty matches all.
    var module = ""
    let line: Int
}

struct WarningsState {
    /// Python 3.11's defaults: DeprecationWarning shows for code in `__main__` (all code here).
    var filters: [WarningFilter] = [
        WarningFilter(action: "default", message: "", category: "DeprecationWarning", module: "__main__", line: 0),
        WarningFilter(action: "ignore", message: "", category: "PendingDeprecationWarning", line: 0),
        WarningFilter(action: "ignore", message: "", category: "ImportWarning", line: 0),
        WarningFilter(action: "ignore", message: "", category: "ResourceWarning", line: 0),
    ]
    /// Warnings shown under the "once" and "module" actions.
    var shownOnce: Set<String> = []
    /// The lists of `catch_warnings(record=True)` blocks, innermost last.
    var recorders: [ListStorage] = []

    static let actions: Set<String> = ["default", "error", "ignore", "always", "module", "once"]

    func action(for message: String, categories: [String], module: String, line: Int) -> String {
        let match = filters.first { filter in
            categories.contains(filter.category) && (filter.line == 0 || filter.line == line)
                && (filter.message.isEmpty || regexMatchesStart(filter.message, message, ignoringCase: true))
                && (filter.module.isEmpty || regexMatchesStart(filter.module, module, ignoringCase: false))
        }
        return match?.action ?? "default"
    }
}

/// Python's `re.match(pattern, text)`, approximated by a POSIX extended expression.
private func regexMatchesStart(_ pattern: String, _ text: String, ignoringCase: Bool) -> Bool {
    var expression = regex_t()
    let flags = REG_EXTENDED | REG_NOSUB | (ignoringCase ? REG_ICASE : 0)
    guard regcomp(&expression, "^(\(pattern))", flags) == 0 else { return false }
    defer { regfree(&expression) }
    return regexec(&expression, text, 0, nil, 0) == 0
}

extension Interpreter {
    func makeWarningsMembers() -> [String: Value] {
        [
            "warn": stdlibFunction("warn") { interpreter, arguments in
                let bound = try arguments.bind("warn", ["message", "category", "stacklevel", "source"])
                var message = try bound.value("message")
                var categories = try interpreter.warningCategories(bound.optional("category") ?? .classObject(ClassObject(name: "UserWarning", attributes: [:], bases: [])))
                if case let .native(instance as ExceptionObject) = message {
                    categories = try interpreter.warningCategories(interpreter.builtinNames[instance.type] ?? .none)
                    message = .string(instance.message)
                }
                try interpreter.issueWarning(try interpreter.str(message), category: categories, module: "__main__", raisesErrors: true)
                return .none
            },
            "simplefilter": stdlibFunction("simplefilter") { interpreter, arguments in
                let bound = try arguments.bind("simplefilter", ["action", "category", "lineno", "append"])
                try interpreter.addWarningFilter(bound, message: "")
                return .none
            },
            "filterwarnings": stdlibFunction("filterwarnings") { interpreter, arguments in
                let bound = try arguments.bind("filterwarnings", ["action", "message", "category", "module", "lineno", "append"])
                try interpreter.addWarningFilter(bound, message: try bound.string("message", default: ""), module: try bound.string("module", default: ""))
                return .none
            },
            "resetwarnings": stdlibFunction("resetwarnings") { interpreter, _ in
                interpreter.stdlib.warnings.filters = []
                interpreter.shownWarnings = []
                return .none
            },
            "catch_warnings": stdlibFunction("catch_warnings") { _, arguments in
                let bound = try arguments.bind("catch_warnings", ["*", "record", "module"])
                return .native(CatchWarnings(record: try bound.bool("record", default: false)))
            },
        ]
    }

    /// The names a category matches filters by: its own, then its bases' up to `Warning`.
    func warningCategories(_ category: Value) throws -> [String] {
        guard case let .classObject(classObject) = category else {
            throw PythonError.typeError("category must be a Warning subclass, not '\(category.typeName)'")
        }
        var names = [classObject.name]
        if exceptionHierarchy[classObject.name] == nil, let base = classObject.bases.first {
            names += try warningCategories(.classObject(base))
        } else {
            while let parent = exceptionHierarchy[names.last ?? ""] { names.append(parent) }
        }
        guard names.contains("Warning") else {
            throw PythonError.typeError("category must be a Warning subclass, not 'type'")
        }
        return names
    }

    private func addWarningFilter(_ bound: BoundArguments, message: String, module: String = "") throws {
        let action = try bound.string("action", default: "")
        guard WarningsState.actions.contains(action) else { throw PythonError("AssertionError", "invalid action: \(pythonStringRepr(action))") }
        let category = try bound.optional("category").map { try warningCategories($0)[0] } ?? "Warning"
        let filter = WarningFilter(action: action, message: message, category: category, module: module, line: try bound.int("lineno", default: 0))
        stdlib.warnings.filters.removeAll {
            $0.action == filter.action && $0.message == filter.message && $0.category == filter.category && $0.module == filter.module && $0.line == filter.line
        }
        if try bound.bool("append", default: false) {
            stdlib.warnings.filters.append(filter)
        } else {
            stdlib.warnings.filters.insert(filter, at: 0)
        }
        // Changing the filters forgets which warnings were shown per place, as Python does.
        shownWarnings = []
    }

    /// Shows, records, raises or drops one warning, as the first matching filter says.
    /// `category` lists the category's name and its bases' names; `module` is the module it
    /// is attributed to: `__main__`, also for torch's own, which PyTorch attributes to the caller.
    func issueWarning(_ message: String, category: [String], module: String, raisesErrors: Bool) throws {
        let name = category.first ?? "UserWarning"
        switch stdlib.warnings.action(for: message, categories: category, module: module, line: currentLine) {
        case "ignore": return
        case "error" where raisesErrors:
            var error = PythonError(name, message)
            error.payload = .native(ExceptionObject(type: name, message: message, ancestry: category))
            throw error
        case "always": break
        case "once":
            guard stdlib.warnings.shownOnce.insert("\(name):\(message)").inserted else { return }
        case "module":
            guard stdlib.warnings.shownOnce.insert("module:\(name):\(message)").inserted else { return }
        default:
            guard shownWarnings.insert("\(currentLine):\(message)").inserted else { return }
        }
        if let recorder = stdlib.warnings.recorders.last {
            recorder.items.append(.native(WarningMessage(message: message, category: name, line: currentLine, file: source.name)))
            return
        }
        output?.warn(message, category: name, line: currentLine)
    }
}

/// `with warnings.catch_warnings(record=...)`: the filters come back as they were at the end.
final class CatchWarnings: NativeContextManager {
    let record: Bool
    private var savedFilters: [WarningFilter] = []

    init(record: Bool) { self.record = record }

    var typeName: String { "catch_warnings" }
    func repr() -> String { record ? "catch_warnings(record=True)" : "catch_warnings()" }

    func enter(_ interpreter: Interpreter) throws -> Value {
        savedFilters = interpreter.stdlib.warnings.filters
        guard record else { return .none }
        let log = ListStorage([])
        interpreter.stdlib.warnings.recorders.append(log)
        return .list(log)
    }

    func exit(_ interpreter: Interpreter) throws {
        interpreter.stdlib.warnings.filters = savedFilters
        if record { interpreter.stdlib.warnings.recorders.removeLast() }
    }
}

/// One recorded warning, as `catch_warnings(record=True)` lists them.
final class WarningMessage: NativeObject {
    let message: String
    let category: String
    let line: Int
    let file: String

    init(message: String, category: String, line: Int, file: String) {
        self.message = message
        self.category = category
        self.line = line
        self.file = file
    }

    var typeName: String { "WarningMessage" }

    func repr() -> String {
        "{message : \(category)(\(pythonStringRepr(message))), category : '\(category)', filename : '\(file)', lineno : \(line), line : None}"
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "message": return .native(ExceptionObject(type: category, message: message))
        case "category": return interpreter.builtinNames[category] ?? .string(category)
        case "lineno": return .int(Int64(line))
        case "filename": return .string(file)
        case "line": return Value.none
        default: return nil
        }
    }
}
