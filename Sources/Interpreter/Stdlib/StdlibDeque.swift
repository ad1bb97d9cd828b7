/// `collections.deque`: a list with cheap ends and an optional maximum length, past which
/// adding at one end drops an item from the other.
final class Deque: NativeSubscriptable, NativeSized, NativeContainerRepr, NativeDeepCopyable {
    var items: [Value]
    let maxLength: Int?

    init(_ items: [Value], maxLength: Int?) {
        self.items = items
        self.maxLength = maxLength
    }

    var typeName: String { "deque" }
    var count: Int { items.count }
    func repr() -> String { "deque(...)" }

    func repr(_ interpreter: Interpreter) throws -> String {
        let body = "deque([" + (try items.map(interpreter.repr)).joined(separator: ", ") + "]"
        return body + (maxLength.map { ", maxlen=\($0))" } ?? ")")
    }

    func iterate() throws -> [Value]? { items }

    func emptyCopy() -> NativeObject { Deque([], maxLength: maxLength) }

    func fill(_ copy: NativeObject, deepCopying: (Value) throws -> Value) throws {
        (copy as? Deque)?.items = try items.map(deepCopying)
    }

    func item(at index: Value, interpreter: Interpreter) throws -> Value {
        items[try interpreter.normalizedSequenceIndex(index, count: items.count, kind: "deque")]
    }

    private func append(_ item: Value, left: Bool) {
        if maxLength == 0 { return }
        if left { items.insert(item, at: 0) } else { items.append(item) }
        if let maxLength, items.count > maxLength {
            if left { items.removeLast() } else { items.removeFirst() }
        }
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(name, owner: "collections.deque", body)) }
        switch name {
        case "maxlen": return maxLength.map { .int(Int64($0)) } ?? .none
        case "append", "appendleft":
            return method { [self] _, arguments in
                append(try arguments.bind(name, ["x"]).value("x"), left: name == "appendleft")
                return .none
            }
        case "extend", "extendleft":
            return method { [self] interpreter, arguments in
                for item in try interpreter.iterate(try arguments.bind(name, ["iterable"]).value("iterable")) {
                    append(item, left: name == "extendleft")
                }
                return .none
            }
        case "pop", "popleft":
            return method { [self] _, _ in
                guard !items.isEmpty else { throw PythonError.indexError("pop from an empty deque") }
                return name == "pop" ? items.removeLast() : items.removeFirst()
            }
        case "clear": return method { [self] _, _ in items = []; return .none }
        case "rotate":
            return method { [self] _, arguments in
                let steps = try arguments.bind("rotate", ["n"]).int("n", default: 1)
                guard !items.isEmpty else { return .none }
                let shift = ((steps % items.count) + items.count) % items.count
                items = Array(items.suffix(shift) + items.dropLast(shift))
                return .none
            }
        case "count":
            return method { [self] _, arguments in
                let target = try arguments.bind("count", ["x"]).value("x")
                return .int(Int64(items.filter { pythonEquals($0, target) }.count))
            }
        default: return nil
        }
    }
}
