/// `tqdm`: training loops wrap their loaders in `tqdm(loader, desc=...)`. The real package
/// draws its bar on standard error; here the bar is not drawn, so what a program prints on
/// standard output is what it prints with tqdm installed. Iteration, `set_postfix`,
/// `set_description`, `update`, `close`, `with tqdm(...) as bar` and `tqdm.write` work.
extension Interpreter {
    func makeTqdmMembers() -> [String: Value] {
        let write = stdlibFunction("write") { interpreter, arguments in
            let bound = try arguments.bind("write", ["s", "file", "end", "nolock"])
            let end = try bound.optional("end").map { try interpreter.str($0) } ?? "\n"
            interpreter.output?.write(try interpreter.str(try bound.value("s")) + end)
            return .none
        }
        let tqdm = ProgressBarType(write: write)
        let trange = stdlibFunction("trange") { interpreter, arguments in
            var rangeArguments = arguments
            rangeArguments.keywords = []
            let range = try interpreter.call(interpreter.builtinNames["range"] ?? .none, rangeArguments)
            return .native(try ProgressBar(iterable: range, arguments.keywords, interpreter))
        }
        let auto = Namespace(name: "tqdm.auto", members: ["tqdm": .native(tqdm), "trange": trange])
        return ["tqdm": .native(tqdm), "trange": trange, "auto": .module(auto), "write": write]
    }
}

/// `tqdm.tqdm`, the class: called, it wraps an iterable; `tqdm.write` prints a line.
final class ProgressBarType: NativeCallable {
    let write: Value
    init(write: Value) { self.write = write }

    var typeName: String { "type" }
    func repr() -> String { "<class 'tqdm.std.tqdm'>" }
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? { name == "write" ? write : nil }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        var keywords = arguments.keywords
        var iterable = arguments.positional.first
        if let index = keywords.firstIndex(where: { $0.name == "iterable" }) { iterable = keywords.remove(at: index).value }
        return .native(try ProgressBar(iterable: iterable, keywords, interpreter))
    }
}

/// One progress bar: iterates its iterable, adding the items to `n` when the loop ends as
/// tqdm does, and counts what `update` reports.
final class ProgressBar: NativeContextManager, LazilyIterable {
    private let items: [Value]?
    private var count = 0
    private let total: Value
    private var description: String

    init(iterable: Value?, _ keywords: [(name: String, value: Value)], _ interpreter: Interpreter) throws {
        items = try iterable.map { $0.isNone ? nil : try interpreter.iterate($0) } ?? nil
        let given = keywords.first { $0.name == "total" }?.value
        total = given ?? items.map { .int(Int64($0.count)) } ?? .none
        description = try keywords.first { $0.name == "desc" }.map { try interpreter.str($0.value) } ?? ""
    }

    var typeName: String { "tqdm" }
    func repr() -> String { description.isEmpty ? "<tqdm>" : "<tqdm \(description)>" }
    func iterate() throws -> [Value]? {
        count += items?.count ?? 0
        return items ?? []
    }

    func makeIterator(_ interpreter: Interpreter) -> LazyIterator {
        var position = 0
        return LazyIterator(kind: "tqdm", isFinite: true) { [self] in
            guard let items else { return nil }
            guard position < items.count else {
                // tqdm brings `n` up to date when the loop ends (a `break` leaves it behind).
                if position == items.count { count += items.count }
                position += 1
                return nil
            }
            defer { position += 1 }
            return items[position]
        }
    }
    func enter(_ interpreter: Interpreter) throws -> Value { .native(self) }
    func exit(_ interpreter: Interpreter) throws {}

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(name, owner: "tqdm", isOp: false, body)) }
        switch name {
        case "n": return .int(Int64(count))
        case "total": return total
        case "desc": return .string(description)
        case "update":
            return method { interpreter, arguments in
                self.count += try arguments.bind("update", ["n"]).optional("n").map { try interpreter.pythonIntValue($0) } ?? 1
                return .bool(true)
            }
        case "set_description", "set_description_str":
            return method { interpreter, arguments in
                self.description = try interpreter.str(try arguments.bind(name, ["desc", "refresh"]).optional("desc") ?? .string(""))
                return .none
            }
        case "set_postfix", "set_postfix_str", "refresh", "close", "clear", "reset", "display", "unpause":
            return method { _, _ in .none }
        default: return nil
        }
    }
}
