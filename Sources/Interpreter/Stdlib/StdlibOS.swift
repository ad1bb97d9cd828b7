/// `os`, restricted to what needs no access to the machine: the string functions of
/// `os.path`, `os.sep`, and an environment that is always empty. Nothing here reads the
/// real environment or file system: `os.path.exists`, `os.listdir` and their kind raise
/// a PermissionError that says why, rather than giving an answer that is not true.
extension Interpreter {
    func makeOSMembers() -> [String: Value] {
        var path: [String: Value] = [
            "sep": .string("/"),
            "join": stdlibFunction("join") { interpreter, arguments in
                let parts = try arguments.positional.map { try interpreter.pathString($0, "join") }
                return .string(parts.reduce("") { joined, part in
                    if part.hasPrefix("/") || joined.isEmpty { return part }
                    return joined.hasSuffix("/") ? joined + part : joined + "/" + part
                })
            },
            "basename": pathFunction("basename") { .string(splitPath($0).tail) },
            "dirname": pathFunction("dirname") { .string(splitPath($0).head) },
            "split": pathFunction("split") { let (head, tail) = splitPath($0); return .tuple([.string(head), .string(tail)]) },
            "splitext": pathFunction("splitext") { path in
                let tail = splitPath(path).tail
                let stem = tail.drop { $0 == "." }
                guard let dot = stem.lastIndex(of: ".") else { return .tuple([.string(path), .string("")]) }
                let extensionLength = stem.distance(from: dot, to: stem.endIndex)
                return .tuple([.string(String(path.dropLast(extensionLength))), .string(String(stem[dot...]))])
            },
            "isabs": pathFunction("isabs") { .bool($0.hasPrefix("/")) },
        ]
        for name in ["exists", "isfile", "isdir", "islink", "getsize", "getmtime", "abspath", "realpath", "expanduser", "expandvars"] {
            path[name] = refusedSystemFunction("os.path." + name)
        }
        var members: [String: Value] = [
            "path": stdlibModule("os.path", path),
            "sep": .string("/"),
            "linesep": .string("\n"),
            "environ": .dict(DictStorage()),
            "getenv": stdlibFunction("getenv") { _, arguments in
                try arguments.bind("getenv", ["key", "default"]).values["default"] ?? .none
            },
        ]
        for name in ["system", "popen", "listdir", "scandir", "walk", "remove", "unlink", "rmdir", "mkdir", "makedirs", "rename",
                     "replace", "getcwd", "chdir", "stat", "open", "kill", "fork", "execv", "execvp", "putenv", "getpid", "cpu_count"] {
            members[name] = refusedSystemFunction("os." + name)
        }
        return members
    }

    private func refusedSystemFunction(_ name: String) -> Value {
        stdlibFunction(String(name.split(separator: ".").last ?? "")) { _, _ in
            throw PythonError("PermissionError", "\(name)() is not available: TensorTutor runs tensor code only, with no file, network, process or environment access")
        }
    }

    private func pathFunction(_ name: String, _ body: @escaping (String) -> Value) -> Value {
        stdlibFunction(name) { interpreter, arguments in
            body(try interpreter.pathString(try arguments.bind(name, ["p"]).value("p"), name))
        }
    }

    func pathString(_ value: Value, _ function: String) throws -> String {
        guard case let .string(text) = value else {
            throw PythonError.typeError("\(function)() argument must be str, not \(value.typeName)")
        }
        return text
    }
}

/// `os.path.split`: the part after the last slash, and the part before it without trailing
/// slashes (unless it is all slashes).
private func splitPath(_ path: String) -> (head: String, tail: String) {
    guard let slash = path.lastIndex(of: "/") else { return ("", path) }
    let head = String(path[...slash])
    let trimmed = head.allSatisfy { $0 == "/" } ? head : String(head.reversed().drop { $0 == "/" }.reversed())
    return (trimmed, String(path[path.index(after: slash)...]))
}
