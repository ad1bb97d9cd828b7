import Glibc

/// `logging`: loggers by dotted name, levels, `basicConfig`, output to standard error.
/// Before `basicConfig` runs, Python's last-resort handler prints only the message, and only
/// at WARNING or above; after it (or after any module-level `logging.warning(...)`), records
/// are formatted, by default as `LEVEL:name:message`.
struct LoggingState {
    var loggers: [String: Logger] = [:]
    let root = Logger(name: "root", level: 30)
    /// The root handler's format, once `basicConfig` has installed it.
    var format: String?
    var dateFormat = "%Y-%m-%d %H:%M:%S"

    static let levels: [(name: String, value: Int)] = [
        ("CRITICAL", 50), ("FATAL", 50), ("ERROR", 40), ("WARNING", 30), ("WARN", 30), ("INFO", 20), ("DEBUG", 10), ("NOTSET", 0),
    ]

    static func levelName(_ level: Int) -> String {
        levels.first { $0.value == level && $0.name != "FATAL" && $0.name != "WARN" }?.name ?? "Level \(level)"
    }

    /// The level a logger acts on: its own, else its nearest configured ancestor's, else the root's.
    func effectiveLevel(_ logger: Logger) -> Int {
        if logger.level != 0 { return logger.level }
        var name = logger.name
        while let dot = name.lastIndex(of: ".") {
            name = String(name[..<dot])
            if let parent = loggers[name], parent.level != 0 { return parent.level }
        }
        return root.level
    }
}

final class Logger: NativeContainerRepr {
    let name: String
    var level: Int

    init(name: String, level: Int) {
        self.name = name
        self.level = level
    }

    var typeName: String { name == "root" ? "RootLogger" : "Logger" }
    func repr() -> String { "<\(typeName) \(name) (\(LoggingState.levelName(level)))>" }
    func repr(_ interpreter: Interpreter) throws -> String {
        "<\(typeName) \(name) (\(LoggingState.levelName(interpreter.stdlib.logging.effectiveLevel(self))))>"
    }

    func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(attribute, owner: "Logger", body)) }
        let methodLevels = ["debug": 10, "info": 20, "warning": 30, "warn": 30, "error": 40, "exception": 40, "critical": 50, "fatal": 50]
        if let level = methodLevels[attribute] {
            return method { [self] interpreter, arguments in
                try interpreter.log(self, level: level, arguments, function: attribute)
                return .none
            }
        }
        switch attribute {
        case "name": return .string(name)
        case "level": return .int(Int64(level))
        case "handlers": return .list(ListStorage([]))
        case "log":
            return method { [self] interpreter, arguments in
                guard let level = arguments.positional.first else { throw PythonError.typeError("log() missing 1 required positional argument: 'level'") }
                var rest = arguments
                rest.positional.removeFirst()
                try interpreter.log(self, level: try interpreter.loggingLevel(level), rest, function: "log")
                return .none
            }
        case "setLevel":
            return method { [self] interpreter, arguments in
                level = try interpreter.loggingLevel(try arguments.bind("setLevel", ["level"]).value("level"))
                return .none
            }
        case "getEffectiveLevel":
            return method { [self] interpreter, _ in .int(Int64(interpreter.stdlib.logging.effectiveLevel(self))) }
        case "isEnabledFor":
            return method { [self] interpreter, arguments in
                let asked = try interpreter.loggingLevel(try arguments.bind("isEnabledFor", ["level"]).value("level"))
                return .bool(asked >= interpreter.stdlib.logging.effectiveLevel(self))
            }
        default: return nil
        }
    }
}

extension Interpreter {
    func makeLoggingMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for (name, value) in LoggingState.levels { members[name] = .int(Int64(value)) }
        members["getLogger"] = stdlibFunction("getLogger") { interpreter, arguments in
            let name = try arguments.bind("getLogger", ["name"]).optional("name").map { try interpreter.str($0) }
            guard let name, name != "root" else { return .native(interpreter.stdlib.logging.root) }
            if let existing = interpreter.stdlib.logging.loggers[name] { return .native(existing) }
            let logger = Logger(name: name, level: 0)
            interpreter.stdlib.logging.loggers[name] = logger
            return .native(logger)
        }
        members["basicConfig"] = stdlibFunction("basicConfig") { interpreter, arguments in
            try interpreter.basicConfig(try arguments.bind("basicConfig", ["*", "level", "format", "datefmt", "force", "style", "stream", "filename", "filemode", "handlers", "encoding"]))
            return .none
        }
        members["getLevelName"] = stdlibFunction("getLevelName") { _, arguments in
            let level = try arguments.bind("getLevelName", ["level"]).value("level")
            if case let .string(name) = level {
                return LoggingState.levels.first { $0.name == name }.map { .int(Int64($0.value)) } ?? .string("Level \(name)")
            }
            return .string(LoggingState.levelName(try toInt(level, function: "getLevelName", argument: "level")))
        }
        // Module-level `logging.info(...)` configures the root handler first, as Python does.
        for (function, level) in ["debug": 10, "info": 20, "warning": 30, "warn": 30, "error": 40, "exception": 40, "critical": 50] {
            members[function] = stdlibFunction(function) { interpreter, arguments in
                if interpreter.stdlib.logging.format == nil { try interpreter.basicConfig(try CallArguments().bind("basicConfig", [])) }
                try interpreter.log(interpreter.stdlib.logging.root, level: level, arguments, function: function)
                return .none
            }
        }
        return members
    }

    func loggingLevel(_ value: Value) throws -> Int {
        if case let .string(name) = value {
            guard let level = LoggingState.levels.first(where: { $0.name == name }) else { throw PythonError.valueError("Unknown level: \(pythonStringRepr(name))") }
            return level.value
        }
        return try toInt(value, function: "setLevel", argument: "level")
    }

    private func basicConfig(_ bound: BoundArguments) throws {
        if bound.has("filename") || bound.has("stream") || bound.has("handlers") {
            throw PythonError("PermissionError", "logging.basicConfig: TensorTutor logs to standard error only, with no file access")
        }
        guard try bound.string("style", default: "%") == "%" else {
            throw PythonError.valueError("logging.basicConfig: only %-style formats are supported here")
        }
        guard try stdlib.logging.format == nil || bound.bool("force", default: false) else { return }
        stdlib.logging.format = try bound.string("format", default: "%(levelname)s:%(name)s:%(message)s")
        stdlib.logging.dateFormat = try bound.string("datefmt", default: "%Y-%m-%d %H:%M:%S")
        if let level = bound.optional("level") { stdlib.logging.root.level = try loggingLevel(level) }
    }

    /// One record: dropped below the logger's level, else formatted and written to standard error.
    func log(_ logger: Logger, level: Int, _ arguments: CallArguments, function: String) throws {
        let bound = try arguments.bind(function, ["msg", "*", "exc_info", "stack_info", "stacklevel", "extra"], variadic: true)
        guard level >= stdlib.logging.effectiveLevel(logger) else { return }
        var message = try str(try bound.value("msg"))
        if !bound.extra.isEmpty {
            // `logger.info("%(a)s", {"a": 1})` formats with the mapping, as LogRecord does.
            let values: Value = bound.extra.count == 1 && { if case .dict = bound.extra[0] { true } else { false } }() ? bound.extra[0] : .tuple(bound.extra)
            message = try percentFormat(message, values)
        }
        guard let format = stdlib.logging.format else {
            if level >= 30 { output?.writeError(message + "\n") }
            return
        }
        output?.writeError(try percentFormat(format, .dict(logRecord(logger, level: level, message: message))) + "\n")
    }

    private func logRecord(_ logger: Logger, level: Int, message: String) -> DictStorage {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let milliseconds = Int(now.tv_nsec / 1_000_000)
        let moduleName = source.name.hasSuffix(".py") ? String(source.name.dropLast(3).split(separator: "/").last ?? "") : source.name
        let fields: [(String, Value)] = [
            ("name", .string(logger.name)), ("levelname", .string(LoggingState.levelName(level))), ("levelno", .int(Int64(level))),
            ("message", .string(message)), ("msg", .string(message)), ("asctime", .string(localTime(now.tv_sec, stdlib.logging.dateFormat) + "," + String(format3(milliseconds)))),
            ("created", .float(Double(now.tv_sec) + Double(now.tv_nsec) / 1e9)), ("msecs", .float(Double(milliseconds))),
            ("filename", .string(String(source.name.split(separator: "/").last ?? ""))), ("module", .string(moduleName)),
            ("lineno", .int(Int64(currentLine))), ("funcName", .string("<module>")),
        ]
        return DictStorage(fields.map { (Value.string($0.0), $0.1) })
    }

    private func format3(_ value: Int) -> String {
        String(repeating: "0", count: max(0, 3 - String(value).count)) + String(value)
    }

    /// `time.strftime(format, time.localtime(seconds))`.
    func localTime(_ seconds: time_t, _ format: String) -> String {
        var clock = seconds
        var parts = tm()
        localtime_r(&clock, &parts)
        var buffer = [CChar](repeating: 0, count: 256)
        let length = strftime(&buffer, buffer.count, format, &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
