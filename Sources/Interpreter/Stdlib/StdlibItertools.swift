/// `itertools`. The finite ones build their items at once, as the interpreter's other
/// iterators do; `count`, `cycle` and `repeat` without a count are lazy, since they never end.
extension Interpreter {
    func makeItertoolsMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        func define(_ name: String, _ parameters: [String], variadic: Bool = false,
                    _ items: @escaping (Interpreter, BoundArguments) throws -> [Value]) {
            members[name] = stdlibFunction(name) { interpreter, arguments in
                let bound = try arguments.bind(name, parameters, variadic: variadic)
                return .native(IteratorObject(kind: "itertools.\(name)", items: try items(interpreter, bound)))
            }
        }
        members["repeat"] = stdlibFunction("repeat") { interpreter, arguments in
            let bound = try arguments.bind("repeat", ["object", "times"])
            let object = try bound.value("object")
            guard let times = try bound.optionalInt("times") else {
                return .native(LazyIterator(kind: "itertools.repeat") { object })
            }
            try interpreter.limits.checkItems(times, what: "repeat(object, times)")
            return .native(IteratorObject(kind: "itertools.repeat", items: Array(repeating: object, count: max(0, times))))
        }
        members["count"] = stdlibFunction("count") { interpreter, arguments in
            let bound = try arguments.bind("count", ["start", "step"])
            var next = bound.values["start"] ?? .int(0)
            let step = bound.values["step"] ?? .int(1)
            return .native(LazyIterator(kind: "itertools.count") {
                defer { next = (try? interpreter.binaryOperation(.add, next, step)) ?? next }
                return next
            })
        }
        members["cycle"] = stdlibFunction("cycle") { interpreter, arguments in
            let items = try interpreter.iterate(try arguments.bind("cycle", ["iterable"]).value("iterable"))
            var position = 0
            return .native(LazyIterator(kind: "itertools.cycle") {
                guard !items.isEmpty else { return nil }
                defer { position = (position + 1) % items.count }
                return items[position]
            })
        }
        members["chain"] = .native(ChainType())
        members["islice"] = stdlibFunction("islice") { interpreter, arguments in
            let bound = try arguments.bind("islice", ["iterable", "start", "stop", "step"])
            return try interpreter.islice(bound)
        }
        define("product", ["*", "repeat"], variadic: true) { interpreter, bound in
            let pools = try bound.extra.map { try interpreter.iterate($0) }
            let repeated = Array(repeating: pools, count: try bound.int("repeat", default: 1)).flatMap { $0 }
            let total = repeated.reduce(1) { $0.multipliedReportingOverflow(by: $1.count).partialValue }
            try interpreter.limits.checkItems(total, what: "this product")
            return repeated.reduce([[Value]()]) { partial, pool in partial.flatMap { prefix in pool.map { prefix + [$0] } } }.map { .tuple($0) }
        }
        define("permutations", ["iterable", "r"]) { interpreter, bound in
            let pool = try interpreter.iterate(try bound.value("iterable"))
            return try interpreter.arrangements(pool, length: try bound.optionalInt("r") ?? pool.count, ordered: true)
        }
        define("combinations", ["iterable", "r"]) { interpreter, bound in
            try interpreter.arrangements(try interpreter.iterate(try bound.value("iterable")), length: try bound.int("r"), ordered: false)
        }
        define("accumulate", ["iterable", "func", "*", "initial"]) { interpreter, bound in
            var results: [Value] = bound.optional("initial").map { [$0] } ?? []
            for item in try interpreter.iterate(try bound.value("iterable")) {
                guard let last = results.last else { results.append(item); continue }
                let function = bound.optional("func")
                results.append(try function.map { try interpreter.call($0, CallArguments([last, item])) } ?? interpreter.binaryOperation(.add, last, item))
            }
            return results
        }
        define("zip_longest", ["*", "fillvalue"], variadic: true) { interpreter, bound in
            let sequences = try bound.extra.map { try interpreter.iterate($0) }
            let fill = bound.values["fillvalue"] ?? .none
            return (0..<(sequences.map(\.count).max() ?? 0)).map { index in .tuple(sequences.map { index < $0.count ? $0[index] : fill }) }
        }
        define("starmap", ["function", "iterable"]) { interpreter, bound in
            try interpreter.iterate(try bound.value("iterable")).map { try interpreter.call(try bound.value("function"), CallArguments(try interpreter.iterate($0))) }
        }
        define("pairwise", ["iterable"]) { interpreter, bound in
            let items = try interpreter.iterate(try bound.value("iterable"))
            return items.indices.dropLast().map { .tuple([items[$0], items[$0 + 1]]) }
        }
        return members
    }

    /// `islice(it, stop)` or `islice(it, start, stop[, step])`, pulling only what it needs;
    /// an endless iterator without a stop stays endless.
    private func islice(_ bound: BoundArguments) throws -> Value {
        let hasRange = bound.values["stop"] != nil
        let start = hasRange ? try bound.int("start", default: 0) : 0
        let stop = hasRange ? try bound.optionalInt("stop") : try bound.optionalInt("start")
        let step = try bound.int("step", default: 1)
        guard start >= 0, stop.map({ $0 >= 0 }) ?? true, step >= 1 else {
            throw PythonError.valueError("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
        }
        let iterable = try bound.value("iterable")
        if stop == nil, case let .native(endless as LazyIterator) = iterable {
            var skip = start
            return .native(LazyIterator(kind: "itertools.islice") {
                while skip > 0 { _ = try endless.next(); skip -= 1 }
                skip = step - 1
                return try endless.next()
            })
        }
        let items = try prefix(of: iterable, stop ?? Int.max)
        return .native(IteratorObject(kind: "itertools.islice", items: stride(from: start, to: items.count, by: step).map { items[$0] }))
    }

    /// Permutations (ordered) or combinations of `length` items, in itertools' order.
    func arrangements(_ pool: [Value], length: Int, ordered: Bool) throws -> [Value] {
        guard length >= 0 else { throw PythonError.valueError("r must be non-negative") }
        var results: [Value] = []
        func extend(_ chosen: [Int]) throws {
            if chosen.count == length {
                try limits.checkItems(results.count + 1, what: ordered ? "these permutations" : "these combinations")
                results.append(.tuple(chosen.map { pool[$0] }))
                return
            }
            let first = ordered ? 0 : (chosen.last.map { $0 + 1 } ?? 0)
            for index in first..<max(first, pool.count) where !chosen.contains(index) { try extend(chosen + [index]) }
        }
        if length <= pool.count { try extend([]) }
        return results
    }
}

/// `itertools.chain`: called, it chains its arguments; `chain.from_iterable(iterables)`,
/// its class method, chains the items of one iterable.
final class ChainType: NativeCallable {
    private let fromIterable: Value

    init() {
        fromIterable = stdlibFunction("from_iterable") { interpreter, arguments in
            let iterables = try interpreter.iterate(try arguments.bind("from_iterable", ["iterable"]).value("iterable"))
            return .native(IteratorObject(kind: "itertools.chain", items: try iterables.flatMap { try interpreter.iterate($0) }))
        }
    }

    var typeName: String { "type" }
    func repr() -> String { "<class 'itertools.chain'>" }
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? { name == "from_iterable" ? fromIterable : nil }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        let items = try arguments.bind("chain", [], variadic: true).extra.flatMap { try interpreter.iterate($0) }
        return .native(IteratorObject(kind: "itertools.chain", items: items))
    }
}
