import Autograd
import TensorEngine

/// Methods of Python's own types: list, dict, str, float, torch.Size, dtype.
extension Interpreter {
    func valueMethod(_ object: Value, _ name: String) throws -> Value? {
        func method(_ body: @escaping (Interpreter, CallArguments) throws -> Value) -> Value {
            .builtin(Builtin(name, owner: object.typeName, body))
        }
        switch object {
        case let .list(list) where list.isFrozen: return frozenSetMethod(list, name, method)
        case let .list(list) where list.isSet: return setMethod(list, name, method) ?? listMethod(list, name, method)
        case let .list(list): return listMethod(list, name, method)
        case let .dict(dict): return try flavoredDictMethod(dict, name, method) ?? dictMethod(dict, name, method)
        case let .namedTuple(tuple): return namedTupleMethod(tuple, name, method)
        case let .string(text): return stringMethod(text, name, method)
        case let .size(sizes):
            switch name {
            case "numel": return method { _, _ in
                let (count, overflow) = sizes.reduce((1, false)) { product, size in
                    let (next, overflow) = product.0.multipliedReportingOverflow(by: size)
                    return (next, product.1 || overflow)
                }
                if overflow { throw PythonError.overflow("numel() of \(sizes) does not fit in 64 bits") }
                return .int(Int64(count))
            }
            case "index": return method { interpreter, arguments in
                let target = try interpreter.pythonInt(arguments.positional.first ?? .none)
                guard let position = sizes.firstIndex(of: Int(target)) else { throw PythonError.valueError("tuple.index(x): x not in tuple") }
                return .int(Int64(position))
            }
            case "count": return method { interpreter, arguments in
                let target = try interpreter.pythonInt(arguments.positional.first ?? .none)
                return .int(Int64(sizes.filter { $0 == Int(target) }.count))
            }
            default: return nil
            }
        case let .tuple(items):
            switch name {
            case "index": return method { _, arguments in
                guard let position = items.firstIndex(where: { pythonEquals($0, arguments.positional.first ?? .none) }) else {
                    throw PythonError.valueError("tuple.index(x): x not in tuple")
                }
                return .int(Int64(position))
            }
            case "count": return method { _, arguments in
                .int(Int64(items.filter { pythonEquals($0, arguments.positional.first ?? .none) }.count))
            }
            default: return nil
            }
        case let .float(number):
            switch name {
            case "is_integer": return method { _, _ in .bool(number.isFinite && number.rounded() == number) }
            case "real": return .float(number)
            case "imag": return .float(0)
            case "conjugate": return method { _, _ in .float(number) }
            default: return nil
            }
        case let .int(number):
            switch name {
            case "bit_length": return method { _, _ in .int(Int64(64 - number.magnitude.leadingZeroBitCount)) }
            case "real", "numerator": return .int(number)
            case "imag": return .int(0)
            case "denominator": return .int(1)
            case "conjugate": return method { _, _ in .int(number) }
            default: return nil
            }
        case let .dtype(dtype):
            switch name {
            case "is_floating_point": return .bool(dtype.isFloatingPoint)
            case "itemsize": return .int(Int64(dtype.itemSize))
            case "is_signed": return .bool(dtype != .bool && dtype != .uint8)
            default: return nil
            }
        default:
            return nil
        }
    }

    private func listMethod(_ list: ListStorage, _ name: String, _ method: (@escaping (Interpreter, CallArguments) throws -> Value) -> Value) -> Value? {
        switch name {
        case "append": return method { interpreter, arguments in
            guard arguments.positional.count == 1 else { throw PythonError.typeError("list.append() takes exactly one argument (\(arguments.positional.count) given)") }
            try interpreter.limits.checkItems(list.items.count + 1)
            list.items.append(arguments.positional[0])
            return .none
        }
        case "extend": return method { interpreter, arguments in
            let items = try interpreter.iterate(arguments.positional.first ?? .none)
            try interpreter.limits.checkItems(list.items.count + items.count)
            list.items += items
            return .none
        }
        case "insert": return method { interpreter, arguments in
            guard arguments.positional.count == 2 else { throw PythonError.typeError("insert expected 2 arguments") }
            var position = Int(try interpreter.pythonInt(arguments.positional[0]))
            if position < 0 { position += list.items.count }
            list.items.insert(arguments.positional[1], at: min(max(position, 0), list.items.count))
            return .none
        }
        case "pop": return method { interpreter, arguments in
            guard !list.items.isEmpty else { throw PythonError.indexError("pop from empty list") }
            let position = try arguments.positional.first.map {
                try interpreter.normalizedSequenceIndex($0, count: list.items.count, kind: "pop")
            } ?? list.items.count - 1
            return list.items.remove(at: position)
        }
        case "remove": return method { _, arguments in
            guard let position = list.items.firstIndex(where: { pythonEquals($0, arguments.positional.first ?? .none) }) else {
                throw PythonError.valueError("list.remove(x): x not in list")
            }
            list.items.remove(at: position)
            return .none
        }
        case "index": return method { interpreter, arguments in
            guard let position = list.items.firstIndex(where: { pythonEquals($0, arguments.positional.first ?? .none) }) else {
                throw PythonError.valueError("\(try interpreter.repr(arguments.positional.first ?? .none)) is not in list")
            }
            return .int(Int64(position))
        }
        case "count": return method { _, arguments in
            .int(Int64(list.items.filter { pythonEquals($0, arguments.positional.first ?? .none) }.count))
        }
        case "reverse": return method { _, _ in
            list.items.reverse()
            return .none
        }
        case "sort": return method { interpreter, arguments in
            let bound = try arguments.bind("sort", ["*", "key", "reverse"])
            list.items = try interpreter.sortValues(list.items, key: bound.optional("key"), reverse: try bound.bool("reverse", default: false))
            return .none
        }
        case "copy": return method { _, _ in .list(ListStorage(list.items)) }
        case "clear": return method { _, _ in
            list.items.removeAll()
            return .none
        }
        default: return nil
        }
    }

    /// CPython's wording for a method that takes nothing.
    static func requireNoArguments(_ function: String, _ arguments: CallArguments) throws {
        let given = arguments.positional.count + arguments.keywords.count
        if given > 0 { throw PythonError.typeError("\(function)() takes no arguments (\(given) given)") }
    }

    /// A snapshot of the dict's keys, values or items that prints as Python's view class.
    private static func dictView(_ dict: DictStorage, _ kind: String, _ items: [Value]) -> ListStorage {
        let view = ListStorage(items)
        view.dictViewName = (isOrdered(dict.flavor) ? "odict_" : "dict_") + kind
        return view
    }

    private static func isOrdered(_ flavor: DictFlavor) -> Bool {
        if case .ordered = flavor { return true }
        return false
    }

    private func dictMethod(_ dict: DictStorage, _ name: String, _ method: (@escaping (Interpreter, CallArguments) throws -> Value) -> Value) -> Value? {
        switch name {
        case "keys": return method { _, _ in
            let keys = Self.dictView(dict, "keys", dict.entries.map(\.key))
            keys.isKeysView = true
            return .list(keys)
        }
        case "values": return method { _, _ in .list(Self.dictView(dict, "values", dict.entries.map(\.value))) }
        case "items": return method { _, _ in .list(Self.dictView(dict, "items", dict.entries.map { .tuple([$0.key, $0.value]) })) }
        case "get": return method { interpreter, arguments in
            try interpreter.requireHashable(arguments.positional.first ?? .none)
            return dict[arguments.positional.first ?? .none] ?? (arguments.positional.count > 1 ? arguments.positional[1] : .none)
        }
        case "pop": return method { interpreter, arguments in
            let key = arguments.positional.first ?? .none
            if let value = dict[key] {
                dict[key] = nil
                return value
            }
            if arguments.positional.count > 1 { return arguments.positional[1] }
            throw PythonError("KeyError", try interpreter.repr(key))
        }
        case "setdefault": return method { interpreter, arguments in
            let key = arguments.positional.first ?? .none
            try interpreter.requireHashable(key)
            if let value = dict[key] { return value }
            let value = arguments.positional.count > 1 ? arguments.positional[1] : .none
            dict[key] = value
            return value
        }
        case "update": return method { interpreter, arguments in
            try interpreter.update(dict, with: arguments, function: "update")
            return .none
        }
        case "copy": return method { _, _ in .dict(DictStorage(dict.entries)) }
        case "clear": return method { _, arguments in
            try Self.requireNoArguments("dict.clear", arguments)
            dict.entries.removeAll()
            return .none
        }
        default: return nil
        }
    }

    private func stringMethod(_ text: String, _ name: String, _ method: (@escaping (Interpreter, CallArguments) throws -> Value) -> Value) -> Value? {
        switch name {
        case "format": return method { interpreter, arguments in .string(try interpreter.formatMethod(text, arguments)) }
        case "join": return method { interpreter, arguments in
            let parts = try interpreter.iterate(arguments.positional.first ?? .none).map { item -> String in
                guard case let .string(part) = item else {
                    throw PythonError.typeError("sequence item: expected str instance, \(item.typeName) found")
                }
                return part
            }
            let separators = Swift.max(parts.count - 1, 0).multipliedReportingOverflow(by: text.utf8.count)
            try interpreter.limits.checkStringBytes(separators.overflow ? Int.max : parts.reduce(separators.partialValue) { $0 &+ $1.utf8.count })
            return .string(parts.joined(separator: text))
        }
        case "upper": return method { _, _ in .string(text.uppercased()) }
        case "lower": return method { _, _ in .string(text.lowercased()) }
        case "strip": return method { _, _ in .string(text.trimmingCharacters(in: " \t\n\r")) }
        case "split": return method { _, arguments in
            if case let .string(separator)? = arguments.positional.first {
                return .list(ListStorage(text.components(separatedBy: separator).map { .string($0) }))
            }
            return .list(ListStorage(text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map { .string(String($0)) }))
        }
        case "replace": return method { interpreter, arguments in
            guard arguments.positional.count >= 2, case let .string(old) = arguments.positional[0], case let .string(new) = arguments.positional[1] else {
                throw PythonError.typeError("replace expected 2 string arguments")
            }
            if new.utf8.count > old.utf8.count {
                // Growth is bounded by one replacement per character; only a large bound
                // is worth counting the real replacements for.
                let growth = new.utf8.count - old.utf8.count
                let bound = text.utf8.count + (text.utf8.count / Swift.max(old.utf8.count, 1) + 1) * growth
                if bound > interpreter.limits.maxStringBytes {
                    let replacements = old.isEmpty ? text.count + 1 : text.components(separatedBy: old).count - 1
                    try interpreter.limits.checkStringBytes(text.utf8.count + replacements * growth)
                }
            }
            return .string(text.replacingOccurrences(of: old, with: new))
        }
        case "startswith": return method { _, arguments in
            guard case let .string(prefix)? = arguments.positional.first else { throw PythonError.typeError("startswith first arg must be str") }
            return .bool(text.hasPrefix(prefix))
        }
        case "endswith": return method { _, arguments in
            guard case let .string(suffix)? = arguments.positional.first else { throw PythonError.typeError("endswith first arg must be str") }
            return .bool(text.hasSuffix(suffix))
        }
        default: return moreStringMethods(text, name, method)
        }
    }
}
