/// `collections`: OrderedDict, defaultdict and Counter (dicts with a flavor), namedtuple, deque.
public enum DictFlavor {
    case plain
    case ordered
    /// `defaultdict(factory)`; None as the factory makes it behave as a plain dict.
    case defaultFactory(Value)
    case counter

    var isPlain: Bool { if case .plain = self { true } else { false } }

    var typeName: String {
        switch self {
        case .plain: "dict"
        case .ordered: "OrderedDict"
        case .defaultFactory: "defaultdict"
        case .counter: "Counter"
        }
    }
}

extension Interpreter {
    func makeCollectionsMembers() -> [String: Value] {
        [
            "OrderedDict": flavoredDictType("OrderedDict") { _, _ in .ordered },
            "defaultdict": flavoredDictType("defaultdict") { arguments, _ in
                let factory = arguments.positional.first ?? .none
                return .defaultFactory(factory)
            },
            "Counter": flavoredDictType("Counter") { _, _ in .counter },
            "namedtuple": stdlibFunction("namedtuple", Self.namedtupleBuiltin),
            "deque": stdlibFunction("deque") { interpreter, arguments in
                let bound = try arguments.bind("deque", ["iterable", "maxlen"])
                let items = try bound.values["iterable"].map { try interpreter.iterate($0) } ?? []
                let maxLength = try bound.optionalInt("maxlen")
                if let maxLength, maxLength < 0 { throw PythonError.valueError("maxlen must be non-negative") }
                return .native(Deque(maxLength.map { Array(items.suffix($0)) } ?? items, maxLength: maxLength))
            },
        ]
    }

    /// A constructor that fills a dict as `dict(...)` would (a Counter counts instead), then marks its flavor.
    private func flavoredDictType(_ name: String, _ flavor: @escaping (CallArguments, Interpreter) throws -> DictFlavor) -> Value {
        stdlibFunction(name) { interpreter, arguments in
            let dictFlavor = try flavor(arguments, interpreter)
            var rest = arguments
            if case .defaultFactory = dictFlavor { rest.positional = Array(rest.positional.dropFirst()) }
            let dict = DictStorage()
            dict.flavor = dictFlavor
            if case .counter = dictFlavor {
                try interpreter.countInto(dict, rest)
            } else if let builtinDict = interpreter.builtinNames["dict"], case let .dict(filled) = try interpreter.call(builtinDict, rest) {
                dict.entries = filled.entries
            }
            return .dict(dict)
        }
    }

    /// `counter.update(iterable_or_mapping)`: adds counts rather than replacing them.
    func countInto(_ counter: DictStorage, _ arguments: CallArguments, sign: Int64 = 1) throws {
        func add(_ key: Value, _ amount: Value) throws {
            let scaled = try binaryOperation(.multiply, amount, .int(sign))
            counter[key] = try binaryOperation(.add, counter[key] ?? .int(0), scaled)
        }
        if let source = arguments.positional.first {
            if case let .dict(mapping) = source {
                for (key, value) in mapping.entries { try add(key, value) }
            } else {
                for item in try iterate(source) { try add(item, .int(1)) }
            }
        }
        for (name, value) in arguments.keywords { try add(.string(name), value) }
    }

    /// `d[key]` for a key that is not there.
    func missingDictItem(_ dict: DictStorage, _ key: Value) throws -> Value {
        switch dict.flavor {
        case let .defaultFactory(factory) where !factory.isNone:
            let value = try call(factory, CallArguments())
            dict[key] = value
            return value
        case .counter: return .int(0)
        default: throw PythonError("KeyError", try repr(key))
        }
    }

    func flavoredDictRepr(_ dict: DictStorage) throws -> String {
        func plain(_ entries: [(key: Value, value: Value)]) throws -> String {
            "{" + (try entries.map { "\(try repr($0.key)): \(try repr($0.value))" }).joined(separator: ", ") + "}"
        }
        switch dict.flavor {
        case .ordered:
            if dict.entries.isEmpty { return "OrderedDict()" }
            return "OrderedDict([" + (try dict.entries.map { "(\(try repr($0.key)), \(try repr($0.value)))" }).joined(separator: ", ") + "])"
        case let .defaultFactory(factory):
            return "defaultdict(\(try factory.isNone ? "None" : repr(factory)), \(try plain(dict.entries)))"
        case .counter:
            if dict.entries.isEmpty { return "Counter()" }
            return "Counter(\(try plain(try mostCommon(dict))))"
        case .plain:
            return try plain(dict.entries)
        }
    }

    /// Entries by count, largest first; equal counts keep insertion order.
    private func mostCommon(_ dict: DictStorage) throws -> [(key: Value, value: Value)] {
        let order = try sortValues(dict.entries.indices.map { .int(Int64($0)) }, key: stdlibFunction("count") { _, arguments in
            dict.entries[Int(try toInt(arguments.positional[0], function: "most_common", argument: "n"))].value
        }, reverse: true)
        return try order.map { dict.entries[try toInt($0, function: "most_common", argument: "n")] }
    }

    func flavoredDictMethod(_ dict: DictStorage, _ name: String, _ method: (@escaping Builtin.Body) -> Value) throws -> Value? {
        switch (dict.flavor, name) {
        case (.counter, "most_common"):
            return method { interpreter, arguments in
                let limit = try arguments.bind("most_common", ["n"]).optionalInt("n")
                let entries = try interpreter.mostCommon(dict)
                return .list(ListStorage(entries.prefix(limit ?? entries.count).map { .tuple([$0.key, $0.value]) }))
            }
        case (.counter, "update"), (.counter, "subtract"):
            return method { interpreter, arguments in
                try interpreter.countInto(dict, arguments, sign: name == "update" ? 1 : -1)
                return .none
            }
        case (.counter, "total"):
            return method { interpreter, _ in try dict.entries.reduce(.int(0)) { try interpreter.binaryOperation(.add, $0, $1.value) } }
        case (.counter, "elements"):
            return method { interpreter, _ in
                let items = try dict.entries.flatMap { entry in Array(repeating: entry.key, count: max(0, Int(try interpreter.pythonInt(entry.value)))) }
                return .native(IteratorObject(kind: "itertools.chain", items: items))
            }
        case (.ordered, "move_to_end"):
            return method { interpreter, arguments in
                let bound = try arguments.bind("move_to_end", ["key", "last"])
                let key = try bound.value("key")
                guard let position = dict.index(of: key) else { throw PythonError("KeyError", try interpreter.repr(key)) }
                let entry = dict.entries.remove(at: position)
                if try bound.bool("last", default: true) { dict.entries.append(entry) } else { dict.entries.insert(entry, at: 0) }
                return .none
            }
        case (_, "popitem"):
            return method { _, arguments in
                let last = try arguments.bind("popitem", ["last"]).bool("last", default: true)
                guard !dict.entries.isEmpty else { throw PythonError("KeyError", "'dictionary is empty'") }
                let entry = last ? dict.entries.removeLast() : dict.entries.removeFirst()
                return .tuple([entry.key, entry.value])
            }
        case (_, "copy"):
            return method { interpreter, _ in try interpreter.shallowCopy(.dict(dict)) }
        case (.defaultFactory(let factory), "default_factory"):
            return factory
        default:
            return nil
        }
    }
}
