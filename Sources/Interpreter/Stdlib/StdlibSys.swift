/// `sys`, restricted as `os` is to what needs no access to the machine: the streams
/// `print(..., file=sys.stderr)` and `sys.stdout.flush()` use, `sys.exit`, `argv` (the
/// program's name only: TensorTutor passes no arguments), and the interpreter's constants.
/// Nothing here reads the environment, the file system or other processes.
extension Interpreter {
    func makeSysMembers() -> [String: Value] {
        [
            "stdout": .native(StandardStream(isError: false)),
            "stderr": .native(StandardStream(isError: true)),
            "argv": .list(ListStorage([.string("")])),
            "path": .list(ListStorage([])),
            "platform": .string("linux"),
            "byteorder": .string("little"),
            "maxsize": .int(Int64.max),
            "version": .string("3.11.7 (TensorTutor)"),
            "version_info": .tuple([.int(3), .int(11), .int(7), .string("final"), .int(0)]),
            "float_info": .native(SysFloatInfo()),
            "exit": stdlibFunction("exit") { interpreter, arguments in
                let code = try arguments.bind("exit", ["status"]).values["status"] ?? .none
                throw interpreter.systemExit(code)
            },
        ]
    }

    /// `sys.argv[0]` as Python sets it: the script's path, `-c` for `-e` code, and empty
    /// for standard input.
    func setProgramName(_ name: String) {
        guard case let .module(sys)? = modules["sys"], case let .list(argv)? = sys.members["argv"], argv.items.count == 1 else { return }
        argv.items[0] = .string(name == "<string>" ? "-c" : (name.hasPrefix("<") ? "" : name))
    }

    /// SystemExit carries its status as its message: empty for None, the number for an
    /// int, and otherwise the text Python prints before exiting with status 1.
    func systemExit(_ code: Value) -> PythonError {
        switch code {
        case .none: return PythonError("SystemExit", "")
        case let .int(number): return PythonError("SystemExit", String(number))
        case let .bool(flag): return PythonError("SystemExit", flag ? "1" : "0")
        default: return PythonError("SystemExit", (try? str(code)) ?? "")
        }
    }
}

/// `sys.stdout` and `sys.stderr`: `write` returns the length written, as a text file's does.
final class StandardStream: NativeObject {
    let isError: Bool
    init(isError: Bool) { self.isError = isError }
    var typeName: String { "TextIOWrapper" }
    func repr() -> String { "<_io.TextIOWrapper name='<\(isError ? "stderr" : "stdout")>' mode='w' encoding='utf-8'>" }

    func write(_ text: String, interpreter: Interpreter) {
        if isError { interpreter.output?.writeError(text) } else { interpreter.output?.write(text) }
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "write":
            return stdlibFunction("write") { [self] interpreter, arguments in
                guard case let .string(text) = try arguments.bind("write", ["s"]).value("s") else {
                    throw PythonError.typeError("write() argument must be str, not \(arguments.positional.first?.typeName ?? "None")")
                }
                write(text, interpreter: interpreter)
                return .int(Int64(text.count))
            }
        case "flush": return stdlibFunction("flush") { _, _ in .none }
        case "isatty": return stdlibFunction("isatty") { _, _ in .bool(false) }
        case "encoding": return .string("utf-8")
        case "name": return .string(isError ? "<stderr>" : "<stdout>")
        default: return nil
        }
    }
}

/// `sys.float_info`: float64's limits.
final class SysFloatInfo: NativeObject {
    var typeName: String { "sys.float_info" }
    func repr() -> String {
        "sys.float_info(max=1.7976931348623157e+308, max_exp=1024, max_10_exp=308, min=2.2250738585072014e-308, "
            + "min_exp=-1021, min_10_exp=-307, dig=15, mant_dig=53, epsilon=2.220446049250313e-16, radix=2, rounds=1)"
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "max": return .float(Double.greatestFiniteMagnitude)
        case "min": return .float(Double.leastNormalMagnitude)
        case "epsilon": return .float(Double.ulpOfOne)
        case "dig": return .int(15)
        case "mant_dig": return .int(53)
        case "max_exp": return .int(1024)
        case "min_exp": return .int(-1021)
        case "radix": return .int(2)
        default: return nil
        }
    }
}
