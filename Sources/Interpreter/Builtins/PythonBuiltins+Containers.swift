import Glibc
import PySyntax
import Autograd
import TensorEngine

/// The builtins that build and order containers: `list`, `tuple`, `set`, `dict`, `sorted`, `any`, `all`.
extension Interpreter {
    /// `list`, `tuple`, `set`, `dict`, `sorted`, `any` and `all`.
    func addContainerBuiltins(to table: inout [String: Value]) {
        table.defineBuiltin("list") { interpreter, arguments in
            let bound = try arguments.bind("list", ["iterable"])
            guard let value = bound.values["iterable"] else { return .list(ListStorage([])) }
            return .list(ListStorage(try interpreter.iterate(value)))
        }
        table.defineBuiltin("tuple") { interpreter, arguments in
            let bound = try arguments.bind("tuple", ["iterable"])
            guard let value = bound.values["iterable"] else { return .tuple([]) }
            return .tuple(try interpreter.iterate(value))
        }
        table.defineBuiltin("set") { interpreter, arguments in try interpreter.makeCheckedSet(try setConstructorItems("set", arguments, interpreter)) }
        table.defineBuiltin("frozenset") { interpreter, arguments in
            interpreter.frozen(try interpreter.makeCheckedSet(try setConstructorItems("frozenset", arguments, interpreter)))
        }
        table.defineBuiltin("dict") { interpreter, arguments in
            let dict = DictStorage()
            try interpreter.update(dict, with: arguments, function: "dict")
            return .dict(dict)
        }
        table.defineBuiltin("sorted") { interpreter, arguments in
            let bound = try arguments.bind("sorted", ["iterable", "*", "key", "reverse"])
            let items = try interpreter.iterate(try bound.value("iterable"))
            return .list(ListStorage(try interpreter.sortValues(items, key: bound.optional("key"), reverse: try bound.bool("reverse", default: false))))
        }
        table.defineBuiltin("any") { interpreter, arguments in
            .bool(try interpreter.containsItem(in: try arguments.bind("any", ["iterable"]).value("iterable")) { try interpreter.truthy($0) })
        }
        table.defineBuiltin("all") { interpreter, arguments in
            .bool(!(try interpreter.containsItem(in: try arguments.bind("all", ["iterable"]).value("iterable")) { !(try interpreter.truthy($0)) }))
        }
    }

    func sortValues(_ items: [Value], key: Value?, reverse: Bool) throws -> [Value] {
        let keys = try items.map { item in try key.map { try call($0, CallArguments([item])) } ?? item }
        if let order = FastSort.order(keys, reverse: reverse) { return order.map { items[$0] } }
        var order = Array(items.indices)
        var failure: Error?
        var comparisons = 0
        // A stable merge sort that can report comparison errors.
        order = mergeSort(order) { left, right in
            if failure != nil { return false }
            do {
                comparisons += 1
                if comparisons & 0xFFFF == 0 { try checkInterrupt() }
                let first = reverse ? keys[right] : keys[left]
                let second = reverse ? keys[left] : keys[right]
                return try truthy(try compare(.less, first, second))
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return order.map { items[$0] }
    }
}

/// A stable merge sort over indices with a comparison that cannot throw.
func mergeSort(_ items: [Int], by less: (Int, Int) -> Bool) -> [Int] {
    guard items.count > 1 else { return items }
    let middle = items.count / 2
    let left = mergeSort(Array(items[..<middle]), by: less)
    let right = mergeSort(Array(items[middle...]), by: less)
    var merged: [Int] = []
    merged.reserveCapacity(items.count)
    var i = 0
    var j = 0
    while i < left.count && j < right.count {
        if less(right[j], left[i]) {
            merged.append(right[j]); j += 1
        } else {
            merged.append(left[i]); i += 1
        }
    }
    merged += left[i...]
    merged += right[j...]
    return merged
}

/// The items `set(iterable)` or `frozenset(iterable)` starts with, refusing what CPython refuses.
private func setConstructorItems(_ name: String, _ arguments: CallArguments, _ interpreter: Interpreter) throws -> [Value] {
    guard arguments.keywords.isEmpty else { throw PythonError.typeError("\(name)() takes no keyword arguments") }
    guard arguments.positional.count <= 1 else {
        throw PythonError.typeError("\(name) expected at most 1 argument, got \(arguments.positional.count)")
    }
    return try arguments.positional.first.map { try interpreter.iterate($0) } ?? []
}

extension Interpreter {
    /// `dict(source, **keywords)` and `d.update(source, **keywords)`: a mapping's entries
    /// (a dict subclass's too), or an iterable of key-value pairs, then the keywords.
    func update(_ dict: DictStorage, with arguments: CallArguments, function: String) throws {
        guard arguments.positional.count <= 1 else {
            throw PythonError.typeError("\(function) expected at most 1 argument, got \(arguments.positional.count)")
        }
        if let source = arguments.positional.first {
            if case let .dict(other) = unwrappingBuiltinSubclass(source) {
                for (key, value) in other.entries { dict[key] = value }
            } else {
                for (position, pair) in try iterate(source).enumerated() {
                    let items: [Value]
                    do {
                        items = try iterate(pair)
                    } catch let error as PythonError where error.type == "TypeError" {
                        throw PythonError.typeError("cannot convert dictionary update sequence element #\(position) to a sequence")
                    }
                    guard items.count == 2 else {
                        throw PythonError.valueError("dictionary update sequence element #\(position) has length \(items.count); 2 is required")
                    }
                    try requireHashable(items[0])
                    dict[items[0]] = items[1]
                }
            }
        }
        for (name, value) in arguments.keywords { dict[.string(name)] = value }
    }
}
